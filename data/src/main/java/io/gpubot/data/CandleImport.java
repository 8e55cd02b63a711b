package io.gpubot.data;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Gaps;

import java.util.ArrayList;
import java.util.List;

/**
 * Candles read from a file and validated, with what the reader had to do to them.
 *
 * @param source              the file or resource name
 * @param series              the valid candles, in time order
 * @param duplicatesDropped   rows dropped because an earlier row has the same open time
 * @param firstDuplicateLine  line of the first dropped row (0 when none)
 * @param reversed            whether the file was newest-first and was put in time order
 * @param timeframeInferred   whether the timeframe was read from the spacing of the bars
 * @param volumeMissing       whether the file had no volume (volume is then 0)
 * @param gaps                missing bars between the first and the last
 */
public record CandleImport(
        String source,
        CandleSeries series,
        int duplicatesDropped,
        int firstDuplicateLine,
        boolean reversed,
        boolean timeframeInferred,
        boolean volumeMissing,
        Gaps gaps) {

    /** Things a person should know about the import; each is one line. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (duplicatesDropped > 0) {
            w.add(source + ": dropped " + duplicatesDropped + " duplicate bar" + (duplicatesDropped == 1 ? "" : "s")
                    + " (same open time as the row before; first at line " + firstDuplicateLine + ")");
        }
        if (reversed) {
            w.add(source + ": rows were newest first; put them in time order");
        }
        if (volumeMissing) {
            w.add(source + ": the file has no volume; volume is 0 (volume indicators will stay neutral)");
        }
        if (!gaps.isEmpty()) {
            w.add(source + ": gaps: " + gaps.describe(series.timeframe()) + " (not filled)");
        }
        return w;
    }
}
