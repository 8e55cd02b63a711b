package io.gpubot.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;
import io.gpubot.live.feed.FeedListener;
import io.gpubot.live.feed.MarketFeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bars that reach a session after the next bar has closed too (a backfill after an outage) are history:
 * the open their decisions assumed has passed, so nothing decided at their close is sent, paper and live
 * alike, and the model stays as the exchange does. Judged by the market's clock the feed reports with each
 * bar, never by a price tick that a fresh restart does not have yet.
 */
class LateBarsTest {

    static final CandleSeries HOURS = LiveSessionTest.HOURS;
    static final int WARM_UP = LiveSessionTest.WARM_UP;
    /** Bars [OUTAGE_FROM, OUTAGE_TO - 1) arrive late, together, when the market is at bar OUTAGE_TO. */
    static final int OUTAGE_FROM = 1_000;
    static final int OUTAGE_TO = 1_031;
    static final int END = 1_400;

    @TempDir
    Path dir;

    /**
     * Bars up to the outage as they close, then the outage's bars at once with the market at the bar in
     * progress (the newest kline), as a restarted feed's backfill delivers them, then live again.
     */
    static MarketFeed outageFeed() {
        return new MarketFeed() {
            @Override
            public void start(long afterOpenTime, FeedListener listener) {
                for (int i = HOURS.ceilingIndex(afterOpenTime + 1); i < END; i++) {
                    boolean backfilled = i >= OUTAGE_FROM && i < OUTAGE_TO;
                    long market = backfilled ? HOURS.time(OUTAGE_TO) : HOURS.time(i + 1);
                    listener.onClosedBar(HOURS.candle(i), market);
                }
                listener.onConnection(io.gpubot.live.feed.ConnectionState.CLOSED, "end of the test's bars");
            }

            @Override
            public void close() {
            }
        };
    }

    /** Opens that followed a late bar: the moments its decisions would have been filled. */
    static Set<Long> opensAfterLateBars() {
        return java.util.stream.IntStream.range(OUTAGE_FROM + 1, OUTAGE_TO).mapToLong(HOURS::time).boxed().collect(Collectors.toSet());
    }

    @Test
    void aPaperSessionDropsTheDecisionsOfBackfilledBarsAndAResumeDropsThemAgain() {
        List<Bot> bots = RandomBots.of(LiveSessionTest.BTC).draw(24, 404);
        Set<Long> lateOpens = opensAfterLateBars();
        // The same bots backtested over the same bars do trade at those opens: the test can fail.
        long backtestedThere = 0;
        for (Bot bot : bots) {
            for (Trade t : Backtester.reference(bot, HOURS, LiveSessionTest.BTC, LiveSessionTest.RUN, WARM_UP, END).trades()) {
                if (lateOpens.contains(t.entryTime())) backtestedThere++;
            }
        }
        assertThat(backtestedThere).as("backtest entries at opens after late bars").isPositive();

        Path file = dir.resolve("outage.db");
        List<List<Trade>> trades = new ArrayList<>();
        List<io.gpubot.core.trade.Position> positions = new ArrayList<>();
        try (Journal journal = Journal.open(file)) {
            journal.writeSession(LiveSessionTest.info("outage", bots));
            LiveSession session = LiveSession.builder(LiveSessionTest.info("outage", bots), journal, bots, LiveSessionTest.BTC,
                    LiveSessionTest.RUN, false).warmUp(HOURS.slice(0, WARM_UP)).feed(outageFeed()).build();
            session.run();
            long notSent;
            for (int b = 0; b < bots.size(); b++) {
                List<Trade> got = session.engine().trades(b);
                for (Trade t : got) {
                    assertThat(lateOpens).as("no entry at an open after a late bar: " + t).doesNotContain(t.entryTime());
                    if (t.reason() == ExitReason.SIGNAL) {
                        assertThat(lateOpens).as("no exit by signal at an open after a late bar: " + t).doesNotContain(t.exitTime());
                    }
                }
                // Before the outage the session is the backtest, trade for trade.
                List<Trade> before = Backtester.reference(bots.get(b), HOURS, LiveSessionTest.BTC, LiveSessionTest.RUN, WARM_UP, END).trades()
                        .stream().filter(t -> t.exitTime() < HOURS.time(OUTAGE_FROM)).toList();
                assertThat(got.subList(0, before.size())).isEqualTo(before);
                trades.add(List.copyOf(got));
                positions.add(session.engine().runners().get(b).trader().position());
            }
            notSent = notSentRefusals(file);
            assertThat(notSent).as("refusals journalled for the decisions not sent").isPositive();
            assertThat(journal.lateBars()).hasSize(OUTAGE_TO - 1 - OUTAGE_FROM)
                    .contains(HOURS.time(OUTAGE_FROM), HOURS.time(OUTAGE_TO - 2)).doesNotContain(HOURS.time(OUTAGE_TO - 1));
        }
        try (Journal journal = Journal.open(file)) {
            TradingEngine resumed = TradingEngine.resume(bots, LiveSessionTest.BTC, LiveSessionTest.RUN, journal, 1);
            for (int b = 0; b < bots.size(); b++) {
                assertThat(resumed.trades(b)).as("resumed " + bots.get(b).name()).isEqualTo(trades.get(b));
                assertThat(resumed.runners().get(b).trader().position()).isEqualTo(positions.get(b));
            }
        }
    }

    static long notSentRefusals(Path file) {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.ResultSet r = db.createStatement().executeQuery("SELECT COUNT(*) FROM refusal WHERE reason LIKE 'order not sent:%'")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLiveSessionSendsNothingDecidedAtTheCloseOfABackfilledBar() {
        Set<Long> lateCloses = LongStream.range(OUTAGE_FROM, OUTAGE_TO - 1).map(i -> HOURS.time((int) i)).boxed().collect(Collectors.toSet());
        // The bot among a few random ones that decides most often inside the outage, run on its own as live sessions do.
        List<Bot> candidates = RandomBots.of(LiveSessionTest.BTC).draw(30, 405);
        Bot busiest = null;
        long most = -1;
        for (Bot bot : candidates) {
            List<Long> decisions = new ArrayList<>();
            BotRunner runner = new BotRunner(bot, LiveSessionTest.BTC, LiveSessionTest.RUN, new io.gpubot.core.trade.TradeListener() {
                @Override
                public void onOrder(long time, Side side, boolean exit, boolean enter) {
                    if (lateCloses.contains(time)) decisions.add(time);
                }
            });
            for (int i = 0; i < END; i++) {
                if (i < WARM_UP) runner.warmUp(HOURS.time(i), HOURS.open(i), HOURS.high(i), HOURS.low(i), HOURS.close(i), HOURS.volume(i));
                else runner.onBar(HOURS.candle(i));
            }
            if (decisions.size() > most) {
                most = decisions.size();
                busiest = bot;
            }
        }
        assertThat(most).as("decisions a backtest makes during the outage").isPositive();

        List<Long> sent = new ArrayList<>();
        LiveSession.Execution exchange = new LiveSession.Execution() {
            @Override
            public io.gpubot.live.ExecutedDecision onDecision(BotRunner runner, long barTime, Side side, boolean exit, boolean enter, double referencePrice) {
                sent.add(barTime);
                return null;
            }

            @Override
            public void onPrice(long time, double price) {
            }

            @Override
            public void flatten(String reason) {
            }
        };
        List<Bot> one = List.of(busiest);
        try (Journal journal = Journal.open(dir.resolve("live.db"))) {
            journal.writeSession(LiveSessionTest.info("live", one));
            LiveSession session = LiveSession.builder(LiveSessionTest.info("live", one), journal, one, LiveSessionTest.BTC,
                    LiveSessionTest.RUN, false).warmUp(HOURS.slice(0, WARM_UP)).feed(outageFeed()).execution(exchange).build();
            session.run();
        }
        assertThat(sent).as("decisions sent").isNotEmpty().noneMatch(lateCloses::contains);
        assertThat(sent).as("the bar that closed just before the market's bar in progress is in time")
                .allMatch(t -> t < HOURS.time(OUTAGE_FROM) || t >= HOURS.time(OUTAGE_TO - 1));
    }
}
