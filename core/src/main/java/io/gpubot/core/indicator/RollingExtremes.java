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

    /**
     * {@link #update} for bars {@code [from, to)} of the columns, writing the highest and lowest after
     * each bar (NaN until the window is full) from {@code offset}: the same steps with the state in locals.
     */
    void updateAll(double[] high, double[] low, int from, int to, double[] highestOut, double[] lowestOut, int offset) {
        final double[] hs = highs;
        final double[] ls = lows;
        final int p = period;
        int idx = index;
        int slot = next;
        int hiIdx = highestIndex;
        int loIdx = lowestIndex;
        double hi = highest;
        double lo = lowest;
        for (int b = from; b < to; b++) {
            double h = high[b];
            double l = low[b];
            idx++;
            hs[slot] = h;
            ls[slot] = l;
            slot = slot + 1 == p ? 0 : slot + 1;
            int trailing = idx - p + 1;
            if (hiIdx < trailing || hiIdx < 0) {
                int oldest = Math.min(idx, p - 1);
                hiIdx = idx - oldest;
                int at = hiIdx % p;
                hi = hs[at];
                for (int i = hiIdx + 1; i <= idx; i++) {
                    at = at + 1 == p ? 0 : at + 1;
                    double v = hs[at];
                    if (v >= hi) {
                        hi = v;
                        hiIdx = i;
                    }
                }
            } else if (h >= hi) {
                hi = h;
                hiIdx = idx;
            }
            if (loIdx < trailing || loIdx < 0) {
                int oldest = Math.min(idx, p - 1);
                loIdx = idx - oldest;
                int at = loIdx % p;
                lo = ls[at];
                for (int i = loIdx + 1; i <= idx; i++) {
                    at = at + 1 == p ? 0 : at + 1;
                    double v = ls[at];
                    if (v <= lo) {
                        lo = v;
                        loIdx = i;
                    }
                }
            } else if (l <= lo) {
                lo = l;
                loIdx = idx;
            }
            boolean full = idx >= p - 1;
            highestOut[b - from + offset] = full ? hi : Double.NaN;
            lowestOut[b - from + offset] = full ? lo : Double.NaN;
        }
        index = idx;
        next = slot;
        highestIndex = hiIdx;
        lowestIndex = loIdx;
        highest = hi;
        lowest = lo;
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
