package io.gpubot.data;

import java.util.Arrays;

/** Candles as read from a file, in file order, each with the line it came from; not yet validated. */
final class RawCandles {
    long[] time = new long[1024];
    double[] open = new double[1024];
    double[] high = new double[1024];
    double[] low = new double[1024];
    double[] close = new double[1024];
    double[] volume = new double[1024];
    int[] line = new int[1024];
    int size;
    /** Whether the times are bar end times rather than open times. */
    boolean endTimes;
    boolean volumeMissing;

    void add(int lineNumber, long t, double o, double h, double l, double c, double v) {
        if (size == time.length) {
            int n = size * 2;
            time = Arrays.copyOf(time, n);
            open = Arrays.copyOf(open, n);
            high = Arrays.copyOf(high, n);
            low = Arrays.copyOf(low, n);
            close = Arrays.copyOf(close, n);
            volume = Arrays.copyOf(volume, n);
            line = Arrays.copyOf(line, n);
        }
        time[size] = t;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        line[size] = lineNumber;
        size++;
    }
}
