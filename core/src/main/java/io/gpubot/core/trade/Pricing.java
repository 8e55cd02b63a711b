package io.gpubot.core.trade;

/**
 * The arithmetic of the trading rules (docs/TRADING_RULES.md), in one place. Every engine — the
 * reference stepper, the fast backtester, paper trading and the sandbox — calls these functions, so
 * the same inputs give bit-for-bit the same doubles everywhere.
 */
public final class Pricing {

    private Pricing() {
    }

    /**
     * A market order's fill on the tick: a buy pays {@code price × (1 + slippage)} rounded up to the
     * tick, a sell gets {@code price × (1 − slippage)} rounded down (KuCoin's fills are on the tick, and
     * rounding against the trader keeps the modelled fill no better than a real one).
     */
    public static double marketFill(boolean buy, double price, double slippage, double tick) {
        return buy ? tickAbove(price * (1 + slippage), tick) : tickBelow(price * (1 - slippage), tick);
    }

    /** The fill of the market order that opens a position on {@code side}. */
    public static double entryFill(Side side, double price, double slippage, double tick) {
        return marketFill(side == Side.LONG, price, slippage, tick);
    }

    /** The fill of the market order that closes a position on {@code side}. */
    public static double exitFill(Side side, double price, double slippage, double tick) {
        return marketFill(side == Side.SHORT, price, slippage, tick);
    }

    /** Funding a position pays at one settlement (negative: received): {@code sign × contracts × multiplier × price × rate}. */
    public static double funding(Side side, long contracts, double multiplier, double price, double rate) {
        return side.sign() * contracts * multiplier * price * rate;
    }

    /** Fee on a fill: {@code contracts × multiplier × price × rate}. */
    public static double fee(long contracts, double multiplier, double price, double rate) {
        return contracts * multiplier * price * rate;
    }

    /** Price PnL of a position: {@code sign × (exit − entry) × contracts × multiplier}. */
    public static double pnl(Side side, double entry, double exit, long contracts, double multiplier) {
        return side.sign() * (exit - entry) * contracts * multiplier;
    }

    /**
     * The part of a position's entry fee that {@code closed} of its {@code contracts} take with them when the
     * position is closed in part. The live model and the executor's journal split a position with this one
     * formula (the rest stays with the contracts still open: {@code entryFee − share}), so the two agree on
     * every part's net PnL to the last bit.
     */
    public static double entryFeeShare(double entryFee, long closed, long contracts) {
        return entryFee * closed / contracts;
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
        long k = ticksPerUnit(tick);
        if (k > 0) return Math.rint(price * k) / k;
        return Math.rint(price / tick) * tick;
    }

    /** The smallest price on the tick at or above {@code price}. */
    public static double tickAbove(double price, double tick) {
        long k = ticksPerUnit(tick);
        double steps = k > 0 ? price * k : price / tick;
        double n = Math.ceil(steps - ON_TICK * Math.max(1, Math.abs(steps)));
        return k > 0 ? n / k : n * tick;
    }

    /** The largest price on the tick at or below {@code price}. */
    public static double tickBelow(double price, double tick) {
        long k = ticksPerUnit(tick);
        double steps = k > 0 ? price * k : price / tick;
        double n = Math.floor(steps + ON_TICK * Math.max(1, Math.abs(steps)));
        return k > 0 ? n / k : n * tick;
    }

    /**
     * A price within this share of its tick count of a tick is on it: 40000.1 × 10 is 400001.00000000006
     * in binary, which is the tick 400001, not a reason to round up to 400002.
     */
    private static final double ON_TICK = 1e-12;

    /** {@code 1 / tick} when it is a whole number (ticks 1, 0.1, 0.01, ...), else 0. */
    public static long ticksPerUnit(double tick) {
        double perUnit = 1.0 / tick;
        double k = Math.rint(perUnit);
        return k >= 1 && Math.abs(perUnit - k) < 1e-9 * k ? (long) k : 0;
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
