package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.Pricing;
import io.gpubot.core.trade.Side;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine's rules on hand-made bars, where every number can be worked out by hand. */
class ExchangeRulesTest {

    private static final long H4 = Timeframe.H4.millis();
    /** Multiplier 1, tick 0.1, maker 0.02%, taker 0.06%, maintenance margin 0.4%, funding every 8 h. */
    private static final Contract CONTRACT = new Contract("XBTUSDTM", "XBT", "USDT", 1, 1, 0.1, 100, 0.0002, 0.0006, 0.004, Duration.ofHours(8));
    private static final double SLIPPAGE = 0.001;

    /** Bars from 00:00 UTC on 2024-01-01: {open, high, low, close} each. */
    private static Exchange exchange(double[]... bars) {
        long start = 1_704_067_200_000L;
        int n = bars.length;
        long[] time = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = start + i * H4;
            o[i] = bars[i][0];
            h[i] = bars[i][1];
            l[i] = bars[i][2];
            c[i] = bars[i][3];
            v[i] = 10;
        }
        return new Exchange(CandleSeries.of(Timeframe.H4, time, o, h, l, c, v), CONTRACT, start, 10_000, SLIPPAGE, FundingRates.none(), 0.0001);
    }

    private static Exchange.OrderRequest market(String oid, String side, long size, int leverage) {
        return new Exchange.OrderRequest(oid, "XBTUSDTM", side, "market", size, leverage, null, false, false, null, null, null, null, false, null);
    }

    private static Exchange.OrderRequest stopMarket(String oid, String side, long size, String direction, double level) {
        return new Exchange.OrderRequest(oid, "XBTUSDTM", side, "market", size, 10, null, true, false, direction, level, "MP", null, false, null);
    }

    @Test
    void aStopGappedThroughAtTheOpenFillsAtTheOpenWithSlippage() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {90, 95, 89.5, 92});
        ex.place(market("in", "buy", 10, 5));
        ex.place(stopMarket("sl", "sell", 10, "down", 95));
        ex.step(1);
        SandboxFill exit = ex.fills().get(1);
        assertThat(exit.price()).isEqualTo(Pricing.exitFill(Side.LONG, 90, SLIPPAGE));
        assertThat(exit.liquidity()).isEqualTo("taker");
        assertThat(ex.position()).isEmpty();
    }

    @Test
    void aStopCrossedInsideTheBarFillsAtItsLevelWithSlippage() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {100, 103, 94, 96});
        ex.place(market("in", "buy", 10, 5));
        ex.place(stopMarket("sl", "sell", 10, "down", 95));
        ex.step(2);
        assertThat(ex.fills().get(1).price()).isEqualTo(Pricing.exitFill(Side.LONG, 95, SLIPPAGE));
    }

    @Test
    void aLiquidatedPositionLosesItsMarginAndNoFee() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {99, 100, 80, 85});
        ex.place(market("in", "buy", 10, 10));
        double fill = Pricing.entryFill(Side.LONG, 100, SLIPPAGE);
        double entryFee = Pricing.fee(10, 1, fill, 0.0006);
        double margin = Pricing.margin(10, 1, fill, 10);
        assertThat(ex.position().orElseThrow().liquidationPrice()).isEqualTo(Pricing.liquidationPrice(Side.LONG, fill, 10, 0.004));
        ex.step(2);
        assertThat(ex.position()).isEmpty();
        assertThat(ex.fills().get(1).orderType()).isEqualTo("liquidation");
        assertThat(ex.fills().get(1).fee()).isZero();
        assertThat(ex.account().walletBalance()).isEqualTo(10_000 - entryFee - margin);
    }

    @Test
    void theBarPathVisitsTheExtremeAdverseToTheOpenPositionFirst() {
        Exchange flat = exchange(new double[] {100, 110, 90, 105});
        flat.advanceTo(flat.now() + H4 / 4);
        assertThat(flat.price()).isEqualTo(90);

        Exchange shortOne = exchange(new double[] {100, 110, 90, 105});
        shortOne.place(market("s", "sell", 1, 20));
        shortOne.advanceTo(shortOne.now() + H4 / 4);
        assertThat(shortOne.price()).isEqualTo(110);
        shortOne.advanceTo(shortOne.now() + H4 / 4);
        assertThat(shortOne.price()).isEqualTo(90);
        shortOne.advanceTo(shortOne.now() + H4 / 4);
        assertThat(shortOne.price()).isEqualTo(105);
    }

    @Test
    void fundingIsSettledAtTheFirstOpenAtOrAfterTheFundingTimeAtThatOpensPrice() {
        // Bars at 00:00, 04:00, 08:00: a position opened at 00:00 pays the 08:00 funding at the 08:00 open.
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {100, 102, 99, 101}, new double[] {104, 105, 103, 104});
        ex.place(market("in", "buy", 10, 5));
        double before = ex.account().walletBalance();
        ex.step(1);
        assertThat(ex.account().walletBalance()).isEqualTo(before);
        ex.step(1);
        double funding = 1 * 10 * 1.0 * 104 * 0.0001;
        assertThat(ex.account().walletBalance()).isEqualTo(before - funding);
        assertThat(ex.position().orElseThrow().funding()).isEqualTo(funding);
    }

    @Test
    void theClockNeitherGoesBackNorBeyondTheData() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {100, 102, 99, 101});
        long start = ex.now();
        ex.advanceTo(start + H4);
        ex.advanceTo(start);
        assertThat(ex.now()).isEqualTo(start + H4);
        ex.step(10);
        assertThat(ex.now()).isEqualTo(ex.endTime());
        assertThat(ex.price()).isEqualTo(101);
        assertThat(ex.candles(0, Long.MAX_VALUE, 500)).hasSize(2);
    }

    @Test
    void reduceOnlyOrdersNeedAPositionToReduce() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100});
        assertThatThrownBy(() -> ex.place(new Exchange.OrderRequest("r", "XBTUSDTM", "sell", "market", 1L, 5, null, true, false,
                null, null, null, null, false, null))).isInstanceOf(ApiError.class).hasMessageContaining("No open positions");
    }

    @Test
    void anOrderThatFlipsThePositionNeedsMarginOnlyForTheNewSide() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100});
        ex.place(market("long", "buy", 400, 5));
        // Closing 400 frees their margin; opening 500 short at 1x needs about 50 000 USDT, which the account lacks.
        assertThatThrownBy(() -> ex.place(market("flip-big", "sell", 900, 1))).isInstanceOf(ApiError.class)
                .hasMessageContaining("Balance insufficient");
        ex.place(market("flip", "sell", 800, 5));
        assertThat(ex.position().orElseThrow().quantity()).isEqualTo(-400);
    }
}
