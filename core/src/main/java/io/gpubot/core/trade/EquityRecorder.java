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

    private long nextDay = Long.MIN_VALUE;
    private double drawdownFloor;
    private double[] dayEnds = new double[64];
    private int days;
    private double maxIntrabarDrawdown;
    /** Intrabar equity at or above which the intrabar record cannot change ({@link #floor}). */
    private double intrabarFloor;

    public EquityRecorder(double startBalance) {
        this.start = startBalance;
        this.peak = startBalance;
        this.last = startBalance;
        this.drawdownFloor = floor(startBalance, 0);
        this.intrabarFloor = drawdownFloor;
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
            drawdownFloor = floor(peak, maxDrawdown);
            intrabarFloor = floor(peak, maxIntrabarDrawdown);
        } else {
            underwater = true;
            // Above the floor the drawdown cannot beat the record: skip the division.
            if (equity < drawdownFloor) {
                double drawdown = (peak - equity) / peak;
                if (drawdown > maxDrawdown) {
                    maxDrawdown = drawdown;
                    drawdownFloor = floor(peak, maxDrawdown);
                }
            }
            long underwaterFor = time - peakTime;
            if (underwaterFor > maxUnderwater) maxUnderwater = underwaterFor;
        }
        if (time >= nextDay) {
            if (days == dayEnds.length) dayEnds = Arrays.copyOf(dayEnds, days * 2);
            days++;
            nextDay = (Math.floorDiv(time, DAY) + 1) * DAY;
        }
        dayEnds[days - 1] = equity;
        last = equity;
        lastTime = time;
    }

    /** Equity at the start of the UTC day of the last close: the previous day's last close, else the starting balance. */
    double dayStartEquity() {
        return days >= 2 ? dayEnds[days - 2] : start;
    }

    /** The start of the UTC day after the one of the last close recorded. */
    long nextDay() {
        return nextDay;
    }

    /**
     * Records the worst equity inside a bar with a position open, before the bar's close is recorded:
     * the balance plus the unrealised PnL at the bar's adverse extreme (a long's low, a short's high).
     */
    public void onIntrabar(double worstEquity) {
        // Above the floor the drawdown cannot beat the record: skip the division.
        if (worstEquity < intrabarFloor && worstEquity < peak) {
            double drawdown = (peak - worstEquity) / peak;
            if (drawdown > maxIntrabarDrawdown) {
                maxIntrabarDrawdown = drawdown;
                intrabarFloor = floor(peak, maxIntrabarDrawdown);
            }
        }
    }

    /**
     * The deepest fall from a peak of closing equity to the worst equity inside a bar (from the lows of
     * a long, the highs of a short) or at a close, as a fraction.
     */
    public double maxIntrabarDrawdown() {
        return Math.max(maxIntrabarDrawdown, maxDrawdown);
    }

    /**
     * Whether closes whose equity lies in {@code [worst, best]} would all stay under the peak without
     * reaching the drawdown record: then {@link #onUnderwaterStretch} records them exactly.
     */
    boolean staysUnderwaterAbove(double best, double worst) {
        return best < peak && worst >= drawdownFloor && firstTime != Long.MIN_VALUE;
    }

    /**
     * Records closes up to {@code lastBarTime}, within the current UTC day, that all stayed under the
     * peak and above the drawdown floor ({@link #staysUnderwaterAbove}); {@code equity} is the last one's.
     */
    void onUnderwaterStretch(long lastBarTime, double equity) {
        underwater = true;
        long underwaterFor = lastBarTime - peakTime;
        if (underwaterFor > maxUnderwater) maxUnderwater = underwaterFor;
        dayEnds[days - 1] = equity;
        last = equity;
        lastTime = lastBarTime;
    }

    /**
     * Equity at or above which the drawdown from {@code peak} is certainly not above {@code record}: a
     * margin of 1e-12 of the peak covers the rounding of {@code (peak - equity) / peak}.
     */
    private static double floor(double peak, double record) {
        return peak * (1 - record) + peak * 1e-12;
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
        nextDay = (Math.floorDiv(lastBar, DAY) + 1) * DAY;
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
