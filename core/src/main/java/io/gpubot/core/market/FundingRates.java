package io.gpubot.core.market;

import java.util.Arrays;

/**
 * A contract's funding-rate history: at each settlement time, the rate a long pays a short (a
 * negative rate is paid by shorts). Times are strictly increasing epoch milliseconds.
 */
public final class FundingRates {

    private final long[] time;
    private final double[] rate;

    private FundingRates(long[] time, double[] rate) {
        this.time = time;
        this.rate = rate;
    }

    /**
     * @throws IllegalArgumentException when lengths differ, times are not strictly increasing, or a rate is not finite
     */
    public static FundingRates of(long[] time, double[] rate) {
        if (time.length != rate.length) throw new IllegalArgumentException("funding times and rates differ in length");
        for (int i = 0; i < time.length; i++) {
            if (!Double.isFinite(rate[i])) throw new IllegalArgumentException("funding rate at " + time[i] + " is not a finite number");
            if (i > 0 && time[i] <= time[i - 1]) throw new IllegalArgumentException("funding times must be strictly increasing at index " + i);
        }
        return new FundingRates(time.clone(), rate.clone());
    }

    public static FundingRates none() {
        return new FundingRates(new long[0], new double[0]);
    }

    public int size() {
        return time.length;
    }

    public long time(int i) {
        return time[i];
    }

    public double rate(int i) {
        return rate[i];
    }

    /** The rate settled exactly at {@code millis}, or {@code fallback} when the history has none there. */
    public double rateAt(long millis, double fallback) {
        int i = Arrays.binarySearch(time, millis);
        return i >= 0 ? rate[i] : fallback;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FundingRates f && Arrays.equals(time, f.time) && Arrays.equals(rate, f.rate);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(time) * 31 + Arrays.hashCode(rate);
    }

    @Override
    public String toString() {
        return "FundingRates[" + time.length + " settlements]";
    }
}
