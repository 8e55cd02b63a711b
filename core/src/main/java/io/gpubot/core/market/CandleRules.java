package io.gpubot.core.market;

/**
 * The validity rules every candle must meet (DESIGN §3): finite numbers, prices above zero,
 * {@code low <= min(open, close)}, {@code high >= max(open, close)}, volume not negative.
 */
public final class CandleRules {

    private CandleRules() {
    }

    /**
     * Returns the first rule the values break, phrased for a person and naming the field, or
     * {@code null} when the candle is valid.
     */
    public static String defect(double open, double high, double low, double close, double volume) {
        String notFinite = firstNotFinite(open, high, low, close, volume);
        if (notFinite != null) {
            return notFinite;
        }
        if (open <= 0) return "open: price must be above 0, got " + open;
        if (high <= 0) return "high: price must be above 0, got " + high;
        if (low <= 0) return "low: price must be above 0, got " + low;
        if (close <= 0) return "close: price must be above 0, got " + close;
        if (volume < 0) return "volume: must not be negative, got " + volume;
        if (high < low) return "high: " + high + " is below low " + low;
        if (low > Math.min(open, close)) return "low: " + low + " is above min(open, close) " + Math.min(open, close);
        if (high < Math.max(open, close)) return "high: " + high + " is below max(open, close) " + Math.max(open, close);
        return null;
    }

    private static String firstNotFinite(double open, double high, double low, double close, double volume) {
        if (!Double.isFinite(open)) return "open: not a finite number (" + open + ")";
        if (!Double.isFinite(high)) return "high: not a finite number (" + high + ")";
        if (!Double.isFinite(low)) return "low: not a finite number (" + low + ")";
        if (!Double.isFinite(close)) return "close: not a finite number (" + close + ")";
        if (!Double.isFinite(volume)) return "volume: not a finite number (" + volume + ")";
        return null;
    }
}
