package io.gpubot.live.exec;

/**
 * The exchange did not do what was asked, or its answer did not arrive. {@link #kind()} says which of
 * the cases a trader must tell apart: refused (nothing happened), not sent (nothing happened), outcome
 * unknown (something may have happened: look it up), unavailable (a read failed). A user error like the
 * client's own exceptions it wraps: one line for the user, never a stack trace.
 */
public final class ExchangeException extends io.gpubot.core.UserException {

    /** What is known of the request's effect. */
    public enum Kind {
        /** The exchange refused it with a code; nothing was placed or changed. */
        REJECTED,
        /** It never reached the exchange (connection refused); nothing was placed. */
        NOT_SENT,
        /** It may have reached the exchange and been acted on; the answer was lost. */
        OUTCOME_UNKNOWN,
        /** A read or cancel failed (down, timeout, 5xx); nothing to resolve. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;

    /**
     * @param code    the exchange's error code (KuCoin's, e.g. 300003), null when it gave none
     * @param message the whole story in words, as shown to the user
     */
    public ExchangeException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public ExchangeException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The exchange's error code, null when it gave none. */
    public String code() {
        return code;
    }
}
