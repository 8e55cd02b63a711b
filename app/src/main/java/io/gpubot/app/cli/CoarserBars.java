package io.gpubot.app.cli;

import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Resampler;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import io.gpubot.data.StoredSeries;

import io.gpubot.data.CandleFiles;
import io.gpubot.data.CandleImport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * Bars of a coarser timeframe built from finer ones with core's {@link Resampler} (UTC-aligned
 * buckets, partial first and last buckets dropped, an empty bucket stays a gap), so 1m history
 * serves a 4h backtest.
 */
final class CoarserBars {

    private CoarserBars() {
    }

    /** {@code bars} as {@code target} bars, with one line on {@code note} saying so; {@code bars} itself when it already is. */
    static CandleSeries resample(CandleSeries bars, Timeframe target, String described, PrintWriter note) {
        return resample(bars, target, described, note, " on load");
    }

    static CandleSeries resample(CandleSeries bars, Timeframe target, String described, PrintWriter note, String when) {
        if (bars.timeframe() == target) return bars;
        if (!target.isMultipleOf(bars.timeframe())) {
            throw new UserException(described + " holds " + bars.timeframe() + " bars, which cannot make " + target + " bars ("
                    + target + " is not a whole multiple of " + bars.timeframe() + "); pick a timeframe such as "
                    + suggestions(bars.timeframe()));
        }
        CandleSeries out = Resampler.resample(bars, target);
        if (out.isEmpty()) {
            throw new UserException(described + " holds too few " + bars.timeframe() + " bars to make one whole " + target + " bar");
        }
        note.println("Resampled " + Formats.count(bars.size()) + " " + bars.timeframe() + " bars of " + described + " into "
                + Formats.count(out.size()) + " " + target + " bars" + when + ".");
        note.flush();
        return out;
    }

    /**
     * A file's bars at {@code timeframe}, or at the file's own finer timeframe when its bars are not on
     * {@code timeframe} but can make it (the caller resamples); otherwise the file's refusal as it was.
     */
    static CandleImport readFile(Path file, Timeframe timeframe) {
        if (timeframe == null) return CandleFiles.read(file, null);
        try {
            return CandleFiles.read(file, timeframe);
        } catch (UserException asked) {
            CandleImport own;
            try {
                own = CandleFiles.read(file, null);
            } catch (UserException e) {
                throw asked;
            }
            if (own.series().timeframe() == timeframe || !timeframe.isMultipleOf(own.series().timeframe())) throw asked;
            return own;
        }
    }

    /** The coarsest stored series of the same exchange and symbol whose bars can make {@code key}'s timeframe. */
    static Optional<SeriesKey> finerSource(CandleStore store, SeriesKey key) {
        return store.list().stream().map(StoredSeries::key)
                .filter(k -> k.exchange().equals(key.exchange()) && k.symbol().equals(key.symbol()))
                .filter(k -> k.timeframe() != key.timeframe() && key.timeframe().isMultipleOf(k.timeframe()))
                .max(Comparator.comparingLong(k -> k.timeframe().millis()));
    }

    private static String suggestions(Timeframe finer) {
        StringBuilder s = new StringBuilder();
        for (Timeframe t : Timeframe.values()) {
            if (t != finer && t.isMultipleOf(finer)) s.append(s.length() == 0 ? "" : ", ").append(t);
        }
        return s.length() == 0 ? "the file's own" : s.toString();
    }
}
