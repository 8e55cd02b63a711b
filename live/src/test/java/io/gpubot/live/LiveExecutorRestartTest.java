package io.gpubot.live;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.trade.Side;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.OrderRequest;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.Journal.OrderState;
import io.gpubot.live.exec.LiveExecutor;
import io.gpubot.live.exec.LiveTestMarket;
import io.gpubot.live.risk.RiskLimits;
import io.gpubot.sandbox.Faults;
import io.gpubot.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gpubot.live.exec.LiveTestMarket.DIP;
import static io.gpubot.live.exec.LiveTestMarket.FIRST_LIVE_BAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A live session killed at the worst moments, then restarted on the same journal file against the same
 * exchange: {@link LiveExecutor#reconcile()} finds what happened and nothing is sent twice. In this
 * package because crashing a journal ({@link Journal#abandon()}) is package-private.
 */
class LiveExecutorRestartTest {

    @TempDir
    Path dir;

    final List<SessionEvent> events = new ArrayList<>();

    private LiveExecutor executor(Sandbox sandbox, KucoinRestClient client, Journal journal) {
        return LiveTestMarket.executor(sandbox, client, LiveTestMarket.bot(), journal, RiskLimits.DEFAULT, events::add);
    }

    private static void enterLong(LiveExecutor executor) {
        Bot bot = LiveTestMarket.bot();
        executor.onDecision(LiveTestMarket.runner(bot), DIP.time(FIRST_LIVE_BAR - 1), Side.LONG, false, true, DIP.close(FIRST_LIVE_BAR - 1));
    }

    @Test
    void aCrashAfterTheEntryWentOutButBeforeItsAnswerWasRecordedIsReconciledByClientOid() {
        Path file = dir.resolve("live.db");
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE)) {
            LiveTestMarket.OrderTap tap = new LiveTestMarket.OrderTap();
            tap.after = oid -> {
                throw new LiveTestMarket.Crash("after the entry reached the exchange");
            };
            Journal crashed = Journal.open(file);
            try (KucoinRestClient client = LiveTestMarket.client(sandbox, tap)) {
                LiveExecutor first = executor(sandbox, client, crashed);
                assertThatThrownBy(() -> enterLong(first)).isInstanceOf(LiveTestMarket.Crash.class);
            }
            crashed.abandon();
            assertThat(sandbox.exchange().position().orElseThrow().quantity()).as("the entry filled on the exchange").isEqualTo(290);
            assertThat(LiveTestMarket.protection(sandbox)).as("the process died before the take-profit, but the stop-loss rode with the entry")
                    .singleElement().satisfies(o -> assertThat(LiveTestMarket.level(o)).isEqualTo("39439.4"));

            try (KucoinRestClient client = LiveTestMarket.client(sandbox); Journal journal = Journal.open(file)) {
                assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state).containsExactly(OrderState.INTENT);
                LiveExecutor restarted = executor(sandbox, client, journal);
                List<String> report = restarted.reconcile();

                String entryOid = journal.exchangeOrders().get(0).clientOid();
                assertThat(report.get(0)).isEqualTo("entry order " + entryOid + " (buy 290) was found on the exchange: filled 290 at 40040");
                assertThat(report).anyMatch(line -> line.equals("the position long 290 at 40040 is protected on the exchange (stop-loss 39439.4, take-profit 41241.2)"));
                assertThat(LiveTestMarket.marketOrders(sandbox)).as("the entry was never sent again").hasSize(1);
                assertThat(LiveTestMarket.protection(sandbox)).as("the position got its stop-loss and take-profit").hasSize(2);
                assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::purpose, ExchangeOrder::state).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(OrderPurpose.ENTRY, OrderState.FILLED),
                        org.assertj.core.groups.Tuple.tuple(OrderPurpose.STOP_LOSS, OrderState.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple(OrderPurpose.TAKE_PROFIT, OrderState.ACCEPTED));
                assertThat(journal.openLivePosition("live-bot").orElseThrow().entryClientOid()).isEqualTo(entryOid);

                List<String> again = executor(sandbox, client, journal).reconcile();
                assertThat(again).containsExactly("the position long 290 at 40040 is protected on the exchange (stop-loss 39439.4, take-profit 41241.2)");
                assertThat(LiveTestMarket.protection(sandbox)).hasSize(2);
                assertThat(sandbox.exchange().doneOrders()).hasSize(1);
            }
        }
    }

    @Test
    void aCrashBeforeTheTakeProfitWasSentLeavesThePositionWithItsStopAndTheRestartCompletesIt() {
        Path file = dir.resolve("live.db");
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE)) {
            LiveTestMarket.OrderTap tap = new LiveTestMarket.OrderTap();
            AtomicInteger orders = new AtomicInteger();
            tap.before = oid -> {
                if (orders.incrementAndGet() == 2) throw new LiveTestMarket.Crash("before the take-profit was sent");
            };
            Journal crashed = Journal.open(file);
            try (KucoinRestClient client = LiveTestMarket.client(sandbox, tap)) {
                LiveExecutor first = executor(sandbox, client, crashed);
                assertThatThrownBy(() -> enterLong(first)).isInstanceOf(LiveTestMarket.Crash.class);
            }
            crashed.abandon();
            assertThat(LiveTestMarket.protection(sandbox)).as("the stop-loss attached to the entry").hasSize(1);

            try (KucoinRestClient client = LiveTestMarket.client(sandbox); Journal journal = Journal.open(file)) {
                String takeProfitOid = journal.exchangeOrders().get(2).clientOid();
                List<String> report = executor(sandbox, client, journal).reconcile();

                assertThat(report).containsExactly(
                        "take-profit order " + takeProfitOid + " (sell 290) was never placed (the exchange does not know it)",
                        "the position long 290 at 40040 lacked its take-profit; placed at 39439.4 / 41241.2");
                assertThat(journal.exchangeOrder(takeProfitOid).orElseThrow().state()).isEqualTo(OrderState.NOT_FOUND);
                assertThat(LiveTestMarket.protection(sandbox)).extracting(LiveTestMarket::level)
                        .containsExactlyInAnyOrder("39439.4", "41241.2");
                assertThat(LiveTestMarket.marketOrders(sandbox)).hasSize(1);
            }
        }
    }

    @Test
    void aCrashAfterTheClosingOrderWentOutIsReconciledAsTheExitItWas() {
        Path file = dir.resolve("live.db");
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE)) {
            LiveTestMarket.OrderTap tap = new LiveTestMarket.OrderTap();
            AtomicInteger orders = new AtomicInteger();
            tap.after = oid -> {
                if (orders.incrementAndGet() == 3) throw new LiveTestMarket.Crash("after the closing order reached the exchange"); // entry, take-profit, exit
            };
            Journal crashed = Journal.open(file);
            try (KucoinRestClient client = LiveTestMarket.client(sandbox, tap)) {
                LiveExecutor first = executor(sandbox, client, crashed);
                enterLong(first);
                sandbox.step(1);
                Bot bot = LiveTestMarket.bot();
                assertThatThrownBy(() -> first.onDecision(LiveTestMarket.runner(bot), DIP.time(FIRST_LIVE_BAR), Side.SHORT, true, false,
                        DIP.close(FIRST_LIVE_BAR))).isInstanceOf(LiveTestMarket.Crash.class);
            }
            crashed.abandon();
            assertThat(sandbox.exchange().position()).as("the close went through").isEmpty();

            try (KucoinRestClient client = LiveTestMarket.client(sandbox); Journal journal = Journal.open(file)) {
                List<String> report = executor(sandbox, client, journal).reconcile();
                String exitOid = journal.exchangeOrders().get(3).clientOid();
                assertThat(report).containsExactly(
                        "exit order " + exitOid + " (sell 290) was found on the exchange: filled 290 at 39960",
                        "flat on the exchange, as journalled");
                assertThat(journal.livePositions()).singleElement().satisfies(p -> {
                    assertThat(p.open()).isFalse();
                    assertThat(p.exitReason()).isEqualTo("SIGNAL");
                    assertThat(p.netPnl()).isCloseTo(-37.12, org.assertj.core.data.Offset.offset(1e-6));
                });
                assertThat(LiveTestMarket.marketOrders(sandbox)).as("entry and exit, each once").hasSize(2);
                assertThat(LiveTestMarket.protection(sandbox)).isEmpty();
            }
        }
    }

    @Test
    void aPositionTheExchangeClosedWhileTheSessionWasDownGetsItsExitFromTheFills() {
        Path file = dir.resolve("live.db");
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE)) {
            try (KucoinRestClient client = LiveTestMarket.client(sandbox); Journal journal = Journal.open(file)) {
                enterLong(executor(sandbox, client, journal));
            }
            sandbox.step(3); // the session is down while bar 7 dips through the stop
            try (KucoinRestClient client = LiveTestMarket.client(sandbox); Journal journal = Journal.open(file)) {
                List<String> report = executor(sandbox, client, journal).reconcile();
                assertThat(report).singleElement().asString()
                        .startsWith("the position long 290 at 40040 was closed on the exchange meanwhile: long 290 at 40040 closed by STOP_LOSS at 39399.9:");  // 39,439.4 x 0.999, down to the tick
                assertThat(journal.openLivePosition("live-bot")).isEmpty();
                assertThat(journal.livePositions().get(0).exitReason()).isEqualTo("STOP_LOSS");
                assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state)
                        .containsExactly(OrderState.FILLED, OrderState.FILLED, OrderState.CANCELLED);
            }
        }
    }

    @Test
    void aPositionTheJournalDoesNotKnowIsReportedAndLeftAlone() {
        try (Sandbox sandbox = LiveTestMarket.sandbox(DIP, 10_000, Faults.NONE);
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            client.placeOrder(OrderRequest.market("XBTUSDTM", OrderRequest.Side.SELL, 5, 3));
            List<String> report = executor(sandbox, client, journal).reconcile();
            assertThat(report).containsExactly("the exchange holds a short position of 5 contracts at 39960 that the journal does not know; not touched");
            assertThat(sandbox.exchange().position().orElseThrow().quantity()).isEqualTo(-5);
            assertThat(sandbox.exchange().doneOrders()).hasSize(1);
            assertThat(LiveTestMarket.protection(sandbox)).isEmpty();
            assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.WARNING && e.text().contains("does not know"));
        }
    }

    @Test
    void aSchemaOneJournalOpensAndGainsTheExchangeOrderTables() throws Exception {
        Path file = dir.resolve("old.db");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             java.sql.Statement s = db.createStatement()) {
            s.execute("CREATE TABLE session (id TEXT NOT NULL, mode TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL,"
                    + " start_balance REAL NOT NULL, started_at INTEGER NOT NULL)");
            s.execute("CREATE TABLE session_bot (position INTEGER PRIMARY KEY, name TEXT NOT NULL, json TEXT NOT NULL)");
            s.execute("CREATE TABLE bar (t INTEGER PRIMARY KEY, o REAL, h REAL, l REAL, c REAL, v REAL)");
            s.execute("INSERT INTO bar VALUES (1000, 1, 2, 0.5, 1.5, 10)");
            s.execute("CREATE TABLE signal (bot TEXT NOT NULL, t INTEGER NOT NULL, signal INTEGER NOT NULL)");
            s.execute("CREATE TABLE order_decision (bot TEXT NOT NULL, t INTEGER NOT NULL, side TEXT NOT NULL,"
                    + " exit_position INTEGER NOT NULL, enter_position INTEGER NOT NULL)");
            s.execute("CREATE TABLE entry (bot TEXT NOT NULL, t INTEGER NOT NULL, side TEXT NOT NULL, price REAL, reference_price REAL,"
                    + " contracts INTEGER, margin REAL, take_profit REAL, stop_loss REAL, liquidation_price REAL, fee REAL)");
            s.execute("CREATE TABLE trade (id INTEGER PRIMARY KEY, bot TEXT NOT NULL, side TEXT NOT NULL, entry_time INTEGER,"
                    + " entry_price REAL, exit_time INTEGER, exit_price REAL, contracts INTEGER, entry_fee REAL, exit_fee REAL,"
                    + " slippage REAL, funding REAL, gross_pnl REAL, net_pnl REAL, reason TEXT)");
            s.execute("CREATE TABLE funding (bot TEXT NOT NULL, t INTEGER NOT NULL, rate REAL, amount REAL)");
            s.execute("CREATE TABLE refusal (bot TEXT NOT NULL, t INTEGER NOT NULL, reason TEXT NOT NULL)");
            s.execute("CREATE TABLE equity (bot TEXT NOT NULL, t INTEGER NOT NULL, equity REAL NOT NULL)");
            s.execute("CREATE TABLE error (t INTEGER NOT NULL, message TEXT NOT NULL)");
            s.execute("PRAGMA user_version = 1");
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.bars()).isEqualTo(1);
            assertThat(journal.exchangeOrders()).isEmpty();
            journal.exchangeOrderIntent(ExchangeOrder.intent("oid-1", "b", 1000, OrderPurpose.ENTRY, "BUY", 3, Double.NaN, 40_000, Double.NaN, 5));
            journal.exchangeOrderUpdate("oid-1", OrderState.FILLED, "x1", 3, 40_040, 0.07, null, 6);
            journal.commit();
            ExchangeOrder o = journal.exchangeOrder("oid-1").orElseThrow();
            assertThat(o.state()).isEqualTo(OrderState.FILLED);
            assertThat(o.exchangeOrderId()).isEqualTo("x1");
            assertThat(o.stopPrice()).isNaN();
            assertThat(o.averagePrice()).isEqualTo(40_040);
        }
        try (Journal reopened = Journal.open(file)) {
            assertThat(reopened.exchangeOrders()).hasSize(1);
        }
    }
}
