package io.gpubot.app.cli;

import io.gpubot.core.UserException;
import io.gpubot.data.Timestamps;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the command line writes and reads times and counts. */
final class Formats {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** {@code 2024-01-31 12:00}, UTC. */
    static String time(long epochMillis) {
        return MINUTES.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 1,234,567}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Reads a {@code --from}/{@code --to} value: a date, a date and time (UTC unless it says otherwise), or epoch ms. */
    static long instant(String option, String text) {
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage());
        }
    }
}
