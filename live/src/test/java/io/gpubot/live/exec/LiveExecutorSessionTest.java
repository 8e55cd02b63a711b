package io.gpubot.live.exec;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.TradeListener;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.Journal;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.Journal.OrderState;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.TradingEngine;
import io.gpubot.live.risk.RiskGuard;
import io.gpubot.live.risk.RiskLimits;
import io.gpubot.sandbox.Faults;
import io.gpubot.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls a live session makes, in its order, on a random-walk market: the engine closes each bar,
 * the model's order decision goes to the executor, then a price tick; the sandbox matches orders 40 ms
 * late (its fill history lags as much) and answers a quarter of the placements 500 after they took effect. Whatever the bot does, every
 * real entry is journalled once and filled once, every open position carries exactly its two stop
 * orders, and the journal's open position is the exchange's.
 */
class LiveExecutorSessionTest {

    static final CandleSeries HOURS = SyntheticMarket.bitcoinLike(21).withTimeframe(Timeframe.H1).generate(420); // each bar costs a few REST round trips to the sandbox: 120 live bars keep this test near 20 s
    static final int LIVE_FROM = 300;
    static final RunSettings RUN = RunSettings.withBalance(10_000);

    @TempDir
    Path dir;

    /** A decision the model made at a bar's close, as the observer heard it. */
    record Decision(long time, Side side, boolean exit, boolean enter) {
    }

    @Test
    void aSessionOfManyBarsKeepsTheJournalAndTheExchangeInStep() {
        Bot bot = tradingBot();
        List<Decision> decisions = new ArrayList<>();
        List<SessionEvent> events = new ArrayList<>();
        TradeListener observer = new TradeListener() {
            @Override
            public void onOrder(long time, Side side, boolean exit, boolean enter) {
                decisions.add(new Decision(time, side, exit, enter));
            }
        };
        LiveTestMarket.OrderTap tap = new LiveTestMarket.OrderTap();
        try (Sandbox sandbox = Sandbox.builder(HOURS, LiveTestMarket.XBT).from(HOURS.time(LIVE_FROM)).startBalance(10_000)
                     .fillDelay(LiveTestMarket.FILL_DELAY)
                     .faults(new io.gpubot.sandbox.Faults(java.time.Duration.ZERO, 0, 0, 0, java.time.Duration.ofMillis(100), java.time.Duration.ZERO,
                             0, java.time.Duration.ZERO, java.time.Duration.ZERO, 11, 0.25)) // a quarter of the placements take effect but are answered 500
                     .rateLimit(1_000_000).start(); // a poll per bar would exhaust KuCoin's real quota: waits, not a test
             KucoinRestClient client = LiveTestMarket.client(sandbox, tap);
             Journal journal = Journal.open(dir.resolve("session.db"))) {
            RiskGuard guard = new RiskGuard(RiskLimits.DEFAULT, LiveTestMarket.XBT);
            TradingEngine engine = new TradingEngine(List.of(bot), LiveTestMarket.XBT, RUN, journal, 1, b -> guard, b -> observer);
            LiveExecutor executor = new LiveExecutor(client, bot, LiveTestMarket.XBT, journal, guard, events::add,
                    LiveTestMarket.WAITING, sandbox::now, LiveTestMarket::sleep);
            BotRunner runner = engine.runners().get(0);
            for (int i = 0; i < LIVE_FROM; i++) engine.warmUp(HOURS.candle(i));
            assertThat(executor.reconcile()).containsExactly("flat on the exchange, as journalled");

            int sent = 0;
            for (int i = LIVE_FROM; i < HOURS.size() - 1; i++) {
                sandbox.advanceTo(HOURS.time(i + 1)); // bar i has closed; the clock stands at bar i+1's open
                decisions.clear();
                engine.onClosedBar(HOURS.candle(i));
                for (Decision d : decisions) {
                    executor.onDecision(runner, d.time(), d.side(), d.exit(), d.enter(), HOURS.close(i));
                    sent++;
                }
                executor.onPrice(sandbox.now(), sandbox.exchange().price());
                assertInStep(sandbox, journal, bot, i);
            }
            assertThat(sent).as("the model decided often enough to test something").isGreaterThanOrEqualTo(4);
            assertThat(tap.statuses).as("lost answers were met").contains(500);
            List<ExchangeOrder> entries = journal.exchangeOrders().stream().filter(o -> o.purpose() == OrderPurpose.ENTRY).toList();
            assertThat(entries).isNotEmpty().allMatch(o -> o.state() == OrderState.FILLED || o.state() == OrderState.REJECTED);
            long filledEntries = entries.stream().filter(o -> o.state() == OrderState.FILLED).count();
            long exchangeEntries = sandbox.exchange().doneOrders().stream()
                    .filter(o -> "".equals(o.get("stop")) && !Boolean.TRUE.equals(o.get("reduceOnly"))).count();
            assertThat(exchangeEntries).as("one exchange order per journalled entry").isEqualTo(filledEntries);
            assertThat(journal.livePositions()).hasSize((int) filledEntries).anyMatch(p -> !p.open());
            assertThat(journal.exchangeOrdersIn(OrderState.INTENT, OrderState.UNKNOWN)).isEmpty();
            assertThat(events).noneMatch(e -> e.kind() == SessionEvent.Kind.ERROR);
        }
    }

    private static void assertInStep(Sandbox sandbox, Journal journal, Bot bot, int bar) {
        var exchange = sandbox.exchange().position();
        var journalled = journal.openLivePosition(bot.name());
        assertThat(exchange.isPresent()).as("bar %d: a position on the exchange iff in the journal", bar).isEqualTo(journalled.isPresent());
        if (exchange.isPresent()) {
            assertThat(exchange.get().quantity()).as("bar %d", bar)
                    .isEqualTo(journalled.get().side().sign() * journalled.get().contracts());
            assertThat(LiveTestMarket.protection(sandbox)).as("bar %d: protected by exactly its stop-loss and take-profit", bar).hasSize(2);
        } else {
            assertThat(LiveTestMarket.protection(sandbox)).as("bar %d: no stray protective orders", bar).isEmpty();
        }
    }

    /** The first random bot that trades a few times in the live part of the data, within the default risk limits. */
    private static Bot tradingBot() {
        for (Bot bot : RandomBots.of(LiveTestMarket.XBT).draw(200, 7)) {
            if (bot.leverage() > RiskLimits.DEFAULT.maxLeverage()) continue;
            if (bot.sizing().method() != io.gpubot.core.trade.SizingMethod.RISK) continue;
            int trades = Backtester.reference(bot, HOURS, LiveTestMarket.XBT, RUN, LIVE_FROM, HOURS.size()).trades().size();
            if (trades >= 4) return bot;
        }
        throw new IllegalStateException("no random bot trades in this market");
    }
}
