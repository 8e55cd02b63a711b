package io.gpubot.core.market;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A candle interval supported by KuCoin Futures, with its REST granularity (minutes) and its
 * WebSocket {@code limitCandle} name.
 *
 * <p>Bars are aligned to UTC boundaries: every interval up to a day is aligned to the Unix epoch;
 * weeks start on Monday 00:00 UTC, as KuCoin's weekly candles do.
 */
public enum Timeframe {
    M1("1m", 1, "1min"),
    M5("5m", 5, "5min"),
    M15("15m", 15, "15min"),
    M30("30m", 30, "30min"),
    H1("1h", 60, "1hour"),
    H2("2h", 120, "2hour"),
    H4("4h", 240, "4hour"),
    H8("8h", 480, "8hour"),
    H12("12h", 720, "12hour"),
    D1("1d", 1440, "1day"),
    W1("1w", 10080, "1week");

    /** 1970-01-01 was a Thursday; weekly bars start on Monday, four days later. */
    private static final long WEEK_ORIGIN_MS = Duration.ofDays(4).toMillis();

    private final String label;
    private final int granularityMinutes;
    private final String webSocketName;
    private final long millis;

    Timeframe(String label, int granularityMinutes, String webSocketName) {
        this.label = label;
        this.granularityMinutes = granularityMinutes;
        this.webSocketName = webSocketName;
        this.millis = granularityMinutes * 60_000L;
    }

    /** The short name traders type: {@code 1m}, {@code 4h}, {@code 1d}. */
    public String label() {
        return label;
    }

    /** KuCoin's REST {@code granularity} parameter, in minutes. */
    public int granularityMinutes() {
        return granularityMinutes;
    }

    /** KuCoin's WebSocket candle-topic suffix, e.g. {@code 1hour} in {@code limitCandle:XBTUSDTM_1hour}. */
    public String webSocketName() {
        return webSocketName;
    }

    public long millis() {
        return millis;
    }

    public Duration duration() {
        return Duration.ofMillis(millis);
    }

    /** The open time of the bar that contains {@code epochMillis}. */
    public long floor(long epochMillis) {
        long origin = this == W1 ? WEEK_ORIGIN_MS : 0L;
        return Math.floorDiv(epochMillis - origin, millis) * millis + origin;
    }

    /** Whether {@code epochMillis} is the open time of a bar of this timeframe. */
    public boolean isAligned(long epochMillis) {
        return floor(epochMillis) == epochMillis;
    }

    /** Whether bars of this timeframe can be built exactly from bars of {@code finer}. */
    public boolean isMultipleOf(Timeframe finer) {
        return millis % finer.millis == 0 && millis >= finer.millis;
    }

    /**
     * Parses a label ({@code 15m}, {@code 4h}), a KuCoin WebSocket name ({@code 4hour}) or a
     * granularity in minutes ({@code 240}).
     *
     * @throws IllegalArgumentException naming the supported timeframes
     */
    public static Timeframe parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Timeframe tf : values()) {
            if (tf.label.equals(t) || tf.webSocketName.equals(t) || String.valueOf(tf.granularityMinutes).equals(t)) {
                return tf;
            }
        }
        throw new IllegalArgumentException("unsupported timeframe '" + text + "'; KuCoin Futures supports " + supportedLabels());
    }

    /** The timeframe whose bars last exactly {@code millis}, if there is one. */
    public static java.util.Optional<Timeframe> ofMillis(long millis) {
        return Arrays.stream(values()).filter(tf -> tf.millis == millis).findFirst();
    }

    public static String supportedLabels() {
        return Arrays.stream(values()).map(Timeframe::label).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return label;
    }
}
