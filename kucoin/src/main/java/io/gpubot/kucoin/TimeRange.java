package io.gpubot.kucoin;

/** The half-open interval {@code [fromMillis, toMillis)} of epoch milliseconds. */
public record TimeRange(long fromMillis, long toMillis) {

    public TimeRange {
        if (toMillis < fromMillis) throw new IllegalArgumentException("time range ends before it starts: " + fromMillis + " > " + toMillis);
    }

    public long lengthMillis() {
        return toMillis - fromMillis;
    }

    public boolean isEmpty() {
        return toMillis == fromMillis;
    }

    public boolean contains(long millis) {
        return millis >= fromMillis && millis < toMillis;
    }
}
