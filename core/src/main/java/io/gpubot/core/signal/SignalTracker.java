package io.gpubot.core.signal;

import io.gpubot.core.indicator.Indicator;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.market.Candle;

import java.util.Arrays;

/**
 * One indicator of a live bot: feeds bars to the streaming indicator, remembers the previous outputs
 * and close, and classifies each bar with {@link SignalRules#classify} (the same call the batch votes use).
 */
public final class SignalTracker {

    private final IndicatorSpec spec;
    private final double[] parameters;
    private final Indicator indicator;
    private double[] now;
    private double[] prev;
    private double previousClose = Double.NaN;
    private int vote;

    public SignalTracker(IndicatorSpec spec) {
        this.spec = spec;
        this.parameters = spec.values();
        this.indicator = spec.newIndicator();
        this.now = new double[indicator.outputCount()];
        this.prev = new double[indicator.outputCount()];
        Arrays.fill(now, Double.NaN);
        Arrays.fill(prev, Double.NaN);
    }

    /** Feeds the next closed bar and returns its vote. */
    public int update(long time, double open, double high, double low, double close, double volume) {
        double[] swap = prev;
        prev = now;
        now = swap;
        indicator.update(time, open, high, low, close, volume);
        indicator.copyValues(now);
        vote = SignalRules.classify(spec.type(), parameters, now, prev, open, high, low, close, previousClose);
        previousClose = close;
        return vote;
    }

    public int update(Candle candle) {
        return update(candle.openTime(), candle.open(), candle.high(), candle.low(), candle.close(), candle.volume());
    }

    public IndicatorSpec spec() {
        return spec;
    }

    /** The vote after the last update (0 before any). */
    public int vote() {
        return vote;
    }

    /** Output {@code k} after the last update. */
    public double value(int k) {
        return now[k];
    }

    /** The current outputs as a reading for the dashboard. */
    public IndicatorReading reading() {
        return new IndicatorReading(spec, now.clone(), vote);
    }
}
