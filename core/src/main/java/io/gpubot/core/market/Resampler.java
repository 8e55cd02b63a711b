package io.gpubot.core.market;

/**
 * Builds bars of a larger timeframe from a series of a smaller one (1m to 15m, 4h to 1d).
 *
 * <p>Buckets are aligned to UTC boundaries of the target timeframe. A bucket's open is the first
 * bar's open, its close the last bar's close, high and low the extremes, volume the sum. The first
 * bucket is dropped when the series starts after the bucket opens, and the last when the series ends
 * before the bucket closes: those bars would not be the bars the exchange reports. A bucket in the
 * middle that misses some source bars is built from the bars it has (exchanges publish no bar for a
 * minute without trades); a bucket with no source bars at all stays a gap.
 */
public final class Resampler {

    private Resampler() {
    }

    /**
     * @throws IllegalArgumentException when {@code target} is not a whole multiple of the series' timeframe
     */
    public static CandleSeries resample(CandleSeries source, Timeframe target) {
        Timeframe from = source.timeframe();
        if (target == from) {
            return source;
        }
        if (!target.isMultipleOf(from)) {
            throw new IllegalArgumentException("cannot build " + target + " bars from " + from + " bars: "
                    + target + " is not a whole multiple of " + from);
        }
        int n = source.size();
        CandleSeries.Builder out = CandleSeries.builder(target, (int) Math.max(16, (long) n * from.millis() / target.millis() + 2));
        if (n == 0) {
            return out.build();
        }
        long[] t = source.timeColumn();
        double[] o = source.openColumn();
        double[] h = source.highColumn();
        double[] l = source.lowColumn();
        double[] c = source.closeColumn();
        double[] v = source.volumeColumn();
        int base = source.start();
        long lastSubBarOffset = target.millis() - from.millis();

        int i = 0;
        while (i < n) {
            long bucket = target.floor(t[base + i]);
            long bucketEnd = bucket + target.millis();
            int first = i;
            double bucketHigh = h[base + i];
            double bucketLow = l[base + i];
            double bucketVolume = 0;
            while (i < n && t[base + i] < bucketEnd) {
                int k = base + i;
                if (h[k] > bucketHigh) bucketHigh = h[k];
                if (l[k] < bucketLow) bucketLow = l[k];
                bucketVolume += v[k];
                i++;
            }
            int last = i - 1;
            boolean startsPartial = first == 0 && t[base + first] != bucket;
            boolean endsPartial = i == n && t[base + last] != bucket + lastSubBarOffset;
            if (!startsPartial && !endsPartial) {
                out.add(bucket, o[base + first], bucketHigh, bucketLow, c[base + last], bucketVolume);
            }
        }
        return out.build();
    }
}
