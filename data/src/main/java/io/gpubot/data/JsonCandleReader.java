package io.gpubot.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads candles from JSON, streaming, in the layouts exchanges and tools write:
 * <ul>
 *   <li>an array of rows {@code [[t, o, h, l, c, v], ...]} (KuCoin REST, ccxt, freqtrade);</li>
 *   <li>an array of objects with named fields ({@code {"start": ..., "open": ...}});</li>
 *   <li>either of those under a field of a top-level object ({@code {"data": [...]}},
 *       {@code {"candles": [...]}}), the first array field found.</li>
 * </ul>
 * Numbers may be JSON numbers or strings.
 */
final class JsonCandleReader {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonCandleReader() {
    }

    static RawCandles read(Reader in, String source) throws IOException {
        RawCandles raw = new RawCandles();
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken root = p.nextToken();
            if (root == JsonToken.START_ARRAY) {
                readRows(p, raw, source);
            } else if (root == JsonToken.START_OBJECT) {
                if (!findRowArray(p)) {
                    throw new CandleFileException(source, 0, "the JSON object holds no array of candles");
                }
                readRows(p, raw, source);
            } else {
                throw new CandleFileException(source, 1, "expected a JSON array of candles or an object holding one");
            }
        } catch (JsonParseException e) {
            throw new CandleFileException(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
        return raw;
    }

    /** Moves to the first field of the current object whose value is an array. */
    private static boolean findRowArray(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_ARRAY) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    private static void readRows(JsonParser p, RawCandles raw, String source) throws IOException {
        JsonToken t;
        boolean first = true;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new CandleFileException(source, line(p), "the JSON ends inside the candle array");
            }
            int line = line(p);
            if (t == JsonToken.START_ARRAY) {
                readPositional(p, raw, source, line);
            } else if (t == JsonToken.START_OBJECT) {
                readNamed(p, raw, source, line, first);
            } else {
                throw new CandleFileException(source, line, "expected a candle row or object, found " + p.getText());
            }
            first = false;
        }
    }

    private static void readPositional(JsonParser p, RawCandles raw, String source, int line) throws IOException {
        double[] v = new double[6];
        long time = 0;
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (n == 0) {
                time = timeValue(p, t, source, line);
            } else if (n < 6) {
                v[n] = numberValue(p, t, Column.values()[n + 1], source, line);
            } else if (t.isStructStart()) {
                p.skipChildren();
            }
            n++;
        }
        if (n < 5) {
            throw new CandleFileException(source, line, "a candle row needs time, open, high, low, close[, volume]; found " + n + " values");
        }
        if (n == 5) raw.volumeMissing = true;
        raw.add(line, time, v[1], v[2], v[3], v[4], n > 5 ? v[5] : 0.0);
    }

    private static void readNamed(JsonParser p, RawCandles raw, String source, int line, boolean first) throws IOException {
        long time = 0;
        boolean hasTime = false;
        boolean hasEnd = false;
        double o = Double.NaN, h = Double.NaN, l = Double.NaN, c = Double.NaN, vol = 0;
        boolean hasVolume = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Column column = Column.named(p.currentName());
            JsonToken t = p.nextToken();
            if (column == null) {
                p.skipChildren();
                continue;
            }
            switch (column) {
                case TIME -> {
                    time = timeValue(p, t, source, line);
                    hasTime = true;
                }
                case END_TIME -> {
                    if (!hasTime) {
                        time = timeValue(p, t, source, line);
                        hasEnd = true;
                    }
                }
                case OPEN -> o = numberValue(p, t, column, source, line);
                case HIGH -> h = numberValue(p, t, column, source, line);
                case LOW -> l = numberValue(p, t, column, source, line);
                case CLOSE -> c = numberValue(p, t, column, source, line);
                case VOLUME -> {
                    vol = numberValue(p, t, column, source, line);
                    hasVolume = true;
                }
            }
        }
        if (!hasTime && !hasEnd) {
            throw new CandleFileException(source, line, "the candle has no time field (expected one of start, time, timestamp, open_time)");
        }
        if (Double.isNaN(o) || Double.isNaN(h) || Double.isNaN(l) || Double.isNaN(c)) {
            String missing = Double.isNaN(o) ? "open" : Double.isNaN(h) ? "high" : Double.isNaN(l) ? "low" : "close";
            throw new CandleFileException(source, line, missing + ": missing or not a number");
        }
        if (first) {
            raw.endTimes = !hasTime;
        }
        if (!hasVolume) raw.volumeMissing = true;
        raw.add(line, time, o, h, l, c, vol);
    }

    private static long timeValue(JsonParser p, JsonToken t, String source, int line) throws IOException {
        try {
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return Timestamps.fromNumber(p.getDoubleValue());
            }
            if (t == JsonToken.VALUE_STRING) {
                return Timestamps.parse(p.getText());
            }
        } catch (IllegalArgumentException e) {
            throw new CandleFileException(source, line, "time: " + e.getMessage());
        }
        throw new CandleFileException(source, line, "time: expected a number or a date, found " + p.getText());
    }

    private static double numberValue(JsonParser p, JsonToken t, Column column, String source, int line) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            return CsvCandleReader.number(p.getText(), column, source, line);
        }
        if (t.isStructStart()) p.skipChildren();
        throw new CandleFileException(source, line, column.fieldName() + ": expected a number, found " + (t == JsonToken.VALUE_NULL ? "null" : p.getText()));
    }

    private static int line(JsonParser p) {
        return (int) p.currentTokenLocation().getLineNr();
    }
}
