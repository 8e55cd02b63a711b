package io.gpubot.app;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.Candle;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Trade;
import io.gpubot.data.BotFiles;
import io.gpubot.live.Journal;
import io.gpubot.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mode 2 end to end over 127.0.0.1: {@code gpubot paper} against the sandbox warms up on the exchange's
 * history, trades each closed bar the sandbox's WebSocket and REST give it, and its trades equal the
 * backtest of the same candles.
 */
class PaperSandboxCliTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final CandleSeries MINUTES = SyntheticMarket.bitcoinLike(8).generate(1_800);
    static final int START = 1_200;
    static final int LIVE_BARS = 200;

    @TempDir
    Path home;

    /** Of a few random bots, the one that trades most on the bars the session will see. */
    static Bot busyBot() {
        Backtester backtester = new Backtester(MINUTES.slice(0, START + LIVE_BARS), BTC, RunSettings.withBalance(1_000));
        return RandomBots.of(BTC).draw(40, 3).stream()
                .max(Comparator.comparingInt(b -> backtester.run(b, START - 300, START + LIVE_BARS).trades().size())).orElseThrow();
    }

    @Test
    void aPaperSessionAgainstTheSandboxTradesAsTheBacktestOfTheSameCandles() throws Exception {
        Bot bot = busyBot();
        Path botFile = home.resolve("bot.json");
        BotFiles.write(bot, botFile);
        try (Sandbox sandbox = Sandbox.builder(MINUTES, BTC).from(MINUTES.time(START)).start()) {
            CompletableFuture<Cli.Result> paper = CompletableFuture.supplyAsync(() -> Cli.run(home, "paper", "--bot", botFile.toString(),
                    "--symbol", "XBTUSDTM", "--timeframe", "1m", "--exchange-url", sandbox.baseUrl().toString(), "--warm-up", "300",
                    "--bars", Integer.toString(LIVE_BARS), "--no-tui", "--session", "sbx"));
            SessionPacing pacing = new SessionPacing(sandbox, home.resolve("sessions").resolve("sbx.db"), MINUTES.timeframe().millis());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!paper.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                if (sandbox.now() < MINUTES.time(MINUTES.size() - 2)) pacing.stepWhenCaughtUp();
            }
            Cli.Result r = paper.get(5, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("Session sbx ended: stopped after " + LIVE_BARS + " bars").contains("Journal: ");
        }
        try (Journal journal = Journal.open(home.resolve("sessions").resolve("sbx.db"))) {
            List<Candle> warmUp = journal.warmUpBarsRecorded();
            List<Candle> live = journal.barsRecorded();
            assertThat(warmUp).hasSize(300);
            assertThat(live).hasSize(LIVE_BARS);
            int first = MINUTES.indexOf(warmUp.get(0).openTime());
            int from = MINUTES.indexOf(live.get(0).openTime());
            int to = MINUTES.indexOf(live.get(live.size() - 1).openTime()) + 1;
            assertThat(from).as("live bars follow the warm-up without a gap").isEqualTo(first + 300);
            assertThat(to - from).isEqualTo(LIVE_BARS);
            for (int i = 0; i < live.size(); i++) assertThat(live.get(i)).isEqualTo(MINUTES.candle(from + i));

            List<Trade> expected = new Backtester(MINUTES.slice(first, to), BTC, RunSettings.withBalance(1_000)).run(bot, 300, to - first).trades();
            List<Trade> closed = expected.stream().filter(t -> t.reason() != ExitReason.END).toList();
            assertThat(closed).as("trades to compare").hasSizeGreaterThan(3);
            assertThat(journal.trades(bot.name())).isEqualTo(closed);
        }
    }
}
