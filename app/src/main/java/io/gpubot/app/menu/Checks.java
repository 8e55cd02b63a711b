package io.gpubot.app.menu;

import io.gpubot.app.BundledDataset;
import io.gpubot.core.UserException;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.Timestamps;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The menu's answer checks; each message says what would be accepted. */
final class Checks {

    private Checks() {
    }

    static String symbol(String answer) {
        boolean known;
        try {
            known = Contracts.find(answer).isPresent();
        } catch (IllegalArgumentException notAPerpetual) {
            known = false;
        }
        return known ? null : "unknown symbol '" + answer + "'; known: " + Contracts.builtIn().stream().map(c -> c.symbol()).sorted()
                .collect(java.util.stream.Collectors.joining(" ")) + " (or pairs such as BTC/USDT)";
    }

    static String timeframe(String answer) {
        try {
            Timeframe.parse(answer);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static String positiveNumber(String answer) {
        try {
            double x = Double.parseDouble(answer);
            return x > 0 && Double.isFinite(x) ? null : "'" + answer + "' must be a number above 0, e.g. 1000";
        } catch (NumberFormatException e) {
            return "'" + answer + "' is not a number; type digits, e.g. 1000";
        }
    }

    static Questions.Check wholeNumber(long min) {
        return answer -> {
            try {
                return Long.parseLong(answer) >= min ? null : "'" + answer + "' must be a whole number of at least " + min;
            } catch (NumberFormatException e) {
                return "'" + answer + "' is not a whole number; type digits, e.g. " + Math.max(min, 10);
            }
        };
    }

    /** A whole number in {@code [min, max]}; above the top, the message says what the top is. */
    static Questions.Check wholeNumber(long min, long max, String top) {
        Questions.Check atLeast = wholeNumber(min);
        return answer -> {
            String problem = atLeast.apply(answer);
            if (problem != null) return problem;
            return Long.parseLong(answer) <= max ? null : "'" + answer + "' is above " + top + ", " + max + "; type " + min + " to " + max;
        };
    }

    static final java.time.format.DateTimeFormatter DATE = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", java.util.Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    /** A date with bars before it (history) and at or after it (to replay). */
    static String within(String answer, io.gpubot.core.market.CandleSeries bars) {
        String problem = date(answer);
        if (problem != null) return problem;
        long t = Timestamps.parse(answer);
        if (t <= bars.firstTime() || t > bars.lastTime()) {
            return "'" + answer + "' is outside the candles, " + DATE.format(java.time.Instant.ofEpochMilli(bars.firstTime())) + " .. "
                    + DATE.format(java.time.Instant.ofEpochMilli(bars.lastTime())) + " UTC; pick a date inside, after some history";
        }
        return null;
    }

    static String date(String answer) {
        try {
            Timestamps.parse(answer);
            return null;
        } catch (IllegalArgumentException e) {
            return "'" + answer + "' is not a date; type e.g. 2024-01-31 or 2024-01-31T12:00";
        }
    }

    /** A bundled dataset ({@code bundled:btc-usd-4h}) or a candle file that exists. */
    static String candles(String answer) {
        if (answer.startsWith(BundledDataset.PREFIX)) {
            try {
                BundledDataset.named(answer);
                return null;
            } catch (UserException e) {
                return e.getMessage();
            }
        }
        return Files.isRegularFile(Path.of(answer)) ? null
                : "no file " + answer + "; give a CSV/JSON candle file or one of bundled:" + BundledDataset.names().replace(", ", ", bundled:");
    }

    static String bundledName(String answer) {
        try {
            BundledDataset.named(answer);
            return null;
        } catch (UserException e) {
            return e.getMessage();
        }
    }

    static String url(String answer) {
        try {
            URI uri = URI.create(answer);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return web && uri.getHost() != null ? null : "'" + answer + "' is not an http(s) URL, e.g. https://api-futures.kucoin.com";
        } catch (IllegalArgumentException e) {
            return "'" + answer + "' is not a URL, e.g. https://api-futures.kucoin.com";
        }
    }

    static String port(String answer) {
        try {
            int p = Integer.parseInt(answer);
            return p >= 0 && p <= 65535 ? null : "a port is 0..65535 (0 picks a free one)";
        } catch (NumberFormatException e) {
            return "'" + answer + "' is not a port number; 0 picks a free one";
        }
    }
}
