package io.gpubot.core.market;

import java.time.Instant;

/**
 * A half-open span of time {@code [from, to)} in Unix epoch milliseconds, UTC.
 */
public record TimeRange(long from, long to) {

    public TimeRange {
        if (to < from) {
            throw new IllegalArgumentException("time range ends (" + Instant.ofEpochMilli(to) + ") before it starts (" + Instant.ofEpochMilli(from) + ")");
        }
    }

    public long millis() {
        return to - from;
    }

    /** Number of bars of {@code timeframe} that open inside this range, assuming it is aligned. */
    public long bars(Timeframe timeframe) {
        return (to - from + timeframe.millis() - 1) / timeframe.millis();
    }

    public boolean isEmpty() {
        return to == from;
    }

    public boolean contains(long millis) {
        return millis >= from && millis < to;
    }

    @Override
    public String toString() {
        return "[" + Instant.ofEpochMilli(from) + ", " + Instant.ofEpochMilli(to) + ")";
    }
}
