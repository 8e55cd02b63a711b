package io.gpubot.core.trade;

import java.util.Arrays;

/**
 * Watches equity at every bar close (rule 9): the peak, the deepest drawdown and the longest time
 * under water, and the equity at each UTC day's last close for daily returns.
 */
public final class EquityRecorder {

    private static final long DAY = 86_400_000L;

    private final double start;
    private double peak;
    private long peakTime = Long.MIN_VALUE;
    private double maxDrawdown;
    private long maxUnderwater;
    private boolean underwater;
    private long firstTime = Long.MIN_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private double last;

    private long currentDay = Long.MIN_VALUE;
    private double[] dayEnds = new double[64];
    private int days;

    public EquityRecorder(double startBalance) {
        this.start = startBalance;
        this.peak = startBalance;
        this.last = startBalance;
    }

    /**
     * Records equity at the close of the bar that opened at {@code time}. Recording the same bar again
     * replaces its value (the end-of-data exit turns the last mark into cash).
     */
    public void onClose(long time, double equity) {
        if (firstTime == Long.MIN_VALUE) {
            firstTime = time;
            peakTime = time;
        }
        if (equity >= peak) {
            if (underwater) {
                // Back at the peak: the drawdown lasted from the peak until now.
                maxUnderwater = Math.max(maxUnderwater, time - peakTime);
                underwater = false;
            }
            peak = equity;
            peakTime = time;
        } else {
            underwater = true;
            double drawdown = (peak - equity) / peak;
            if (drawdown > maxDrawdown) maxDrawdown = drawdown;
            long underwater = time - peakTime;
            if (underwater > maxUnderwater) maxUnderwater = underwater;
        }
        long day = Math.floorDiv(time, DAY);
        if (day != currentDay) {
            if (days == dayEnds.length) dayEnds = Arrays.copyOf(dayEnds, days * 2);
            days++;
            currentDay = day;
        }
        dayEnds[days - 1] = equity;
        last = equity;
        lastTime = time;
    }

    /**
     * Records bars {@code [from, to)} that all closed with the same {@code equity}: the same result as
     * calling {@link #onClose} for each, in time per day instead of per bar. Bar {@code i} opened at
     * {@code time[base + i]}.
     *
     * @param dayStarts ascending bar indices of the first bar of each UTC day ({@link #dayStarts})
     */
    public void onFlatCloses(long[] time, int base, int[] dayStarts, int from, int to, double equity) {
        if (from >= to) {
            return;
        }
        onClose(time[base + from], equity);
        if (to - from == 1) {
            return;
        }
        long lastBar = time[base + to - 1];
        if (equity >= peak) {
            peakTime = lastBar;
        } else {
            maxUnderwater = Math.max(maxUnderwater, lastBar - peakTime);
        }
        int k = Arrays.binarySearch(dayStarts, from + 1);
        k = k >= 0 ? k : -k - 1;
        for (; k < dayStarts.length && dayStarts[k] < to; k++) {
            if (days == dayEnds.length) dayEnds = Arrays.copyOf(dayEnds, days * 2);
            dayEnds[days++] = equity;
        }
        currentDay = Math.floorDiv(lastBar, DAY);
        last = equity;
        lastTime = lastBar;
    }

    /** Indices of the first bar of each UTC day among {@code time[from..to)}, counted from {@code from}. */
    public static int[] dayStarts(long[] time, int from, int to) {
        int[] starts = new int[Math.max(1, (int) ((to > from ? time[to - 1] - time[from] : 0) / DAY) + 2)];
        int n = 0;
        long day = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            long d = Math.floorDiv(time[i], DAY);
            if (d != day) {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i - from;
                day = d;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    public double startBalance() {
        return start;
    }

    public double peak() {
        return peak;
    }

    /** The largest fall from a previous peak, as a share of that peak (0.25 = 25%). */
    public double maxDrawdown() {
        return maxDrawdown;
    }

    /** The longest time from a peak until equity was back at it (or until the last close), in ms. */
    public long maxDrawdownDuration() {
        return maxUnderwater;
    }

    public double lastEquity() {
        return last;
    }

    public long firstTime() {
        return firstTime;
    }

    public long lastTime() {
        return lastTime;
    }

    /** Equity at the last close of each UTC day that had a bar, in order. */
    public double[] dailyEquity() {
        return Arrays.copyOf(dayEnds, days);
    }
}
