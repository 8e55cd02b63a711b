package io.gpubot.kucoin.vault;

/** The credentials vault could not do what was asked; {@link #reason()} says why. Never carries a secret. */
public class VaultException extends io.gpubot.core.UserException {

    /** Why the vault failed. */
    public enum Reason {
        /** No credentials file exists. */
        MISSING,
        /** Decryption failed: the master password is wrong or the file was modified. */
        WRONG_PASSWORD_OR_TAMPERED,
        /** The file is not a vault file gpubot can read. */
        CORRUPT,
        /** The file is the original system's Fernet token; run the legacy import. */
        LEGACY_FORMAT,
        /** The legacy import needs the original system's {@code .key} file, which is missing or unusable. */
        LEGACY_KEY,
        /** The master password is not acceptable (empty, or the two entries differ). */
        BAD_MASTER_PASSWORD,
        /** Reading or writing a file failed. */
        IO
    }

    private final Reason reason;

    public VaultException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public VaultException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
