package io.gpubot.core.trade;

import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rule 3, each sizing strategy with numbers worked by hand. The long case: fill 40,040 (open 40,000
 * + 0.1%), stop 39,639.6 (1%), exit at the stop 39,599.9604 rounded down to the tick, 39,599.9; loss
 * per contract 0.4401 + 0.024024 + 0.02375994 = 0.48788394 USDT.
 */
class SizerTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final double FILL = 40_040;
    static final double STOP = 39_639.6;

    static long contracts(SizingMethod method, double parameter, int leverage, double atr, TradeStats stats) {
        TradingPlan plan = new TradingPlan(BTC, leverage, ExitLevels.fractions(0.02, 0.01), new Sizing(method, parameter));
        return Sizer.contracts(plan, Side.LONG, 10_000, 10_000, FILL, STOP, 0.001, atr, stats).contracts();
    }

    static TradeStats stats(int wins, double sumWins, int losses, double sumLosses, int streak) {
        return new TradeStats(wins, losses, sumWins, sumLosses, streak);
    }

    @Test
    void riskTwoPercentOfEquityAtTheStop() {
        assertThat(contracts(SizingMethod.RISK, 0.02, 10, Double.NaN, TradeStats.NONE)).as("200 / 0.48788394 = 409.93").isEqualTo(409);
    }

    @Test
    void riskForAShortMirrorsTheLong() {
        TradingPlan plan = new TradingPlan(BTC, 10, ExitLevels.fractions(0.02, 0.01), Sizing.DEFAULT);
        // fill 39,960, stop 40,359.6, exit at the stop 40,399.9596 rounded up to 40,400.0: loss 0.44 + 0.023976 + 0.02424 = 0.488216 per contract
        assertThat(Sizer.contracts(plan, Side.SHORT, 10_000, 10_000, 39_960, 40_359.6, 0.001, Double.NaN, TradeStats.NONE).contracts())
                .as("200 / 0.488216 = 409.65").isEqualTo(409);
    }

    @Test
    void everySizeIsCappedByWhatTheBalanceCanMargin() {
        assertThat(contracts(SizingMethod.RISK, 0.02, 1, Double.NaN, TradeStats.NONE))
                .as("10,000 / (40.04 x (1 + 0.0006)) = 249.6").isEqualTo(249);
    }

    @Test
    void fixedMarginShare() {
        assertThat(contracts(SizingMethod.FIXED_MARGIN, 0.1, 10, Double.NaN, TradeStats.NONE)).as("1,000 x 10 / 40.04 = 249.75").isEqualTo(249);
    }

    @Test
    void fixedNotional() {
        assertThat(contracts(SizingMethod.FIXED_NOTIONAL, 5_000, 10, Double.NaN, TradeStats.NONE)).as("5,000 / 40.04 = 124.9").isEqualTo(124);
    }

    @Test
    void volatilityTargetFromTheAtr() {
        assertThat(contracts(SizingMethod.VOLATILITY, 0.01, 10, 500, TradeStats.NONE)).as("100 / (500 x 0.001)").isEqualTo(200);
        TradingPlan plan = new TradingPlan(BTC, 10, ExitLevels.fractions(0.02, 0.01), new Sizing(SizingMethod.VOLATILITY, 0.01));
        assertThat(Sizer.contracts(plan, Side.LONG, 10_000, 10_000, FILL, STOP, 0.001, Double.NaN, TradeStats.NONE).refusal())
                .contains("needs the ATR");
    }

    @Test
    void kellyFallsBackToTwoPercentUntilTwentyTrades() {
        assertThat(contracts(SizingMethod.KELLY, 0.5, 10, Double.NaN, stats(15, 1500, 4, 200, 3))).isEqualTo(409);
    }

    @Test
    void kellyFromTheBotsOwnTrades() {
        // 12 wins averaging 100, 8 losses averaging 50: W = 0.6, R = 2, Kelly = 0.6 - 0.4 / 2 = 0.4;
        // half Kelly 0.2 is capped at 5%: 500 / 0.48788394 = 1024.83
        assertThat(contracts(SizingMethod.KELLY, 0.5, 10, Double.NaN, stats(12, 1200, 8, 400, 0))).isEqualTo(1024);
        // no edge (W = 0.5, R = 1): the 0.5% floor, 50 / 0.48788394 = 102.48
        assertThat(contracts(SizingMethod.KELLY, 0.5, 10, Double.NaN, stats(10, 500, 10, 500, 0))).isEqualTo(102);
        assertThat(Sizer.kellyRisk(0.25, stats(14, 1400, 6, 600, 0))).as("W 0.7, R 1, Kelly 0.4, quarter 0.1 -> cap").isEqualTo(0.05);
        assertThat(Sizer.kellyRisk(0.1, stats(11, 1100, 9, 900, 0))).as("W 0.55, R 1, Kelly 0.1, tenth 0.01").isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void antiMartingaleGrowsAfterWinsUpToFourTimes() {
        assertThat(contracts(SizingMethod.ANTI_MARTINGALE, 0.5, 10, Double.NaN, TradeStats.NONE)).isEqualTo(409);
        assertThat(contracts(SizingMethod.ANTI_MARTINGALE, 0.5, 10, Double.NaN, stats(2, 200, 0, 0, 2)))
                .as("2% x 1.5^2 = 4.5%: 450 / 0.48788394 = 922.35").isEqualTo(922);
        assertThat(contracts(SizingMethod.ANTI_MARTINGALE, 0.5, 10, Double.NaN, stats(5, 500, 0, 0, 5)))
                .as("capped at 8%: 800 / 0.48788394 = 1639.73").isEqualTo(1639);
    }

    @Test
    void tradeStatsFollowTheTrades() {
        Trade win = new Trade(Side.LONG, 0, 1, 1, 2, 1, 0, 0, 0, 0, 10, 8, ExitReason.TAKE_PROFIT);
        Trade loss = new Trade(Side.LONG, 0, 1, 1, 0.5, 1, 0, 0, 0, 0, -5, -6, ExitReason.STOP_LOSS);
        TradeStats s = TradeStats.NONE.after(win).after(win).after(loss).after(win);
        assertThat(s).isEqualTo(new TradeStats(3, 1, 24, 6, 1));
    }

    @Test
    void parametersOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new Sizing(SizingMethod.RISK, 0.5)).hasMessage("RISK risk must be in [0.005, 0.05], got 0.5");
    }
}
