package io.gpubot.core.indicator;

/**
 * A simple moving average kept as a running sum, in TA-Lib's order of operations (add the newest,
 * divide, then remove the oldest of the window) so the values match TA-Lib's SMA bit for bit on the
 * same inputs.
 */
final class RollingSma {

    private final int period;
    private final double[] window;
    private int next;
    private int count;
    private double sum;
    private double value = Double.NaN;

    RollingSma(int period) {
        this.period = period;
        this.window = new double[period];
    }

    /** Adds a value and returns the average of the last {@code period}, or NaN before there are that many. */
    double update(double x) {
        window[next] = x;
        next = next + 1 == period ? 0 : next + 1;
        sum += x;
        if (count < period && ++count < period) return value;
        value = sum / period;
        sum -= window[next]; // the oldest value of this window, overwritten by the next update
        return value;
    }

    /**
     * {@link #update} over {@code input[from, to)}, writing each average to {@code output} from
     * {@code outputOffset}: the same arithmetic with the running state held in locals (faster in a batch),
     * leaving this object exactly as the individual updates would.
     */
    void updateAll(double[] input, int from, int to, double[] output, int outputOffset) {
        int i = from;
        for (; i < to && count < period; i++) output[i - from + outputOffset] = update(input[i]);
        final double[] w = window;
        final int p = period;
        int slot = next;
        double s = sum;
        double v = value;
        for (; i < to; i++) {
            double x = input[i];
            w[slot] = x;
            slot = slot + 1 == p ? 0 : slot + 1;
            s += x;
            v = s / p;
            s -= w[slot];
            output[i - from + outputOffset] = v;
        }
        next = slot;
        sum = s;
        value = v;
    }

    double value() {
        return value;
    }
}
