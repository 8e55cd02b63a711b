package io.gpubot.kucoin.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpubot.kucoin.ExchangeEnvironment;
import io.gpubot.kucoin.KucoinCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsVaultTest {

    private static final String KEY = "6570aa1bcd0c3e0001a1b2c3";
    private static final String SECRET = "f3b1c2d4-secret-9e8f-a7b6c5d4e3f2";
    private static final String PASSPHRASE = "my-passphrase-XYZ";
    private static final char[] MASTER = "correct horse battery staple".toCharArray();

    @TempDir
    Path tmp;

    private CredentialsVault fastVault(Path home) {
        return new CredentialsVault(home, 1_000, 1_000, new SecureRandom());
    }

    private static StoredCredentials credentials(ExchangeEnvironment environment) {
        return new StoredCredentials(new KucoinCredentials(KEY.toCharArray(), SECRET.toCharArray(), PASSPHRASE.toCharArray()), environment);
    }

    @Test
    void roundTripWithTheProductionIterationCount() throws Exception {
        Path home = tmp.resolve("home");
        CredentialsVault vault = new CredentialsVault(home);
        vault.save(credentials(ExchangeEnvironment.LIVE), MASTER);
        String file = Files.readString(vault.file());
        assertThat(file).contains("\"iterations\" : 600000").doesNotContain(SECRET).doesNotContain(PASSPHRASE).doesNotContain(KEY);
        try (StoredCredentials loaded = vault.load(MASTER)) {
            assertThat(new String(loaded.credentials().apiSecret())).isEqualTo(SECRET);
            assertThat(new String(loaded.credentials().apiPassphrase())).isEqualTo(PASSPHRASE);
            assertThat(new String(loaded.credentials().apiKey())).isEqualTo(KEY);
            assertThat(loaded.environment()).isEqualTo(ExchangeEnvironment.LIVE);
        }
    }

    @Test
    void filesArePrivateFromTheStart() throws Exception {
        Path home = tmp.resolve("nested").resolve(".gpu_bot");
        CredentialsVault vault = fastVault(home);
        vault.save(credentials(ExchangeEnvironment.LIVE), MASTER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        try (var listing = Files.list(home)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("credentials.enc");
        }
        VaultStatus status = vault.status();
        assertThat(status.state()).isEqualTo(VaultStatus.State.ENCRYPTED);
        assertThat(status.permissionsArePrivate()).isTrue();
        assertThat(status.maskedApiKey()).isEmpty();
        Files.setPosixFilePermissions(vault.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(vault.status().permissionsArePrivate()).isFalse();
        vault.save(credentials(ExchangeEnvironment.LIVE), MASTER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.file()))).isEqualTo("rw-------");
    }

    @Test
    void statusWithThePasswordShowsTheMaskedKeyAndEnvironment() {
        CredentialsVault vault = fastVault(tmp);
        vault.save(credentials(ExchangeEnvironment.sandbox(URI.create("http://127.0.0.1:8080"))), MASTER);
        VaultStatus status = vault.status(MASTER);
        assertThat(status.maskedApiKey()).contains("6570****************b2c3");
        assertThat(status.environment()).contains("sandbox http://127.0.0.1:8080");
    }

    @Test
    void aWrongPasswordIsAClearError() {
        CredentialsVault vault = fastVault(tmp);
        vault.save(credentials(ExchangeEnvironment.LIVE), MASTER);
        assertThatThrownBy(() -> vault.load("wrong".toCharArray()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED))
                .hasMessageContaining("wrong master password");
    }

    @Test
    void anyChangeToTheFileIsDetected() throws Exception {
        CredentialsVault vault = fastVault(tmp);
        vault.save(credentials(ExchangeEnvironment.LIVE), MASTER);
        String original = Files.readString(vault.file());
        var header = new com.fasterxml.jackson.databind.ObjectMapper().readTree(original);
        byte[] ciphertext = Base64.getDecoder().decode(header.path("ciphertext").asText());
        ciphertext[5] ^= 0x01;
        Files.writeString(vault.file(), original.replace(header.path("ciphertext").asText(), Base64.getEncoder().encodeToString(ciphertext)));
        assertThatThrownBy(() -> vault.load(MASTER))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED));

        byte[] nonce = Base64.getDecoder().decode(header.path("nonce").asText());
        nonce[0] ^= 0x01;
        Files.writeString(vault.file(), original.replace(header.path("nonce").asText(), Base64.getEncoder().encodeToString(nonce)));
        assertThatThrownBy(() -> vault.load(MASTER)).isInstanceOf(VaultException.class);

        Files.writeString(vault.file(), original.replace("\"iterations\" : 1000", "\"iterations\" : 1001"));
        assertThatThrownBy(() -> vault.load(MASTER))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED));

        Files.writeString(vault.file(), "{ this is not json");
        assertThatThrownBy(() -> vault.load(MASTER))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.CORRUPT));
    }

    @Test
    void aDowngradedIterationCountIsRefused() throws Exception {
        CredentialsVault weak = fastVault(tmp);
        weak.save(credentials(ExchangeEnvironment.LIVE), MASTER);
        assertThatThrownBy(() -> new CredentialsVault(tmp).load(MASTER))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED));
    }

    @Test
    void aTamperedHugeIterationCountIsCalledDamagedAtOnce() throws Exception {
        CredentialsVault vault = fastVault(tmp);
        vault.save(credentials(ExchangeEnvironment.LIVE), MASTER);
        Files.writeString(vault.file(), Files.readString(vault.file()).replace("\"iterations\" : 1000", "\"iterations\" : 2000000000"));
        // Refused before any key derivation: two billion PBKDF2 rounds would take hours.
        assertThatThrownBy(() -> vault.load(MASTER))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.CORRUPT))
                .hasMessage(vault.file() + " is damaged: it claims 2000000000 key-derivation iterations (gpubot writes 600000);"
                        + " delete it with gpubot credentials delete and store the credentials again with gpubot credentials set");
    }

    @Test
    void anEmptyOrRandomFileIsDamagedNotLegacy() throws Exception {
        CredentialsVault vault = fastVault(tmp);
        Files.createDirectories(tmp);
        for (byte[] content : new byte[][] {new byte[0], new java.util.Random(3).ints(200, 0, 256).collect(java.io.ByteArrayOutputStream::new,
                (b, i) -> b.write(i), (a, b) -> a.write(b.toByteArray(), 0, b.size())).toByteArray(), "hello".getBytes()}) {
            Files.write(vault.file(), content);
            assertThat(vault.status().state()).isEqualTo(VaultStatus.State.DAMAGED);
            assertThatThrownBy(() -> vault.load(MASTER))
                    .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.CORRUPT))
                    .hasMessageContaining("is damaged: it is neither a gpubot credentials file nor the original system's");
        }
    }

    @Test
    void aNewMasterPasswordMustBeLongButAnOldShortOneStillOpens() {
        CredentialsVault vault = fastVault(tmp);
        assertThatThrownBy(() -> vault.save(credentials(ExchangeEnvironment.LIVE), "x".toCharArray()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.BAD_MASTER_PASSWORD))
                .hasMessage("a new master password needs at least 10 characters, not all the same; a few words are easy to remember"
                        + " (credentials stored under a shorter one still open with it)");
        assertThatThrownBy(() -> vault.save(credentials(ExchangeEnvironment.LIVE), "aaaaaaaaaaaa".toCharArray()))
                .isInstanceOf(VaultException.class);
        assertThat(vault.exists()).isFalse();
        vault.save(credentials(ExchangeEnvironment.LIVE), "short".toCharArray(), true);  // as stored before the rule
        try (StoredCredentials stored = vault.load("short".toCharArray())) {
            assertThat(new String(stored.credentials().apiKey())).isEqualTo(KEY);
        }
    }

    @Test
    void missingFileAndDelete() {
        CredentialsVault vault = fastVault(tmp);
        assertThat(vault.status().state()).isEqualTo(VaultStatus.State.MISSING);
        assertThatThrownBy(() -> vault.load(MASTER))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.MISSING))
                .hasMessageContaining("gpubot credentials set");
        vault.save(credentials(ExchangeEnvironment.LIVE), MASTER);
        assertThat(vault.delete()).isTrue();
        assertThat(vault.exists()).isFalse();
        assertThat(vault.delete()).isFalse();
    }

    @Test
    void settingNewCredentialsOverALegacyFileRemovesItsKey() throws Exception {
        Files.writeString(tmp.resolve("credentials.enc"), FernetTokens.encrypt(new byte[32], "{}".getBytes(StandardCharsets.UTF_8), 1L, new byte[16]));
        Files.writeString(tmp.resolve(".key"), Base64.getUrlEncoder().encodeToString(new byte[32]));
        CredentialsVault vault = fastVault(tmp);
        vault.save(credentials(ExchangeEnvironment.LIVE), MASTER);
        assertThat(tmp.resolve(".key")).doesNotExist();
        assertThat(vault.status().state()).isEqualTo(VaultStatus.State.ENCRYPTED);
    }

    @Test
    void anEmptyMasterPasswordIsRefused() {
        assertThatThrownBy(() -> fastVault(tmp).save(credentials(ExchangeEnvironment.LIVE), new char[0]))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.BAD_MASTER_PASSWORD));
    }

    @Test
    void importsTheOriginalSystemsFernetFileAndDeletesItsKey() throws Exception {
        byte[] fernetKey = new byte[32];
        new SecureRandom().nextBytes(fernetKey);
        String legacyJson = "{\"api_key\": \"" + KEY + "\", \"api_secret\": \"" + SECRET + "\", \"api_passphrase\": \"" + PASSPHRASE + "\"}";
        Files.writeString(tmp.resolve(".key"), Base64.getUrlEncoder().encodeToString(fernetKey) + "\n");
        Files.writeString(tmp.resolve("credentials.enc"), FernetTokens.encrypt(fernetKey, legacyJson.getBytes(StandardCharsets.UTF_8), 1_700_000_000L, new byte[16]));
        CredentialsVault vault = fastVault(tmp);
        assertThat(vault.status().state()).isEqualTo(VaultStatus.State.LEGACY);
        assertThat(vault.status().legacyKeyPresent()).isTrue();
        assertThatThrownBy(() -> vault.load(MASTER))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.LEGACY_FORMAT));

        vault.importLegacy(MASTER, ExchangeEnvironment.LIVE).close();

        assertThat(tmp.resolve(".key")).doesNotExist();
        assertThat(vault.status().state()).isEqualTo(VaultStatus.State.ENCRYPTED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.file()))).isEqualTo("rw-------");
        try (StoredCredentials loaded = vault.load(MASTER)) {
            assertThat(new String(loaded.credentials().apiSecret())).isEqualTo(SECRET);
            assertThat(new String(loaded.credentials().apiPassphrase())).isEqualTo(PASSPHRASE);
            assertThat(loaded.environment()).isEqualTo(ExchangeEnvironment.LIVE);
        }
    }

    @Test
    void importAcceptsOtherKeySpellingsAndANamedSandbox() throws Exception {
        byte[] fernetKey = new byte[32];
        new SecureRandom().nextBytes(fernetKey);
        String legacyJson = "{\"apiKey\": \"" + KEY + "\", \"secret\": \"" + SECRET + "\", \"passphrase\": \"" + PASSPHRASE
                + "\", \"base_url\": \"https://api-sandbox-futures.kucoin.com\"}";
        Files.write(tmp.resolve(".key"), Base64.getUrlEncoder().encode(fernetKey));
        Files.writeString(tmp.resolve("credentials.enc"), FernetTokens.encrypt(fernetKey, legacyJson.getBytes(StandardCharsets.UTF_8), 1L, new byte[16]));
        try (StoredCredentials imported = fastVault(tmp).importLegacy(MASTER, ExchangeEnvironment.LIVE)) {
            assertThat(imported.environment()).isEqualTo(ExchangeEnvironment.sandbox(URI.create("https://api-sandbox-futures.kucoin.com")));
            assertThat(new String(imported.credentials().apiKey())).isEqualTo(KEY);
        }
    }

    @Test
    void importWithoutTheKeyFileOrWithTheWrongKeyFails() throws Exception {
        byte[] fernetKey = new byte[32];
        Files.writeString(tmp.resolve("credentials.enc"), FernetTokens.encrypt(fernetKey, "{}".getBytes(StandardCharsets.UTF_8), 1L, new byte[16]));
        CredentialsVault vault = fastVault(tmp);
        assertThatThrownBy(() -> vault.importLegacy(MASTER, ExchangeEnvironment.LIVE))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.LEGACY_KEY));
        byte[] otherKey = new byte[32];
        otherKey[3] = 9;
        Files.writeString(tmp.resolve(".key"), Base64.getUrlEncoder().encodeToString(otherKey));
        assertThatThrownBy(() -> vault.importLegacy(MASTER, ExchangeEnvironment.LIVE))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED));
        assertThat(tmp.resolve(".key")).exists();
    }

    @Test
    void noSecretAppearsInAnyMessageOrToString() throws Exception {
        List<String> texts = new ArrayList<>();
        CredentialsVault vault = fastVault(tmp);
        StoredCredentials stored = credentials(ExchangeEnvironment.LIVE);
        texts.add(stored.toString());
        texts.add(stored.credentials().toString());
        vault.save(stored, MASTER);
        texts.add(vault.status().toString());
        texts.add(vault.status(MASTER).toString());
        collect(texts, () -> vault.load("nope".toCharArray()));
        String file = Files.readString(vault.file());
        Files.writeString(vault.file(), file.replace("\"ciphertext\" : \"", "\"ciphertext\" : \"AAAA"));
        collect(texts, () -> vault.load(MASTER));
        byte[] fernetKey = new byte[32];
        String legacyJson = "{\"api_key\": \"" + KEY + "\", \"api_secret\": \"" + SECRET + "\"}";
        Files.writeString(vault.file(), FernetTokens.encrypt(fernetKey, legacyJson.getBytes(StandardCharsets.UTF_8), 1L, new byte[16]));
        Files.writeString(tmp.resolve(".key"), Base64.getUrlEncoder().encodeToString(fernetKey));
        collect(texts, () -> vault.importLegacy(MASTER, ExchangeEnvironment.LIVE));
        Path passwordFile = tmp.resolve("missing-password-file");
        collect(texts, () -> MasterPassword.fromFile(passwordFile));
        assertThat(texts).hasSizeGreaterThan(8);
        for (String text : texts) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(PASSPHRASE).doesNotContain(KEY).doesNotContain(new String(MASTER));
        }
    }

    private static void collect(List<String> texts, Runnable action) {
        try {
            action.run();
            throw new AssertionError("expected a failure");
        } catch (VaultException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
                texts.add(t.toString());
            }
        }
    }

    @Test
    void headlessMasterPasswordFromEnvironmentOrFile() throws Exception {
        assertThat(MasterPassword.fromEnvironment(Map.of("GPUBOT_MASTER_PASSWORD", "pw"))).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("pw"));
        assertThat(MasterPassword.fromEnvironment(Map.of())).isEmpty();
        Path file = tmp.resolve("fd3");
        Files.writeString(file, "from file\r\nignored second line\n");
        assertThat(new String(MasterPassword.headless(Map.of("GPUBOT_MASTER_PASSWORD", "pw"), file).orElseThrow())).isEqualTo("from file");
        assertThat(new String(MasterPassword.headless(Map.of("GPUBOT_MASTER_PASSWORD", "pw"), null).orElseThrow())).isEqualTo("pw");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> MasterPassword.fromFile(file))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.BAD_MASTER_PASSWORD));
    }

    @Test
    void aNewMasterPasswordMustBeEnteredTwiceAlike() {
        char[] second = "same".toCharArray();
        assertThat(new String(MasterPassword.confirm("same".toCharArray(), second))).isEqualTo("same");
        assertThat(second).containsOnly('\0');
        assertThatThrownBy(() -> MasterPassword.confirm("one".toCharArray(), "two".toCharArray()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.BAD_MASTER_PASSWORD))
                .hasMessageNotContaining("one").hasMessageNotContaining("two entries are");
        assertThatThrownBy(() -> MasterPassword.confirm(new char[0], new char[0])).isInstanceOf(VaultException.class);
    }

    @Test
    void homeFolderFromEnvironment() {
        assertThat(CredentialsVault.defaultHome(Map.of("GPUBOT_HOME", "/srv/gpubot"))).isEqualTo(Path.of("/srv/gpubot"));
        assertThat(CredentialsVault.defaultHome(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".gpu_bot"));
    }
}
