package io.gpubot.core.trade;

/**
 * What an entry would be (docs/TRADING_RULES.md §2-4), or why there is none: the fill on the tick,
 * the take-profit and stop-loss on the tick, the liquidation price, the size in whole lots, the fee
 * and the margin. Made by {@link EntryPlanner} for the backtest, the reference stepper and the live
 * executor alike.
 *
 * @param fill             the entry fill: the reference price moved against the trader by slippage, on the tick
 * @param contracts        whole lots; 0 when refused
 * @param takeProfit       the take-profit level, on the tick
 * @param stopLoss         the stop-loss level, on the tick
 * @param liquidationPrice the isolated-margin liquidation price at the fill
 * @param fee              the taker fee on the fill
 * @param margin           the isolated margin
 * @param capped           whether the size was cut to the risk limits (max notional, the leverage's risk-limit tier)
 * @param refusal          {@code null} for an entry; else why not (a placeholder unless the planner was asked to explain)
 */
public record EntryPlan(Side side, double fill, long contracts, double takeProfit, double stopLoss, double liquidationPrice,
                        double fee, double margin, boolean capped, String refusal) {

    /** Whether there is no entry. */
    public boolean refused() {
        return refusal != null;
    }

    /** {@code contracts × multiplier × fill}. */
    public double notional(double multiplier) {
        return contracts * multiplier * fill;
    }

    /**
     * Whether {@code price} already lies at or beyond the stop-loss: an entry filled there is stopped
     * out at once (rule 4b).
     */
    public boolean stopPassedAt(double price) {
        return side.sign() * (price - stopLoss) <= 0;
    }

    private static final EntryPlan LONG_REFUSED = new EntryPlan(Side.LONG, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0, false,
            EntryPlanner.UNEXPLAINED);
    private static final EntryPlan SHORT_REFUSED = new EntryPlan(Side.SHORT, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0, false,
            EntryPlanner.UNEXPLAINED);

    static EntryPlan refuse(Side side, String why) {
        if (why == EntryPlanner.UNEXPLAINED) return side == Side.LONG ? LONG_REFUSED : SHORT_REFUSED;
        return new EntryPlan(side, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0, false, why);
    }
}
