package io.gpubot.data;

import io.gpubot.core.market.CandleRules;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns candles as read into a valid {@link CandleSeries} (DESIGN §3), or refuses the file with one
 * message naming the line and field. Refusing is all-or-nothing: a file with one bad row is not
 * partly imported.
 */
final class CandleValidation {

    private CandleValidation() {
    }

    static CandleImport validate(RawCandles raw, String source, Timeframe requested) {
        int n = raw.size;
        if (n == 0) {
            throw new CandleFileException(source, 0, "the file holds no candles");
        }
        for (int i = 0; i < n; i++) {
            String defect = CandleRules.defect(raw.open[i], raw.high[i], raw.low[i], raw.close[i], raw.volume[i]);
            if (defect != null) {
                throw new CandleFileException(source, raw.line[i], defect);
            }
        }
        boolean reversed = isNewestFirst(raw);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = reversed ? n - 1 - i : i;

        Timeframe timeframe = requested != null ? requested : inferTimeframe(raw, order, source);
        long shift = raw.endTimes ? 1 : 0;  // end times become open times below

        CandleSeries.Builder out = CandleSeries.builder(timeframe, n);
        int duplicates = 0;
        int firstDuplicateLine = 0;
        long previous = Long.MIN_VALUE;
        int previousLine = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            long t = raw.endTimes ? timeframe.floor(raw.time[i] - shift) : raw.time[i];
            if (!timeframe.isAligned(t)) {
                throw new CandleFileException(source, raw.line[i], "time: " + Instant.ofEpochMilli(t) + " is not on a "
                        + timeframe + " boundary (is the timeframe right?)");
            }
            if (t == previous) {
                duplicates++;
                if (firstDuplicateLine == 0) firstDuplicateLine = raw.line[i];
                continue;
            }
            if (t < previous) {
                throw new CandleFileException(source, raw.line[i], "time: " + Instant.ofEpochMilli(t) + " comes before "
                        + Instant.ofEpochMilli(previous) + " on line " + previousLine + "; rows must be sorted by time");
            }
            out.add(t, raw.open[i], raw.high[i], raw.low[i], raw.close[i], raw.volume[i]);
            previous = t;
            previousLine = raw.line[i];
        }
        CandleSeries series = out.build();
        return new CandleImport(source, series, duplicates, firstDuplicateLine, reversed, requested == null,
                raw.volumeMissing, series.gaps());
    }

    /** A file is newest-first when its times only ever go down (ties allowed). */
    private static boolean isNewestFirst(RawCandles raw) {
        if (raw.size < 2 || raw.time[0] <= raw.time[raw.size - 1]) {
            return false;
        }
        for (int i = 1; i < raw.size; i++) {
            if (raw.time[i] > raw.time[i - 1]) return false;
        }
        return true;
    }

    /** The timeframe whose length is the most common spacing between bars. */
    private static Timeframe inferTimeframe(RawCandles raw, int[] order, String source) {
        Map<Long, Integer> spacing = new HashMap<>();
        int limit = Math.min(raw.size, 10_000);
        for (int k = 1; k < limit; k++) {
            long d = raw.time[order[k]] - raw.time[order[k - 1]];
            if (d > 0) spacing.merge(d, 1, Integer::sum);
        }
        long common = spacing.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0L);
        return Timeframe.ofMillis(common).orElseThrow(() -> new CandleFileException(source, 0,
                common == 0 ? "cannot tell the timeframe from a single bar; pass --timeframe"
                        : "bars are mostly " + common / 1000 + " s apart, which is no KuCoin timeframe; pass --timeframe ("
                        + Timeframe.supportedLabels() + ")"));
    }
}
