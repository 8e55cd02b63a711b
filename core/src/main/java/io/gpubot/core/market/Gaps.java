package io.gpubot.core.market;

import java.time.Instant;

/**
 * The holes in a run of bars: how many stretches of missing bars there are, how many bars they
 * miss in all, and where the largest one is. Gaps are reported, never filled.
 *
 * @param count             number of separate gaps
 * @param missingBars       bars missing in all
 * @param largestMissing    bars missing in the largest gap (0 when there is none)
 * @param largestGapStart   open time of the first missing bar of the largest gap ({@code -1} when none)
 */
public record Gaps(int count, long missingBars, long largestMissing, long largestGapStart) {

    public static final Gaps NONE = new Gaps(0, 0, 0, -1);

    /** Gaps between consecutive open times {@code time[from..to)}. */
    public static Gaps of(long[] time, int from, int to, Timeframe timeframe) {
        long step = timeframe.millis();
        int count = 0;
        long missing = 0;
        long largest = 0;
        long largestStart = -1;
        for (int i = from + 1; i < to; i++) {
            long gapBars = barsBetween(time[i - 1], time[i], timeframe) - 1;
            if (gapBars > 0) {
                count++;
                missing += gapBars;
                if (gapBars > largest) {
                    largest = gapBars;
                    largestStart = time[i - 1] + step;
                }
            }
        }
        return count == 0 ? NONE : new Gaps(count, missing, largest, largestStart);
    }

    private static long barsBetween(long earlier, long later, Timeframe timeframe) {
        return (later - earlier) / timeframe.millis();
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** A short phrase for reports: {@code none} or {@code 3 gaps, 12 bars missing, largest 7 bars from 2020-...}. */
    public String describe(Timeframe timeframe) {
        if (count == 0) return "none";
        return count + (count == 1 ? " gap, " : " gaps, ") + missingBars + " bars missing, largest " + largestMissing
                + " bars (" + span(largestMissing * timeframe.millis()) + ") from " + Instant.ofEpochMilli(largestGapStart);
    }

    /** {@code 7m}, {@code 12h}, {@code 4d}, {@code 1d 6h}. */
    public static String span(long millis) {
        long minutes = millis / 60_000;
        long days = minutes / 1440;
        long hours = minutes % 1440 / 60;
        long mins = minutes % 60;
        StringBuilder sb = new StringBuilder();
        if (days > 0) sb.append(days).append('d');
        if (hours > 0) sb.append(sb.length() > 0 ? " " : "").append(hours).append('h');
        if (mins > 0 || sb.length() == 0) sb.append(sb.length() > 0 ? " " : "").append(mins).append('m');
        return sb.toString();
    }
}
