package io.gpubot.core.trade;

/**
 * The arithmetic of the trading rules (docs/TRADING_RULES.md), in one place. Every engine — the
 * reference stepper, the fast backtester, paper trading and the sandbox — calls these functions, so
 * the same inputs give bit-for-bit the same doubles everywhere.
 */
public final class Pricing {

    private Pricing() {
    }

    /** A market order's fill: a buy pays {@code price × (1 + slippage)}, a sell gets {@code price × (1 − slippage)}. */
    public static double marketFill(boolean buy, double price, double slippage) {
        return buy ? price * (1 + slippage) : price * (1 - slippage);
    }

    /** The fill of the market order that opens a position on {@code side}. */
    public static double entryFill(Side side, double price, double slippage) {
        return marketFill(side == Side.LONG, price, slippage);
    }

    /** The fill of the market order that closes a position on {@code side}. */
    public static double exitFill(Side side, double price, double slippage) {
        return marketFill(side == Side.SHORT, price, slippage);
    }

    /** Fee on a fill: {@code contracts × multiplier × price × rate}. */
    public static double fee(long contracts, double multiplier, double price, double rate) {
        return contracts * multiplier * price * rate;
    }

    /** Price PnL of a position: {@code sign × (exit − entry) × contracts × multiplier}. */
    public static double pnl(Side side, double entry, double exit, long contracts, double multiplier) {
        return side.sign() * (exit - entry) * contracts * multiplier;
    }

    /** Isolated margin: {@code contracts × multiplier × price / leverage}. */
    public static double margin(long contracts, double multiplier, double price, int leverage) {
        return contracts * multiplier * price / leverage;
    }

    /** KuCoin's isolated-margin liquidation price: long {@code p × (1 − 1/L + mmr)}, short {@code p × (1 + 1/L − mmr)}. */
    public static double liquidationPrice(Side side, double entry, int leverage, double maintenanceMarginRate) {
        return side == Side.LONG
                ? entry * (1 - 1.0 / leverage + maintenanceMarginRate)
                : entry * (1 + 1.0 / leverage - maintenanceMarginRate);
    }

    /**
     * {@code price} rounded to the nearest tick (half to even). Ticks that are powers of ten (0.1,
     * 0.001, ...) are handled as an exact division by an integer so that 40000.1 stays 40000.1.
     */
    public static double roundToTick(double price, double tick) {
        double perUnit = 1.0 / tick;
        double k = Math.rint(perUnit);
        if (k >= 1 && Math.abs(perUnit - k) < 1e-9 * k) {
            return Math.rint(price * k) / k;
        }
        return Math.rint(price / tick) * tick;
    }

    /** The take-profit level on the tick: above the entry for a long, below for a short. */
    public static double takeProfit(Side side, double entry, double distance, double tick) {
        return roundToTick(entry + side.sign() * distance, tick);
    }

    /** The stop-loss level on the tick: below the entry for a long, above for a short. */
    public static double stopLoss(Side side, double entry, double distance, double tick) {
        return roundToTick(entry - side.sign() * distance, tick);
    }
}
