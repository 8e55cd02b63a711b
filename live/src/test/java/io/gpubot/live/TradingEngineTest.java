package io.gpubot.live;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.data.BotFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TradingEngineTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final RunSettings RUN = RunSettings.withBalance(1_000);
    static final CandleSeries HOURS = SyntheticMarket.bitcoinLike(11).withTimeframe(Timeframe.H1).generate(8_000);

    @TempDir
    Path dir;

    @Test
    void aReplayTradesExactlyAsTheBacktestAndTheJournalKeepsEveryTrade() {
        List<Bot> bots = RandomBots.of(BTC).draw(40, 2026);
        try (Journal journal = Journal.open(dir.resolve("replay.db"))) {
            journal.writeSession(new SessionInfo("replay", "replay", "XBTUSDTM", "1h", 1_000, 0L,
                    bots.stream().map(b -> new SessionInfo.BotEntry(b.name(), BotFiles.toJson(b))).collect(Collectors.toList())));
            TradingEngine engine = new TradingEngine(bots, BTC, RUN, journal, 500);
            for (int i = 0; i < HOURS.size(); i++) engine.onClosedBar(HOURS.candle(i));
            engine.finish();

            int trades = 0;
            for (int b = 0; b < bots.size(); b++) {
                List<?> reference = Backtester.reference(bots.get(b), HOURS, BTC, RUN, 0, HOURS.size()).trades();
                assertThat(engine.trades(b)).as(bots.get(b).canonical()).isEqualTo(reference);
                assertThat(journal.trades(bots.get(b).name())).isEqualTo(engine.trades(b));
                trades += reference.size();
            }
            assertThat(trades).isGreaterThan(500);
            assertThat(journal.bars()).isEqualTo(HOURS.size());
            assertThat(journal.tradeCount()).isEqualTo(trades);
            assertThat(journal.session().orElseThrow().bots()).hasSize(40);
            assertThat(BotFiles.parse(journal.session().orElseThrow().bots().get(7).json(), "journal")).isEqualTo(bots.get(7));
        }
    }

    @Test
    void historyOnlyWarmsUpAndABarIsNeverProcessedTwice() {
        Bot bot = RandomBots.of(BTC).draw(1, 5).get(0);
        try (Journal journal = Journal.open(dir.resolve("live.db"))) {
            TradingEngine engine = new TradingEngine(List.of(bot), BTC, RUN, journal, 1);
            for (int i = 0; i < 500; i++) engine.warmUp(HOURS.candle(i));
            assertThat(journal.bars()).as("history is not journalled").isZero();
            assertThat(engine.onClosedBar(HOURS.candle(500))).isTrue();
            assertThat(engine.onClosedBar(HOURS.candle(500))).as("the same bar again").isFalse();
            assertThat(engine.onClosedBar(HOURS.candle(499))).as("an older bar").isFalse();
            assertThat(engine.onClosedBar(HOURS.candle(501))).isTrue();
            assertThat(journal.bars()).isEqualTo(2);
            assertThat(journal.lastBarTime()).hasValue(HOURS.time(501));
            assertThat(journal.lastEquity(bot.name())).isPresent();
        }
    }

    @Test
    void aResumedSessionEndsExactlyAsAnUninterruptedOne() {
        List<Bot> bots = RandomBots.of(BTC).draw(12, 404);
        TradingEngine straight;
        try (Journal journal = Journal.open(dir.resolve("straight.db"))) {
            straight = new TradingEngine(bots, BTC, RUN, journal, 100);
            for (int i = 0; i < HOURS.size(); i++) straight.onClosedBar(HOURS.candle(i));
            straight.finish();
        }
        Path file = dir.resolve("interrupted.db");
        Journal killed = Journal.open(file);
        TradingEngine first = new TradingEngine(bots, BTC, RUN, killed, 100);
        // Killed after bar 3,456: the 56 bars since the last commit (at bar 3,399) were never written.
        for (int i = 0; i <= 3_456; i++) first.onClosedBar(HOURS.candle(i));
        killed.abandon();
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.bars()).isEqualTo(3_400);
        }
        try (Journal journal = Journal.open(file)) {
            TradingEngine resumed = TradingEngine.resume(bots, BTC, RUN, journal, 100);
            assertThat(resumed.lastBar()).isEqualTo(HOURS.time(3_399));
            for (int i = 0; i < HOURS.size(); i++) resumed.onClosedBar(HOURS.candle(i));
            resumed.finish();
            for (int b = 0; b < bots.size(); b++) {
                assertThat(resumed.trades(b)).isEqualTo(straight.trades(b));
                assertThat(journal.trades(bots.get(b).name())).as("no trade lost or journalled twice").isEqualTo(straight.trades(b));
            }
            assertThat(journal.bars()).isEqualTo(HOURS.size());
        }
    }

    @Test
    void theJournalSurvivesReopening() {
        Bot bot = RandomBots.of(BTC).draw(3, 9).get(2);
        Path file = dir.resolve("session.db");
        int trades;
        try (Journal journal = Journal.open(file)) {
            TradingEngine engine = new TradingEngine(List.of(bot), BTC, RUN, journal, 1);
            for (int i = 0; i < 3_000; i++) engine.onClosedBar(HOURS.candle(i));
            engine.finish();
            trades = engine.trades(0).size();
        }
        try (Journal reopened = Journal.open(file)) {
            assertThat(reopened.trades(bot.name())).hasSize(trades);
            assertThat(reopened.bars()).isEqualTo(3_000);
        }
    }
}
