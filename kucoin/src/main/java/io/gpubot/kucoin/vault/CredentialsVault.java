package io.gpubot.kucoin.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpubot.kucoin.ExchangeEnvironment;
import io.gpubot.kucoin.KucoinCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encrypted store of the KuCoin API credentials (DESIGN §8): {@code <home>/credentials.enc},
 * folder 0700, file 0600. The AES-256-GCM key is derived from the master password with
 * PBKDF2-HMAC-SHA256 (at least {@value #MIN_ITERATIONS} iterations, random salt) each time and
 * never stored. The file header (format, iterations, salt, nonce) is authenticated with the
 * ciphertext, so any change to the file is detected.
 *
 * <p>Also imports the original system's layout once: a Fernet token in {@code credentials.enc}
 * with its key in {@code .key}; after re-encryption the key file is deleted.
 */
public final class CredentialsVault {

    private static final Logger log = LoggerFactory.getLogger(CredentialsVault.class);

    public static final int MIN_ITERATIONS = 600_000;
    /**
     * The most key-derivation iterations a file may claim: a tampered count (two billion) would otherwise
     * keep PBKDF2 busy for hours. gpubot writes {@value #MIN_ITERATIONS}; this leaves room for stronger settings.
     */
    public static final int MAX_ITERATIONS = 10_000_000;
    /** A new master password's fewest characters (a few words are easy to remember and long enough). */
    public static final int MIN_MASTER_PASSWORD_LENGTH = 10;
    public static final String FILE_NAME = "credentials.enc";
    public static final String LEGACY_KEY_FILE_NAME = ".key";
    public static final String HOME_ENVIRONMENT_VARIABLE = "GPUBOT_HOME";

    private static final String FORMAT = "gpubot-credentials";
    private static final int VERSION = 1;
    private static final String KDF = "PBKDF2WithHmacSHA256";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path home;
    private final int iterations;
    private final int minimumIterationsToRead;
    private final SecureRandom random;

    /** A vault in {@code home} (the folder that {@code --home} / {@value #HOME_ENVIRONMENT_VARIABLE} name). */
    public CredentialsVault(Path home) {
        this(home, MIN_ITERATIONS, MIN_ITERATIONS, new SecureRandom());
    }

    /** For tests: fewer iterations keep them fast; production always uses {@link #CredentialsVault(Path)}. */
    CredentialsVault(Path home, int iterations, int minimumIterationsToRead, SecureRandom random) {
        this.home = home;
        this.iterations = iterations;
        this.minimumIterationsToRead = minimumIterationsToRead;
        this.random = random;
    }

    /** {@value #HOME_ENVIRONMENT_VARIABLE} if set, else {@code ~/.gpu_bot}. */
    public static Path defaultHome(Map<String, String> environment) {
        String configured = environment.get(HOME_ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        return Path.of(System.getProperty("user.home"), ".gpu_bot");
    }

    public Path home() {
        return home;
    }

    public Path file() {
        return home.resolve(FILE_NAME);
    }

    public Path legacyKeyFile() {
        return home.resolve(LEGACY_KEY_FILE_NAME);
    }

    /** True when a credentials file (either format) exists. */
    public boolean exists() {
        return Files.exists(file());
    }

    /**
     * Encrypts and stores the credentials, replacing any earlier file atomically (and deleting a
     * leftover legacy {@code .key} file).
     *
     * @throws VaultException when the master password is empty or the file cannot be written
     */
    public void save(StoredCredentials stored, char[] masterPassword) {
        requireStrongNewPassword(masterPassword);
        save(stored, masterPassword, true);
    }

    /**
     * A new master password has at least {@value #MIN_MASTER_PASSWORD_LENGTH} characters, not all the same.
     * Files stored before the rule still open with their password: only writing checks it.
     */
    private static void requireStrongNewPassword(char[] masterPassword) {
        if (masterPassword != null && masterPassword.length > 0
                && (masterPassword.length < MIN_MASTER_PASSWORD_LENGTH || allSame(masterPassword))) {
            throw new VaultException(VaultException.Reason.BAD_MASTER_PASSWORD, "a new master password needs at least "
                    + MIN_MASTER_PASSWORD_LENGTH + " characters, not all the same; a few words are easy to remember"
                    + " (credentials stored under a shorter one still open with it)");
        }
    }

    /** Without the new-password rule: how files stored before it were written (tests read them back). */
    void save(StoredCredentials stored, char[] masterPassword, boolean deleteLegacyKey) {
        if (masterPassword == null || masterPassword.length == 0) {
            throw new VaultException(VaultException.Reason.BAD_MASTER_PASSWORD, "the master password must not be empty");
        }
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] nonce = randomBytes(NONCE_BYTES);
        byte[] plaintext = encodePayload(stored);
        byte[] key = deriveKey(masterPassword, salt, iterations);
        try {
            ObjectNode header = JSON.createObjectNode();
            header.put("format", FORMAT);
            header.put("version", VERSION);
            header.put("kdf", KDF);
            header.put("iterations", iterations);
            header.put("salt", Base64.getEncoder().encodeToString(salt));
            header.put("cipher", CIPHER);
            header.put("nonce", Base64.getEncoder().encodeToString(nonce));
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(header));
            byte[] ciphertext = cipher.doFinal(plaintext);
            header.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
            writePrivately(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(header));
            // The legacy token, if any, was just replaced; its key protects nothing any more.
            if (deleteLegacyKey) Files.deleteIfExists(legacyKeyFile());
        } catch (GeneralSecurityException e) {
            throw new VaultException(VaultException.Reason.IO, "encryption failed: " + e.getClass().getSimpleName());
        } catch (IOException e) {
            throw new VaultException(VaultException.Reason.IO, "cannot write " + file() + ": " + e.getMessage());
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Decrypts the stored credentials.
     *
     * @throws VaultException {@code MISSING}, {@code LEGACY_FORMAT}, {@code CORRUPT} or
     *                        {@code WRONG_PASSWORD_OR_TAMPERED}
     */
    public StoredCredentials load(char[] masterPassword) {
        JsonNode header = readHeader();
        int fileIterations = header.path("iterations").asInt(0);
        if (!FORMAT.equals(header.path("format").asText()) || header.path("version").asInt() != VERSION
                || !KDF.equals(header.path("kdf").asText()) || !CIPHER.equals(header.path("cipher").asText())) {
            throw new VaultException(VaultException.Reason.CORRUPT, file() + " is not a gpubot credentials file of a version this program reads");
        }
        if (fileIterations > MAX_ITERATIONS) {
            throw new VaultException(VaultException.Reason.CORRUPT, file() + " is damaged: it claims " + fileIterations
                    + " key-derivation iterations (gpubot writes " + MIN_ITERATIONS + "); delete it with gpubot credentials delete"
                    + " and store the credentials again with gpubot credentials set");
        }
        if (fileIterations < minimumIterationsToRead) {
            throw new VaultException(VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED,
                    file() + " claims only " + fileIterations + " key-derivation iterations; the file was modified");
        }
        byte[] salt;
        byte[] nonce;
        byte[] ciphertext;
        try {
            salt = Base64.getDecoder().decode(header.path("salt").asText());
            nonce = Base64.getDecoder().decode(header.path("nonce").asText());
            ciphertext = Base64.getDecoder().decode(header.path("ciphertext").asText());
        } catch (IllegalArgumentException e) {
            throw new VaultException(VaultException.Reason.CORRUPT, file() + " is damaged (bad base64)");
        }
        if (salt.length < SALT_BYTES || nonce.length != NONCE_BYTES) {
            throw new VaultException(VaultException.Reason.CORRUPT, file() + " is damaged (salt or nonce has the wrong length)");
        }
        ObjectNode aadHeader = ((ObjectNode) header).deepCopy();
        aadHeader.remove("ciphertext");
        byte[] key = deriveKey(masterPassword, salt, fileIterations);
        byte[] plaintext = null;
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(aadHeader));
            plaintext = cipher.doFinal(ciphertext);
            warnIfReadableByOthers();
            return decodePayload(plaintext);
        } catch (AEADBadTagException e) {
            throw new VaultException(VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED,
                    "cannot unlock " + file() + ": wrong master password, or the file was modified");
        } catch (GeneralSecurityException e) {
            throw new VaultException(VaultException.Reason.CORRUPT, "cannot decrypt " + file() + ": " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(key, (byte) 0);
            if (plaintext != null) Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** What can be told without the master password: file kind and permissions. */
    public VaultStatus status() {
        return new VaultStatus(file(), state(), permissions(file()), permissions(home), Files.exists(legacyKeyFile()),
                Optional.empty(), Optional.empty());
    }

    /** The status with the masked key id and the environment, which need the master password. */
    public VaultStatus status(char[] masterPassword) {
        try (StoredCredentials stored = load(masterPassword)) {
            return new VaultStatus(file(), VaultStatus.State.ENCRYPTED, permissions(file()), permissions(home),
                    Files.exists(legacyKeyFile()), Optional.of(stored.credentials().maskedKey()),
                    Optional.of(stored.environment().name() + " " + stored.environment().baseUrl()));
        }
    }

    /** Deletes the credentials file and any legacy key file; true if something was deleted. */
    public boolean delete() {
        try {
            boolean deleted = Files.deleteIfExists(file());
            deleted |= Files.deleteIfExists(legacyKeyFile());
            return deleted;
        } catch (IOException e) {
            throw new VaultException(VaultException.Reason.IO, "cannot delete the credentials: " + e.getMessage());
        }
    }

    /**
     * Reads the original system's Fernet-encrypted credentials with its {@code .key} file,
     * stores them in this vault's format under the master password, checks the new file can be
     * read back, and deletes the {@code .key} file.
     *
     * @param environmentIfUnstated used when the legacy JSON names no environment
     * @return the imported credentials (close them when done)
     */
    public StoredCredentials importLegacy(char[] masterPassword, ExchangeEnvironment environmentIfUnstated) {
        requireStrongNewPassword(masterPassword);
        if (state() == VaultStatus.State.MISSING) {
            throw new VaultException(VaultException.Reason.MISSING, "no legacy credentials at " + file());
        }
        if (state() == VaultStatus.State.ENCRYPTED) {
            throw new VaultException(VaultException.Reason.CORRUPT, file() + " is already in gpubot's format; nothing to import");
        }
        if (!Files.isRegularFile(legacyKeyFile())) {
            throw new VaultException(VaultException.Reason.LEGACY_KEY, "the legacy key file " + legacyKeyFile() + " is missing");
        }
        byte[] keyFile = null;
        byte[] fernetKey = null;
        byte[] plaintext = null;
        try {
            keyFile = Files.readAllBytes(legacyKeyFile());
            fernetKey = Fernet.parseKey(keyFile);
            String token = Files.readString(file(), StandardCharsets.US_ASCII);
            plaintext = Fernet.decrypt(token, fernetKey);
            StoredCredentials stored = LegacyCredentials.parse(plaintext, environmentIfUnstated);
            // The key file goes only once the new file has been read back successfully.
            save(stored, masterPassword, false);
            load(masterPassword).close();
            Files.delete(legacyKeyFile());
            log.info("Imported the legacy credentials into {} and deleted the legacy key file", file());
            return stored;
        } catch (IOException e) {
            throw new VaultException(VaultException.Reason.IO, "cannot read the legacy credentials: " + e.getMessage());
        } finally {
            if (keyFile != null) Arrays.fill(keyFile, (byte) 0);
            if (fernetKey != null) Arrays.fill(fernetKey, (byte) 0);
            if (plaintext != null) Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static boolean allSame(char[] password) {
        for (char c : password) {
            if (c != password[0]) return false;
        }
        return true;
    }

    // ---- file handling ----

    private VaultStatus.State state() {
        if (!Files.exists(file())) return VaultStatus.State.MISSING;
        try (var in = Files.newInputStream(file())) {
            byte[] start = in.readNBytes(16);
            String s = new String(start, StandardCharsets.US_ASCII).trim();
            if (s.startsWith("{")) return VaultStatus.State.ENCRYPTED;
            // A Fernet token is base64url of version byte 0x80 and a big-endian timestamp whose top bytes are zero:
            // it always starts "gAAAAA" (https://github.com/fernet/spec/blob/master/Spec.md). Anything else is damaged.
            return s.startsWith("gAAAAA") ? VaultStatus.State.LEGACY : VaultStatus.State.DAMAGED;
        } catch (IOException e) {
            throw new VaultException(VaultException.Reason.IO, "cannot read " + file() + ": " + e.getMessage());
        }
    }

    private JsonNode readHeader() {
        VaultStatus.State state = state();
        if (state == VaultStatus.State.MISSING) {
            throw new VaultException(VaultException.Reason.MISSING, "no credentials stored at " + file() + "; run 'gpubot credentials set'");
        }
        if (state == VaultStatus.State.DAMAGED) {
            throw new VaultException(VaultException.Reason.CORRUPT, file() + " is damaged: it is neither a gpubot credentials file nor"
                    + " the original system's; delete it with gpubot credentials delete and store the credentials again with gpubot credentials set");
        }
        if (state == VaultStatus.State.LEGACY) {
            throw new VaultException(VaultException.Reason.LEGACY_FORMAT,
                    file() + " is in the original system's format; run 'gpubot credentials import-legacy'");
        }
        try {
            JsonNode header = JSON.readTree(Files.readAllBytes(file()));
            if (header == null || !header.isObject()) throw new IOException("not a JSON object");
            return header;
        } catch (IOException e) {
            throw new VaultException(VaultException.Reason.CORRUPT, file() + " is damaged: not a readable credentials file");
        }
    }

    private void writePrivately(byte[] content) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(home)) {
            if (posix) Files.createDirectories(home, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            else Files.createDirectories(home);
        }
        if (posix) Files.setPosixFilePermissions(home, OWNER_DIR);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        // The temporary file is created with 0600 from the start, so the content is never readable by others.
        Path temp = Files.createTempFile(home, ".credentials-", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            try {
                Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void warnIfReadableByOthers() {
        Optional<String> perms = permissions(file());
        if (perms.isPresent() && !perms.get().equals("rw-------")) {
            log.warn("{} has permissions {}; it should be rw------- (chmod 600)", file(), perms.get());
        }
    }

    private static Optional<String> permissions(Path path) {
        if (!Files.exists(path) || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return Optional.empty();
        try {
            return Optional.of(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ---- crypto ----

    private static byte[] deriveKey(char[] password, byte[] salt, int iterations) {
        if (password == null || password.length == 0) {
            throw new VaultException(VaultException.Reason.BAD_MASTER_PASSWORD, "the master password must not be empty");
        }
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(KDF + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] associatedData(JsonNode header) {
        return (header.path("format").asText() + "|" + header.path("version").asInt() + "|" + header.path("kdf").asText() + "|"
                + header.path("iterations").asInt() + "|" + header.path("salt").asText() + "|" + header.path("cipher").asText() + "|"
                + header.path("nonce").asText()).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    // ---- payload: length-prefixed UTF-8 fields, so the secrets never become Strings ----

    private static byte[] encodePayload(StoredCredentials stored) {
        List<byte[]> fields = new ArrayList<>();
        char[] key = stored.credentials().apiKey();
        char[] secret = stored.credentials().apiSecret();
        char[] passphrase = stored.credentials().apiPassphrase();
        try {
            fields.add(utf8(key));
            fields.add(utf8(secret));
            fields.add(utf8(passphrase));
            fields.add(stored.environment().name().getBytes(StandardCharsets.UTF_8));
            fields.add(stored.environment().baseUrl().toString().getBytes(StandardCharsets.UTF_8));
            int size = 0;
            for (byte[] f : fields) size += 4 + f.length;
            ByteBuffer buffer = ByteBuffer.allocate(size);
            for (byte[] f : fields) buffer.putInt(f.length).put(f);
            return buffer.array();
        } finally {
            Arrays.fill(key, '\0');
            Arrays.fill(secret, '\0');
            Arrays.fill(passphrase, '\0');
            fields.forEach(f -> Arrays.fill(f, (byte) 0));
        }
    }

    private StoredCredentials decodePayload(byte[] plaintext) {
        ByteBuffer buffer = ByteBuffer.wrap(plaintext);
        char[][] secrets = new char[3][];
        try {
            for (int i = 0; i < 3; i++) secrets[i] = chars(nextField(buffer));
            String name = new String(nextField(buffer), StandardCharsets.UTF_8);
            URI url = URI.create(new String(nextField(buffer), StandardCharsets.UTF_8));
            return new StoredCredentials(new KucoinCredentials(secrets[0], secrets[1], secrets[2]), new ExchangeEnvironment(name, url));
        } catch (RuntimeException e) {
            if (e instanceof VaultException v) throw v;
            throw new VaultException(VaultException.Reason.CORRUPT, file() + " decrypted but its content is not valid credentials");
        } finally {
            for (char[] s : secrets) if (s != null) Arrays.fill(s, '\0');
        }
    }

    private byte[] nextField(ByteBuffer buffer) {
        if (buffer.remaining() < 4) throw new VaultException(VaultException.Reason.CORRUPT, file() + " holds truncated credentials");
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) throw new VaultException(VaultException.Reason.CORRUPT, file() + " holds truncated credentials");
        byte[] field = new byte[length];
        buffer.get(field);
        return field;
    }

    static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    static char[] chars(byte[] utf8) {
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8));
            char[] chars = Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
            Arrays.fill(decoded.array(), '\0');
            return chars;
        } catch (CharacterCodingException e) {
            throw new VaultException(VaultException.Reason.CORRUPT, "credentials are not valid UTF-8");
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }
}
