package io.gpubot.live.exec;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.trade.EntryGate;
import io.gpubot.core.trade.Position;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.TradeListener;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.ExecutedDecision;
import io.gpubot.live.Journal;
import io.gpubot.live.ModelCorrection;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.TradingEngine;
import io.gpubot.live.risk.RiskGuard;
import io.gpubot.sandbox.Exchange;
import io.gpubot.sandbox.Faults;
import io.gpubot.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gpubot.live.exec.LiveFillsEqualBacktestTest.HOURS;
import static io.gpubot.live.exec.LiveFillsEqualBacktestTest.LIVE_FROM;
import static io.gpubot.live.exec.LiveFillsEqualBacktestTest.RUN;
import static io.gpubot.live.exec.LiveFillsEqualBacktestTest.WIDE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 13's done-when "after a faulty session the model's position and realised PnL equal the
 * exchange's": a live session over 300 bars against the sandbox on 127.0.0.1 in which a fifth of the
 * order answers are lost and the trader closes the position by hand twice. After every bar the engine
 * books the executor's real fills and follows the account, as {@code LiveSession} does; at the end the
 * model's trades are the exchange's round trips price for price, its realised PnL (before funding) is
 * the account's, and a session resumed from the journal alone rebuilds the same model.
 */
class ModelFollowsAccountTest {

    @TempDir
    Path dir;

    record Decision(long time, Side side, boolean exit, boolean enter) {
    }

    @Test
    void afterLostAnswersAndClosesByHandTheModelHoldsAndBooksWhatTheAccountDid() {
        Faults lostAnswers = new Faults(Duration.ZERO, 0, 0, 0, Duration.ofMillis(100), Duration.ZERO, 0, Duration.ZERO, Duration.ZERO, 7, 0.2);
        List<ModelCorrection> steps = modelFollowsTheAccount(lostAnswers, 0);
        assertThat(steps).extracting(ModelCorrection::kind).as("the model followed the account")
                .contains(ModelCorrection.Kind.ENTRY_FILLED, ModelCorrection.Kind.ORDER_EXECUTED, ModelCorrection.Kind.CLOSE_ADOPTED);
    }

    /**
     * A thin book fills three market orders in ten only in half (entries and closes), and the trader closes part of
     * the position by hand twice: every part is its own round trip on the exchange and in the model, with its share of
     * the entry fee, and the rest goes on protected until it is closed.
     */
    @Test
    void afterClosesFilledInPartAndPartsClosedByHandTheModelBooksEveryPartAsTheAccountDid() {
        Faults thinBook = new Faults(Duration.ZERO, 0, 0, 0, Duration.ofMillis(100), Duration.ZERO, 0, Duration.ZERO, Duration.ZERO, 11, 0.1, 0.3);
        List<ModelCorrection> steps = modelFollowsTheAccount(thinBook, 3);
        assertThat(steps).extracting(ModelCorrection::kind).as("parts closed by hand taken over")
                .contains(ModelCorrection.Kind.PART_CLOSED, ModelCorrection.Kind.EXIT_FILLED);
    }

    /**
     * Runs the session against the sandbox with {@code faults}; at bars 300 and 420 the trader closes the position by
     * hand: all of it, or with {@code partDivisor} > 0 one part in that many. Asserts that the model holds and booked
     * what the account did and that a resumed session rebuilds it; returns the corrections journalled.
     */
    private List<ModelCorrection> modelFollowsTheAccount(Faults faults, int partDivisor) {
        Bot bot = LiveFillsEqualBacktestTest.oftenTradingBot();
        List<Decision> decisions = new ArrayList<>();
        List<SessionEvent> events = new ArrayList<>();
        TradeListener observer = new TradeListener() {
            @Override
            public void onOrder(long time, Side side, boolean exit, boolean enter) {
                decisions.add(new Decision(time, side, exit, enter));
            }
        };
        Path file = dir.resolve("session.db");
        int closedByHand = 0;
        List<Trade> modelTrades;
        Position modelPosition;
        double modelBalance;
        List<ModelCorrection> steps;
        try (Sandbox sandbox = Sandbox.builder(HOURS, LiveTestMarket.XBT).from(HOURS.time(LIVE_FROM)).startBalance(10_000)
                     .rateLimit(1_000_000).faults(faults).start();
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(file)) {
            TradingEngine engine = new TradingEngine(List.of(bot), LiveTestMarket.XBT, RUN, journal, 1, b -> EntryGate.OPEN, b -> observer);
            LiveExecutor executor = new LiveExecutor(client, bot, LiveTestMarket.XBT, journal, new RiskGuard(WIDE, LiveTestMarket.XBT), events::add,
                    LiveExecutor.Settings.DEFAULT, sandbox::now, d -> { });
            BotRunner runner = engine.runners().get(0);
            for (int i = 0; i < LIVE_FROM; i++) engine.warmUp(HOURS.candle(i));
            for (int i = LIVE_FROM; i < HOURS.size() - 1; i++) {
                sandbox.advanceTo(HOURS.time(i + 1));
                if ((i == 300 || i == 420 || (partDivisor > 0 && i % 40 == 0)) && sandbox.exchange().position().isPresent()) {
                    // the trader closes the position (or a part of it) on the website
                    long held = Math.abs(sandbox.exchange().position().get().quantity());
                    boolean part = partDivisor > 0 && held >= partDivisor;
                    boolean buy = sandbox.exchange().position().get().quantity() < 0;
                    sandbox.exchange().place(new Exchange.OrderRequest("by-hand-" + i, "XBTUSDTM", part ? (buy ? "buy" : "sell") : null, "market",
                            part ? held / partDivisor : null, null, null, part, !part, null, null, null, null, false, "ISOLATED"));
                    closedByHand++;
                }
                decisions.clear();
                engine.onClosedBar(HOURS.candle(i));
                executor.syncWithExchange();
                engine.followAccount(0, HOURS.time(i));
                for (Decision d : decisions) {
                    ExecutedDecision done = executor.onDecision(runner, d.time(), d.side(), d.exit(), d.enter(), HOURS.close(i));
                    engine.book(0, d.time(), done, HOURS.time(i + 1), HOURS.close(i));
                }
                executor.onPrice(sandbox.now(), sandbox.exchange().price());
            }
            executor.syncWithExchange();
            engine.followAccount(0, HOURS.time(HOURS.size() - 2));

            modelTrades = List.copyOf(runner.trader().trades());
            modelPosition = runner.trader().position();
            modelBalance = runner.trader().balance();
            steps = journal.modelCorrections();
            List<Journal.LivePosition> real = journal.livePositions();
            List<Journal.LivePosition> closed = real.stream().filter(p -> !p.open()).toList();
            Journal.LivePosition open = real.stream().filter(Journal.LivePosition::open).findFirst().orElse(null);

            assertThat(closedByHand).as("positions closed by hand").isPositive();
            assertThat(closed.size()).as("round trips on the exchange").isGreaterThanOrEqualTo(15);
            if (partDivisor > 0) {
                long entries = closed.stream().map(Journal.LivePosition::entryClientOid).distinct().count();
                assertThat(closed.size()).as("positions closed in more than one part").isGreaterThan((int) entries);
                assertThat(journal.exchangeOrders()).as("closing orders the thin book filled in part")
                        .anyMatch(o -> o.purpose() == Journal.OrderPurpose.EXIT && o.state() == Journal.OrderState.FILLED && o.filledSize() < o.size());
                assertThat(journal.exchangeOrders()).as("entries it filled in part")
                        .anyMatch(o -> o.purpose() == Journal.OrderPurpose.ENTRY && o.state() == Journal.OrderState.FILLED && o.filledSize() < o.size());
            }

            // the model holds what the account holds
            if (open == null) {
                assertThat(modelPosition).isNull();
                assertThat(sandbox.exchange().position()).isEmpty();
            } else {
                assertThat(modelPosition.side()).isEqualTo(open.side());
                assertThat(modelPosition.contracts()).isEqualTo(open.contracts());
                assertThat(modelPosition.entryPrice()).isEqualTo(open.entryPrice());
                assertThat(sandbox.exchange().position().orElseThrow().quantity()).isEqualTo(open.side().sign() * open.contracts());
            }
            // the model's trades are the exchange's round trips (each part of one its own), price for price
            assertThat(modelTrades).hasSameSizeAs(closed);
            for (int k = 0; k < closed.size(); k++) {
                Journal.LivePosition p = closed.get(k);
                Trade t = modelTrades.get(k);
                assertThat(t.side()).as("trade %d", k).isEqualTo(p.side());
                assertThat(t.contracts()).as("trade %d", k).isEqualTo(p.contracts());
                assertThat(t.entryPrice()).as("trade %d entry", k).isEqualTo(p.entryPrice());
                assertThat(t.entryFee()).as("trade %d entry fee", k).isEqualTo(p.entryFee());
                assertThat(t.exitPrice()).as("trade %d exit", k).isEqualTo(p.exitPrice());
                assertThat(t.exitFee()).as("trade %d exit fee", k).isEqualTo(p.exitFee());
            }
            double modelBeforeFunding = modelTrades.stream().mapToDouble(t -> t.netPnl() + t.funding()).sum();
            double account = closed.stream().mapToDouble(Journal.LivePosition::netPnl).sum();
            assertThat(modelBeforeFunding).as("realised PnL before funding, model vs account").isCloseTo(account, within(1e-6));
        }

        // a session resumed from the journal alone rebuilds the same model
        try (Journal journal = Journal.open(file)) {
            TradingEngine resumed = TradingEngine.resume(List.of(bot), LiveTestMarket.XBT, RUN, journal, 1);
            assertThat(resumed.runners().get(0).trader().trades()).isEqualTo(modelTrades);
            assertThat(resumed.runners().get(0).trader().position()).isEqualTo(modelPosition);
            assertThat(resumed.runners().get(0).trader().balance()).isEqualTo(modelBalance);
            assertThat(journal.trades(bot.name())).as("the journal's trade rows").isEqualTo(modelTrades);
        }
        return steps;
    }
}
