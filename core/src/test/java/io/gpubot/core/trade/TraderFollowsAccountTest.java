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
