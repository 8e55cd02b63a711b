package io.gpubot.core.indicator;

/**
 * Wilder's smoothing as TA-Lib's ATR does it: the first value is the simple average of the first
 * {@code period} inputs, then {@code avg = (avg * (period - 1) + x) / period}. NaN inputs are ignored.
 */
final class WilderAverage {

    private final int period;
    private int count;
    private double sum;
    private double value = Double.NaN;

    WilderAverage(int period) {
        this.period = period;
    }

    double update(double x) {
        if (x != x) return value;
        if (count < period) {
            sum += x;
            if (++count == period) value = sum / period;
            return value;
        }
        double v = value * (period - 1);
        v += x;
        value = v / period;
        return value;
    }

    double value() {
        return value;
    }
}
