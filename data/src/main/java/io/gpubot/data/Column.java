package io.gpubot.data;

import java.util.Locale;
import java.util.Map;

/** The candle fields a file may hold, and the names files use for them. */
enum Column {
    TIME, END_TIME, OPEN, HIGH, LOW, CLOSE, VOLUME;

    private static final Map<String, Column> ALIASES = Map.ofEntries(
            Map.entry("", TIME), Map.entry("t", TIME), Map.entry("ts", TIME), Map.entry("time", TIME),
            Map.entry("timestamp", TIME), Map.entry("timestampms", TIME), Map.entry("date", TIME),
            Map.entry("datetime", TIME), Map.entry("opentime", TIME), Map.entry("start", TIME),
            Map.entry("starttime", TIME), Map.entry("unix", TIME), Map.entry("timems", TIME),
            Map.entry("endtime", END_TIME), Map.entry("closetime", END_TIME),
            Map.entry("o", OPEN), Map.entry("open", OPEN), Map.entry("openprice", OPEN),
            Map.entry("h", HIGH), Map.entry("high", HIGH), Map.entry("highprice", HIGH),
            Map.entry("l", LOW), Map.entry("low", LOW), Map.entry("lowprice", LOW),
            Map.entry("c", CLOSE), Map.entry("close", CLOSE), Map.entry("closeprice", CLOSE),
            Map.entry("v", VOLUME), Map.entry("vol", VOLUME), Map.entry("volume", VOLUME),
            Map.entry("basevolume", VOLUME));

    /** The column a header or JSON field name stands for, or {@code null}. */
    static Column named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "").replace("\"", "");
        return ALIASES.get(key);
    }

    String fieldName() {
        return switch (this) {
            case TIME -> "time";
            case END_TIME -> "end time";
            case OPEN -> "open";
            case HIGH -> "high";
            case LOW -> "low";
            case CLOSE -> "close";
            case VOLUME -> "volume";
        };
    }
}
