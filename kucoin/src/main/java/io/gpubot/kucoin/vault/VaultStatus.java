package io.gpubot.kucoin.vault;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code gpubot credentials status} shows.
 *
 * @param file               the credentials file
 * @param state              whether the file is missing, in gpubot's format, the original system's, or neither (damaged)
 * @param filePermissions    POSIX permissions such as {@code rw-------}, when the file exists and the file system has them
 * @param directoryPermissions POSIX permissions of the home folder
 * @param legacyKeyPresent   whether the original system's {@code .key} file is still there
 * @param maskedApiKey       the key id with the middle hidden, when the vault was unlocked
 * @param environment        {@code live} or {@code sandbox} and its URL, when the vault was unlocked
 */
public record VaultStatus(Path file, State state, Optional<String> filePermissions, Optional<String> directoryPermissions,
                          boolean legacyKeyPresent, Optional<String> maskedApiKey, Optional<String> environment) {

    /** The kind of file found. */
    public enum State { MISSING, ENCRYPTED, LEGACY, DAMAGED }

    /** True when the file and folder are readable by the owner only (0600 / 0700). */
    public boolean permissionsArePrivate() {
        return filePermissions.map("rw-------"::equals).orElse(true)
                && directoryPermissions.map("rwx------"::equals).orElse(true);
    }
}
