package io.gpubot.core.signal;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorValues;
import io.gpubot.core.market.CandleSeries;

/**
 * Everything one spec produces over a series: every output at every bar and the vote at every bar (what
 * {@code gpubot indicators compute} prints and what the backtester precomputes per gene).
 */
public record SignalSeries(IndicatorValues values, byte[] votes) {

    /** Computes the outputs (batch) and the votes of {@code spec} over {@code series}. */
    public static SignalSeries compute(IndicatorSpec spec, CandleSeries series) {
        IndicatorValues values = spec.compute(series);
        return new SignalSeries(values, SignalRules.votes(values, series));
    }

    public IndicatorSpec spec() {
        return values.spec();
    }

    /** Bars covered. */
    public int size() {
        return votes.length;
    }

    /** The votes array (shared; read only). */
    @Override
    public byte[] votes() {
        return votes;
    }
}
