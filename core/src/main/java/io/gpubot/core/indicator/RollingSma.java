package io.gpubot.core.indicator;

/**
 * A simple moving average kept as a running sum, in TA-Lib's order of operations (add the newest,
 * divide, then remove the oldest) so the values match TA-Lib's SMA bit for bit on the same inputs.
 */
final class RollingSma {

    private final int period;
    private final DoubleRing window;
    private double sum;
    private double value = Double.NaN;

    RollingSma(int period) {
        this.period = period;
        this.window = new DoubleRing(period);
    }

    /** Adds a value and returns the average of the last {@code period}, or NaN before there are that many. */
    double update(double x) {
        window.push(x);
        sum += x;
        if (window.isFull()) {
            value = sum / period;
            sum -= window.get(period - 1);
        }
        return value;
    }

    double value() {
        return value;
    }
}
