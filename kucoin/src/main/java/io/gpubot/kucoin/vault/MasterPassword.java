package io.gpubot.kucoin.vault;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Where a headless run gets the master password: the {@value #ENVIRONMENT_VARIABLE} environment
 * variable or a file such as {@code /dev/fd/3} (a descriptor the caller opened). Never a command-line
 * value, which other users could read from the process list.
 */
public final class MasterPassword {

    public static final String ENVIRONMENT_VARIABLE = "GPUBOT_MASTER_PASSWORD";

    private MasterPassword() {
    }

    /** The password from {@value #ENVIRONMENT_VARIABLE}, if set and non-empty. */
    public static Optional<char[]> fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value.toCharArray());
    }

    /**
     * The first line of the file (without its line ending), e.g. {@code /dev/fd/3}.
     *
     * @throws VaultException when the file cannot be read or holds no password
     */
    public static char[] fromFile(Path file) {
        char[] buffer = new char[256];
        int length = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = reader.read()) != -1 && c != '\n') {
                if (length == buffer.length) {
                    char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
                    Arrays.fill(buffer, '\0');
                    buffer = bigger;
                }
                buffer[length++] = (char) c;
            }
        } catch (IOException e) {
            Arrays.fill(buffer, '\0');
            throw new VaultException(VaultException.Reason.IO, "cannot read the master password from " + file + ": " + e.getClass().getSimpleName());
        }
        if (length > 0 && buffer[length - 1] == '\r') length--;
        char[] password = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        if (password.length == 0) throw new VaultException(VaultException.Reason.BAD_MASTER_PASSWORD, "the master password file " + file + " is empty");
        return password;
    }

    /**
     * Checks the two entries of a new master password agree and are not empty; clears the second.
     *
     * @throws VaultException {@code BAD_MASTER_PASSWORD} otherwise
     */
    public static char[] confirm(char[] first, char[] second) {
        try {
            if (first == null || first.length == 0) {
                throw new VaultException(VaultException.Reason.BAD_MASTER_PASSWORD, "the master password must not be empty");
            }
            byte[] a = CredentialsVault.utf8(first);
            byte[] b = second == null ? new byte[0] : CredentialsVault.utf8(second);
            boolean same = java.security.MessageDigest.isEqual(a, b);
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
            if (!same) throw new VaultException(VaultException.Reason.BAD_MASTER_PASSWORD, "the two master password entries differ");
            return first;
        } finally {
            if (second != null) Arrays.fill(second, '\0');
        }
    }

    /** The password file if one is given, else the environment variable. */
    public static Optional<char[]> headless(Map<String, String> environment, Path passwordFile) {
        if (passwordFile != null) return Optional.of(fromFile(passwordFile));
        return fromEnvironment(environment);
    }
}
