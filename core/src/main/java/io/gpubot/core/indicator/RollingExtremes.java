package io.gpubot.core.indicator;

/**
 * Highest high and lowest low of the last {@code period} bars with their positions, kept as TA-Lib does:
 * the window is rescanned only when the extreme leaves it, so a bar costs O(1) amortised. Ties go to the
 * newest bar.
 */
final class RollingExtremes {

    private final int period;
    private final DoubleRing highs;
    private final DoubleRing lows;
    private long index = -1;
    private long highestIndex = -1;
    private long lowestIndex = -1;
    double highest;
    double lowest;

    RollingExtremes(int period) {
        this.period = period;
        this.highs = new DoubleRing(period);
        this.lows = new DoubleRing(period);
    }

    void update(double high, double low) {
        index++;
        highs.push(high);
        lows.push(low);
        long trailing = index - period + 1;
        if (highestIndex < trailing || highestIndex < 0) {
            int oldest = (int) Math.min(index, period - 1);
            highestIndex = index - oldest;
            highest = highs.get(oldest);
            for (int ago = oldest - 1; ago >= 0; ago--) {
                double h = highs.get(ago);
                if (h >= highest) {
                    highest = h;
                    highestIndex = index - ago;
                }
            }
        } else if (high >= highest) {
            highest = high;
            highestIndex = index;
        }
        if (lowestIndex < trailing || lowestIndex < 0) {
            int oldest = (int) Math.min(index, period - 1);
            lowestIndex = index - oldest;
            lowest = lows.get(oldest);
            for (int ago = oldest - 1; ago >= 0; ago--) {
                double l = lows.get(ago);
                if (l <= lowest) {
                    lowest = l;
                    lowestIndex = index - ago;
                }
            }
        } else if (low <= lowest) {
            lowest = low;
            lowestIndex = index;
        }
    }

    /** Whether {@code period} bars have been seen. */
    boolean isFull() {
        return highs.isFull();
    }

    /** Bars since the highest high (0 = this bar). */
    int barsSinceHighest() {
        return (int) (index - highestIndex);
    }

    /** Bars since the lowest low (0 = this bar). */
    int barsSinceLowest() {
        return (int) (index - lowestIndex);
    }
}
