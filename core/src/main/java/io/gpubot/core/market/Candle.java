package io.gpubot.core.market;

import java.time.Instant;

/**
 * One OHLCV bar. {@code openTime} is the bar's start in Unix epoch milliseconds, UTC; the bar is
 * processed once, when it has closed.
 */
public record Candle(long openTime, double open, double high, double low, double close, double volume) {

    public Instant openInstant() {
        return Instant.ofEpochMilli(openTime);
    }

    /** A description of what makes this candle impossible, or {@code null} when it is valid. */
    public String defect() {
        return CandleRules.defect(open, high, low, close, volume);
    }
}
