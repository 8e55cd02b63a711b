package io.gpubot.live.risk;

import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.trade.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each limit refuses with its reason just beyond it and allows just inside it. */
class RiskGuardTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final long DAY = 86_400_000L;
    static final long T0 = 1_700_006_400_000L; // 2023-11-15 00:00 UTC, a day boundary
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    static final RiskLimits LIMITS = new RiskLimits(10, 0.02, 50_000, 0.05, 3, 100, List.of(0.05, 0.02));

    @Test
    void anEntryInsideEveryLimitIsAllowed() {
        RiskGuard guard = new RiskGuard(LIMITS, BTC);
        assertThat(guard.check(T0, 10, 50_000, 20, 1_000)).isNull();
    }

    @Test
    void leverageIsCappedByTheUserAndByTheContract() {
        RiskGuard guard = new RiskGuard(LIMITS, BTC);
        assertThat(guard.check(T0, 11, 1_000, 1, 1_000)).isEqualTo("leverage 11x exceeds the limit of 10x");
        assertThat(new RiskGuard(LIMITS.withMaxLeverage(500), BTC).leverageCap()).isEqualTo(125);
        assertThat(new RiskGuard(LIMITS.withMaxLeverage(500), BTC).check(T0, 126, 1_000, 1, 1_000))
                .isEqualTo("leverage 126x exceeds the limit of 125x");
    }

    @Test
    void valueRiskAndBalanceLimits() {
        RiskGuard guard = new RiskGuard(LIMITS, BTC);
        assertThat(guard.check(T0, 5, 50_000.01, 1, 1_000)).isEqualTo("position value 50000.01 USDT exceeds the limit of 50000.00 USDT");
        assertThat(guard.check(T0, 5, 1_000, 20.01, 1_000))
                .isEqualTo("risk 2.00% of equity at the stop-loss (20.01 USDT) exceeds the limit of 2.00% per trade");
        assertThat(guard.check(T0, 5, 1_000, Double.NaN, 1_000)).as("risk unknown: not checked").isNull();
        RiskGuard poor = new RiskGuard(LIMITS, BTC);
        assertThat(poor.check(T0, 5, 1_000, 1, 99.99)).isEqualTo("balance 99.99 USDT is below the minimum of 100.00 USDT");
        assertThat(poor.check(T0, 5, 1_000, 1, 100)).isNull();
    }

    @Test
    void theDailyLossLimitStopsEntriesUntilTheNextDay() {
        RiskGuard guard = new RiskGuard(LIMITS, BTC);
        guard.onEquity(T0 + 1_000, 1_000);
        assertThat(guard.check(T0 + 3_600_000, 5, 1_000, Double.NaN, 950.01)).isNull();
        assertThat(guard.check(T0 + 7_200_000, 5, 1_000, Double.NaN, 950))
                .isEqualTo("daily loss limit reached: equity 950.00 USDT is 5.00% below the day's start of 1000.00 USDT (limit 5.00%)");
        assertThat(guard.check(T0 + DAY, 5, 1_000, Double.NaN, 950)).as("a new day starts from its own equity").isNull();
        assertThat(guard.dayStartEquity()).isEqualTo(950);
    }

    @Test
    void theOrderRateIsCountedOverTheLastMinute() {
        RiskGuard guard = new RiskGuard(LIMITS, BTC);
        for (int i = 0; i < 3; i++) {
            assertThat(guard.check(T0 + i * 10_000, 5, 1_000, 1, 1_000)).isNull();
            guard.recordOrder(T0 + i * 10_000);
        }
        assertThat(guard.check(T0 + 59_999, 5, 1_000, 1, 1_000)).isEqualTo("order rate limit: 3 orders in the last minute (limit 3 per minute)");
        assertThat(guard.check(T0 + 60_000, 5, 1_000, 1, 1_000)).as("the first order left the window").isNull();
    }

    @Test
    void asTheEnginesEntryGateItDerivesTheLeverageAndCountsAllowedEntries() {
        RiskGuard guard = new RiskGuard(LIMITS.withMaxOrdersPerMinute(2), BTC);
        // 0.5 BTC at 40 000 = 20 000 USDT on 2 000 margin: 10x.
        assertThat(guard.refusal(T0, Side.LONG, 500, 40_000, 20_000, 2_000, 5_000, 100)).isNull();
        assertThat(guard.refusal(T0 + 1, Side.LONG, 500, 40_000, 20_000, 1_818.18, 5_000, 100)).isEqualTo("leverage 11x exceeds the limit of 10x");
        assertThat(guard.refusal(T0 + 2, Side.SHORT, 500, 40_000, 20_000, 2_000, 5_000, 100)).isNull();
        assertThat(guard.refusal(T0 + 3, Side.SHORT, 500, 40_000, 20_000, 2_000, 5_000, 100))
                .isEqualTo("order rate limit: 2 orders in the last minute (limit 2 per minute)");
    }

    @Test
    void asTheEnginesEntryGateItHoldsTheRiskAtTheStopAsTheLiveExecutorDoes() {
        RiskGuard guard = new RiskGuard(LIMITS, BTC);
        // 2% of a 5 000 USDT balance is 100 USDT: a loss of exactly 100 at the stop passes, 100.01 does not.
        assertThat(guard.refusal(T0, Side.LONG, 500, 40_000, 20_000, 2_000, 5_000, 100)).isNull();
        assertThat(guard.refusal(T0 + 1, Side.LONG, 500, 40_000, 20_000, 2_000, 5_000, 100.01))
                .isEqualTo("risk 2.00% of equity at the stop-loss (100.01 USDT) exceeds the limit of 2.00% per trade");
    }

    @Test
    void theLiquidationWarningFiresOncePerPositionAndDistance() {
        RiskGuard guard = new RiskGuard(LIMITS, BTC);
        // A long with its liquidation price at 36 000: 5% away at 37 894.7, 2% away at 36 734.7.
        assertThat(guard.liquidationWarning("a", Side.LONG, 12, 38_000, 36_000)).isEmpty();
        assertThat(guard.liquidationWarning("a", Side.LONG, 12, 37_800, 36_000))
                .contains("price 37800 is within 5.0% of the liquidation price 36000 (long 12 contracts): 4.76% away");
        assertThat(guard.liquidationWarning("a", Side.LONG, 12, 37_700, 36_000)).isEmpty();
        assertThat(guard.liquidationWarning("a", Side.LONG, 12, 38_500, 36_000)).isEmpty();
        assertThat(guard.liquidationWarning("a", Side.LONG, 12, 36_700, 36_000)).hasValueSatisfying(w -> assertThat(w).contains("within 2.0%"));
        assertThat(guard.liquidationWarning("a", Side.LONG, 12, 36_600, 36_000)).isEmpty();
        assertThat(guard.liquidationWarning("b", Side.SHORT, 3, 42_000, 44_000))
                .as("a short 4.5%% below its liquidation price, a new position").hasValueSatisfying(w -> assertThat(w).contains("within 5.0%"));
        guard.forgetPosition("a");
        assertThat(guard.liquidationWarning("a", Side.LONG, 12, 36_600, 36_000)).as("forgotten: both distances crossed, the nearest reported")
                .hasValueSatisfying(w -> assertThat(w).contains("within 2.0%"));
    }

    @Test
    void paperTradingPassesTheGuardToTheEngineAndEveryEntryAnswersToIt() {
        var bars = io.gpubot.core.market.SyntheticMarket.bitcoinLike(3).withTimeframe(io.gpubot.core.market.Timeframe.H1).generate(1_500);
        var bots = io.gpubot.core.bot.RandomBots.of(BTC).draw(6, 2026);
        List<String> refusals = new java.util.ArrayList<>();
        io.gpubot.core.trade.TradeListener observer = new io.gpubot.core.trade.TradeListener() {
            @Override
            public void onRefusal(long time, String reason) {
                refusals.add(reason);
            }
        };
        RiskGuard guard = new RiskGuard(LIMITS.withMaxNotional(5).withMinBalance(0).withMaxOrdersPerMinute(1_000), BTC);
        try (io.gpubot.live.Journal journal = io.gpubot.live.Journal.open(dir.resolve("paper.db"))) {
            var engine = new io.gpubot.live.TradingEngine(bots, BTC, io.gpubot.core.trade.RunSettings.withBalance(1_000), journal, 500,
                    b -> guard, b -> observer);
            for (int i = 0; i < bars.size(); i++) engine.onClosedBar(bars.candle(i));
            for (int b = 0; b < bots.size(); b++) assertThat(engine.trades(b)).as("no entry fits in 5 USDT").isEmpty();
            assertThat(refusals).anyMatch(r -> r.startsWith("position value ") && r.endsWith(" USDT exceeds the limit of 5.00 USDT"));
            assertThat(journal.refusalCount()).isEqualTo(refusals.size());
        }
    }

    @Test
    void eachPaperBotAnswersToAGuardOfItsOwnAsTheAccountOfItsOwnItIs() {
        var bars = io.gpubot.core.market.SyntheticMarket.bitcoinLike(5).generate(3_000);
        io.gpubot.core.bot.Bot one = io.gpubot.core.bot.RandomBots.of(BTC).draw(30, 7).stream()
                .max(java.util.Comparator.comparingInt(b -> io.gpubot.core.backtest.Backtester.reference(b, bars, BTC,
                        io.gpubot.core.trade.RunSettings.withBalance(1_000), 0, bars.size()).trades().size())).orElseThrow();
        io.gpubot.core.bot.Bot twin = new io.gpubot.core.bot.Bot(one.name() + "-twin", one.indicators(), one.consensus(), one.leverage(),
                one.exits(), one.sizing(), one.provenance());
        RiskLimits onePerMinute = LIMITS.withMaxOrdersPerMinute(1).withMaxNotional(1e9).withDailyLossLimit(1).withMinBalance(0)
                .withMaxLeverage(125);
        var run = io.gpubot.core.trade.RunSettings.withBalance(1_000);
        java.util.List<io.gpubot.core.trade.Trade> alone = io.gpubot.core.backtest.Backtester.reference(one, bars, BTC, run, 0, bars.size()).trades();
        assertThat(alone).as("the bot trades").hasSizeGreaterThan(5);
        try (io.gpubot.live.Journal journal = io.gpubot.live.Journal.open(dir.resolve("twins.db"))) {
            var engine = new io.gpubot.live.TradingEngine(List.of(one, twin), BTC, run, journal, 500, b -> new RiskGuard(onePerMinute, BTC),
                    b -> io.gpubot.core.trade.TradeListener.NONE);
            for (int i = 0; i < bars.size(); i++) engine.onClosedBar(bars.candle(i));
            engine.finish();
            assertThat(engine.trades(0)).as("the twins enter on the same one-minute bar; each within its own limit").isEqualTo(alone);
            assertThat(engine.trades(1)).isEqualTo(alone);
        }
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> LIMITS.withMaxRiskPerTrade(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LIMITS.withLiquidationWarnings(List.of(1.5))).isInstanceOf(IllegalArgumentException.class);
        assertThat(RiskLimits.DEFAULT.liquidationWarnings()).containsExactly(0.05, 0.02);
    }
}
