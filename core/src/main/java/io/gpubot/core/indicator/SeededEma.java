package io.gpubot.core.indicator;

/**
 * TA-Lib's exponential moving average: seeded with the simple average of the first {@code period}
 * inputs, then {@code ema += (x - ema) * k} with {@code k = 2 / (period + 1)}. NaN inputs are ignored,
 * so a cascade (EMA of an EMA) starts where its input becomes defined, as TA-Lib's DEMA/TEMA/TRIX do.
 */
final class SeededEma {

    private final int period;
    private final double k;
    private int count;
    private double sum;
    private double value = Double.NaN;

    SeededEma(int period) {
        this(period, 2.0 / (period + 1));
    }

    SeededEma(int period, double k) {
        this.period = period;
        this.k = k;
    }

    double update(double x) {
        if (x != x) return value;
        if (count < period) {
            sum += x;
            if (++count == period) value = sum / period;
            return value;
        }
        value = step(value, x, k);
        return value;
    }

    /** One EMA step after seeding: the arithmetic both the streaming update and batch loops use. */
    static double step(double ema, double x, double k) {
        return ((x - ema) * k) + ema;
    }

    /** Whether the seed has been computed (the next input goes through {@link #step}). */
    boolean isSeeded() {
        return count == period;
    }

    double k() {
        return k;
    }

    /** Continues from {@code value} after a batch loop ran {@link #step} outside this object. */
    void resume(double value) {
        this.value = value;
    }

    double value() {
        return value;
    }
}
