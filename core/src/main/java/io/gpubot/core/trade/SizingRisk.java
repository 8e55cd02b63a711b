package io.gpubot.core.trade;

/**
 * The most a bot's sizing rule ({@link Sizer}, docs/TRADING_RULES.md §3) can lose at its stop-loss, as a
 * share of equity, fees and both slippages included, over every equity, win streak and ATR it may meet:
 * what a per-trade risk limit has to allow for the bot to trade as it was backtested.
 *
 * <p>The worst side is the short one: its stop fill lies above the entry, so both slippage and the exit
 * fee grow with the stop distance. Prices are taken off the tick: the stop and its fill each rounded a tick away
 * can add up to two ticks per contract (0.07% of equity for 1.5 times equity at 450 USDT, nothing to speak of at today's prices), and
 * the size is bounded by what a flat account's equity can margin, {@code equity / (1/leverage + fee)};
 * the max-notional and risk-limit-tier caps are left out, since they only lower a risk.
 */
public final class SizingRisk {

    private SizingRisk() {
    }

    /**
     * The worst loss at the stop as a share of equity; {@link Double#POSITIVE_INFINITY} where the rule has
     * no bound (a size set apart from the stop, with the stop a number of ATRs away however far that is).
     */
    public static double worstShare(TradingPlan plan, double slippage) {
        double fee = plan.contract().takerFeeRate();
        double affordable = 1.0 / (1.0 / plan.leverage() + fee);
        double p = plan.sizing().parameter();
        ExitLevels levels = plan.levels();
        boolean fraction = levels.mode() == ExitLevels.Mode.FRACTION;
        double perNotional = fraction ? shortLossPerNotional(levels.stopLoss(), slippage, fee) : Double.POSITIVE_INFINITY;
        return switch (plan.sizing().method()) {
            // Sized so the loss at the stop is this share; whole lots and the margin cap only make it smaller.
            case RISK -> p;
            // The base risk until enough trades, then the fraction of a Kelly bet that is at most 1, clamped.
            case KELLY -> Math.max(Sizer.BASE_RISK, Math.min(Sizer.KELLY_MAX_RISK, Math.max(Sizer.KELLY_MIN_RISK, p)));
            // Any step above 0 reaches the cap after enough wins in a row.
            case ANTI_MARTINGALE -> p > 0 ? Sizer.BASE_RISK * Sizer.ANTI_MARTINGALE_CAP : Sizer.BASE_RISK;
            case FIXED_MARGIN -> Math.min(p * plan.leverage(), affordable) * perNotional;
            // The value is fixed, so its share of equity grows as equity falls, until the margin caps it.
            case FIXED_NOTIONAL -> affordable * perNotional;
            case VOLATILITY -> {
                if (fraction) yield affordable * perNotional; // a calm market (small ATR) sizes up to the margin cap
                // p equity/ATR contracts, stop k ATR away: p k a + (costs on a value that grows as the ATR shrinks,
                // until the margin caps it) C b, with a = (1+slip)(1+fee) and b = a - 1 + fee.
                double a = (1 + slippage) * (1 + fee);
                yield p * levels.stopLoss() * a + affordable * (a - 1 + fee);
            }
        };
    }

    /**
     * A short's loss at a stop {@code stop} (a share of the fill) per unit of position value: the stop fill
     * {@code (1+stop)(1+slip)} above the entry, the entry fee and the exit fee on that fill.
     */
    static double shortLossPerNotional(double stop, double slippage, double fee) {
        return (1 + stop) * (1 + slippage) * (1 + fee) - (1 - fee);
    }
}
