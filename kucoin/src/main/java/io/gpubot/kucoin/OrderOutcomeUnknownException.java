package io.gpubot.kucoin;

/**
 * An order was sent but whether the exchange placed it could not be established. The caller must
 * reconcile (look the clientOid up later) before sending anything that could duplicate it.
 */
public class OrderOutcomeUnknownException extends io.gpubot.core.UserException {

    private final String clientOid;

    public OrderOutcomeUnknownException(String clientOid, String message) {
        super(message);
        this.clientOid = clientOid;
    }

    public String clientOid() {
        return clientOid;
    }
}
