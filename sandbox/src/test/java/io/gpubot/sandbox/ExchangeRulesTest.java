package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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
        assertThat(exit.price()).as("90 x 0.999 = 89.91, down to the tick").isEqualTo(89.9);
        assertThat(exit.liquidity()).isEqualTo("taker");
        assertThat(ex.position()).isEmpty();
    }

    @Test
    void aStopCrossedInsideTheBarFillsAtItsLevelWithSlippage() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {100, 103, 94, 96});
        ex.place(market("in", "buy", 10, 5));
        ex.place(stopMarket("sl", "sell", 10, "down", 95));
        ex.step(2);
        assertThat(ex.fills().get(1).price()).as("95 x 0.999 = 94.905, down to the tick").isEqualTo(94.9);
    }

    @Test
    void aLiquidatedPositionLosesItsMarginAndNoFee() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {99, 100, 80, 85});
        ex.place(market("in", "buy", 10, 10));
        double fill = 100.1;
        assertThat(ex.fills().get(0).price()).isEqualTo(fill);
        double entryFee = Pricing.fee(10, 1, fill, 0.0006);
        double margin = Pricing.margin(10, 1, fill, 10);
        assertThat(ex.position().orElseThrow().liquidationPrice()).isEqualTo(Pricing.liquidationPrice(Side.LONG, fill, 10, 0.004));
        ex.step(2);
        assertThat(ex.position()).isEmpty();
        assertThat(ex.fills().get(1).orderType()).isEqualTo("liquidation");
        assertThat(ex.fills().get(1).fee()).isZero();
        assertThat(ex.account().walletBalance()).isEqualTo(10_000 - entryFee - margin);
    }

    private static Exchange.OrderRequest limit(String oid, String side, long size, double price, boolean reduceOnly) {
        return new Exchange.OrderRequest(oid, "XBTUSDTM", side, "limit", size, 10, price, reduceOnly, false, null, null, null, "GTC", false, null);
    }

    @Test
    void aRestingTakeProfitLimitFillsOnlyWhenTradedThroughAtItsPriceAsMaker() {
        // Long 10 at 100.1; a sell limit at 103: bar 2 touches 103 (no fill), bar 3 trades to 103.1.
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {100, 103, 99.5, 102}, new double[] {102, 103.1, 101, 101.5});
        ex.place(market("in", "buy", 10, 5));
        ex.place(limit("tp", "sell", 10, 103, true));
        ex.step(2);
        assertThat(ex.fills()).as("a touch is no fill").hasSize(1);
        ex.step(1);
        SandboxFill tp = ex.fills().get(1);
        assertThat(tp.price()).isEqualTo(103.0);
        assertThat(tp.liquidity()).isEqualTo("maker");
        assertThat(tp.fee()).as("10 x 103 x 0.0002").isCloseTo(0.206, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ex.position()).isEmpty();
    }

    @Test
    void aGapBeyondARestingLimitFillsAtTheLimitPrice() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {106, 107, 90, 95});
        ex.place(market("in", "buy", 10, 5));
        ex.place(limit("tp", "sell", 10, 103, true));
        ex.place(stopMarket("sl", "sell", 10, "down", 95));
        ex.step(2);
        assertThat(ex.fills()).hasSize(2);
        assertThat(ex.fills().get(1).price()).as("the open 106 passed the limit: filled at 103, before the fall through the stop").isEqualTo(103.0);
        assertThat(ex.fills().get(1).liquidity()).isEqualTo("maker");
    }

    @Test
    void theNearerStopFiresBeforeLiquidation() {
        // Long 10 at 100.1 with 10x: liquidation 100.1 x 0.904 = 90.4904; the stop at 95 lies nearer and the bar falls to 80.
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {99, 100, 80, 85});
        ex.place(market("in", "buy", 10, 10));
        ex.place(stopMarket("sl", "sell", 10, "down", 95));
        ex.step(2);
        SandboxFill exit = ex.fills().get(1);
        assertThat(exit.orderType()).isEqualTo("market");
        assertThat(exit.price()).as("95 x 0.999 = 94.905, down to the tick").isEqualTo(94.9);
        assertThat(ex.account().walletBalance()).as("10,000 - 0.6006 + (94.9 - 100.1) x 10 - 0.5694")
                .isCloseTo(10_000 - 0.6006 - 52 - 0.5694, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anAttachedTakeProfitIsAStopMarketOrderFilledAsTakerWithSlippage() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {100, 104, 99.5, 102});
        ex.placeWithTpSl(market("in", "buy", 10, 5), 103.0, 95.0);
        ex.step(2);
        SandboxFill tp = ex.fills().get(1);
        assertThat(tp.liquidity()).isEqualTo("taker");
        assertThat(tp.price()).as("triggered at 103: 103 x 0.999 = 102.897, down to the tick").isEqualTo(102.8);
    }

    @Test
    void theStopsOfAnStOrderAreArmedWhenItFillsAndGoWithThePosition() {
        // KuCoin's help centre: the take-profit and stop-loss set with an order "only take effect when the order was
        // successfully executed". A limit buy at 99.5 rests while the price is 100, and fills on the way to the low 99.
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {100, 101, 94, 95});
        ex.placeWithTpSl(limit("in", "buy", 10, 99.5, false), 103.0, 95.0);
        assertThat(ex.activeOrders(true)).as("nothing armed while the order rests").isEmpty();
        ex.step(1);
        assertThat(ex.position().orElseThrow().quantity()).isEqualTo(10);
        assertThat(ex.activeOrders(true)).extracting(o -> o.get("clientOid"), o -> o.get("stop"), o -> o.get("reduceOnly"), o -> o.get("size"))
                .containsExactlyInAnyOrder(tuple("in-sl", "down", true, 10L), tuple("in-tp", "up", true, 10L));
        ex.step(1); // down through 95: the stop-loss closes the position, the take-profit goes with it
        assertThat(ex.position()).isEmpty();
        assertThat(ex.activeOrders(true)).isEmpty();
    }

    @Test
    void attachedStopsCanBeLeftOutOfTheStopOrderListWhileTheyStillTrigger() {
        Exchange ex = exchange(new double[] {100, 101, 99, 100}, new double[] {100, 101, 94, 95});
        ex.listAttachedStops(false);
        ex.placeWithTpSl(market("in", "buy", 10, 5), null, 95.0);
        ex.place(stopMarket("mine", "sell", 10, "down", 90));
        assertThat(ex.listedStopOrders()).extracting(o -> o.get("clientOid")).containsExactly("mine");
        assertThat(ex.activeOrders(true)).hasSize(2);
        ex.step(2);
        Object attachedId = ex.doneOrders().stream().filter(o -> "in-sl".equals(o.get("clientOid"))).findFirst().orElseThrow().get("id");
        assertThat(ex.fills()).hasSize(2);
        assertThat(ex.fills().get(1).orderId()).as("the unlisted stop closed the position").isEqualTo(attachedId);
        assertThat(ex.activeOrders(true)).as("and the other stop went with it").isEmpty();
    }

    @Test
    void aPositionAboveTheFirstRiskLimitTierIsLiquidatedAtItsTiersMaintenanceMargin() {
        // 2,000 contracts of 1 at 100.1 are worth 200,200 USDT: XBTUSDTM's tier 2 (mmr 0.5%), at 50x 100.1 x (1 - 0.02 + 0.005).
        Exchange ex = exchange(new double[] {100, 101, 99, 100});
        ex.place(market("big", "buy", 2_000, 50));
        assertThat(ex.position().orElseThrow().liquidationPrice()).isCloseTo(98.5985, org.assertj.core.data.Offset.offset(1e-9));
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
