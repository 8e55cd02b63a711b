package io.gpubot.core.indicator;

/**
 * Average gain and average loss of a series with Wilder's smoothing, seeded with the plain average of
 * the first {@code period} changes, exactly as TA-Lib's RSI and CMO (unstable period 0).
 */
final class WilderGainLoss {

    private final int period;
    private int count;
    private double previous;
    double gain;
    double loss;

    WilderGainLoss(int period) {
        this.period = period;
    }

    /** Adds the next value; returns whether {@link #gain} and {@link #loss} are defined. NaN is ignored. */
    boolean update(double x) {
        if (x != x) return count > period;
        count++;
        if (count == 1) {
            previous = x;
            return false;
        }
        double change = x - previous;
        previous = x;
        if (count <= period + 1) {
            if (change < 0) loss -= change;
            else gain += change;
            if (count == period + 1) {
                loss /= period;
                gain /= period;
                return true;
            }
            return false;
        }
        loss *= (period - 1);
        gain *= (period - 1);
        if (change < 0) loss -= change;
        else gain += change;
        loss /= period;
        gain /= period;
        return true;
    }
}
