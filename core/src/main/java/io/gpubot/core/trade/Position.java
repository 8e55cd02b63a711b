package io.gpubot.core.trade;

/**
 * An open position, as it was entered. Isolated margin: {@code margin} is all it can lose.
 *
 * @param side             long or short
 * @param entryTime        open time of the bar whose open filled the entry
 * @param entryPrice       the fill price, slippage included
 * @param referencePrice   the market price the order was sent at (the bar's open)
 * @param contracts        whole lots
 * @param margin           {@code contracts × multiplier × entryPrice / leverage}
 * @param takeProfit       the take-profit level, on the tick
 * @param stopLoss         the stop-loss level, on the tick
 * @param liquidationPrice KuCoin's isolated-margin liquidation price
 * @param entryFee         taker fee paid on entry
 * @param capped           whether the size was cut to a risk limit (max notional or the leverage's risk-limit tier)
 */
public record Position(
        Side side,
        long entryTime,
        double entryPrice,
        double referencePrice,
        long contracts,
        double margin,
        double takeProfit,
        double stopLoss,
        double liquidationPrice,
        double entryFee,
        boolean capped) {

    /** Unrealised PnL at {@code price} (before exit fees). */
    public double unrealisedPnl(double price, double multiplier) {
        return Pricing.pnl(side, entryPrice, price, contracts, multiplier);
    }
}
