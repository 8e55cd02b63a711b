package io.gpubot.core.trade;

import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.FundingRates;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ten rules of docs/TRADING_RULES.md, one at a time, on XBTUSDTM (multiplier 0.001, tick 0.1,
 * taker 0.06%, maker 0.02%, maintenance margin 0.4%) with 0.1% slippage and a 10,000 USDT balance.
 * Expected values were worked out by hand in decimal arithmetic.
 */
class TraderTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H4 = 4 * 3_600_000L;
    static final Offset<Double> CENT_FRACTION = Offset.offset(1e-9);
    static final RunSettings RUN = RunSettings.withBalance(10_000).withFunding(FundingRates.none(), 0);

    /** Long 249 contracts entered at 40,040 (open 40,000 + 0.1%), TP 40,840.8, SL 39,639.6, liq 36,196.16. */
    static TradingPlan notional10k(double tp, double sl) {
        return new TradingPlan(BTC, 10, ExitLevels.fractions(tp, sl), new Sizing(SizingMethod.FIXED_NOTIONAL, 10_000));
    }

    static final class Recorder implements TradeListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onEntry(Position p) {
            events.add(String.format(java.util.Locale.ROOT, "entry %s %d @ %.4f", p.side(), p.contracts(), p.entryPrice()));
        }

        @Override
        public void onExit(Trade t) {
            events.add(String.format(java.util.Locale.ROOT, "exit %s @ %.4f", t.reason(), t.exitPrice()));
        }

        @Override
        public void onSignal(long time, int signal) {
            events.add("signal " + signal);
        }

        @Override
        public void onOrder(long time, Side side, boolean exit, boolean enter) {
            events.add("order " + side + (exit ? " exit" : "") + (enter ? " enter" : ""));
        }

        @Override
        public void onFunding(long time, double rate, double amount) {
            events.add("funding " + Instant.ofEpochMilli(time) + " rate " + rate);
        }

        @Override
        public void onRefusal(long time, String reason) {
            events.add("refused: " + reason);
        }
    }

    static void bar(Trader t, int i, double o, double h, double l, double c, int signal) {
        t.onBar(T0 + i * H4, o, h, l, c, signal, Double.NaN);
    }

    @Test
    void rule1and2_signalAtCloseFillsAtTheNextOpenWithSlippageAndTakerFee() {
        Recorder r = new Recorder();
        Trader t = new Trader(notional10k(0.02, 0.01), RUN, r);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        assertThat(t.position()).as("nothing fills at the signal bar's own close").isNull();
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);

        Position p = t.position();
        assertThat(p.side()).isEqualTo(Side.LONG);
        assertThat(p.entryTime()).isEqualTo(T0 + H4);
        assertThat(p.entryPrice()).isCloseTo(40_040, CENT_FRACTION);
        assertThat(p.contracts()).isEqualTo(249);
        assertThat(p.entryFee()).isCloseTo(5.981976, CENT_FRACTION);
        assertThat(p.margin()).isCloseTo(996.996, CENT_FRACTION);
        assertThat(p.takeProfit()).isEqualTo(40_840.8);
        assertThat(p.stopLoss()).isEqualTo(39_639.6);
        assertThat(p.liquidationPrice()).isCloseTo(36_196.16, CENT_FRACTION);
        assertThat(t.balance()).isCloseTo(9_994.018024, CENT_FRACTION);
        assertThat(t.equity()).as("balance + (40,100 - 40,040) x 0.249").isCloseTo(10_008.958024, CENT_FRACTION);
        assertThat(r.events).containsExactly("signal 1", "order LONG enter", "entry LONG 249 @ 40040.0000");
    }

    @Test
    void rule4and5_takeProfitExitsAtTheLevelAsMaker() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        bar(t, 2, 40_100, 40_900, 40_000, 40_500, 0);

        assertThat(t.position()).isNull();
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(trade.exitTime()).isEqualTo(T0 + 2 * H4);
        assertThat(trade.exitPrice()).isEqualTo(40_840.8);
        assertThat(trade.exitFee()).isCloseTo(2.03387184, CENT_FRACTION);
        assertThat(trade.grossPnl()).isCloseTo(199.3992, CENT_FRACTION);
        assertThat(trade.netPnl()).isCloseTo(191.38335216, CENT_FRACTION);
        assertThat(trade.slippage()).as("entry only: (40,040 - 40,000) x 0.249").isCloseTo(9.96, CENT_FRACTION);
        assertThat(t.balance()).isCloseTo(10_191.38335216, CENT_FRACTION);
    }

    @Test
    void rule5_adverseSideFirst_aBarThatReachesBothLevelsStopsOut() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        bar(t, 2, 40_100, 41_000, 39_500, 40_500, 0);

        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(trade.exitPrice()).as("39,639.6 less 0.1% = 39,599.9604, rounded down to the tick").isEqualTo(39_599.9);
        assertThat(trade.exitFee()).as("0.249 x 39,599.9 x 0.0006").isCloseTo(5.91622506, CENT_FRACTION);
        assertThat(trade.grossPnl()).as("(39,599.9 - 40,040) x 0.249").isCloseTo(-109.5849, CENT_FRACTION);
        assertThat(trade.netPnl()).isCloseTo(-109.5849 - 5.981976 - 5.91622506, CENT_FRACTION);
        assertThat(trade.slippage()).as("9.96 + 39.7 x 0.249").isCloseTo(19.8453, CENT_FRACTION);
    }

    @Test
    void rule5_theEntryBarIsCheckedToo() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_050, 39_500, 39_700, 0);
        assertThat(t.trades()).singleElement().satisfies(tr -> {
            assertThat(tr.reason()).isEqualTo(ExitReason.STOP_LOSS);
            assertThat(tr.entryTime()).isEqualTo(tr.exitTime());
        });
    }

    @Test
    void rule5_aBarOpeningBeyondTheStopExitsAtTheOpen() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        bar(t, 2, 39_000, 39_200, 38_800, 39_100, 0);
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(trade.exitPrice()).as("the open 39,000 less 0.1%, not the stop level").isCloseTo(38_961, CENT_FRACTION);
        assertThat(trade.exitTime()).isEqualTo(T0 + 2 * H4);
    }

    @Test
    void rule4b_aStopTheOpenAlreadyPassedAtEntryFillsAtOnceAtTheOpen() {
        // ATR 20, stop 1 ATR, take-profit 2 ATR: fill 40,040 (open 40,000 + 0.1%), stop 40,020 lies above the open.
        Trader t = new Trader(new TradingPlan(BTC, 10, ExitLevels.atr(2, 1), new Sizing(SizingMethod.FIXED_NOTIONAL, 10_000)), RUN);
        t.onBar(T0, 40_000, 40_100, 39_900, 40_000, +1, 20);
        t.onBar(T0 + H4, 40_000, 40_200, 39_800, 40_100, 0, 20);
        assertThat(t.position()).isNull();
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(trade.entryTime()).isEqualTo(T0 + H4);
        assertThat(trade.exitTime()).isEqualTo(T0 + H4);
        assertThat(trade.entryPrice()).isEqualTo(40_040.0);
        assertThat(trade.exitPrice()).as("the open 40,000 less 0.1%, not the stop level 40,020 above the open").isEqualTo(39_960.0);
        assertThat(trade.grossPnl()).as("-80 x 0.249").isCloseTo(-19.92, CENT_FRACTION);
        assertThat(trade.exitFee()).as("0.249 x 39,960 x 0.0006").isCloseTo(5.970024, CENT_FRACTION);
        assertThat(trade.netPnl()).isCloseTo(-19.92 - 5.981976 - 5.970024, CENT_FRACTION);
    }

    @Test
    void rule6_anOppositeSignalExitsAtTheNextOpenAndReverses() {
        Recorder r = new Recorder();
        Trader t = new Trader(notional10k(0.05, 0.02), RUN, r);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, +1);  // same direction: nothing happens
        bar(t, 2, 40_100, 40_300, 39_900, 40_000, -1);
        bar(t, 3, 40_000, 40_100, 39_700, 39_800, 0);

        Trade first = t.trades().get(0);
        assertThat(first.reason()).isEqualTo(ExitReason.SIGNAL);
        assertThat(first.exitTime()).isEqualTo(T0 + 3 * H4);
        assertThat(first.exitPrice()).isCloseTo(39_960, CENT_FRACTION);
        Position now = t.position();
        assertThat(now.side()).isEqualTo(Side.SHORT);
        assertThat(now.entryPrice()).isCloseTo(39_960, CENT_FRACTION);
        assertThat(now.contracts()).as("floor(10,000 / 39.96)").isEqualTo(250);
        assertThat(r.events).filteredOn(e -> !e.startsWith("funding")).containsExactly(
                "signal 1", "order LONG enter", "entry LONG 249 @ 40040.0000", "signal 1",
                "signal -1", "order SHORT exit enter", "exit SIGNAL @ 39960.0000", "entry SHORT 250 @ 39960.0000");
    }

    @Test
    void rule5_theNearerStopFiresBeforeLiquidationOnABarThatReachesBoth() {
        Trader t = new Trader(notional10k(0.05, 0.05), RUN);  // SL 38,038, liquidation 36,196.16
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        bar(t, 2, 40_100, 40_200, 36_000, 37_000, 0);
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(trade.exitPrice()).as("38,038 x 0.999 = 37,999.962, rounded down to the tick").isEqualTo(37_999.9);
        assertThat(trade.grossPnl()).as("(37,999.9 - 40,040) x 0.249").isCloseTo(-507.9849, CENT_FRACTION);
        assertThat(trade.exitFee()).as("0.249 x 37,999.9 x 0.0006").isCloseTo(5.67718506, CENT_FRACTION);
        assertThat(t.balance()).isCloseTo(10_000 - 5.981976 - 507.9849 - 5.67718506, CENT_FRACTION);
    }

    @Test
    void rule5_aGapThroughStopAndLiquidationLiquidatesAndLosesTheMarginOnly() {
        Trader t = new Trader(notional10k(0.05, 0.05), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        bar(t, 2, 35_000, 41_000, 34_000, 40_500, 0);
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).as("the open 35,000 lies beyond the liquidation price 36,196.16 (and the stop 38,038)")
                .isEqualTo(ExitReason.LIQUIDATION);
        assertThat(trade.exitTime()).isEqualTo(T0 + 2 * H4);
        // A stop filled at the open would lose (34,965 - 40,040) x 0.249 = -1,263.675, more than the isolated margin.
        assertThat(trade.grossPnl()).as("the margin 0.249 x 40,040 / 10 = 996.996, no exit fee").isCloseTo(-996.996, CENT_FRACTION);
        assertThat(trade.exitFee()).isZero();
        assertThat(t.balance()).as("the entry fee and the margin").isCloseTo(10_000 - 5.981976 - 996.996, CENT_FRACTION);
    }

    @Test
    void rule5_aGapThroughTheStopOnlyIsTheStopFilledAtTheOpen() {
        Trader t = new Trader(notional10k(0.05, 0.05), RUN);   // SL 38,038, liquidation 36,196.16
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        bar(t, 2, 37_000, 41_000, 36_500, 40_500, 0);
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(trade.exitPrice()).as("37,000 x 0.999").isEqualTo(36_963.0);
        assertThat(trade.grossPnl()).as("(36,963 - 40,040) x 0.249").isCloseTo(-766.173, CENT_FRACTION);
    }

    @Test
    void rule5_aTakeProfitTouchedButNotTradedThroughDoesNotFill() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);   // TP 40,840.8
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        bar(t, 2, 40_100, 40_840.8, 40_000, 40_500, 0);
        assertThat(t.trades()).as("a touch: the resting order's place in the queue is unknown").isEmpty();
        bar(t, 3, 40_500, 40_840.9, 40_400, 40_600, 0);
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(trade.exitTime()).isEqualTo(T0 + 3 * H4);
        assertThat(trade.exitPrice()).as("one tick through: filled at the level").isEqualTo(40_840.8);
        assertThat(trade.exitFee()).as("maker: 0.249 x 40,840.8 x 0.0002").isCloseTo(2.03387184, CENT_FRACTION);
    }

    @Test
    void rule5_aGapBeyondTheTakeProfitFillsAtTheLevelBeforeTheBarsRange() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);   // TP 40,840.8, SL 39,639.6
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        bar(t, 2, 41_500, 41_600, 39_000, 39_100, 0);   // opens beyond the TP, then falls through the stop
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).as("the resting limit filled in the gap, before the fall").isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(trade.exitPrice()).as("at the level, not the better open").isEqualTo(40_840.8);
        assertThat(trade.grossPnl()).as("800.8 x 0.249").isCloseTo(199.3992, CENT_FRACTION);
        assertThat(trade.exitFee()).isCloseTo(2.03387184, CENT_FRACTION);
    }

    @Test
    void rule5_aShortsTakeProfitFillsWhenTheLowTradesBelowIt() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, -1);
        bar(t, 1, 40_000, 40_200, 39_800, 39_900, 0);   // short 250 @ 39,960; TP 39,960 x 0.98 = 39,160.8
        assertThat(t.position().takeProfit()).isEqualTo(39_160.8);
        bar(t, 2, 39_900, 39_950, 39_160.8, 39_500, 0);
        assertThat(t.trades()).isEmpty();
        bar(t, 3, 39_500, 39_600, 39_160.7, 39_300, 0);
        assertThat(t.trades().get(0).exitPrice()).isEqualTo(39_160.8);
        assertThat(t.trades().get(0).grossPnl()).as("(39,960 - 39,160.8) x 0.25").isCloseTo(199.8, CENT_FRACTION);
    }

    @Test
    void rule8_fundingAtEachSettlementWhileHeld() {
        long h8 = 8 * 3_600_000L;
        FundingRates rates = FundingRates.of(new long[] {T0 + h8, T0 + 2 * h8}, new double[] {0.0003, -0.0001});
        RunSettings run = RUN.withFunding(rates, 0.0001);
        Recorder r = new Recorder();
        Trader t = new Trader(notional10k(0.5, 0.05), run, r);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);   // 00:00
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);    // 04:00 entry: no settlement
        double before = t.balance();
        bar(t, 2, 40_200, 40_300, 40_100, 40_200, 0);    // 08:00 settlement at 0.03%: the long pays
        assertThat(before - t.balance()).isCloseTo(0.249 * 40_200 * 0.0003, CENT_FRACTION);
        bar(t, 3, 40_200, 40_300, 40_100, 40_200, 0);    // 12:00: none
        bar(t, 4, 40_000, 40_300, 39_900, 40_200, 0);    // 16:00 at -0.01%: the long receives
        bar(t, 5, 40_200, 40_300, 40_100, 40_200, 0);    // 20:00
        bar(t, 6, 40_100, 40_300, 40_000, 40_200, -1);   // 00:00 next day: default rate 0.01%
        bar(t, 7, 40_300, 40_300, 40_100, 40_200, 0);    // 04:00: exit by signal
        Trade trade = t.trades().get(0);
        double expected = 0.249 * 40_200 * 0.0003 - 0.249 * 40_000 * 0.0001 + 0.249 * 40_100 * 0.0001;
        assertThat(trade.funding()).isCloseTo(expected, CENT_FRACTION);
        assertThat(trade.netPnl()).isCloseTo(trade.grossPnl() - trade.entryFee() - trade.exitFee() - expected, CENT_FRACTION);
        assertThat(r.events).filteredOn(e -> e.startsWith("funding")).containsExactly(
                "funding 2024-01-01T08:00:00Z rate 3.0E-4", "funding 2024-01-01T16:00:00Z rate -1.0E-4",
                "funding 2024-01-02T00:00:00Z rate 1.0E-4");
    }

    @Test
    void rule8_settlementsInsideLongBarsArePaidAtTheNextOpen() {
        long day = 24 * 3_600_000L;
        Recorder r = new Recorder();
        Trader t = new Trader(notional10k(0.5, 0.05), RUN.withFunding(FundingRates.none(), 0.0001), r);
        t.onBar(T0, 40_000, 40_100, 39_900, 40_000, +1, Double.NaN);
        t.onBar(T0 + day, 40_000, 40_200, 39_800, 40_100, 0, Double.NaN);   // entry at 00:00, no settlement
        double before = t.balance();
        t.onBar(T0 + 2 * day, 40_100, 40_200, 40_000, 40_100, 0, Double.NaN);
        assertThat(before - t.balance()).as("08:00, 16:00 and 00:00 at the 00:00 open")
                .isCloseTo(3 * 0.249 * 40_100 * 0.0001, CENT_FRACTION);
        assertThat(r.events).filteredOn(e -> e.startsWith("funding")).hasSize(3);
    }

    @Test
    void rule9_equityAndDrawdownAtEachClose() {
        Trader t = new Trader(notional10k(0.5, 0.05), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_960, 0);   // equity 9,994.018024 + 920 x 0.249 = 10,223.098024 (peak)
        bar(t, 2, 40_960, 41_000, 39_000, 39_040, 0);   // equity 9,994.018024 - 1,000 x 0.249 = 9,745.018024
        assertThat(t.equityRecorder().peak()).isCloseTo(10_223.098024, CENT_FRACTION);
        assertThat(t.equity()).isCloseTo(9_745.018024, CENT_FRACTION);
        assertThat(t.equityRecorder().maxDrawdown()).isCloseTo((10_223.098024 - 9_745.018024) / 10_223.098024, CENT_FRACTION);
        // Intrabar: bar 2's low 39,000 puts equity at 9,994.018024 - 1,040 x 0.249 = 9,735.058024 under the peak 10,223.098024.
        assertThat(t.equityRecorder().maxIntrabarDrawdown()).as("488.04 / 10,223.098024")
                .isCloseTo((10_223.098024 - 9_735.058024) / 10_223.098024, CENT_FRACTION);
        assertThat(t.barsInPosition()).isEqualTo(2);
    }

    @Test
    void rule10_noNewPositionBelowTenPercentOfTheStartingBalance() {
        Recorder r = new Recorder();
        RunSettings small = new RunSettings(10_000, 0.001, FundingRates.none(), 0, 0.995);  // floor 9,950
        Trader t = new Trader(notional10k(0.02, 0.01), small, r);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_050, 39_500, 39_700, 0);      // stopped out: 10,000 - 5.981976 - 109.5849 - 5.91622506 = 9,878.51690094
        bar(t, 2, 39_700, 39_800, 39_600, 39_700, +1);     // signal refused
        bar(t, 3, 39_700, 39_800, 39_600, 39_700, 0);
        assertThat(t.position()).isNull();
        assertThat(t.trades()).hasSize(1);
        assertThat(r.events.get(r.events.size() - 1)).startsWith("refused: equity 9878.52 is below 100% of the starting balance 10000.00");
    }

    @Test
    void endOfDataClosesAtTheLastCloseWithSlippage() {
        Trader t = new Trader(notional10k(0.5, 0.05), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_500, 0);
        t.finish();
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.END);
        assertThat(trade.exitTime()).isEqualTo(T0 + H4);
        assertThat(trade.exitPrice()).isCloseTo(40_500 * 0.999, CENT_FRACTION);
        assertThat(t.equity()).isEqualTo(t.balance());
    }

    @Test
    void theKillSwitchClosesAtTheLivePriceAndDropsThePendingSignal() {
        Trader t = new Trader(notional10k(0.5, 0.05), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_500, -1);   // long 249 @ 40,040; a reversal waits for the next open
        t.closeNow(40_300);
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.KILL_SWITCH);
        assertThat(trade.exitTime()).isEqualTo(T0 + H4);
        assertThat(trade.exitPrice()).as("taker with slippage").isCloseTo(40_300 * 0.999, CENT_FRACTION);
        assertThat(trade.grossPnl()).as("(40,259.7 - 40,040) x 0.249").isCloseTo(54.7053, CENT_FRACTION);
        bar(t, 2, 40_000, 40_100, 39_900, 40_000, 0);
        assertThat(t.position()).as("the waiting reversal was cancelled").isNull();
        assertThat(t.trades()).hasSize(1);
    }

    @Test
    void aSizeBelowOneLotIsRefusedWithTheReason() {
        Recorder r = new Recorder();
        Trader t = new Trader(new TradingPlan(BTC, 10, ExitLevels.fractions(0.02, 0.01), Sizing.DEFAULT), RunSettings.withBalance(10), r);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        assertThat(t.position()).isNull();
        assertThat(r.events).filteredOn(e -> e.startsWith("refused")).singleElement().asString()
                .startsWith("refused: position size too small: RISK computed 0.4099 contracts")  // 0.2 / 0.48788394
                .contains("the minimum is 1");
    }

    @Test
    void anEntryGateSeesTheChosenSizeAndCanRefuseIt() {
        Recorder r = new Recorder();
        List<String> asked = new ArrayList<>();
        EntryGate maxNotional5k = (time, side, contracts, price, notional, margin, balance, lossAtStop) -> {
            asked.add(String.format(java.util.Locale.ROOT, "%s %d @ %.1f notional %.3f margin %.4f balance %.1f",
                    side, contracts, price, notional, margin, balance));
            return notional > 5_000 ? String.format(java.util.Locale.ROOT, "notional %.2f exceeds the 5000 USDT limit", notional) : null;
        };
        Trader t = new Trader(notional10k(0.02, 0.01), RUN, r, maxNotional5k);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        assertThat(t.position()).isNull();
        assertThat(t.balance()).as("nothing was paid").isEqualTo(10_000);
        assertThat(asked).containsExactly("LONG 249 @ 40040.0 notional 9969.960 margin 996.9960 balance 10000.0");
        assertThat(r.events).containsExactly("signal 1", "order LONG enter", "refused: notional 9969.96 exceeds the 5000 USDT limit");

        Trader allowed = new Trader(notional10k(0.02, 0.01), RUN, r, (time, side, contracts, price, notional, margin, balance, lossAtStop) -> null);
        bar(allowed, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(allowed, 1, 40_000, 40_200, 39_800, 40_100, 0);
        assertThat(allowed.position().contracts()).as("a gate that allows changes nothing").isEqualTo(249);
    }

    static TradingPlan notional(int leverage, double sl, double usdt) {
        return new TradingPlan(BTC, leverage, ExitLevels.fractions(0.05, sl), new Sizing(SizingMethod.FIXED_NOTIONAL, usdt));
    }

    @Test
    void rule11_anEntryAboveTheMaxNotionalIsCutToItAndMarkedCapped() {
        // 200,000 USDT at 40,040: 4,995 contracts (199,999.8 USDT); the default limit of 100,000 allows floor(2,497.5) = 2,497.
        Trader t = new Trader(notional(10, 0.05, 200_000), RunSettings.withBalance(30_000).withFunding(FundingRates.none(), 0));
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        assertThat(t.position().contracts()).isEqualTo(2_497);
        assertThat(t.position().capped()).isTrue();
        assertThat(t.position().liquidationPrice()).as("tier 1 (99,979.88 USDT): 40,040 x (1 - 0.1 + 0.004)").isCloseTo(36_196.16, CENT_FRACTION);
        t.finish();
        assertThat(t.trades().get(0).capped()).isTrue();
    }

    @Test
    void rule11_aPositionInTheSecondRiskLimitTierIsLiquidatedAtItsMaintenanceMargin() {
        // Without limits the 4,995 contracts (199,999.8 USDT) fall in XBTUSDTM's tier 2: mmr 0.5%, up to 100x.
        Trader t = new Trader(notional(10, 0.05, 200_000), RunSettings.withBalance(30_000).withFunding(FundingRates.none(), 0)
                .withLimits(RiskLimits.NONE));
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        assertThat(t.position().contracts()).isEqualTo(4_995);
        assertThat(t.position().capped()).isFalse();
        assertThat(t.position().liquidationPrice()).as("40,040 x (1 - 0.1 + 0.005)").isCloseTo(36_236.2, CENT_FRACTION);
    }

    @Test
    void rule11_aLeverageAboveTheTiersMaximumIsCappedToTheTiersSize() {
        // 125x is allowed up to 100,000 USDT only (tier 1), limits or not: 2,497 contracts, capped.
        Trader t = new Trader(notional(125, 0.003, 200_000), RunSettings.withBalance(30_000).withFunding(FundingRates.none(), 0)
                .withLimits(RiskLimits.NONE));
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_050, 39_950, 40_010, 0);
        assertThat(t.position().contracts()).isEqualTo(2_497);
        assertThat(t.position().capped()).isTrue();
    }

    @Test
    void rule11_noNewPositionAfterTheDailyLossLimit() {
        // Stopped out at a loss of 121.48 on day one; with a 1% daily limit the next signal that day is refused.
        Recorder r = new Recorder();
        Trader t = new Trader(notional10k(0.02, 0.01), RUN.withLimits(new RiskLimits(100_000, 0.01, 10, 10)), r);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        bar(t, 1, 40_000, 40_050, 39_500, 39_700, -1);   // stopped out: equity 9,878.52, 1.2% below 10,000
        bar(t, 2, 39_700, 39_800, 39_600, 39_700, 0);
        assertThat(t.position()).isNull();
        assertThat(r.events).filteredOn(e -> e.startsWith("refused")).singleElement().asString()
                .isEqualTo("refused: equity 9878.52 is down 1.2% since the start of the UTC day (10000.00), beyond the daily loss limit of 1%: "
                        + "no new positions today");
    }

    @Test
    void barsMustComeInTimeOrder() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);
        bar(t, 1, 40_000, 40_100, 39_900, 40_000, 0);
        assertThatThrownBy(() -> bar(t, 1, 40_000, 40_100, 39_900, 40_000, 0)).hasMessageContaining("does not follow");
    }

    @Test
    void aStopBeyondLiquidationIsAnInvalidPlan() {
        assertThatThrownBy(() -> notional10k(0.05, 0.096))
                .hasMessage("stop-loss 9.60% lies beyond the liquidation price at 10x leverage (9.60% from entry); lower the stop-loss or the leverage");
        assertThat(notional10k(0.05, 0.095).leverage()).isEqualTo(10);
        assertThatThrownBy(() -> new TradingPlan(BTC, 126, ExitLevels.fractions(0.01, 0.001), Sizing.DEFAULT))
                .hasMessageContaining("leverage must be between 1 and 125 for XBTUSDTM");
    }
}
