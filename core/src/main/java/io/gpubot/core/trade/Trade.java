package io.gpubot.core.trade;

/**
 * A closed position with everything it cost and earned.
 *
 * @param side          long or short
 * @param entryTime     open time of the entry bar
 * @param entryPrice    entry fill, slippage included
 * @param exitTime      open time of the exit bar
 * @param exitPrice     exit fill (slippage included for taker exits; the level for take-profit; the
 *                      liquidation price for liquidations)
 * @param contracts     whole lots
 * @param entryFee      fee paid on entry
 * @param exitFee       fee paid on exit (0 for a liquidation)
 * @param slippage      cost of slippage on entry and exit, in USDT
 * @param funding       funding paid while open (negative when received)
 * @param grossPnl      price PnL, {@code sign × (exit − entry) × contracts × multiplier}; for a
 *                      liquidation, minus the margin
 * @param netPnl        {@code grossPnl − entryFee − exitFee − funding}
 * @param reason        why it closed
 * @param capped        whether the entry's size was cut to a risk limit (RiskLimits, risk-limit tier)
 */
public record Trade(
        Side side,
        long entryTime,
        double entryPrice,
        long exitTime,
        double exitPrice,
        long contracts,
        double entryFee,
        double exitFee,
        double slippage,
        double funding,
        double grossPnl,
        double netPnl,
        ExitReason reason,
        boolean capped) {

    /** A trade whose size no limit cut. */
    public Trade(Side side, long entryTime, double entryPrice, long exitTime, double exitPrice, long contracts, double entryFee,
                 double exitFee, double slippage, double funding, double grossPnl, double netPnl, ExitReason reason) {
        this(side, entryTime, entryPrice, exitTime, exitPrice, contracts, entryFee, exitFee, slippage, funding, grossPnl, netPnl, reason, false);
    }

    public boolean isWin() {
        return netPnl > 0;
    }
}
