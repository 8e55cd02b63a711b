package io.gpubot.live.exec;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.EntryGate;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.SizingMethod;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.TradeListener;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.Journal;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.TradingEngine;
import io.gpubot.live.risk.RiskGuard;
import io.gpubot.live.risk.RiskLimits;
import io.gpubot.sandbox.Sandbox;
import io.gpubot.sandbox.SandboxFill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rulebook's done-when (issue 15): a live session — the engine closing each bar, the model's
 * decisions going to the {@link LiveExecutor}, which sends real orders over REST to the sandbox on
 * 127.0.0.1 — for 320 bars without faults (but with the sandbox matching orders 40 ms after it answered,
 * and its fill history lagging as much, as KuCoin's may), and the exchange's fills (bar, side, size, price, fee)
 * equal the backtest's trade list for the same window, fill for fill: entries, stop-losses (stop-market,
 * taker with slippage), take-profits (resting limits, maker at the level) and reversals.
 */
class LiveFillsEqualBacktestTest {

    static final CandleSeries HOURS = SyntheticMarket.bitcoinLike(5).withTimeframe(Timeframe.H1).generate(520);
    static final int LIVE_FROM = 200;
    static final RunSettings RUN = RunSettings.withBalance(10_000);
    /** Wide enough that the guard never refuses what the backtest enters: the test is about fills, not limits. */
    static final RiskLimits WIDE = RiskLimits.DEFAULT.withMaxNotional(1e12).withDailyLossLimit(1).withMaxOrdersPerMinute(1_000)
            .withMaxLeverage(125).withMaxRiskPerTrade(1).withMinBalance(0);

    @TempDir
    Path dir;

    record Decision(long time, Side side, boolean exit, boolean enter) {
    }

    /** One fill as compared: the bar it happened in, buy or sell, lots, price, fee. */
    record Seen(long bar, boolean buy, long size, double price, double fee) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s %d @ %s fee %s", java.time.Instant.ofEpochMilli(bar), buy ? "buy" : "sell", size,
                    price, fee);
        }
    }

    @Test
    void theExchangesFillsInAFaultFreeLiveSessionAreTheBacktestsTradesFillForFill() {
        Bot bot = oftenTradingBot();
        List<Trade> backtest = Backtester.reference(bot, HOURS, LiveTestMarket.XBT, RUN, LIVE_FROM, HOURS.size()).trades();
        List<Decision> decisions = new ArrayList<>();
        List<SessionEvent> events = new ArrayList<>();
        TradeListener observer = new TradeListener() {
            @Override
            public void onOrder(long time, Side side, boolean exit, boolean enter) {
                decisions.add(new Decision(time, side, exit, enter));
            }
        };
        List<SandboxFill> fills;
        try (Sandbox sandbox = Sandbox.builder(HOURS, LiveTestMarket.XBT).from(HOURS.time(LIVE_FROM)).startBalance(10_000)
                     .fillDelay(LiveTestMarket.FILL_DELAY)
                     .rateLimit(1_000_000).start();
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("session.db"))) {
            RiskGuard guard = new RiskGuard(WIDE, LiveTestMarket.XBT);
            TradingEngine engine = new TradingEngine(List.of(bot), LiveTestMarket.XBT, RUN, journal, 1, b -> EntryGate.OPEN, b -> observer);
            LiveExecutor executor = new LiveExecutor(client, bot, LiveTestMarket.XBT, journal, guard, events::add,
                    LiveTestMarket.WAITING, sandbox::now, LiveTestMarket::sleep);
            BotRunner runner = engine.runners().get(0);
            for (int i = 0; i < LIVE_FROM; i++) engine.warmUp(HOURS.candle(i));
            for (int i = LIVE_FROM; i < HOURS.size() - 1; i++) {
                sandbox.advanceTo(HOURS.time(i + 1)); // bar i has closed; the clock stands at bar i+1's open
                decisions.clear();
                engine.onClosedBar(HOURS.candle(i));
                for (Decision d : decisions) executor.onDecision(runner, d.time(), d.side(), d.exit(), d.enter(), HOURS.close(i));
                executor.onPrice(sandbox.now(), sandbox.exchange().price());
            }
            assertThat(events).noneMatch(e -> e.kind() == SessionEvent.Kind.ERROR || e.kind() == SessionEvent.Kind.REFUSAL);
            fills = sandbox.exchange().fills();
        }

        List<Seen> expected = new ArrayList<>();
        for (Trade t : backtest) {
            expected.add(new Seen(t.entryTime(), t.side() == Side.LONG, t.contracts(), t.entryPrice(), t.entryFee()));
            // The last bar's trade is closed by the backtest at the end of the data; the live position is still open.
            if (t.reason() != ExitReason.END) {
                expected.add(new Seen(t.exitTime(), t.side() == Side.SHORT, t.contracts(), t.exitPrice(), t.exitFee()));
            }
        }
        List<Seen> got = fills.stream()
                .map(f -> new Seen(HOURS.timeframe().floor(f.time()), f.buy(), f.size(), f.price(), f.fee())).toList();
        assertThat(got).as("the exchange's fills, in order").containsExactlyElementsOf(expected);
        assertThat(backtest.size()).as("trades in the window").isGreaterThanOrEqualTo(20);
        assertThat(backtest).extracting(Trade::reason).contains(ExitReason.TAKE_PROFIT, ExitReason.STOP_LOSS, ExitReason.SIGNAL);
        assertThat(reversals(backtest)).as("a signal exit and the opposite entry at the same open").isPositive();
        assertThat(fills).filteredOn(f -> "maker".equals(f.liquidity())).as("take-profits fill as maker")
                .hasSize((int) backtest.stream().filter(t -> t.reason() == ExitReason.TAKE_PROFIT).count());
    }

    private static long reversals(List<Trade> trades) {
        long n = 0;
        for (int k = 1; k < trades.size(); k++) {
            Trade before = trades.get(k - 1);
            if (before.reason() == ExitReason.SIGNAL && trades.get(k).entryTime() == before.exitTime() && trades.get(k).side() != before.side()) n++;
        }
        return n;
    }

    /**
     * The first random bot (fractional exits, risk sizing) whose backtest over the window has 20 trades or
     * more, with take-profits, stop-losses and a reversal.
     */
    static Bot oftenTradingBot() {
        for (Bot bot : RandomBots.of(LiveTestMarket.XBT).draw(3_000, 15)) {
            if (bot.exits().mode() != ExitLevels.Mode.FRACTION || bot.sizing().method() != SizingMethod.RISK) continue;
            List<Trade> trades = Backtester.reference(bot, HOURS, LiveTestMarket.XBT, RUN, LIVE_FROM, HOURS.size()).trades();
            if (trades.size() < 20) continue;
            boolean tp = trades.stream().anyMatch(t -> t.reason() == ExitReason.TAKE_PROFIT);
            boolean sl = trades.stream().anyMatch(t -> t.reason() == ExitReason.STOP_LOSS);
            if (tp && sl && reversals(trades) > 0) return bot;
        }
        throw new IllegalStateException("no random bot trades often enough in this market");
    }
}
