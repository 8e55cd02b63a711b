package io.gpubot.app.cli;

import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.Timeframe;

import java.util.Locale;
import java.util.Optional;

/** Warnings for results that look more precise than they are: a bot run on another timeframe than it was evolved on, or too small a sample. */
final class SampleWarnings {

    /** Fewer days than this and the annualised ratios say more about chance than about the bot. */
    static final double MIN_DAYS = 30;
    /** Fewer trades than this, likewise. */
    static final int MIN_TRADES = 10;

    private SampleWarnings() {
    }

    /** A warning when the bot was evolved on another timeframe than {@code data}'s. */
    static Optional<String> timeframe(Bot bot, Timeframe data) {
        String evolved = bot.provenance().timeframe();
        if (evolved == null || evolved.equals(data.label())) return Optional.empty();
        return Optional.of("warning: " + bot.name() + " was evolved on " + evolved + " bars and is backtested on " + data.label()
                + " bars; its indicator periods count bars, so it is a different bot here: test it on " + evolved + " bars");
    }

    /** A warning when {@code m} covers too few days or trades for its ratios to mean much. */
    static Optional<String> tinySample(Metrics m, Timeframe timeframe) {
        double days = (double) m.bars() * timeframe.millis() / 86_400_000L;
        if (days >= MIN_DAYS && m.trades() >= MIN_TRADES) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "warning: %.1f days and %d trades are too few for the Sharpe, Sortino and Calmar ratios,"
                + " which are annualised from them, to mean much (at least %.0f days and %d trades)", days, m.trades(), MIN_DAYS, MIN_TRADES));
    }
}
