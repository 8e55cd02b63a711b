package io.gpubot.core.market;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable run of candles of one timeframe, held as columns of primitive arrays (struct of
 * arrays) so that indicator and backtest kernels loop over {@code double[]} without boxing.
 *
 * <p>Open times are strictly increasing and aligned to the timeframe; gaps (missing bars) are
 * allowed and reported by {@link #gaps()}, never filled. Slices ({@link #slice}, {@link #between})
 * are views that share the columns without copying.
 *
 * <p>Kernels that want the raw columns use {@link #timeColumn()} and friends together with
 * {@link #start()}: bar {@code i} of this series is element {@code start() + i} of every column.
 * The columns are shared; never write to them.
 */
public final class CandleSeries {

    private final Timeframe timeframe;
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final int start;
    private final int size;

    private CandleSeries(Timeframe timeframe, long[] time, double[] open, double[] high, double[] low,
                         double[] close, double[] volume, int start, int size) {
        this.timeframe = timeframe;
        this.time = time;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.start = start;
        this.size = size;
    }

    /**
     * A series over the given columns, which it takes ownership of (the caller must not change them
     * afterwards).
     *
     * @throws IllegalArgumentException when the columns differ in length, or the times are not strictly
     *                                  increasing or not aligned to the timeframe
     */
    public static CandleSeries of(Timeframe timeframe, long[] time, double[] open, double[] high, double[] low,
                                  double[] close, double[] volume) {
        Objects.requireNonNull(timeframe, "timeframe");
        int n = time.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("candle columns differ in length");
        }
        for (int i = 0; i < n; i++) {
            if (!timeframe.isAligned(time[i])) {
                throw new IllegalArgumentException("bar " + i + " opens at " + time[i] + ", not on a " + timeframe + " boundary");
            }
            if (i > 0 && time[i] <= time[i - 1]) {
                throw new IllegalArgumentException("bar " + i + " opens at " + time[i] + ", not after bar " + (i - 1) + " at " + time[i - 1]);
            }
        }
        return new CandleSeries(timeframe, time, open, high, low, close, volume, 0, n);
    }

    /** An empty series of the given timeframe. */
    public static CandleSeries empty(Timeframe timeframe) {
        return of(timeframe, new long[0], new double[0], new double[0], new double[0], new double[0], new double[0]);
    }

    public static Builder builder(Timeframe timeframe) {
        return new Builder(timeframe, 1024);
    }

    public static Builder builder(Timeframe timeframe, int expectedSize) {
        return new Builder(timeframe, expectedSize);
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long time(int i) {
        return time[start + checkIndex(i)];
    }

    public double open(int i) {
        return open[start + checkIndex(i)];
    }

    public double high(int i) {
        return high[start + checkIndex(i)];
    }

    public double low(int i) {
        return low[start + checkIndex(i)];
    }

    public double close(int i) {
        return close[start + checkIndex(i)];
    }

    public double volume(int i) {
        return volume[start + checkIndex(i)];
    }

    public Candle candle(int i) {
        int k = start + checkIndex(i);
        return new Candle(time[k], open[k], high[k], low[k], close[k], volume[k]);
    }

    /** Open time of the first bar. */
    public long firstTime() {
        return time(0);
    }

    /** Open time of the last bar. */
    public long lastTime() {
        return time(size - 1);
    }

    /** The moment the last bar closes: its open time plus one timeframe. */
    public long endTime() {
        return lastTime() + timeframe.millis();
    }

    /** A view of bars {@code [fromIndex, toIndex)}, sharing this series' columns. */
    public CandleSeries slice(int fromIndex, int toIndex) {
        Objects.checkFromToIndex(fromIndex, toIndex, size);
        return new CandleSeries(timeframe, time, open, high, low, close, volume, start + fromIndex, toIndex - fromIndex);
    }

    /** A view of the bars opening in {@code [fromMillis, toMillis)}, sharing this series' columns. */
    public CandleSeries between(long fromMillis, long toMillis) {
        int from = ceilingIndex(fromMillis);
        int to = Math.max(from, ceilingIndex(toMillis));
        return slice(from, to);
    }

    /** Index of the first bar opening at or after {@code millis}; {@link #size()} when there is none. */
    public int ceilingIndex(long millis) {
        int found = Arrays.binarySearch(time, start, start + size, millis);
        return (found >= 0 ? found : -found - 1) - start;
    }

    /** Index of the bar opening exactly at {@code millis}, or -1. */
    public int indexOf(long millis) {
        int found = Arrays.binarySearch(time, start, start + size, millis);
        return found >= 0 ? found - start : -1;
    }

    /** The missing bars between the first and the last bar. */
    public Gaps gaps() {
        return Gaps.of(time, start, start + size, timeframe);
    }

    /** The shared time column; bar {@code i} is at {@code start() + i}. Read only. */
    public long[] timeColumn() {
        return time;
    }

    /** The shared open column; bar {@code i} is at {@code start() + i}. Read only. */
    public double[] openColumn() {
        return open;
    }

    /** The shared high column; bar {@code i} is at {@code start() + i}. Read only. */
    public double[] highColumn() {
        return high;
    }

    /** The shared low column; bar {@code i} is at {@code start() + i}. Read only. */
    public double[] lowColumn() {
        return low;
    }

    /** The shared close column; bar {@code i} is at {@code start() + i}. Read only. */
    public double[] closeColumn() {
        return close;
    }

    /** The shared volume column; bar {@code i} is at {@code start() + i}. Read only. */
    public double[] volumeColumn() {
        return volume;
    }

    /** Where this series' first bar sits in the shared columns. */
    public int start() {
        return start;
    }

    /** A copy of this series' closes, from bar 0 to bar {@code size() - 1}. */
    public double[] closes() {
        return Arrays.copyOfRange(close, start, start + size);
    }

    /** A compact copy holding only this series' bars (useful to let a large parent be collected). */
    public CandleSeries compact() {
        return new CandleSeries(timeframe,
                Arrays.copyOfRange(time, start, start + size),
                Arrays.copyOfRange(open, start, start + size),
                Arrays.copyOfRange(high, start, start + size),
                Arrays.copyOfRange(low, start, start + size),
                Arrays.copyOfRange(close, start, start + size),
                Arrays.copyOfRange(volume, start, start + size),
                0, size);
    }

    private int checkIndex(int i) {
        return Objects.checkIndex(i, size);
    }

    /** Two series are equal when they have the same timeframe and bit-for-bit the same bars. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof CandleSeries other) || other.timeframe != timeframe || other.size != size) return false;
        return Arrays.equals(time, start, start + size, other.time, other.start, other.start + size)
                && Arrays.equals(open, start, start + size, other.open, other.start, other.start + size)
                && Arrays.equals(high, start, start + size, other.high, other.start, other.start + size)
                && Arrays.equals(low, start, start + size, other.low, other.start, other.start + size)
                && Arrays.equals(close, start, start + size, other.close, other.start, other.start + size)
                && Arrays.equals(volume, start, start + size, other.volume, other.start, other.start + size);
    }

    @Override
    public int hashCode() {
        int h = timeframe.hashCode() * 31 + size;
        for (int i = start; i < start + size; i++) {
            h = h * 31 + Long.hashCode(time[i]) + Double.hashCode(close[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        if (size == 0) return "CandleSeries[" + timeframe + ", empty]";
        return "CandleSeries[" + timeframe + ", " + size + " bars, " + firstInstant() + " .. " + java.time.Instant.ofEpochMilli(lastTime()) + "]";
    }

    private java.time.Instant firstInstant() {
        return java.time.Instant.ofEpochMilli(firstTime());
    }

    /** Collects candles in time order into a {@link CandleSeries}. */
    public static final class Builder {
        private final Timeframe timeframe;
        private long[] time;
        private double[] open;
        private double[] high;
        private double[] low;
        private double[] close;
        private double[] volume;
        private int size;

        private Builder(Timeframe timeframe, int capacity) {
            this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
            int c = Math.max(16, capacity);
            time = new long[c];
            open = new double[c];
            high = new double[c];
            low = new double[c];
            close = new double[c];
            volume = new double[c];
        }

        public Builder add(long openTime, double o, double h, double l, double c, double v) {
            if (size == time.length) grow();
            time[size] = openTime;
            open[size] = o;
            high[size] = h;
            low[size] = l;
            close[size] = c;
            volume[size] = v;
            size++;
            return this;
        }

        public Builder add(Candle candle) {
            return add(candle.openTime(), candle.open(), candle.high(), candle.low(), candle.close(), candle.volume());
        }

        public int size() {
            return size;
        }

        /** Open time of the most recently added bar; {@link Long#MIN_VALUE} when empty. */
        public long lastTime() {
            return size == 0 ? Long.MIN_VALUE : time[size - 1];
        }

        private void grow() {
            int c = Math.max(16, time.length * 2);
            time = Arrays.copyOf(time, c);
            open = Arrays.copyOf(open, c);
            high = Arrays.copyOf(high, c);
            low = Arrays.copyOf(low, c);
            close = Arrays.copyOf(close, c);
            volume = Arrays.copyOf(volume, c);
        }

        /**
         * @throws IllegalArgumentException as {@link CandleSeries#of} does
         */
        public CandleSeries build() {
            if (size == time.length) {
                return of(timeframe, time, open, high, low, close, volume);
            }
            return of(timeframe, Arrays.copyOf(time, size), Arrays.copyOf(open, size), Arrays.copyOf(high, size),
                    Arrays.copyOf(low, size), Arrays.copyOf(close, size), Arrays.copyOf(volume, size));
        }
    }
}
