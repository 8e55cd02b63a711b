package io.gpubot.live;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.Pricing;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Trade;
import io.gpubot.data.BotFiles;
import io.gpubot.live.feed.CandleReplayFeed;
import io.gpubot.live.feed.ConnectionState;
import io.gpubot.live.feed.FeedListener;
import io.gpubot.live.feed.MarketFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSessionTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final RunSettings RUN = RunSettings.withBalance(1_000);
    static final CandleSeries HOURS = SyntheticMarket.bitcoinLike(23).withTimeframe(Timeframe.H1).generate(3_000);
    static final int WARM_UP = 500;

    @TempDir
    Path dir;

    static SessionInfo info(String id, List<Bot> bots) {
        return new SessionInfo(id, "paper", "XBTUSDTM", "1h", 1_000, 0L,
                bots.stream().map(b -> new SessionInfo.BotEntry(b.name(), BotFiles.toJson(b))).toList());
    }

    @Test
    void aPaperSessionFedBarByBarTradesExactlyAsTheBacktestOfTheSameCandles() {
        List<Bot> bots = RandomBots.of(BTC).draw(12, 77);
        try (Journal journal = Journal.open(dir.resolve("paper.db"))) {
            journal.writeSession(info("paper", bots));
            LiveSession session = LiveSession.builder(info("paper", bots), journal, bots, BTC, RUN, false)
                    .warmUp(HOURS.slice(0, WARM_UP))
                    .feed(new CandleReplayFeed(HOURS, 0))
                    .build();
            String end = session.run();
            assertThat(end).isEqualTo("the replay reached the end of its candles");
            assertThat(session.finished()).isTrue();
            assertThat(journal.bars()).isEqualTo(HOURS.size() - WARM_UP);
            session.engine().finish();

            Backtester backtester = new Backtester(HOURS, BTC, RUN);
            int trades = 0;
            for (int b = 0; b < bots.size(); b++) {
                List<Trade> expected = backtester.run(bots.get(b), WARM_UP, HOURS.size()).trades();
                assertThat(session.engine().trades(b)).as(bots.get(b).canonical()).isEqualTo(expected);
                trades += expected.size();
            }
            assertThat(trades).isGreaterThan(50);
            SessionSnapshot last = session.snapshot();
            assertThat(last.stopped()).isTrue();
            assertThat(last.bars()).isEqualTo(HOURS.size() - WARM_UP);
            assertThat(last.bots()).hasSize(12);
            assertThat(last.events()).extracting(SessionEvent::kind).contains(SessionEvent.Kind.ENTRY, SessionEvent.Kind.EXIT);
            // Every event carries the bar it happened on: an entry the bar whose open filled it, an exit the bar of the exit.
            for (SessionEvent e : last.events()) {
                int b = bots.stream().map(Bot::name).toList().indexOf(e.bot());
                if (e.kind() == SessionEvent.Kind.ENTRY) {
                    assertThat(session.engine().trades(b)).as(e.toString()).anyMatch(t -> t.entryTime() == e.time());
                } else if (e.kind() == SessionEvent.Kind.EXIT) {
                    assertThat(session.engine().trades(b)).as(e.toString()).anyMatch(t -> t.exitTime() == e.time());
                }
            }
        }
    }

    /** Delivers bars {@code [from, to)} with their closes as prices, then pulls the kill switch at {@code killPrice}. */
    static MarketFeed barsThenKill(int to, double killPrice) {
        return new MarketFeed() {
            @Override
            public void start(long afterOpenTime, FeedListener listener) {
                for (int i = HOURS.ceilingIndex(afterOpenTime + 1); i < to; i++) listener.onClosedBar(HOURS.candle(i));
                listener.onPrice(HOURS.time(to - 1) + 3_600_500, killPrice);
                ((SessionControl) listener).requestKill("test");
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void theKillSwitchClosesEveryPaperPositionAtTheLivePriceAndAResumedSessionStaysClosed() {
        List<Bot> bots = RandomBots.of(BTC).draw(20, 91);
        int killAfter = 1_800;
        double killPrice = HOURS.close(killAfter - 1) * 1.003;
        Path file = dir.resolve("killed.db");
        List<List<Trade>> killedTrades = new ArrayList<>();
        int open;
        try (Journal journal = Journal.open(file)) {
            journal.writeSession(info("killed", bots));
            LiveSession session = LiveSession.builder(info("killed", bots), journal, bots, BTC, RUN, false)
                    .warmUp(HOURS.slice(0, WARM_UP)).feed(barsThenKill(killAfter, killPrice)).build();
            assertThat(session.run()).isEqualTo("kill switch: test");

            open = 0;
            for (int b = 0; b < bots.size(); b++) {
                List<Trade> before = Backtester.reference(bots.get(b), HOURS, BTC, RUN, WARM_UP, killAfter).trades();
                List<Trade> got = session.engine().trades(b);
                assertThat(session.engine().runners().get(b).trader().position()).isNull();
                if (!before.isEmpty() && before.get(before.size() - 1).reason() == ExitReason.END) {
                    open++;
                    Trade killed = got.get(got.size() - 1);
                    assertThat(killed.reason()).isEqualTo(ExitReason.KILL_SWITCH);
                    // The live price moved against the trader by the slippage, then to the tick against him (a sell down, a buy up).
                    assertThat(killed.exitPrice()).isEqualTo(killed.side() == io.gpubot.core.trade.Side.LONG
                            ? Pricing.tickBelow(killPrice * (1 - RUN.slippage()), BTC.tickSize())
                            : Pricing.tickAbove(killPrice * (1 + RUN.slippage()), BTC.tickSize()));
                    assertThat(got.subList(0, got.size() - 1)).isEqualTo(before.subList(0, before.size() - 1));
                } else {
                    assertThat(got).isEqualTo(before);
                }
                killedTrades.add(List.copyOf(got));
            }
            assertThat(open).as("bots holding a position when the switch was pulled").isGreaterThan(2);
            assertThat(journal.killSwitches()).containsOnlyKeys(HOURS.time(killAfter - 1));
        }
        try (Journal journal = Journal.open(file)) {
            LiveSession resumed = LiveSession.builder(info("killed", bots), journal, bots, BTC, RUN, true)
                    .feed(new CandleReplayFeed(HOURS.slice(0, killAfter + 1), 0)).build();
            for (int b = 0; b < bots.size(); b++) {
                assertThat(resumed.engine().trades(b)).as("the kill is replayed").isEqualTo(killedTrades.get(b));
                assertThat(resumed.engine().runners().get(b).trader().position()).isNull();
            }
            resumed.run();
            assertThat(journal.bars()).isEqualTo(killAfter + 1 - WARM_UP);
        }
    }

    @Test
    void aKillFilePullsTheSwitchAndIsRemoved() throws Exception {
        List<Bot> bots = RandomBots.of(BTC).draw(3, 5);
        Path kill = dir.resolve("killed.kill");
        Files.writeString(kill, "");
        try (Journal journal = Journal.open(dir.resolve("k.db"))) {
            journal.writeSession(info("k", bots));
            MarketFeed silent = new MarketFeed() {
                @Override
                public void start(long afterOpenTime, FeedListener listener) {
                    listener.onConnection(ConnectionState.LIVE, "test");
                }

                @Override
                public void close() {
                }
            };
            LiveSession session = LiveSession.builder(info("k", bots), journal, bots, BTC, RUN, false)
                    .warmUp(HOURS.slice(0, WARM_UP)).feed(silent).killFile(kill).build();
            assertThat(session.run()).isEqualTo("kill switch: kill file " + kill);
            assertThat(kill).doesNotExist();
            assertThat(session.snapshot().events()).extracting(SessionEvent::text).contains("LIVE: test", "kill switch: kill file " + kill);
        }
    }

    /**
     * Delivers bars up to {@code to} (exclusive) as they close, waits until the session took them all, then the last close
     * as the live price and the kill switch.
     */
    static MarketFeed barsAsTheyCloseThenKill(int to) {
        return barsAsTheyCloseThen(to, control -> control.requestKill("test"));
    }

    /** Delivers bars up to {@code to} as they close, waits until the session has taken them, gives a price, then {@code pull}s. */
    static MarketFeed barsAsTheyCloseThen(int to, java.util.function.Consumer<SessionControl> pull) {
        return new MarketFeed() {
            @Override
            public void start(long afterOpenTime, FeedListener listener) {
                Thread feed = new Thread(() -> {
                    int from = HOURS.ceilingIndex(afterOpenTime + 1);
                    for (int i = from; i < to; i++) listener.onClosedBar(HOURS.candle(i), HOURS.time(i + 1));
                    SessionControl control = (SessionControl) listener;
                    long deadline = System.currentTimeMillis() + 60_000;
                    while (control.snapshot().bars() < to - from && System.currentTimeMillis() < deadline) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    listener.onPrice(HOURS.time(to), HOURS.close(to - 1));
                    pull.accept(control);
                }, "test-feed");
                feed.setDaemon(true);
                feed.start();
            }

            @Override
            public void close() {
            }
        };
    }

    /** Delivers bars up to {@code to} (exclusive) as they close, without prices between them, then ends. */
    static MarketFeed barsThenStop(int to) {
        return new MarketFeed() {
            @Override
            public void start(long afterOpenTime, FeedListener listener) {
                for (int i = HOURS.ceilingIndex(afterOpenTime + 1); i < to; i++) listener.onClosedBar(HOURS.candle(i), HOURS.time(i + 1));
                listener.onConnection(ConnectionState.CLOSED, "end of the test's bars");
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void exchangePushesReachTheExecutorOnTheEngineThreadFoldedWhileOneWaits() throws Exception {
        Bot bot = RandomBots.of(BTC).draw(1, 5).get(0);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        LiveSession.Execution execution = new LiveSession.Execution() {
            @Override
            public io.gpubot.live.ExecutedDecision onDecision(io.gpubot.core.bot.BotRunner runner, long barTime, io.gpubot.core.trade.Side side, boolean exit,
                                   boolean enter, double referencePrice) {
                return null;
            }

            @Override
            public void onPrice(long time, double price) {
            }

            @Override
            public void flatten(String reason) {
            }

            @Override
            public void onExchangeUpdate() {
                threads.add(Thread.currentThread().getName());
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (Journal journal = Journal.open(dir.resolve("x.db"))) {
            journal.writeSession(info("x", List.of(bot)));
            LiveSession session = LiveSession.builder(info("x", List.of(bot)), journal, List.of(bot), BTC, RUN, false)
                    .warmUp(HOURS.slice(0, WARM_UP)).execution(execution).build();
            Thread engine = new Thread(session::run, "engine-under-test");
            engine.start();
            session.exchangeUpdated();
            assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) session.exchangeUpdated();   // while the first is confirmed: one more, not five
            release.countDown();
            Thread.sleep(300);
            session.requestStop();
            engine.join(10_000);
            assertThat(threads).containsExactly("engine-under-test", "engine-under-test");
        }
    }

    /**
     * An executor that had to close a position at once (its stop-loss or take-profit could not be placed) journals the
     * close while it carries out the entry: the model follows it in the same bar, at the real exit, and a trade never
     * ends before it began.
     */
    @Test
    void aPositionTheExecutorClosedWhileEnteringIsFollowedInTheSameBar() {
        Bot bot = RandomBots.of(BTC).draw(40, 5).stream().filter(b -> b.leverage() <= 10).findFirst().orElseThrow();
        try (Journal journal = Journal.open(dir.resolve("unprotected.db"))) {
            journal.writeSession(info("u", List.of(bot)));
            LiveSession.Execution execution = new JournallingExecution(journal, bot.name()) {
                @Override
                public ExecutedDecision onDecision(io.gpubot.core.bot.BotRunner runner, long barTime, io.gpubot.core.trade.Side side, boolean exit,
                                                   boolean enter, double referencePrice) {
                    if (!enter) return new ExecutedDecision(exit ? ExecutedDecision.Leg.dropped("nothing open") : ExecutedDecision.Leg.NONE,
                            ExecutedDecision.Leg.NONE);
                    // filled 2 contracts at the decision's close, the take-profit refused: closed at once 10 USDT away
                    long id = openTwo(side, barTime, referencePrice);
                    double exitPrice = referencePrice - side.sign() * 10;
                    double gross = Pricing.pnl(side, referencePrice, exitPrice, 2, BTC.multiplier());
                    journal.livePositionClosed(id, barTime, exitPrice, fee(referencePrice), gross, gross - 2 * fee(referencePrice), "UNPROTECTED");
                    journal.commit();
                    return new ExecutedDecision(ExecutedDecision.Leg.NONE, ExecutedDecision.Leg.filled(2, referencePrice, fee(referencePrice)));
                }
            };
            LiveSession session = LiveSession.builder(info("u", List.of(bot)), journal, List.of(bot), BTC, RUN, false)
                    .warmUp(HOURS.slice(0, WARM_UP)).feed(barsThenStop(WARM_UP + 400)).execution(execution).build();
            assertThat(session.run()).isEqualTo("end of the test's bars");

            List<Trade> trades = session.engine().trades(0);
            assertThat(trades).isNotEmpty();
            for (Trade t : trades) {
                assertThat(t.contracts()).isEqualTo(2);
                assertThat(t.exitPrice()).as("the real exit").isEqualTo(t.entryPrice() - t.side().sign() * 10);
                assertThat(t.reason()).isEqualTo(ExitReason.EXCHANGE);
                assertThat(t.exitTime()).as("closed when it was entered").isEqualTo(t.entryTime());
            }
            // the close is followed at the bar of the decision, right after its booking
            List<ModelCorrection> steps = journal.modelCorrections();
            for (int k = 0; k < steps.size(); k++) {
                if (steps.get(k).kind() != ModelCorrection.Kind.ENTRY_FILLED) continue;
                long bar = steps.get(k).barTime();
                assertThat(steps.subList(k, steps.size())).as("after the entry at %d", bar)
                        .anyMatch(c -> c.kind() == ModelCorrection.Kind.CLOSE_ADOPTED && c.barTime() == bar);
            }
            assertThat(session.engine().runners().get(0).trader().position()).isNull();
        }
    }

    /**
     * The kill switch's close is refused: the exchange still holds the position with its stops, so the model keeps it
     * too, the session says what to do, and no kill is journalled that a resume would replay as a close.
     */
    @Test
    void aKillSwitchThatCouldNotCloseLeavesTheModelWithTheAccountsPositionAndSaysSo() {
        Bot bot = RandomBots.of(BTC).draw(40, 5).stream().filter(b -> b.leverage() <= 10).findFirst().orElseThrow();
        List<String> flattens = new ArrayList<>();
        try (Journal journal = Journal.open(dir.resolve("refused-kill.db"))) {
            journal.writeSession(info("k", List.of(bot)));
            LiveSession.Execution execution = new JournallingExecution(journal, bot.name()) {
                @Override
                public ExecutedDecision onDecision(io.gpubot.core.bot.BotRunner runner, long barTime, io.gpubot.core.trade.Side side, boolean exit,
                                                   boolean enter, double referencePrice) {
                    if (!enter || journal.openLivePosition(bot.name()).isPresent()) {
                        return new ExecutedDecision(exit ? ExecutedDecision.Leg.dropped("kept for the test") : ExecutedDecision.Leg.NONE,
                                enter ? ExecutedDecision.Leg.dropped("kept for the test") : ExecutedDecision.Leg.NONE);
                    }
                    openTwo(side, barTime, referencePrice);
                    journal.commit();
                    return new ExecutedDecision(ExecutedDecision.Leg.NONE, ExecutedDecision.Leg.filled(2, referencePrice, fee(referencePrice)));
                }

                @Override
                public void flatten(String reason) {
                    flattens.add(reason);   // the exchange refuses the close: the position stays, journalled open
                }
            };
            // pulled from outside, as gpubot live --flatten does: the kill file
            Path killFile = dir.resolve("k.kill");
            LiveSession session = LiveSession.builder(info("k", List.of(bot)), journal, List.of(bot), BTC, RUN, false)
                    .warmUp(HOURS.slice(0, WARM_UP)).feed(barsAsTheyCloseThen(WARM_UP + 400, control -> writeKillFile(killFile)))
                    .killFile(killFile).execution(execution).build();
            String end = session.run();

            String left = "the kill switch could not close the position on the exchange; it keeps its stop-loss"
                    + " and take-profit there. Flatten again (gpubot live --flatten --session k) or close it on the exchange";
            assertThat(killFile).as("taken").doesNotExist();
            assertThat(LiveSession.killOutcomeFile(killFile)).as("what it left, for the flatten command waiting on it")
                    .content().isEqualTo("open\n" + left + "\n");
            assertThat(flattens).containsExactly("kill file " + killFile);
            Journal.LivePosition open = journal.openLivePosition(bot.name()).orElseThrow();
            assertThat(session.engine().runners().get(0).trader().position()).as("the model keeps what the account holds").isNotNull()
                    .satisfies(p -> assertThat(p.contracts()).isEqualTo(open.contracts()));
            assertThat(end).isEqualTo("kill switch: kill file " + killFile + "; " + left);
            assertThat(session.snapshot().events()).anyMatch(e -> e.kind() == SessionEvent.Kind.ERROR && e.text().startsWith("the kill switch could not"));
        }
    }

    /** A kill file that closes everything says so to whoever waits on it. */
    @Test
    void aKillFileThatClosedEverythingLeavesTheOutcomeFlat() {
        Bot bot = RandomBots.of(BTC).draw(40, 5).get(0);
        Path killFile = dir.resolve("paper.kill");
        try (Journal journal = Journal.open(dir.resolve("paper-kill.db"))) {
            journal.writeSession(info("p", List.of(bot)));
            LiveSession session = LiveSession.builder(info("p", List.of(bot)), journal, List.of(bot), BTC, RUN, false)
                    .warmUp(HOURS.slice(0, WARM_UP)).feed(barsAsTheyCloseThen(WARM_UP + 50, control -> writeKillFile(killFile)))
                    .killFile(killFile).build();
            assertThat(session.run()).isEqualTo("kill switch: kill file " + killFile);
            assertThat(killFile).doesNotExist();
            assertThat(LiveSession.killOutcomeFile(killFile)).content().isEqualTo(LiveSession.KILL_OUTCOME_FLAT + "\n");
            assertThat(session.engine().runners().get(0).trader().position()).isNull();
        }
    }

    private static void writeKillFile(Path file) {
        try {
            Files.writeString(file, "flatten requested by the test\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An execution that journals the real positions itself, as the live executor does; no prices, no flatten. */
    private abstract static class JournallingExecution implements LiveSession.Execution {
        final Journal journal;
        final String botName;

        JournallingExecution(Journal journal, String botName) {
            this.journal = journal;
            this.botName = botName;
        }

        /** The taker fee of 2 contracts at {@code price}. */
        static double fee(double price) {
            return Pricing.fee(2, BTC.multiplier(), price, BTC.takerFeeRate());
        }

        /** Journals a real position of 2 contracts filled at {@code price} (stop 1%, take-profit 2%); returns its id. */
        long openTwo(io.gpubot.core.trade.Side side, long barTime, double price) {
            return journal.livePositionOpened(new Journal.LivePosition(0, botName, side, 2, barTime, price, fee(price), "e" + barTime,
                    price * (1 + side.sign() * 0.02), price * (1 - side.sign() * 0.01), Double.NaN, true, 0, Double.NaN, 0, 0, 0, null));
        }

        @Override
        public void onPrice(long time, double price) {
        }

        @Override
        public void flatten(String reason) {
        }

        @Override
        public boolean journalsPositions() {
            return true;
        }
    }
}
