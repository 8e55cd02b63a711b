package io.gpubot.core.indicator;

/**
 * Highest high and lowest low of the last {@code period} bars with their positions, kept as TA-Lib does:
 * the window is rescanned only when the extreme leaves it, so a bar costs O(1) amortised. Ties go to the
 * newest bar.
 */
final class RollingExtremes {

    private final int period;
    private final double[] highs;
    private final double[] lows;
    private int next;
    private int index = -1;
    private int highestIndex = -1;
    private int lowestIndex = -1;
    double highest;
    double lowest;

    RollingExtremes(int period) {
        this.period = period;
        this.highs = new double[period];
        this.lows = new double[period];
    }

    void update(double high, double low) {
        index++;
        int slot = next;
        highs[slot] = high;
        lows[slot] = low;
        next = slot + 1 == period ? 0 : slot + 1;
        int trailing = index - period + 1;
        if (highestIndex < trailing || highestIndex < 0) {
            int oldest = Math.min(index, period - 1);
            highestIndex = index - oldest;
            int at = slotOf(highestIndex);
            highest = highs[at];
            for (int i = highestIndex + 1; i <= index; i++) {
                at = at + 1 == period ? 0 : at + 1;
                double h = highs[at];
                if (h >= highest) {
                    highest = h;
                    highestIndex = i;
                }
            }
        } else if (high >= highest) {
            highest = high;
            highestIndex = index;
        }
        if (lowestIndex < trailing || lowestIndex < 0) {
            int oldest = Math.min(index, period - 1);
            lowestIndex = index - oldest;
            int at = slotOf(lowestIndex);
            lowest = lows[at];
            for (int i = lowestIndex + 1; i <= index; i++) {
                at = at + 1 == period ? 0 : at + 1;
                double l = lows[at];
                if (l <= lowest) {
                    lowest = l;
                    lowestIndex = i;
                }
            }
        } else if (low <= lowest) {
            lowest = low;
            lowestIndex = index;
        }
    }

    /** Where bar {@code i} (a bar still in the window) is stored. */
    private int slotOf(int i) {
        return i % period;
    }

    /** Whether {@code period} bars have been seen. */
    boolean isFull() {
        return index >= period - 1;
    }

    /** Bars since the highest high (0 = this bar). */
    int barsSinceHighest() {
        return index - highestIndex;
    }

    /** Bars since the lowest low (0 = this bar). */
    int barsSinceLowest() {
        return index - lowestIndex;
    }
}
