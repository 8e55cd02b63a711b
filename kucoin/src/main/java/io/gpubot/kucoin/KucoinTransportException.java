package io.gpubot.kucoin;

/**
 * The request did not get a usable answer: connection refused, timed out or an unreadable body.
 * {@link #mayHaveReachedExchange()} tells whether the exchange may nevertheless have acted on it
 * (a timeout after the request was sent), which matters for orders.
 */
public class KucoinTransportException extends io.gpubot.core.UserException {

    private final boolean mayHaveReachedExchange;

    public KucoinTransportException(String message, boolean mayHaveReachedExchange, Throwable cause) {
        super(message, cause);
        this.mayHaveReachedExchange = mayHaveReachedExchange;
    }

    public boolean mayHaveReachedExchange() {
        return mayHaveReachedExchange;
    }
}
