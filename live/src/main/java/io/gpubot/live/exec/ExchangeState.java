package io.gpubot.live.exec;

/**
 * The live bot's position as the exchange reports it, for the dashboard: immutable, published by the
 * engine thread after every poll and order, read by the screen at its own pace.
 *
 * @param side             {@code LONG}, {@code SHORT} or {@code FLAT}
 * @param contracts        lots held (0 when flat)
 * @param avgEntryPrice    the exchange's average entry price (NaN when flat)
 * @param liquidationPrice the exchange's liquidation price (NaN when flat)
 * @param unrealisedPnl    USDT, at the exchange's mark price
 * @param takeProfit       the take-profit order's trigger (NaN when none is placed)
 * @param stopLoss         the stop-loss order's trigger (NaN when none is placed)
 * @param availableBalance USDT free for new margin (NaN before the first read)
 * @param updatedAt        epoch ms of the read
 */
public record ExchangeState(String symbol, String side, long contracts, double avgEntryPrice, double liquidationPrice,
                            double unrealisedPnl, double takeProfit, double stopLoss, double availableBalance, long updatedAt) {

    /** Before anything was read from the exchange. */
    public static ExchangeState unknown(String symbol) {
        return new ExchangeState(symbol, "FLAT", 0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    public boolean flat() {
        return contracts == 0;
    }
}
