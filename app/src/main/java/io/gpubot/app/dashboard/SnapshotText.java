package io.gpubot.app.dashboard;

import io.gpubot.core.signal.ConsensusResult;
import io.gpubot.core.signal.IndicatorReading;
import io.gpubot.core.signal.Signal;
import io.gpubot.core.trade.Position;
import io.gpubot.live.BotSnapshot;
import io.gpubot.live.SessionEvent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The words and numbers both dashboards show, so the full-screen and the line output read the same:
 * the consensus line, an indicator's value, vote and parameters, a position, money.
 */
final class SnapshotText {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SnapshotText() {
    }

    /** {@code BUY (bullish 3, bearish 0, neutral 0 of 3)}; before the first bar {@code NO SIGNAL (warming up)}. */
    static String consensus(ConsensusResult c) {
        if (c == null) return "NO SIGNAL (no bar yet)";
        return signal(c.signal()) + String.format(Locale.ROOT, " (bullish %d, bearish %d, neutral %d of %d)",
                c.bullish(), c.bearish(), c.neutral(), c.breakdown().size());
    }

    static String signal(Signal s) {
        return switch (s) {
            case BUY -> "BUY";
            case SELL -> "SELL";
            case NONE -> "NO SIGNAL";
        };
    }

    /** An indicator's vote as the guide's "Signal" column. */
    static String vote(int vote) {
        return vote > 0 ? "BUY" : vote < 0 ? "SELL" : "NEUTRAL";
    }

    /** The primary output, or "warming up" while it is NaN. */
    static String value(IndicatorReading r) {
        double v = r.value();
        return Double.isNaN(v) ? "warming up" : number(v);
    }

    /** Every output by name, e.g. {@code sar=43120.5}; the primary one first. */
    static String outputs(IndicatorReading r) {
        return r.outputs().entrySet().stream().map(e -> e.getKey().toLowerCase(Locale.ROOT) + "=" + number(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** {@code [period=20]}, or {@code []} for an indicator without parameters. */
    static String parameters(IndicatorReading r) {
        Map<String, Double> params = r.parameters();
        return params.entrySet().stream().map(e -> e.getKey().toLowerCase(Locale.ROOT) + "=" + plain(e.getValue()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** {@code LONG 12 @ 43,000.50  3x  TP 44,000.00  SL 42,000.00  liq 30,000.00}, or {@code flat}. */
    static String position(BotSnapshot bot) {
        Position p = bot.position();
        if (p == null) return "flat";
        return String.format(Locale.ROOT, "%s %d @ %s  %dx  TP %s  SL %s  liq %s", p.side(), p.contracts(), number(p.entryPrice()),
                bot.leverage(), number(p.takeProfit()), number(p.stopLoss()), number(p.liquidationPrice()));
    }

    /** {@code +$45.20}, {@code -$3.10}. */
    static String signedMoney(double x) {
        return (x < 0 ? "-" : "+") + "$" + String.format(Locale.ROOT, "%,.2f", Math.abs(x));
    }

    /** {@code $12.30}. */
    static String money(double x) {
        return (x < 0 ? "-" : "") + "$" + String.format(Locale.ROOT, "%,.2f", Math.abs(x));
    }

    static String winRate(BotSnapshot bot) {
        double w = bot.winRate();
        return Double.isNaN(w) ? "-" : String.format(Locale.ROOT, "%.1f%%", w * 100);
    }

    /** Prices and indicator values: grouped, with as many decimals as small numbers need. */
    static String number(double x) {
        if (Double.isNaN(x)) return "-";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        double a = Math.abs(x);
        String pattern = a >= 1000 ? "%,.1f" : a >= 1 ? "%,.2f" : a == 0 ? "%.0f" : "%.4g";
        return String.format(Locale.ROOT, pattern, x);
    }

    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    static String minutes(long epochMillis) {
        return epochMillis == Long.MIN_VALUE ? "-" : MINUTES.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 12:00:01} UTC: when the snapshot was taken (the date is in the bar time). */
    static String seconds(long epochMillis) {
        return epochMillis <= 0 ? "-" : SECONDS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 2024-01-01 04:00 ENTRY  btc-4h-trend: long 12 @ 43,000.5}. */
    static String event(SessionEvent e) {
        return minutes(e.time()) + " " + String.format(Locale.ROOT, "%-10s", e.kind()) + " "
                + (e.bot() == null ? "" : e.bot() + ": ") + e.text();
    }
}
