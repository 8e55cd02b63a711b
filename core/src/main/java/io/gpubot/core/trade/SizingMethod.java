package io.gpubot.core.trade;

/**
 * How a bot decides how many contracts to trade (docs/TRADING_RULES.md §3). Each method has one
 * parameter, with a default and the range the genetic algorithm samples from.
 */
public enum SizingMethod {
    /** Contracts such that the loss at the stop, costs included, is a share of equity. */
    RISK("risk", 0.02, 0.005, 0.05),
    /** A share of equity used as margin. */
    FIXED_MARGIN("margin share", 0.10, 0.01, 0.5),
    /** A fixed position value in USDT. */
    FIXED_NOTIONAL("notional", 1000, 10, 1_000_000),
    /** A fraction of the Kelly bet computed from the bot's own closed trades. */
    KELLY("Kelly fraction", 0.5, 0.1, 1.0),
    /** Contracts such that a move of one ATR changes equity by a share of it. */
    VOLATILITY("equity per ATR", 0.01, 0.002, 0.05),
    /** Risk grows after each win by a step (up to 4x) and resets after a loss. */
    ANTI_MARTINGALE("step", 0.5, 0.1, 1.0);

    private final String parameterName;
    private final double defaultParameter;
    private final double min;
    private final double max;

    SizingMethod(String parameterName, double defaultParameter, double min, double max) {
        this.parameterName = parameterName;
        this.defaultParameter = defaultParameter;
        this.min = min;
        this.max = max;
    }

    public String parameterName() {
        return parameterName;
    }

    public double defaultParameter() {
        return defaultParameter;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }
}
