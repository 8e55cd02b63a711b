package io.gpubot.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads the timestamps found in candle files: epoch numbers in seconds, milliseconds, microseconds or
 * nanoseconds (told apart by magnitude), and ISO-8601 dates and times. A time without a zone is UTC.
 */
public final class Timestamps {

    private static final double SECONDS_LIMIT = 1e11;   // 5138 AD in seconds, 1973 AD in milliseconds
    private static final double MILLIS_LIMIT = 1e14;
    private static final double MICROS_LIMIT = 1e17;

    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);

    /** US month/day/year with a 12-hour clock, as some charting tools export ({@code 2/22/2013 12:00:00 AM}). */
    private static final DateTimeFormatter US_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("M/d/yyyy h:mm[:ss] a")
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter(Locale.ROOT);

    private Timestamps() {
    }

    /** Milliseconds since the epoch for a JSON or CSV number. */
    public static long fromNumber(double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("'" + value + "' is not a timestamp");
        }
        if (value < SECONDS_LIMIT) return Math.round(value * 1000.0);
        if (value < MILLIS_LIMIT) return Math.round(value);
        if (value < MICROS_LIMIT) return Math.round(value / 1000.0);
        return Math.round(value / 1_000_000.0);
    }

    /**
     * Milliseconds since the epoch for a timestamp written as text.
     *
     * @throws IllegalArgumentException saying which forms are understood
     */
    public static long parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (looksNumeric(s)) {
            try {
                return fromNumber(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                // fall through to the date forms
            }
        }
        try {
            return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not with an offset
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not an instant
        }
        try {
            return LocalDateTime.parse(s, LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not a date
        }
        try {
            return LocalDateTime.parse(s, US_DATE_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not a US date
        }
        throw new IllegalArgumentException("'" + s + "' is not a timestamp (use epoch seconds or milliseconds, or ISO-8601 like 2024-01-31T12:00:00Z)");
    }

    private static boolean looksNumeric(String s) {
        char c = s.charAt(0);
        return (c >= '0' && c <= '9') || c == '.' || c == '-' && s.length() > 1 && Character.isDigit(s.charAt(1)) && s.indexOf('-', 1) < 0;
    }
}
