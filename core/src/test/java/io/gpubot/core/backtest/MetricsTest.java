package io.gpubot.core.backtest;

import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.EquityRecorder;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Metrics of a hand-made five-day run; expected values computed by hand (Python, decimal-exact where it matters). */
class MetricsTest {

    static final long DAY = 86_400_000L;
    static final long D0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

    static Trade trade(double net, double entryFee, double exitFee, double slippage, double funding, ExitReason reason) {
        return new Trade(Side.LONG, D0, 100, D0 + DAY, 101, 1, entryFee, exitFee, slippage, funding, net + entryFee + exitFee + funding, net, reason);
    }

    @Test
    void metricsOfAKnownRun() {
        EquityRecorder equity = new EquityRecorder(10_000);
        double[] closes = {10_000, 10_100, 9_999, 10_200, 10_050};
        for (int i = 0; i < closes.length; i++) {
            equity.onClose(D0 + i * DAY, closes[i]);
        }
        List<Trade> trades = List.of(
                trade(150, 2, 1, 1, 0.5, ExitReason.TAKE_PROFIT),
                trade(-60, 3, 3, 2, -0.2, ExitReason.STOP_LOSS),
                trade(-40, 3, 0, 2, 0.1, ExitReason.LIQUIDATION));

        Metrics m = Metrics.of(trades, equity, Timeframe.D1, 5, 3);

        assertThat(m.finalEquity()).isEqualTo(10_050.0);
        assertThat(m.netProfit()).isEqualTo(50.0);
        assertThat(m.returnPct()).isCloseTo(0.5, within(1e-12));
        assertThat(m.maxDrawdownPct()).as("10,200 -> 10,050").isCloseTo(150.0 / 10_200 * 100, within(1e-12));
        assertThat(m.maxDrawdownDuration()).as("under the 10,100 peak from day 1 to day 3").isEqualTo(2 * DAY);
        assertThat(m.trades()).isEqualTo(3);
        assertThat(m.winRatePct()).isCloseTo(100.0 / 3, within(1e-12));
        assertThat(m.profitFactor()).as("150 / 100").isCloseTo(1.5, within(1e-12));
        assertThat(m.averageTrade()).isCloseTo(50.0 / 3, within(1e-12));
        assertThat(m.fees()).isEqualTo(12.0);
        assertThat(m.slippage()).isEqualTo(5.0);
        assertThat(m.funding()).isCloseTo(0.4, within(1e-12));
        assertThat(m.liquidations()).isEqualTo(1);
        assertThat(m.exposurePct()).isCloseTo(60.0, within(1e-12));
        assertThat(m.sharpe()).isCloseTo(1.4448909530167309, within(1e-9));
        assertThat(m.sortino()).isCloseTo(2.5925042931141244, within(1e-9));
        assertThat(m.calmar()).isCloseTo(29.865905992118893, within(1e-6));
    }

    @Test
    void aRunWithoutTradesHasZeroRatios() {
        EquityRecorder equity = new EquityRecorder(1_000);
        equity.onClose(D0, 1_000);
        equity.onClose(D0 + DAY, 1_000);
        Metrics m = Metrics.of(List.of(), equity, Timeframe.D1, 2, 0);
        assertThat(m.netProfit()).isZero();
        assertThat(m.profitFactor()).isZero();
        assertThat(m.sharpe()).isZero();
        assertThat(m.sortino()).isZero();
        assertThat(m.calmar()).isZero();
        assertThat(m.winRatePct()).isZero();
        assertThat(m.maxDrawdownPct()).isZero();
    }

    @Test
    void onlyWinningTradesGiveAnInfiniteProfitFactor() {
        EquityRecorder equity = new EquityRecorder(1_000);
        equity.onClose(D0, 1_010);
        Metrics m = Metrics.of(List.of(trade(10, 0, 0, 0, 0, ExitReason.TAKE_PROFIT)), equity, Timeframe.H4, 1, 1);
        assertThat(m.profitFactor()).isInfinite();
        assertThat(m.winRatePct()).isEqualTo(100.0);
    }

    @Test
    void intradayBarsAreSampledOncePerDay() {
        EquityRecorder equity = new EquityRecorder(100);
        long h4 = 4 * 3_600_000L;
        for (int i = 0; i < 12; i++) {
            equity.onClose(D0 + i * h4, 100 + i);
        }
        assertThat(equity.dailyEquity()).containsExactly(105, 111);
    }
}
