package io.gpubot.live.exec;

import io.gpubot.core.trade.Side;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.Journal.OrderState;
import io.gpubot.live.exec.ExchangePort.PositionReport;
import io.gpubot.live.exec.OrderGateway.Fate;
import io.gpubot.live.exec.OrderGateway.Status;
import io.gpubot.live.exec.Reconciler.PositionAction;
import io.gpubot.live.exec.Reconciler.Resolution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconciler's decisions, one invariant at a time, without an exchange or a journal. */
class ReconcilerTest {

    static final PositionReport FLAT = PositionReport.flat();
    static final PositionReport LONG_290 = new PositionReport(290, 40_040, 32_192.16, 0, "ISOLATED");
    static final PositionReport SHORT_290 = new PositionReport(-290, 40_040, 47_887.84, 0, "ISOLATED");
    static final LivePosition JOURNAL_LONG = new LivePosition(1, "b", Side.LONG, 290, 0, 40_040, 6.96696, "e1", 41_241.2, 39_439.4,
            32_192.16, true, 0, Double.NaN, 0, 0, 0, null);
    static final Fate ABSENT = Fate.of(Status.ABSENT, null, "the exchange does not know it");

    static ExchangeOrder order(OrderPurpose purpose, String side, OrderState state) {
        ExchangeOrder o = ExchangeOrder.intent("oid", "b", 0, purpose, side, 290, Double.NaN, 40_000, Double.NaN, 0);
        return new ExchangeOrder(o.clientOid(), o.bot(), o.barTime(), o.purpose(), o.side(), o.size(), o.stopPrice(), o.referencePrice(),
                o.atr(), state, null, 0, Double.NaN, 0, null, 0, 0);
    }

    @Test
    void whatTheExchangeReportsDecidesAndOnlyAFilledOrderWithItsFillsCountsAsFilled() {
        ExchangeOrder entry = order(OrderPurpose.ENTRY, "BUY", OrderState.UNKNOWN);
        assertThat(Reconciler.resolve(entry, new Fate(Status.FILLED, "1", 290, 40_040, 6.96696, null), LONG_290, Optional.empty(), false))
                .isEqualTo(Resolution.FILLED);
        assertThat(Reconciler.resolve(entry, new Fate(Status.FILL_PENDING, "1", 290, Double.NaN, 0, "x"), LONG_290, Optional.empty(), false))
                .as("lots known, price and fee not yet").isEqualTo(Resolution.STILL_UNKNOWN);
        assertThat(Reconciler.resolve(entry, Fate.of(Status.OPEN, "1", null), FLAT, Optional.empty(), false)).isEqualTo(Resolution.WORKING);
        assertThat(Reconciler.resolve(entry, Fate.of(Status.CANCELLED, "1", null), FLAT, Optional.empty(), false)).isEqualTo(Resolution.CANCELLED);
        assertThat(Reconciler.resolve(entry, Fate.of(Status.UNKNOWN, null, "502"), FLAT, Optional.empty(), false)).isEqualTo(Resolution.STILL_UNKNOWN);
    }

    @Test
    void anAbsenceIsProofOnlyAtALaterLookAndOnlyWhereThePositionAgrees() {
        ExchangeOrder entry = order(OrderPurpose.ENTRY, "BUY", OrderState.UNKNOWN);
        assertThat(Reconciler.resolve(entry, ABSENT, FLAT, Optional.empty(), true)).as("the first look").isEqualTo(Resolution.STILL_UNKNOWN);
        assertThat(Reconciler.resolve(entry, ABSENT, FLAT, Optional.empty(), false)).isEqualTo(Resolution.NEVER_PLACED);
        assertThat(Reconciler.resolve(entry, ABSENT, LONG_290, Optional.empty(), false))
                .as("a long the journal does not account for may be this buy's").isEqualTo(Resolution.STILL_UNKNOWN);
        assertThat(Reconciler.resolve(entry, ABSENT, SHORT_290, Optional.empty(), false)).as("a short is not a buy's").isEqualTo(Resolution.NEVER_PLACED);
        assertThat(Reconciler.resolve(order(OrderPurpose.ENTRY, "BUY", OrderState.ACCEPTED), ABSENT, FLAT, Optional.empty(), false))
                .as("the exchange gave it an id once").isEqualTo(Resolution.STILL_UNKNOWN);
        assertThat(Reconciler.resolve(order(OrderPurpose.EXIT, "SELL", OrderState.UNKNOWN), ABSENT, FLAT, Optional.of(JOURNAL_LONG), false))
                .as("flat where the journal holds a long: the exit may have done it").isEqualTo(Resolution.STILL_UNKNOWN);
        assertThat(Reconciler.resolve(order(OrderPurpose.EXIT, "SELL", OrderState.UNKNOWN), ABSENT, LONG_290, Optional.of(JOURNAL_LONG), false))
                .isEqualTo(Resolution.NEVER_PLACED);
        assertThat(Reconciler.resolve(order(OrderPurpose.ENTRY, "BUY", OrderState.INTENT), ABSENT, FLAT, Optional.empty(), false))
                .as("written before a crash, never sent").isEqualTo(Resolution.NEVER_PLACED);
    }

    @Test
    void thePositionIsComparedSideBySide() {
        assertThat(Reconciler.positionAction(Optional.empty(), FLAT, false, false)).isEqualTo(PositionAction.NOTHING);
        assertThat(Reconciler.positionAction(Optional.empty(), LONG_290, false, false)).isEqualTo(PositionAction.FOREIGN);
        assertThat(Reconciler.positionAction(Optional.of(JOURNAL_LONG), FLAT, true, true)).isEqualTo(PositionAction.RECORD_EXIT);
        assertThat(Reconciler.positionAction(Optional.of(JOURNAL_LONG), SHORT_290, true, true)).isEqualTo(PositionAction.OPPOSITE);
        assertThat(Reconciler.positionAction(Optional.of(JOURNAL_LONG), LONG_290, true, true)).isEqualTo(PositionAction.PROTECTED);
        assertThat(Reconciler.positionAction(Optional.of(JOURNAL_LONG), LONG_290, true, false)).isEqualTo(PositionAction.PROTECT);
        assertThat(Reconciler.positionAction(Optional.of(JOURNAL_LONG), LONG_290, false, true)).isEqualTo(PositionAction.PROTECT);
    }

    @Test
    void nothingNewIsSentWhileAnOrdersFateIsUnknownOrAnUntrackedPositionIsOpen() {
        assertThat(Reconciler.blocksNewOrders(List.of(), Optional.empty(), FLAT)).isNull();
        assertThat(Reconciler.blocksNewOrders(List.of(), Optional.of(JOURNAL_LONG), LONG_290)).isNull();
        assertThat(Reconciler.blocksNewOrders(List.of(order(OrderPurpose.TAKE_PROFIT, "SELL", OrderState.UNKNOWN)), Optional.of(JOURNAL_LONG), LONG_290))
                .isEqualTo("the fate of the take-profit order oid is not known yet; nothing new is sent until the exchange shows it");
        assertThat(Reconciler.blocksNewOrders(List.of(), Optional.empty(), SHORT_290))
                .isEqualTo("the exchange holds a short position of 290 contracts that the journal does not know; nothing new is sent");
    }

    @Test
    void aPositionTheExchangeHoldsSmallerIsReducedByTheClosingFillsNoEarlierPartAccountsFor() {
        PositionReport long200 = new PositionReport(200, 40_040, 32_192.16, 0, "ISOLATED");
        // newest first: a by-hand sell of 60 at 40,300, our own exit's fill (booked), a take-profit fill of 50, the entry
        List<ExchangePort.FillReport> fills = List.of(
                new ExchangePort.FillReport("hand", false, 60, 40_300, 14.508, false, 4),
                new ExchangePort.FillReport("exit", false, 30, 40_100, 7.218, false, 3),
                new ExchangePort.FillReport("tp", false, 50, 41_241.2, 4.12412, false, 2),
                new ExchangePort.FillReport("entry", true, 290, 40_040, 6.96696, false, 1));
        LivePosition journal260 = new LivePosition(1, "b", Side.LONG, 260, 0, 40_040, 6, "e1", 41_241.2, 39_439.4, 32_192.16, true, 0, Double.NaN,
                0, 0, 0, null);
        // the journal holds 260 (290 − our exit's 30): the exchange's 200 lack 60; the take-profit's 50 are already booked
        Reconciler.Reduction r = Reconciler.reduction(Optional.of(journal260), long200, fills, java.util.Set.of("exit"), 50).orElseThrow();
        assertThat(r.contracts()).isEqualTo(60);
        assertThat(r.price()).isEqualTo(40_300.0);
        assertThat(r.fee()).isEqualTo(14.508);
        assertThat(r.orderIds()).containsExactly("hand");

        // nothing booked before: the oldest closing fills make it up, the last used only in part (its fee pro rata)
        Reconciler.Reduction first = Reconciler.reduction(Optional.of(journal260), long200, fills, java.util.Set.of("exit"), 0).orElseThrow();
        assertThat(first.price()).isEqualTo((50 * 41_241.2 + 10 * 40_300) / 60);
        assertThat(first.fee()).isEqualTo(4.12412 + 14.508 * 10 / 60);
        assertThat(first.orderIds()).containsExactly("tp", "hand");

        // fills that do not show it all yet: the price is not known, never guessed
        Reconciler.Reduction unseen = Reconciler.reduction(Optional.of(journal260), long200, fills.subList(1, 4), java.util.Set.of("exit"), 50)
                .orElseThrow();
        assertThat(unseen.price()).isNaN();
        assertThat(unseen.fee()).isZero();

        assertThat(Reconciler.reduction(Optional.of(JOURNAL_LONG), LONG_290, fills, java.util.Set.of(), 0)).as("the same size").isEmpty();
        assertThat(Reconciler.reduction(Optional.of(journal260), LONG_290, fills, java.util.Set.of(), 0)).as("larger: not a reduction").isEmpty();
        assertThat(Reconciler.reduction(Optional.of(journal260), new PositionReport(-200, 40_040, 0, 0, "ISOLATED"), fills, java.util.Set.of(), 0))
                .as("the other side").isEmpty();
        assertThat(Reconciler.reduction(Optional.of(journal260), FLAT, fills, java.util.Set.of(), 0)).as("flat: an exit, not a part").isEmpty();
    }

    /** A close of 290 by one market order matched at three prices, newest first, each with its taker fee 0.0006 × lots × 0.001 × price. */
    static final List<ExchangePort.FillReport> HAND_CLOSE_290 = List.of(
            new ExchangePort.FillReport("hand", false, 40, 40_050, 0.9612, false, 6),
            new ExchangePort.FillReport("hand", false, 150, 40_080, 3.6072, false, 5),
            new ExchangePort.FillReport("hand", false, 100, 40_100, 2.406, false, 4),
            new ExchangePort.FillReport("entry", true, 290, 40_040, 6.96696, false, 1));

    static LivePosition journalLong(long contracts) {
        return new LivePosition(1, "b", Side.LONG, contracts, 0, 40_040, 6.96696 * contracts / 290, "e1", 41_241.2, 39_439.4, 32_192.16, true, 0,
                Double.NaN, 0, 0, 0, null);
    }

    @Test
    void aCloseTheExchangeMadeInSeveralFillsIsTheirVolumeWeightedPriceWithTheirFeesSummed() {
        Reconciler.Exit all = Reconciler.exchangeExit(JOURNAL_LONG, HAND_CLOSE_290, java.util.Set.of(), 0);
        assertThat(all.complete()).isTrue();
        assertThat(all.shown()).isEqualTo(290);
        // (100 × 40,100 + 150 × 40,080 + 40 × 40,050) / 290 = 11,624,000 / 290
        assertThat(all.price()).isCloseTo(11_624_000.0 / 290, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(all.fee()).isCloseTo(2.406 + 3.6072 + 0.9612, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(all.orderIds()).containsExactly("hand");
        assertThat(all.liquidation()).isFalse();

        // fills that overshoot the position (210 held): newest first, 40 + 150 + 20 of the 100, whose fee counts 20/100
        Reconciler.Exit some = Reconciler.exchangeExit(journalLong(210), HAND_CLOSE_290, java.util.Set.of(), 0);
        assertThat(some.complete()).isTrue();
        assertThat(some.price()).isCloseTo((40 * 40_050 + 150 * 40_080 + 20 * 40_100) / 210.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(some.fee()).isCloseTo(0.9612 + 3.6072 + 2.406 * 20 / 100, org.assertj.core.api.Assertions.within(1e-12));

        // the journal's own closing order is passed over whatever its side and time
        List<ExchangePort.FillReport> withOurs = new java.util.ArrayList<>(HAND_CLOSE_290);
        withOurs.add(0, new ExchangePort.FillReport("ours", false, 290, 39_000, 6.786, false, 7));
        assertThat(Reconciler.exchangeExit(JOURNAL_LONG, withOurs, java.util.Set.of("ours"), 0).price())
                .isCloseTo(11_624_000.0 / 290, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aCloseWhoseFillsShowOnlyPartOfThePositionIsNotComplete() {
        // the newest piece (40 at 40,050) not shown yet: 250 of 290, at their own average, never taken for the whole
        Reconciler.Exit part = Reconciler.exchangeExit(JOURNAL_LONG, HAND_CLOSE_290.subList(1, 4), java.util.Set.of(), 0);
        assertThat(part.complete()).isFalse();
        assertThat(part.shown()).isEqualTo(250);
        assertThat(part.price()).isCloseTo((150 * 40_080 + 100 * 40_100) / 250.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(part.fee()).isCloseTo(3.6072 + 2.406, org.assertj.core.api.Assertions.within(1e-12));

        Reconciler.Exit none = Reconciler.exchangeExit(JOURNAL_LONG, HAND_CLOSE_290.subList(3, 4), java.util.Set.of(), 0);
        assertThat(none.shown()).as("the entry's buy is not a long's close").isZero();
        assertThat(none.price()).isNaN();
        assertThat(none.fee()).isZero();
        assertThat(none.complete()).isFalse();

        // a take-profit filled 190 in part (booked at an earlier look), the rest of 100 closed by hand as 60 at 40,100 and
        // 40 not shown yet: the take-profit's fill is not this close's, so 60 of 100 show (not 60 + 40 of the take-profit)
        List<ExchangePort.FillReport> afterPart = List.of(
                new ExchangePort.FillReport("hand", false, 60, 40_100, 1.4436, false, 5),
                new ExchangePort.FillReport("tp", false, 190, 41_241.2, 1.5671656, false, 3),
                new ExchangePort.FillReport("entry", true, 290, 40_040, 6.96696, false, 1));
        Reconciler.Exit rest = Reconciler.exchangeExit(journalLong(100), afterPart, java.util.Set.of(), 190);
        assertThat(rest.shown()).isEqualTo(60);
        assertThat(rest.complete()).isFalse();
        assertThat(rest.price()).isEqualTo(40_100.0);
    }

    @Test
    void aLiquidationInSeveralFillsIsALiquidationAtTheirAveragePrice() {
        List<ExchangePort.FillReport> liquidated = List.of(
                new ExchangePort.FillReport("liquidation", false, 90, 32_150, 1.73610, true, 5),
                new ExchangePort.FillReport("liquidation", false, 200, 32_200, 3.864, true, 4),
                new ExchangePort.FillReport("entry", true, 290, 40_040, 6.96696, false, 1));
        Reconciler.Exit exit = Reconciler.exchangeExit(JOURNAL_LONG, liquidated, java.util.Set.of(), 0);
        assertThat(exit.liquidation()).isTrue();
        assertThat(exit.complete()).isTrue();
        assertThat(exit.price()).isCloseTo((200 * 32_200 + 90 * 32_150) / 290.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(Reconciler.exchangeExit(JOURNAL_LONG, liquidated.subList(1, 3), java.util.Set.of(), 0).liquidation())
                .as("one liquidation fill shown is enough to know it").isTrue();
    }

    @Test
    void aShortIsClosedByBuys() {
        LivePosition journalShort = new LivePosition(1, "b", Side.SHORT, 100, 0, 40_000, 2.4, "e1", 38_800, 40_600, 47_840, true, 0,
                Double.NaN, 0, 0, 0, null);
        List<ExchangePort.FillReport> fills = List.of(
                new ExchangePort.FillReport("hand", true, 30, 39_900, 0.71820, false, 5),
                new ExchangePort.FillReport("hand", true, 70, 39_950, 1.67790, false, 4),
                new ExchangePort.FillReport("entry", false, 100, 40_000, 2.4, false, 1));
        Reconciler.Exit exit = Reconciler.exchangeExit(journalShort, fills, java.util.Set.of(), 0);
        assertThat(exit.complete()).isTrue();
        assertThat(exit.price()).isCloseTo((30 * 39_900 + 70 * 39_950) / 100.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(exit.fee()).isCloseTo(0.7182 + 1.6779, org.assertj.core.api.Assertions.within(1e-12));
    }
}
