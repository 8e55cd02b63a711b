package io.gpubot.core.trade;

import org.junit.jupiter.api.Test;

import static io.gpubot.core.trade.TraderTest.BTC;
import static io.gpubot.core.trade.TraderTest.CENT_FRACTION;
import static io.gpubot.core.trade.TraderTest.H4;
import static io.gpubot.core.trade.TraderTest.RUN;
import static io.gpubot.core.trade.TraderTest.T0;
import static io.gpubot.core.trade.TraderTest.bar;
import static io.gpubot.core.trade.TraderTest.notional10k;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live session's model books what the exchange did: real fills of the orders it decided, decisions the
 * exchange did not execute, and the account's own position where it differs. XBTUSDTM (multiplier
 * 0.001, tick 0.1, taker 0.06%), 10x, take-profit 2%, stop-loss 1%, 10,000 USDT; values worked by hand.
 */
class TraderFollowsAccountTest {

    /** Long decided at bar 0's close; the exchange filled 200 contracts at 40,050 for 4.806 USDT. */
    private static Trader longFilledAt40050(TraderTest.Recorder r) {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN, r);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, +1);
        assertThat(t.fillPendingEntryAt(new RealFill(200, 40_050.0, 4.806))).isTrue();
        bar(t, 1, 40_000, 40_200, 39_800, 40_100, 0);
        return t;
    }

    @Test
    void anEntryIsBookedAtTheExchangesSizePriceAndFeeWithLevelsFromThatFill() {
        Trader t = longFilledAt40050(new TraderTest.Recorder());
        Position p = t.position();
        assertThat(p.side()).isEqualTo(Side.LONG);
        assertThat(p.contracts()).isEqualTo(200);          // the model alone would have bought 249
        assertThat(p.entryPrice()).isEqualTo(40_050.0);
        assertThat(p.entryFee()).isEqualTo(4.806);
        assertThat(p.referencePrice()).isEqualTo(40_000.0);
        assertThat(p.takeProfit()).isCloseTo(40_851.0, CENT_FRACTION);     // 40,050 + 2% = 40,851.0
        assertThat(p.stopLoss()).isCloseTo(39_649.5, CENT_FRACTION);       // 40,050 − 1% = 39,649.5
        assertThat(p.liquidationPrice()).isCloseTo(36_205.2, org.assertj.core.data.Offset.offset(1e-6));         // 40,050 × (1 − 1/10 + 0.4%)
        assertThat(p.margin()).isCloseTo(801.0, CENT_FRACTION);             // 200 × 0.001 × 40,050 / 10
        assertThat(t.balance()).isCloseTo(9_995.194, CENT_FRACTION);
    }

    @Test
    void anExitIsBookedAtTheExchangesFillAndADroppedEntryIsNotMade() {
        TraderTest.Recorder r = new TraderTest.Recorder();
        Trader t = longFilledAt40050(r);
        bar(t, 2, 40_100, 40_150, 40_000, 40_100, -1);     // reversal: exit the long, enter short
        assertThat(t.fillPendingExitAt(new RealFill(200, 40_090.0, 4.8108))).isTrue();
        assertThat(t.dropPendingEntry()).as("the short entry was waiting").isTrue();
        bar(t, 3, 40_100, 40_120, 40_080, 40_100, 0);

        assertThat(t.position()).as("the exchange made no entry, so neither does the model").isNull();
        Trade trade = t.trades().get(0);
        assertThat(trade.exitPrice()).isEqualTo(40_090.0);
        assertThat(trade.exitFee()).isEqualTo(4.8108);
        assertThat(trade.grossPnl()).isCloseTo(8.0, CENT_FRACTION);         // (40,090 − 40,050) × 200 × 0.001
        assertThat(trade.netPnl()).isCloseTo(-1.6168, CENT_FRACTION);       // 8 − 4.806 − 4.8108
        assertThat(trade.reason()).isEqualTo(ExitReason.SIGNAL);
        assertThat(t.balance()).isCloseTo(9_998.3832, CENT_FRACTION);
    }

    @Test
    void aFillForNothingPendingIsRefusedAndACancelForgetsTheFills() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, 0);
        assertThat(t.fillPendingEntryAt(new RealFill(1, 40_000, 0))).isFalse();
        bar(t, 1, 40_000, 40_100, 39_900, 40_000, +1);
        t.fillPendingEntryAt(new RealFill(7, 40_010, 0.1));
        t.cancelPendingOrder();
        bar(t, 2, 40_000, 40_100, 39_900, 40_000, +1);    // a new decision, filled by the model's own estimate
        bar(t, 3, 40_000, 40_100, 39_900, 40_000, 0);
        assertThat(t.position().contracts()).isEqualTo(249);
        assertThat(t.position().entryPrice()).isEqualTo(40_040.0);
    }

    @Test
    void anExitTheExchangeFilledElsewhereIsBookedAgainAtItsPrice() {
        Trader t = longFilledAt40050(new TraderTest.Recorder());
        bar(t, 2, 40_000, 40_010, 39_600, 39_700, 0);       // the model's stop at 39,649.5 fires in the bar
        Trade modelled = t.trades().get(0);
        assertThat(modelled.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(modelled.exitPrice()).isLessThan(39_649.5);             // its estimate: the level with slippage

        Trade real = t.rebookLastExit(39_640.0, 4.7568, -82.0);             // (39,640 − 40,050) × 0.2
        assertThat(real.exitPrice()).isEqualTo(39_640.0);
        assertThat(real.netPnl()).isCloseTo(-91.5628, CENT_FRACTION);       // −82 − 4.806 − 4.7568
        assertThat(real.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(t.trades()).containsExactly(real);
        assertThat(t.balance()).isCloseTo(9_908.4372, CENT_FRACTION);
        assertThat(t.equity()).isCloseTo(9_908.4372, CENT_FRACTION);
        assertThat(t.stats().losses()).isEqualTo(1);
        assertThat(t.stats().wins()).isZero();
    }

    @Test
    void aCloseFilledInPartClosesOnlyThoseContractsWithTheirShareOfTheEntryFee() {
        TraderTest.Recorder r = new TraderTest.Recorder();
        Trader t = longFilledAt40050(r);
        bar(t, 2, 40_100, 40_150, 40_000, 40_100, -1);     // exit the long: the exchange filled 80 of its 200 contracts
        t.fillPendingExitAt(new RealFill(80, 40_090.0, 1.92432));          // 80 × 0.001 × 40,090 × 0.06%
        t.dropPendingEntry();
        bar(t, 3, 40_100, 40_120, 40_080, 40_100, 0);

        Trade part = t.trades().get(0);
        assertThat(part.contracts()).isEqualTo(80);
        assertThat(part.entryFee()).isCloseTo(1.9224, CENT_FRACTION);       // 4.806 × 80 / 200
        assertThat(part.grossPnl()).isCloseTo(3.2, CENT_FRACTION);          // (40,090 − 40,050) × 80 × 0.001
        assertThat(part.netPnl()).isCloseTo(-0.64672, CENT_FRACTION);       // 3.2 − 1.9224 − 1.92432
        Position rest = t.position();
        assertThat(rest.contracts()).isEqualTo(120);
        assertThat(rest.entryPrice()).isEqualTo(40_050.0);
        assertThat(rest.entryFee()).isCloseTo(2.8836, CENT_FRACTION);       // 4.806 − 1.9224
        assertThat(rest.margin()).isCloseTo(480.6, CENT_FRACTION);          // 120 × 0.001 × 40,050 / 10
        assertThat(rest.stopLoss()).isCloseTo(39_649.5, CENT_FRACTION);     // the levels stay: the stops rest on the exchange
        assertThat(t.balance()).isCloseTo(9_996.46968, CENT_FRACTION);      // 9,995.194 + 3.2 − 1.92432

        bar(t, 4, 40_150, 40_250, 40_100, 40_200, -1);     // the next exit signal closes the rest
        t.fillPendingExitAt(new RealFill(120, 40_200.0, 2.8944));
        t.dropPendingEntry();
        bar(t, 5, 40_200, 40_220, 40_180, 40_200, 0);
        Trade last = t.trades().get(1);
        assertThat(t.position()).isNull();
        assertThat(last.contracts()).isEqualTo(120);
        assertThat(last.grossPnl()).isCloseTo(18.0, CENT_FRACTION);         // (40,200 − 40,050) × 0.12
        assertThat(last.netPnl()).isCloseTo(12.222, CENT_FRACTION);         // 18 − 2.8836 − 2.8944
        assertThat(part.entryFee() + last.entryFee()).as("the entry fee is paid once, in two parts").isCloseTo(4.806, CENT_FRACTION);
        assertThat(t.balance()).isCloseTo(10_011.57528, CENT_FRACTION);     // 10,000 + 3.2 + 18 − 4.806 − 1.92432 − 2.8944
        assertThat(t.stats().closed()).isEqualTo(2);
    }

    @Test
    void aPartTheAccountClosedIsTakenOverAtItsFillAndTheRestStays() {
        Trader t = longFilledAt40050(new TraderTest.Recorder());
        // the take-profit at 40,851 filled 50 of 200 contracts as maker (0.02%)
        t.adoptPartialClose(50, 40_851.0, 0.40851, 40.05, ExitReason.TAKE_PROFIT);
        Trade part = t.trades().get(0);
        assertThat(part.contracts()).isEqualTo(50);
        assertThat(part.reason()).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(part.netPnl()).isCloseTo(38.43999, CENT_FRACTION);       // 40.05 − 1.2015 − 0.40851
        assertThat(t.position().contracts()).isEqualTo(150);
        assertThat(t.position().entryFee()).isCloseTo(3.6045, CENT_FRACTION);
        assertThat(t.balance()).isCloseTo(10_034.83549, CENT_FRACTION);     // 9,995.194 + 40.05 − 0.40851
        assertThat(t.equity()).isCloseTo(10_042.33549, CENT_FRACTION);      // + (40,100 − 40,050) × 0.15 unrealised

        t.adoptPartialClose(30, Double.NaN, 0, 0, ExitReason.EXCHANGE);     // a part closed by hand, its price not known
        Trade byHand = t.trades().get(1);
        assertThat(byHand.exitPrice()).isEqualTo(40_100.0);                 // the last close, no fee
        assertThat(byHand.grossPnl()).isCloseTo(1.5, CENT_FRACTION);        // (40,100 − 40,050) × 0.03
        assertThat(byHand.exitFee()).isZero();
        assertThat(t.position().contracts()).isEqualTo(120);

        t.adoptPartialClose(500, 40_000.0, 2.88, -6.0, ExitReason.STOP_LOSS); // all that is left, and more: the position closes
        assertThat(t.position()).isNull();
        assertThat(t.trades().get(2).contracts()).isEqualTo(120);
        assertThat(t.trades()).extracting(Trade::entryFee).containsExactly(1.2015, 0.7209, 2.8836);
    }

    @Test
    void aLiquidationOnTheExchangeClosesTheModelLosingTheMargin() {
        Trader t = longFilledAt40050(new TraderTest.Recorder());
        t.adoptClose(36_205.2, 0, -801.0, ExitReason.LIQUIDATION);
        assertThat(t.position()).isNull();
        Trade trade = t.trades().get(0);
        assertThat(trade.reason()).isEqualTo(ExitReason.LIQUIDATION);
        assertThat(trade.netPnl()).isCloseTo(-805.806, CENT_FRACTION);      // −801 − 4.806
        assertThat(t.balance()).isCloseTo(9_194.194, CENT_FRACTION);
    }

    @Test
    void aCloseAtAnUnknownPriceIsBookedAtTheLastCloseWithoutFee() {
        Trader t = longFilledAt40050(new TraderTest.Recorder());
        t.adoptClose(Double.NaN, 0, 0, ExitReason.EXCHANGE);
        Trade trade = t.trades().get(0);
        assertThat(trade.exitPrice()).isEqualTo(40_100.0);                  // bar 1's close
        assertThat(trade.grossPnl()).isCloseTo(10.0, CENT_FRACTION);        // (40,100 − 40,050) × 0.2
        assertThat(trade.reason()).isEqualTo(ExitReason.EXCHANGE);
    }

    @Test
    void theAccountsPositionIsTakenOverWithItsEntryFee() {
        Trader t = new Trader(notional10k(0.02, 0.01), RUN);
        bar(t, 0, 40_000, 40_100, 39_900, 40_000, 0);
        Position exchange = new Position(Side.SHORT, T0, 40_000, 40_000, 100, 400, 39_200, 40_400, 43_840, 2.4, false);
        t.adoptPosition(exchange);
        assertThat(t.position()).isEqualTo(exchange);
        assertThat(t.balance()).isCloseTo(9_997.6, CENT_FRACTION);

        // a partial fill seen later: the same side, fewer contracts, a smaller fee
        Position partial = new Position(Side.SHORT, T0, 40_000, 40_000, 60, 240, 39_200, 40_400, 43_840, 1.44, false);
        t.adoptPosition(partial);
        assertThat(t.position()).isEqualTo(partial);
        assertThat(t.balance()).isCloseTo(9_998.56, CENT_FRACTION);
        assertThat(t.trades()).isEmpty();

        // the other side: the model's short is closed at the last close (40,000) without a fee, then the long taken over
        Position reversed = new Position(Side.LONG, T0 + H4, 40_000, 40_000, 50, 200, 40_800, 39_600, 36_160, 1.2, false);
        t.adoptPosition(reversed);
        assertThat(t.trades()).singleElement().satisfies(tr -> {
            assertThat(tr.reason()).isEqualTo(ExitReason.EXCHANGE);
            assertThat(tr.exitFee()).isZero();
            assertThat(tr.grossPnl()).isZero();
        });
        assertThat(t.position()).isEqualTo(reversed);
        assertThat(t.balance()).isCloseTo(9_998.56 - 1.44 - 1.2 + 1.44, CENT_FRACTION);
    }

    @Test
    void aStopTheModelSawFireButTheExchangeDidNotIsTakenBack() {
        Trader t = longFilledAt40050(new TraderTest.Recorder());
        Position before = t.position();
        bar(t, 2, 40_000, 40_010, 39_600, 39_700, 0);       // the model's stop fires; the exchange's did not
        assertThat(t.position()).isNull();
        Trade takenBack = t.takeBackLastTrade(before);
        assertThat(takenBack.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(t.trades()).isEmpty();
        assertThat(t.position().entryFee()).isEqualTo(4.806);
        assertThat(t.balance()).as("the entry fee is paid once").isCloseTo(9_995.194, CENT_FRACTION);
        assertThat(t.equity()).isCloseTo(9_995.194 + (39_700 - 40_050) * 0.2, CENT_FRACTION);
        assertThat(t.stats().losses()).isZero();
    }

    @Test
    void anOrderExecutedRightAfterTheCloseIsBookedAtOnceAndPaysNoSettlementAtItsOwnInstant() {
        // 1% a settlement: a long entered right after the 08:00 settlement must not pay it
        RunSettings run = RunSettings.withBalance(10_000).withFunding(io.gpubot.core.market.FundingRates.none(), 0.01);
        Trader t = new Trader(notional10k(0.02, 0.01), run);
        long h4 = H4;
        t.onBar(T0 + h4, 40_000, 40_100, 39_900, 40_000, +1, Double.NaN);          // 04:00 bar, buy at its close
        t.fillPendingEntryAt(new RealFill(200, 40_050.0, 4.806));
        assertThat(t.executePendingNow(T0 + 2 * h4, 40_000)).isTrue();            // filled just after 08:00
        assertThat(t.position().entryTime()).isEqualTo(T0 + 2 * h4);
        assertThat(t.position().entryPrice()).isEqualTo(40_050.0);
        assertThat(t.hasPendingOrder()).isFalse();
        t.onBar(T0 + 2 * h4, 40_000, 40_200, 39_800, 40_100, 0, Double.NaN);       // the 08:00 bar: no settlement paid
        assertThat(t.openPositionFunding()).isZero();
        assertThat(t.balance()).isCloseTo(9_995.194, CENT_FRACTION);
        t.onBar(T0 + 4 * h4, 40_000, 40_200, 39_800, 40_100, 0, Double.NaN);       // 16:00: pays 1% of 200 × 0.001 × 40,000
        assertThat(t.openPositionFunding()).isCloseTo(80.0, CENT_FRACTION);
    }
}
