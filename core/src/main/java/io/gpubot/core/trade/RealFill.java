package io.gpubot.core.trade;

/**
 * A fill the exchange reported for an order a live session sent: what the model books instead of its
 * own estimate of that order.
 *
 * @param contracts lots filled
 * @param price     average fill price
 * @param fee       USDT paid
 */
public record RealFill(long contracts, double price, double fee) {

    public RealFill {
        if (contracts <= 0) throw new IllegalArgumentException("a fill has at least one contract, got " + contracts);
        if (!(price > 0) || !Double.isFinite(price)) throw new IllegalArgumentException("a fill has a price above 0, got " + price);
        if (!Double.isFinite(fee)) throw new IllegalArgumentException("a fill's fee must be a number, got " + fee);
    }
}
