package io.gpubot.live.exec;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.trade.Side;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.ExecutedDecision;
import io.gpubot.live.Journal;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.Journal.OrderState;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.risk.RiskLimits;
import io.gpubot.sandbox.Faults;
import io.gpubot.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.gpubot.live.exec.LiveTestMarket.DIP;
import static io.gpubot.live.exec.LiveTestMarket.FIRST_LIVE_BAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The live executor against the sandbox exchange over 127.0.0.1. The market sits at 40 000, so a long
 * decided at bar 4's close fills at bar 5's open with 0.1% slippage: 40 040. Risk 2% of 10 000 USDT
 * with the stop 1.5% below (39 439.4 on the tick, exit 39 399.9606 after slippage, 39 399.9 on the tick,
 * both taker fees: 0.6401 + 0.024024 + 0.02363994 = 0.68776394 per contract) is 200 / 0.68776394 = 290.8,
 * so 290 contracts; take-profit 3% above: 41 241.2, a reduce-only limit order.
 */
class LiveExecutorTest {

    static final double FILL = 40_040;
    static final double STOP = 39_439.4;
    static final double TAKE = 41_241.2;
    static final long LOTS = 290;
    static final double ENTRY_FEE = LOTS * 0.001 * FILL * 0.0006;

    @TempDir
    Path dir;

    final List<SessionEvent> events = new ArrayList<>();

    private ExecutedDecision enterLong(LiveExecutor executor, BotRunner runner, CandleSeries bars) {
        return executor.onDecision(runner, bars.time(FIRST_LIVE_BAR - 1), Side.LONG, false, true, bars.close(FIRST_LIVE_BAR - 1));
    }

    @Test
    void anEntryIsJournalledBeforeItIsSentAndProtectedAtTheLevelsOfTheActualFill() throws Exception {
        Path file = dir.resolve("live.db");
        LiveTestMarket.OrderTap tap = new LiveTestMarket.OrderTap();
        List<String> seenBeforeSending = new ArrayList<>();
        tap.before = oid -> seenBeforeSending.add(committedState(file, oid));
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox, tap);
             Journal journal = Journal.open(file)) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            ExecutedDecision decision = enterLong(executor, LiveTestMarket.runner(bot), DIP);

            assertThat(decision).isEqualTo(new ExecutedDecision(ExecutedDecision.Leg.NONE, ExecutedDecision.Leg.filled(LOTS, FILL, ENTRY_FEE)));
            assertThat(tap.lastTpSlBody).as("the entry went to /api/v1/st-orders with its stop-loss (a buy's is the down trigger)")
                    .contains("\"type\":\"market\"").contains("\"triggerStopDownPrice\":\"39439.4\"").doesNotContain("triggerStopUpPrice")
                    .contains("\"stopPriceType\":\"TP\"").contains("\"marginMode\":\"ISOLATED\"");
            assertThat(seenBeforeSending).as("the entry (its stop-loss rides with it) and the take-profit: each committed as INTENT before it went out")
                    .containsExactly("INTENT", "INTENT");
            var position = sandbox.exchange().position().orElseThrow();
            assertThat(position.quantity()).isEqualTo(LOTS);
            assertThat(position.entryPrice()).isCloseTo(FILL, within(1e-6));
            assertThat(sandbox.exchange().marginMode()).isEqualTo("ISOLATED");

            List<Map<String, Object>> stops = sandbox.exchange().activeOrders(true);
            assertThat(stops).as("the stop-loss, a stop-market order").hasSize(1);
            Map<String, Object> stopLoss = stops.get(0);
            assertThat(stopLoss.get("stop")).isEqualTo("down");
            assertThat(stopLoss.get("type")).isEqualTo("market");
            List<Map<String, Object>> resting = sandbox.exchange().activeOrders(false);
            assertThat(resting).as("the take-profit, a limit order resting at the level").hasSize(1);
            Map<String, Object> takeProfit = resting.get(0);
            assertThat(takeProfit.get("type")).isEqualTo("limit");
            assertThat(takeProfit.get("stop")).isEqualTo("");
            for (Map<String, Object> o : List.of(stopLoss, takeProfit)) {
                assertThat(o.get("side")).isEqualTo("sell");
                assertThat(o.get("reduceOnly")).isEqualTo(true);
                assertThat(((Number) o.get("size")).longValue()).isEqualTo(LOTS);
            }
            assertThat(Double.parseDouble(String.valueOf(stopLoss.get("stopPrice")))).isEqualTo(STOP);
            assertThat(Double.parseDouble(String.valueOf(takeProfit.get("price")))).isEqualTo(TAKE);

            List<ExchangeOrder> orders = journal.exchangeOrders();
            assertThat(orders).extracting(ExchangeOrder::purpose)
                    .containsExactly(OrderPurpose.ENTRY, OrderPurpose.STOP_LOSS, OrderPurpose.TAKE_PROFIT);
            ExchangeOrder entry = orders.get(0);
            assertThat(entry.state()).isEqualTo(OrderState.FILLED);
            assertThat(entry.filledSize()).isEqualTo(LOTS);
            assertThat(entry.averagePrice()).isCloseTo(FILL, within(1e-6));
            assertThat(entry.fee()).isCloseTo(ENTRY_FEE, within(1e-9));
            assertThat(entry.side()).isEqualTo("BUY");
            assertThat(orders.get(1).clientOid()).as("the stop attached to the entry, as the sandbox names it")
                    .isEqualTo(stopLoss.get("clientOid")).isEqualTo(entry.clientOid() + "-sl");
            assertThat(entry.stopPrice()).as("the attached level, from the planned fill (the same as the real fill here)").isEqualTo(STOP);
            assertThat(orders.get(1).state()).isEqualTo(OrderState.ACCEPTED);
            assertThat(orders.get(2).clientOid()).isEqualTo(takeProfit.get("clientOid"));
            assertThat(orders.get(1).stopPrice()).isEqualTo(STOP);

            LivePosition live = journal.openLivePosition(bot.name()).orElseThrow();
            assertThat(live.entryClientOid()).isEqualTo(entry.clientOid());
            assertThat(live.contracts()).isEqualTo(LOTS);
            assertThat(live.stopLoss()).isEqualTo(STOP);
            assertThat(live.takeProfit()).isEqualTo(TAKE);

            ExchangeState state = executor.state();
            assertThat(state.side()).isEqualTo("LONG");
            assertThat(state.contracts()).isEqualTo(LOTS);
            assertThat(state.stopLoss()).isEqualTo(STOP);
            assertThat(state.takeProfit()).isEqualTo(TAKE);
            assertThat(state.liquidationPrice()).isCloseTo(FILL * (1 - 0.2 + 0.004), within(1e-6));
            assertThat(events).extracting(SessionEvent::kind).contains(SessionEvent.Kind.ENTRY).doesNotContain(SessionEvent.Kind.ERROR);
        }
    }

    @Test
    void anEntryTheFillHistoryDoesNotShowYetIsBookedFromTheRecentFillsWithItsRealFee() {
        // KuCoin's /api/v1/fills "is not real-time"; here it shows nothing for an hour, while /api/v1/recentFills shows the fill at once.
        try (Sandbox sandbox = Sandbox.builder(DIP, LiveTestMarket.XBT).from(DIP.time(FIRST_LIVE_BAR)).startBalance(10_000)
                     .fillsHistoryDelay(Duration.ofHours(1)).start();
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            ExecutedDecision decision = enterLong(executor, LiveTestMarket.runner(bot), DIP);

            assertThat(decision.entry()).isEqualTo(ExecutedDecision.Leg.filled(LOTS, FILL, ENTRY_FEE));
            ExchangeOrder entry = journal.exchangeOrders().get(0);
            assertThat(entry.state()).isEqualTo(OrderState.FILLED);
            assertThat(entry.fee()).isCloseTo(ENTRY_FEE, within(1e-9));
            assertThat(client.fillsOfOrder(entry.exchangeOrderId()).items()).as("the fee came from the recent fills").isEmpty();
            assertThat(journal.openLivePosition(bot.name()).orElseThrow().entryPrice()).isCloseTo(FILL, within(1e-6));
        }
    }

    @Test
    void anExitBySignalCancelsBothStopsClosesAtMarketAndJournalsTheRealExit() {
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            BotRunner runner = LiveTestMarket.runner(bot);
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            enterLong(executor, runner, DIP);
            sandbox.step(1);
            executor.onDecision(runner, DIP.time(FIRST_LIVE_BAR), Side.SHORT, true, false, DIP.close(FIRST_LIVE_BAR));

            assertThat(sandbox.exchange().position()).isEmpty();
            assertThat(LiveTestMarket.protection(sandbox)).isEmpty();
            assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::purpose, ExchangeOrder::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.ENTRY, OrderState.FILLED),
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.STOP_LOSS, OrderState.CANCELLED),
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.TAKE_PROFIT, OrderState.CANCELLED),
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.EXIT, OrderState.FILLED));
            LivePosition closed = journal.livePositions().get(0);
            double exit = 40_000 * 0.999;
            double exitFee = LOTS * 0.001 * exit * 0.0006;
            assertThat(closed.open()).isFalse();
            assertThat(closed.exitReason()).isEqualTo("SIGNAL");
            assertThat(closed.exitPrice()).isCloseTo(exit, within(1e-6));
            assertThat(closed.exitFee()).isCloseTo(exitFee, within(1e-9));
            assertThat(closed.grossPnl()).isCloseTo((exit - FILL) * LOTS * 0.001, within(1e-6));
            assertThat(closed.netPnl()).isCloseTo(-37.12, within(1e-6));
            assertThat(sandbox.exchange().account().walletBalance()).as("the journal's net PnL is the account's")
                    .isCloseTo(10_000 - 37.12, within(1e-6));
            assertThat(executor.state().flat()).isTrue();
            assertThat(executor.openPosition()).isEmpty();
        }
    }

    @Test
    void aStopLossTheExchangeFilledIsNoticedJournalledAndTheTakeProfitCancelled() {
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            enterLong(executor, LiveTestMarket.runner(bot), DIP);
            sandbox.step(3); // through bar 7, whose low of 39 000 crosses the stop
            assertThat(sandbox.exchange().position()).isEmpty();
            executor.onPrice(sandbox.now(), 39_500);

            LivePosition closed = journal.livePositions().get(0);
            double exit = 39_399.9;  // 39,439.4 x 0.999 = 39,399.9606, down to the tick
            assertThat(closed.open()).isFalse();
            assertThat(closed.exitReason()).isEqualTo("STOP_LOSS");
            assertThat(closed.exitPrice()).isCloseTo(exit, within(1e-6));
            assertThat(closed.netPnl()).isCloseTo((exit - FILL) * LOTS * 0.001 - ENTRY_FEE - LOTS * 0.001 * exit * 0.0006, within(1e-6));
            List<ExchangeOrder> orders = journal.exchangeOrders();
            assertThat(orders.get(1).purpose()).isEqualTo(OrderPurpose.STOP_LOSS);
            assertThat(orders.get(1).state()).isEqualTo(OrderState.FILLED);
            assertThat(orders.get(2).state()).isEqualTo(OrderState.CANCELLED);
            assertThat(LiveTestMarket.protection(sandbox)).isEmpty();
            assertThat(events).filteredOn(e -> e.kind() == SessionEvent.Kind.EXIT).singleElement()
                    .satisfies(e -> assertThat(e.text()).contains("closed by STOP_LOSS at 39399.9:"));
            executor.onPrice(sandbox.now() + 60_000, 39_500);
            assertThat(journal.livePositions()).as("the exit is journalled once").hasSize(1);
            assertThat(events).filteredOn(e -> e.kind() == SessionEvent.Kind.EXIT).hasSize(1);
        }
    }

    @Test
    void flattenCancelsEveryOrderAndClosesThePosition() {
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            enterLong(executor, LiveTestMarket.runner(bot), DIP);
            List<String> report = executor.flatten("kill switch");

            assertThat(report).as("the close first (the stops stay until it filled), then what is left")
                    .containsExactly("closed 290 contracts at 39960", "cancelled 0 other order(s)");
            assertThat(sandbox.exchange().position()).isEmpty();
            assertThat(LiveTestMarket.protection(sandbox)).isEmpty();
            assertThat(sandbox.exchange().activeOrders(false)).isEmpty();
            assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::purpose).last().isEqualTo(OrderPurpose.FLATTEN);
            assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state).last().isEqualTo(OrderState.FILLED);
            assertThat(journal.livePositions().get(0).exitReason()).isEqualTo("FLATTEN: kill switch");
            assertThat(executor.flatten("again")).contains("no position on the exchange");
        }
    }

    @Test
    void anEntryTheExchangeRefusesForBalanceIsJournalledShownAndLeavesNothingOpen() {
        // Bar 5 gaps up to 44 000: the size affordable at 40 040 is not affordable at 44 044.
        CandleSeries gap = LiveTestMarket.series(Map.of(5, new double[] {44_000, 44_000, 44_000, 44_000}));
        try (Sandbox sandbox = LiveTestMarket.sandbox(gap, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot("fixed_notional", 1_000_000);
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT.withMaxRiskPerTrade(0.5),
                    events::add);
            enterLong(executor, LiveTestMarket.runner(bot), gap);

            // 1 245 contracts (all 10 000 USDT can margin at 40 040 and 5x): 9 969.96 margin + 29.91 fee.
            assertThat(events).filteredOn(e -> e.kind() == SessionEvent.Kind.REFUSAL).singleElement().extracting(SessionEvent::text)
                    .isEqualTo("insufficient balance: margin needed 9999.87 USDT, available 10000.00 USDT — lower the leverage/risk or add funds");
            ExchangeOrder entry = journal.exchangeOrders().get(0);
            assertThat(entry.state()).isEqualTo(OrderState.REJECTED);
            assertThat(entry.size()).isEqualTo(1245);
            assertThat(entry.message()).contains("300003");
            assertThat(journal.exchangeOrders()).hasSize(1);
            assertThat(journal.refusalCount()).isEqualTo(1);
            assertThat(journal.openLivePosition(bot.name())).isEmpty();
            assertThat(sandbox.exchange().position()).isEmpty();
            assertThat(LiveTestMarket.protection(sandbox)).isEmpty();
            assertThat(sandbox.exchange().doneOrders()).isEmpty();
        }
    }

    @Test
    void aSizeBelowOneLotAndARiskLimitAreRefusedBeforeAnythingIsSent() {
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 20, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            enterLong(executor, LiveTestMarket.runner(bot), DIP);
            // 2% of 20 USDT is 0.40 USDT of risk; one contract risks 0.6877.
            assertThat(events).filteredOn(e -> e.kind() == SessionEvent.Kind.REFUSAL).singleElement().extracting(SessionEvent::text)
                    .as("the backtest's words: 0.4 / 0.68776394 = 0.5816; 20 / (40.04 x (1/5 + 0.0006)) = 2.4900 affordable")
                    .isEqualTo("position size too small: RISK computed 0.5816 contracts (2.4900 affordable), the minimum is 1; raise the balance or the risk");
        }
        events.clear();
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live2.db"))) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT.withMaxNotional(10_000),
                    events::add);
            enterLong(executor, LiveTestMarket.runner(bot), DIP);
            assertThat(events).filteredOn(e -> e.kind() == SessionEvent.Kind.REFUSAL).singleElement().extracting(SessionEvent::text)
                    .isEqualTo("position value 11611.60 USDT exceeds the limit of 10000.00 USDT");
            assertThat(journal.exchangeOrders()).isEmpty();
            assertThat(sandbox.exchange().doneOrders()).isEmpty();
        }
    }

    @Test
    void underRateLimitBurstsAndServerErrorsAnEntryIsNeverSentBlindlyTwiceAndItsFateIsResolvedByLookup() {
        // The last 2 of every 8 requests are answered 429; 30% of the rest are 5xx, half of those after the order took effect;
        // and the entry itself meets a 503 before it takes effect: the old client sent it again with the same clientOid.
        Faults faults = new Faults(Duration.ZERO, 0.3, 8, 2, Duration.ofMillis(5), Duration.ZERO, 0, Duration.ZERO, Duration.ZERO, 3);
        LiveTestMarket.OrderTap tap = new LiveTestMarket.OrderTap();
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, faults);
             KucoinRestClient client = LiveTestMarket.client(sandbox, tap);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            BotRunner runner = LiveTestMarket.runner(bot);
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            tap.failNextOrderBeforeEffect = true;
            ExecutedDecision first = enterLong(executor, runner, DIP);
            sandbox.setFaults(Faults.NONE);
            assertThat(tap.statuses).as("the faults were met").contains(429).anyMatch(status -> status >= 500);
            assertThat(first.entry().outcome()).isEqualTo(ExecutedDecision.Outcome.UNKNOWN);
            assertThat(LiveTestMarket.marketOrders(sandbox)).as("not placed, and not sent again").isEmpty();

            executor.onPrice(sandbox.now(), 40_000); // the next poll looks it up again: still absent, so never placed
            assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state).containsExactly(OrderState.NOT_FOUND);
            assertThat(events).anyMatch(e -> e.text().endsWith("was never placed (the exchange does not know it); the decision it carried is dropped"));

            ExecutedDecision second = executor.onDecision(runner, DIP.time(FIRST_LIVE_BAR), Side.LONG, false, true, DIP.close(FIRST_LIVE_BAR));
            assertThat(second.entry()).isEqualTo(ExecutedDecision.Leg.filled(LOTS, FILL, ENTRY_FEE));
            assertThat(sandbox.exchange().position().orElseThrow().quantity()).isEqualTo(LOTS);
            assertThat(LiveTestMarket.marketOrders(sandbox)).as("one entry order, never doubled").hasSize(1);
            assertThat(LiveTestMarket.protection(sandbox)).as("one stop-loss and one take-profit").hasSize(2);
            assertThat(journal.openLivePosition(bot.name()).orElseThrow().contracts()).isEqualTo(LOTS);
            assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state)
                    .containsExactly(OrderState.NOT_FOUND, OrderState.FILLED, OrderState.ACCEPTED, OrderState.ACCEPTED);
        }
    }

    @Test
    void aReversalClosesTheLongAndOpensAShortProtectedTheOtherWayRound() {
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            BotRunner runner = LiveTestMarket.runner(bot);
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            enterLong(executor, runner, DIP);
            sandbox.step(1);
            executor.onDecision(runner, DIP.time(FIRST_LIVE_BAR), Side.SHORT, true, true, DIP.close(FIRST_LIVE_BAR));

            // Equity 9 962.88 after the long's loss; a short fills at 39 960, stop 1.5% above (40 559.4), so
            // 2% risk / 0.6883 per contract = 289.5: 289 contracts; take-profit 3% below: 38 761.2.
            assertThat(sandbox.exchange().position().orElseThrow().quantity()).isEqualTo(-289);
            List<Map<String, Object>> stops = LiveTestMarket.protection(sandbox);
            assertThat(stops).hasSize(2).allSatisfy(o -> assertThat(o.get("side")).isEqualTo("buy"));
            assertThat(stops).filteredOn(o -> "up".equals(o.get("stop"))).singleElement()
                    .satisfies(o -> assertThat(o.get("stopPrice").toString()).isEqualTo("40559.4"));
            assertThat(stops).filteredOn(o -> "limit".equals(o.get("type"))).singleElement()
                    .satisfies(o -> assertThat(o.get("price").toString()).isEqualTo("38761.2"));
            assertThat(journal.livePositions()).extracting(LivePosition::side, LivePosition::open).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Side.LONG, false), org.assertj.core.groups.Tuple.tuple(Side.SHORT, true));
            assertThat(executor.state().side()).isEqualTo("SHORT");
        }
    }

    @Test
    void anEntryWhoseAnswerAndLookupsAreLostIsNeverResentAndIsAdoptedOnceTheExchangeAnswersAgain() {
        LiveTestMarket.OrderTap tap = new LiveTestMarket.OrderTap();
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox, tap);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            tap.loseOrderAnswers = true;
            tap.failLookups = true;
            ExecutedDecision lost = enterLong(executor, LiveTestMarket.runner(bot), DIP);

            assertThat(lost.entry().outcome()).isEqualTo(ExecutedDecision.Outcome.UNKNOWN);
            assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state).containsExactly(OrderState.UNKNOWN);
            assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.ERROR && e.text().contains("got no answer"));
            assertThat(sandbox.exchange().position().orElseThrow().quantity()).as("it did fill").isEqualTo(LOTS);
            assertThat(LiveTestMarket.protection(sandbox)).as("yet the position has its stop-loss: it rode with the entry")
                    .singleElement().satisfies(o -> assertThat(LiveTestMarket.level(o)).isEqualTo("39439.4"));
            ExecutedDecision blocked = executor.onDecision(LiveTestMarket.runner(bot), DIP.time(FIRST_LIVE_BAR), Side.SHORT, false, true, 40_000);
            assertThat(blocked.entry().outcome()).as("nothing new while the entry's fate is unknown").isEqualTo(ExecutedDecision.Outcome.DROPPED);
            assertThat(blocked.entry().reason()).startsWith("not sent: the fate of the entry order ");

            tap.loseOrderAnswers = false;
            tap.failLookups = false;
            executor.onPrice(sandbox.now(), 40_000);
            assertThat(LiveTestMarket.marketOrders(sandbox)).as("never sent twice").hasSize(1);
            assertThat(LiveTestMarket.protection(sandbox)).hasSize(2);
            assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state)
                    .containsExactly(OrderState.FILLED, OrderState.ACCEPTED, OrderState.ACCEPTED);
            assertThat(journal.openLivePosition(bot.name()).orElseThrow().entryPrice()).isCloseTo(FILL, within(1e-6));
        }
    }

    @Test
    void aPriceNearTheLiquidationPriceWarnsOnce() {
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            enterLong(executor, LiveTestMarket.runner(bot), DIP);
            // Liquidation at 40 040 × (1 − 1/5 + 0.004) = 32 192.16; 33 000 is 2.45% above it, inside the 5% warning.
            long t = sandbox.now();
            executor.onPrice(t, 34_000);
            executor.onPrice(t + 1, 33_000);
            executor.onPrice(t + 2, 33_100);
            assertThat(events).filteredOn(e -> e.kind() == SessionEvent.Kind.WARNING).extracting(SessionEvent::text).containsExactly(
                    "price 33000 is within 5.0% of the liquidation price 32192.16 (long 290 contracts): 2.45% away");
        }
    }

    @Test
    void aPositionWhoseTakeProfitCannotBePlacedIsClosedRatherThanLeftHalfProtected() {
        LiveTestMarket.OrderTap tap = new LiveTestMarket.OrderTap();
        tap.refuseTakeProfits = true;
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox, tap);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            enterLong(executor, LiveTestMarket.runner(bot), DIP);

            assertThat(sandbox.exchange().position()).isEmpty();
            assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::purpose, ExchangeOrder::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.ENTRY, OrderState.FILLED),
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.STOP_LOSS, OrderState.CANCELLED),
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.TAKE_PROFIT, OrderState.REJECTED),
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.TAKE_PROFIT, OrderState.REJECTED),
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.TAKE_PROFIT, OrderState.REJECTED),
                    org.assertj.core.groups.Tuple.tuple(OrderPurpose.EXIT, OrderState.FILLED));
            assertThat(LiveTestMarket.protection(sandbox)).as("the attached stop went with the position").isEmpty();
            assertThat(journal.livePositions()).singleElement().satisfies(p -> {
                assertThat(p.open()).isFalse();
                assertThat(p.exitReason()).isEqualTo("UNPROTECTED");
            });
            assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.ERROR
                    && e.text().equals("could not place the take-profit after 3 attempts: closing the position rather than leave it unprotected"));
        }
    }

    /** The state of the order as another connection sees it: only what was committed. */
    private static String committedState(Path file, String clientOid) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             PreparedStatement ps = db.prepareStatement("SELECT state FROM exchange_order WHERE client_oid = ?")) {
            ps.setString(1, clientOid);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getString(1) : "absent";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
