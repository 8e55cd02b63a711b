package io.gpubot.core.trade;

/**
 * Where a position takes profit and stops its loss, measured from the entry fill: either as
 * fractions of the entry price ({@code tp = 0.03} is 3%) or as multiples of the ATR at the signal bar.
 */
public record ExitLevels(Mode mode, double takeProfit, double stopLoss) {

    /** How the two distances are measured. */
    public enum Mode { FRACTION, ATR }

    public ExitLevels {
        if (mode == null) throw new IllegalArgumentException("exit level mode is required");
        if (!(takeProfit > 0) || !Double.isFinite(takeProfit)) throw new IllegalArgumentException("take-profit must be above 0, got " + takeProfit);
        if (!(stopLoss > 0) || !Double.isFinite(stopLoss)) throw new IllegalArgumentException("stop-loss must be above 0, got " + stopLoss);
        if (mode == Mode.FRACTION && stopLoss >= 1) throw new IllegalArgumentException("stop-loss must be below 100% of the entry price, got " + stopLoss);
    }

    public static ExitLevels fractions(double takeProfit, double stopLoss) {
        return new ExitLevels(Mode.FRACTION, takeProfit, stopLoss);
    }

    public static ExitLevels atr(double takeProfitAtr, double stopLossAtr) {
        return new ExitLevels(Mode.ATR, takeProfitAtr, stopLossAtr);
    }

    /** Distance from the entry price to the take-profit level. */
    double takeProfitDistance(double entry, double atr) {
        return mode == Mode.FRACTION ? entry * takeProfit : atr * takeProfit;
    }

    /** Distance from the entry price to the stop-loss level. */
    double stopLossDistance(double entry, double atr) {
        return mode == Mode.FRACTION ? entry * stopLoss : atr * stopLoss;
    }
}
