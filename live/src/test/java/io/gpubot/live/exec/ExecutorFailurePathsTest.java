package io.gpubot.live.exec;

import io.gpubot.core.trade.Side;
import io.gpubot.live.ExecutedDecision;
import io.gpubot.live.ExecutedDecision.Leg;
import io.gpubot.live.ExecutedDecision.Outcome;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.Journal.OrderState;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.exec.ExchangePort.Kind;
import io.gpubot.live.exec.ExchangePort.OrderSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * Every failure path of issue 13 as a fast unit test over the in-memory exchange ({@link FakeExchange}):
 * nothing guessed, nothing sent twice, no position without a stop-loss. The numbers are
 * {@link LiveExecutorTest}'s: decided at 40 000, a long fills at 40 040 (0.1% slippage), 290 contracts by 2%
 * risk of 10 000 USDT, stop-loss 39 439.4 (1.5%), take-profit 41 241.2 (3%), entry fee 290 x 0.001 x 40 040
 * x 0.0006 = 6.96696 USDT.
 */
class ExecutorFailurePathsTest extends OverTheFakeExchange {

    private long entriesPlaced() {
        return exchange.placedNotAttached().stream().filter(o -> o.kind() == Kind.MARKET && !o.reduceOnly()).count();
    }

    /** The entry is journalled filled at 40 040 with its real fee, and its position protected at the rulebook's levels. */
    private void assertEntryBookedAtItsRealFill() {
        ExchangeOrder entry = journal.exchangeOrders().get(0);
        assertThat(entry.state()).isEqualTo(OrderState.FILLED);
        assertThat(entry.averagePrice()).isEqualTo(FILL);
        assertThat(entry.fee()).isCloseTo(ENTRY_FEE, within(1e-12));
        assertProtectedAtTheRulebooksLevels(LOTS);
    }

    private void assertProtectedAtTheRulebooksLevels(long lots) {
        LivePosition p = journal.openLivePosition(bot.name()).orElseThrow();
        assertThat(p.contracts()).isEqualTo(lots);
        assertThat(p.entryPrice()).isEqualTo(FILL);
        assertThat(exchange.active(Kind.STOP_MARKET)).singleElement().satisfies(h -> assertThat(h.spec.stopPrice()).isEqualTo(STOP));
        assertThat(exchange.active(Kind.LIMIT)).singleElement().satisfies(h -> {
            assertThat(h.spec.price()).isEqualTo(TAKE);
            assertThat(h.spec.size()).isEqualTo(lots);
            assertThat(h.spec.reduceOnly()).isTrue();
        });
    }

    @Test
    void theEntryCarriesItsStopLossSoThePositionIsProtectedFromTheMomentItCanFill() {
        ExecutedDecision d = enter(Side.LONG);

        assertThat(d).isEqualTo(new ExecutedDecision(Leg.NONE, Leg.filled(LOTS, FILL, ENTRY_FEE)));
        assertThat(exchange.log.subList(0, 3)).containsExactly(
                "place MARKET buy 290 sl 39439.4 ISOLATED", "attach STOP_MARKET sell 290 stop 39439.4 reduce-only ISOLATED",
                "fill " + journal.exchangeOrders().get(0).clientOid() + " 290 @ 40040.0");
        assertThat(exchange.log.get(3)).isEqualTo("place LIMIT sell 290 @ 41241.2 reduce-only ISOLATED");
        assertProtectedAtTheRulebooksLevels(LOTS);
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::purpose, ExchangeOrder::state).containsExactly(
                tuple(OrderPurpose.ENTRY, OrderState.FILLED), tuple(OrderPurpose.STOP_LOSS, OrderState.ACCEPTED),
                tuple(OrderPurpose.TAKE_PROFIT, OrderState.ACCEPTED));
    }

    @Test
    void whenTheRealFillMovesTheStopTheNewStopIsPlacedBeforeTheAttachedOneIsCancelled() {
        exchange.marketPrice = 40_440; // the market gapped 1% up between the decision and the fill
        ExecutedDecision d = enter(Side.LONG);

        // Planned at 40 040: the attached stop 39 439.4. Filled at 40 440: the rulebook's stop 40 440 x 0.985 = 39 833.4,
        // take-profit 40 440 x 1.03 = 41 653.2.
        String entry = journal.exchangeOrders().get(0).clientOid();
        assertThat(d.entry()).isEqualTo(Leg.filled(LOTS, 40_440, LOTS * 0.001 * 40_440 * 0.0006));
        assertThat(exchange.log).containsExactly(
                "place MARKET buy 290 sl 39439.4 ISOLATED", "attach STOP_MARKET sell 290 stop 39439.4 reduce-only ISOLATED",
                "fill " + entry + " 290 @ 40440.0",
                "place STOP_MARKET sell 290 stop 39833.4 reduce-only ISOLATED", "cancel " + entry + "-sl",
                "place LIMIT sell 290 @ 41653.2 reduce-only ISOLATED");
        assertThat(exchange.active(Kind.STOP_MARKET)).singleElement().satisfies(h -> assertThat(h.spec.stopPrice()).isEqualTo(39_833.4));
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::purpose, ExchangeOrder::state, ExchangeOrder::stopPrice).containsExactly(
                tuple(OrderPurpose.ENTRY, OrderState.FILLED, 39_439.4), tuple(OrderPurpose.STOP_LOSS, OrderState.CANCELLED, 39_439.4),
                tuple(OrderPurpose.STOP_LOSS, OrderState.ACCEPTED, 39_833.4), tuple(OrderPurpose.TAKE_PROFIT, OrderState.ACCEPTED, 41_653.2));
        assertThat(executor.state().stopLoss()).isEqualTo(39_833.4);
    }

    @Test
    void anEntryAcceptedWhoseFillConfirmationFailsIsResolvedByLookupBeforeAnyNewOrder() {
        exchange.failOrderReads = 1_000; // accepted, then every read of the order fails
        ExecutedDecision first = enter(Side.LONG);
        assertThat(first.entry().outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(first.entry().reason()).contains("was accepted but its fill could not be confirmed");
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state).containsExactly(OrderState.ACCEPTED);
        assertThat(exchange.quantity).as("it did fill, under the attached stop").isEqualTo(LOTS);

        ExecutedDecision second = executor.onDecision(runner, T + 3_600_000, Side.LONG, false, true, 40_000);
        assertThat(second.entry().outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(second.entry().reason()).startsWith("not sent: the fate of the entry order ").endsWith("is not known yet; nothing new is sent until the exchange shows it");
        assertThat(entriesPlaced()).as("no second entry while the first one's fate is unknown").isEqualTo(1);

        exchange.failOrderReads = 0;
        executor.onPrice(exchange.time, 40_000);
        assertThat(entriesPlaced()).isEqualTo(1);
        assertProtectedAtTheRulebooksLevels(LOTS);
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::purpose, ExchangeOrder::state).containsExactly(
                tuple(OrderPurpose.ENTRY, OrderState.FILLED), tuple(OrderPurpose.STOP_LOSS, OrderState.ACCEPTED),
                tuple(OrderPurpose.TAKE_PROFIT, OrderState.ACCEPTED));
    }

    @Test
    void aMarketOrderWhoseAnswerWasLostIsNeverSentAgainButAdoptedOnceTheExchangeShowsIt() {
        exchange.loseNextAnswer = true;
        exchange.missLookups = 1; // the lookup at once after the lost answer does not see it yet
        ExecutedDecision d = enter(Side.LONG);

        assertThat(d.entry().outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state).containsExactly(OrderState.UNKNOWN);
        executor.onPrice(exchange.time, 40_000);
        assertThat(entriesPlaced()).isEqualTo(1);
        assertProtectedAtTheRulebooksLevels(LOTS);
        assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.ENTRY && e.text().endsWith("had filled: long 290 at 40040"));
    }

    @Test
    void anOrderAnswered5xxBeforeItTookEffectIsProvenAbsentOnlyAtALaterLookAndThenTheNextDecisionTrades() {
        exchange.failNextBeforeEffect = true;
        ExecutedDecision d = enter(Side.LONG);
        assertThat(d.entry().outcome()).as("absent at the first look proves nothing").isEqualTo(Outcome.UNKNOWN);
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state).containsExactly(OrderState.UNKNOWN);

        executor.onPrice(exchange.time, 40_000);
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state).containsExactly(OrderState.NOT_FOUND);
        assertThat(entriesPlaced()).as("it never took effect and was not sent again").isZero();
        assertThat(exchange.quantity).isZero();

        assertThat(enter(Side.LONG).entry()).isEqualTo(Leg.filled(LOTS, FILL, ENTRY_FEE));
        assertThat(entriesPlaced()).isEqualTo(1);
        assertProtectedAtTheRulebooksLevels(LOTS);
    }

    @Test
    void anUnknownEntryIsNotTakenForAbsentWhileTheExchangeHoldsAPositionOnItsSide() {
        exchange.loseNextAnswer = true;
        exchange.missLookups = 4; // the exchange's order lookup lags behind its position: 4 looks miss
        enter(Side.LONG);
        executor.onPrice(exchange.time, 40_000);
        executor.onPrice(exchange.time, 40_000);
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::state).as("still unknown, not NOT_FOUND").containsExactly(OrderState.UNKNOWN);
        assertThat(enter(Side.LONG).entry().reason()).startsWith("not sent: the fate of the entry order");

        executor.onPrice(exchange.time, 40_000);
        assertThat(entriesPlaced()).isEqualTo(1);
        assertProtectedAtTheRulebooksLevels(LOTS);
    }

    @Test
    void aPositionTheJournalDoesNotKnowBlocksEveryNewOrder() {
        exchange.quantity = 7;
        exchange.entryPrice = 39_000;
        ExecutedDecision d = enter(Side.LONG);
        assertThat(d.entry()).isEqualTo(Leg.dropped(
                "not sent: the exchange holds a long position of 7 contracts that the journal does not know; nothing new is sent"));
        assertThat(exchange.placedNotAttached()).isEmpty();
    }

    @Test
    void closeAndKillSwitchOrdersCarryThePositionsMarginMode() {
        enter(Side.LONG);
        executor.onDecision(runner, T + 3_600_000, Side.SHORT, true, false, 40_000);
        assertThat(exchange.placedNotAttached()).extracting(OrderSpec::marginMode).containsOnly("ISOLATED").hasSize(3);
        assertThat(exchange.placedNotAttached().get(2)).satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Kind.MARKET);
            assertThat(o.reduceOnly()).isTrue();
        });

        // A position in cross margin (opened by hand): the kill switch's close must say CROSS or KuCoin answers 330005.
        exchange.quantity = -5;
        exchange.entryPrice = 40_000;
        exchange.marginMode = "CROSS";
        List<String> report = executor.flatten("kill switch");
        assertThat(report).contains("closed 5 contracts at 40040");
        assertThat(exchange.placedNotAttached().get(3)).satisfies(o -> {
            assertThat(o.marginMode()).isEqualTo("CROSS");
            assertThat(o.buy()).isTrue();
            assertThat(o.reduceOnly()).isTrue();
        });
        assertThat(exchange.quantity).isZero();
    }

    @Test
    void aMissingAveragePriceNeverBecomesPriceZero() {
        exchange.omitAveragePrice = true;
        assertThat(enter(Side.LONG).entry()).as("the fills give the price").isEqualTo(Leg.filled(LOTS, FILL, ENTRY_FEE));
        assertThat(journal.openLivePosition(bot.name()).orElseThrow().entryPrice()).isEqualTo(FILL);
    }

    @Test
    void aFillTheHistoryDoesNotShowYetStaysUnknownUntilItShowsAndNeverBooksPriceOrFeeZero() {
        exchange.omitAveragePrice = true;
        exchange.fillsLag = true;
        exchange.recentFillsLag = true;
        ExecutedDecision d = enter(Side.LONG);

        assertThat(d.entry().outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(d.entry().reason()).contains("filled 290 lots at an average price not given but the exchange's fill history shows 0 of them");
        assertThat(journal.openLivePosition(bot.name())).isEmpty();
        assertThat(journal.exchangeOrders().get(0).state()).isEqualTo(OrderState.ACCEPTED);
        assertThat(exchange.active(Kind.STOP_MARKET)).as("protected meanwhile by the attached stop").hasSize(1);

        exchange.publishFills();
        executor.onPrice(exchange.time, 40_000);
        assertEntryBookedAtItsRealFill();
    }

    @Test
    void fillsThatLagAreLookedForAgainAndBookedWithTheirRealFee() {
        exchange.fillsLag = true;
        exchange.recentFillsLag = true;
        int[] pauses = {0};
        exchange.onPause = () -> {
            if (++pauses[0] == 2) exchange.publishFills();
        };
        assertThat(enter(Side.LONG).entry()).isEqualTo(Leg.filled(LOTS, FILL, ENTRY_FEE));
        assertThat(pauses[0]).isEqualTo(2);
    }

    @Test
    void aFillTheHistoryDoesNotShowYetIsReadFromTheRecentFillsAtOnceWithItsRealPriceAndFee() {
        exchange.omitAveragePrice = true;
        exchange.fillsLag = true;
        int[] pauses = {0};
        exchange.onPause = () -> pauses[0]++;

        assertThat(enter(Side.LONG).entry()).isEqualTo(Leg.filled(LOTS, FILL, ENTRY_FEE));
        assertThat(pauses[0]).as("no wait for /fills to catch up").isZero();
        assertEntryBookedAtItsRealFill();
    }

    @Test
    void aRecentFillsReadThatFailsLeavesTheFillUnknownAndNothingElse() {
        exchange.omitAveragePrice = true;
        exchange.fillsLag = true;
        exchange.failRecentFills = true;

        ExecutedDecision d = enter(Side.LONG);
        assertThat(d.entry().outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(journal.openLivePosition(bot.name())).isEmpty();
        assertThat(entriesPlaced()).isEqualTo(1);

        exchange.failRecentFills = false;
        executor.onPrice(exchange.time, 40_000);
        assertThat(journal.exchangeOrders().get(0).fee()).isCloseTo(ENTRY_FEE, within(1e-12));
        assertProtectedAtTheRulebooksLevels(LOTS);
    }

    @Test
    void aStopFillTheHistoryDoesNotShowYetIsBookedFromTheRecentFills() {
        enter(Side.LONG);
        exchange.fillsLag = true;
        exchange.publishFills();
        exchange.moveTo(39_000); // through the stop
        executor.onPrice(exchange.time, 39_000);
        LivePosition closed = journal.livePositions().get(0);
        assertThat(closed.open()).isFalse();
        assertThat(closed.exitReason()).isEqualTo("STOP_LOSS");
        assertThat(closed.exitPrice()).isEqualTo(STOP);
        assertThat(closed.exitFee()).isCloseTo(LOTS * 0.001 * STOP * 0.0006, within(1e-12));
    }

    @Test
    void aStopFilledMoreThanADayAgoIsNotInTheRecentFillsAndWaitsForTheHistory() {
        enter(Side.LONG);
        exchange.fillsLag = true;
        exchange.publishFills();
        exchange.moveTo(39_000); // through the stop, while the bot is down
        exchange.time += 25 * 3_600_000L;
        assertThat(exchange.recentFills()).as("KuCoin's recent fills are the last 24 hours'").isEmpty();

        executor.onPrice(exchange.time, 39_000);
        assertThat(journal.openLivePosition(bot.name())).as("not booked while no history shows its fill").isPresent();
        exchange.publishFills();
        executor.onPrice(exchange.time, 39_000);
        assertThat(journal.livePositions().get(0).exitPrice()).isEqualTo(STOP);
    }

    @Test
    void aFillTheExchangeMatchesLateIsAwaitedAndOneThatNeverComesIsCancelledWithItsAttachedStop() {
        exchange.holdFills = true;
        exchange.onPause = exchange::matchHeld;
        assertThat(enter(Side.LONG).entry()).isEqualTo(Leg.filled(LOTS, FILL, ENTRY_FEE));
        executor.flatten("reset");

        exchange.onPause = () -> { };
        ExecutedDecision never = executor.onDecision(runner, T + 7_200_000, Side.LONG, false, true, 40_000);
        assertThat(never.entry()).isEqualTo(Leg.dropped("the entry was cancelled unfilled"));
        assertThat(exchange.quantity).isZero();
        assertThat(exchange.active(Kind.STOP_MARKET)).as("the stop attached to the unfilled entry went with it").isEmpty();
        assertThat(journal.exchangeOrders()).filteredOn(o -> o.purpose() == OrderPurpose.ENTRY).extracting(ExchangeOrder::state)
                .containsExactly(OrderState.FILLED, OrderState.CANCELLED);
    }

    @Test
    void aPartialFillOpensAndProtectsWhatFilled() {
        exchange.partialFill = 100;
        assertThat(enter(Side.LONG).entry()).isEqualTo(Leg.filled(100, FILL, 100 * 0.001 * FILL * 0.0006));
        assertProtectedAtTheRulebooksLevels(100);
    }

    @Test
    void aPositionWhoseStopLossCannotBePlacedIsClosedRatherThanLeftUnprotected() {
        exchange.dropAttachedStops = true;
        exchange.refuseStops = true;
        exchange.checkMarginMode = true;
        List<String> stopViolations = exchange.violations;
        ExecutedDecision d = enter(Side.LONG);

        assertThat(d.entry().filled()).isTrue();
        assertThat(exchange.quantity).isZero();
        assertThat(journal.livePositions()).singleElement().satisfies(p -> assertThat(p.exitReason()).isEqualTo("UNPROTECTED"));
        assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.ERROR
                && e.text().equals("could not place the stop-loss after 3 attempts: closing the position rather than leave it unprotected"));
        stopViolations.clear(); // the refused stops are the test's point
    }

    @Test
    void anExitTheExchangeMadeIsRecordedFromItsOwnFillOnlyOnceThatFillShows() {
        enter(Side.LONG);
        exchange.fillsLag = true;
        exchange.recentFillsLag = true;
        exchange.publishFills();
        exchange.moveTo(39_000); // through the stop
        assertThat(exchange.quantity).isZero();

        executor.onPrice(exchange.time, 39_000);
        assertThat(journal.openLivePosition(bot.name())).as("not booked while its fill is not shown").isPresent();
        exchange.publishFills();
        executor.onPrice(exchange.time, 39_000);
        LivePosition closed = journal.livePositions().get(0);
        assertThat(closed.open()).isFalse();
        assertThat(closed.exitReason()).isEqualTo("STOP_LOSS");
        assertThat(closed.exitPrice()).isEqualTo(STOP);
        assertThat(closed.exitFee()).isCloseTo(LOTS * 0.001 * STOP * 0.0006, within(1e-12));
        assertThat(exchange.active(Kind.LIMIT)).as("the take-profit went with the position").isEmpty();
    }

    @Test
    void aRestartResolvesAnEntryWrittenButUnansweredAndProtectsThePositionItOpened() {
        exchange.loseNextAnswer = true;
        exchange.missLookups = 1;
        enter(Side.LONG);
        // the process dies here; a new one reconciles
        LiveExecutor restarted = newExecutor();
        List<String> report = restarted.reconcile();
        assertThat(report.get(0)).contains("was found on the exchange: filled 290 at 40040");
        assertThat(report.get(1)).isEqualTo("the position long 290 at 40040 is protected on the exchange (stop-loss 39439.4, take-profit 41241.2)");
        assertThat(entriesPlaced()).isEqualTo(1);
        assertProtectedAtTheRulebooksLevels(LOTS);
    }

    @Test
    void aProcessKilledBeforeItTookOverTheAttachedStopTakesItOverOnRestartInsteadOfPlacingASecond() {
        exchange.crashAt = "stop list";
        assertThatThrownByCrash(() -> enter(Side.LONG));
        assertThat(journal.openLivePosition(bot.name())).as("the fill was journalled before the crash").isPresent();

        List<String> report = newExecutor().reconcile();
        assertThat(report).singleElement().asString().startsWith("the position long 290 at 40040 lacked its take-profit; placed at 39439.4 / 41241.2");
        assertThat(exchange.active(Kind.STOP_MARKET)).as("the attached stop, not a second one").hasSize(1);
        assertProtectedAtTheRulebooksLevels(LOTS);
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::clientOid)
                .containsExactlyElementsOf(exchange.orders.values().stream().map(h -> h.spec.clientOid()).toList());
    }

    @Test
    void aProcessKilledBetweenTheNewStopAndTheAttachedOnesCancelLeavesTwoStopsAndTheRestartCancelsTheOlder() {
        exchange.marketPrice = 40_440;
        exchange.crashAt = "cancel";
        assertThatThrownByCrash(() -> enter(Side.LONG));
        assertThat(exchange.active(Kind.STOP_MARKET)).hasSize(2);

        List<String> report = newExecutor().reconcile();
        assertThat(report).contains("cancelled 1 older protective order(s) left by an interrupted replacement");
        assertThat(exchange.active(Kind.STOP_MARKET)).singleElement().satisfies(h -> assertThat(h.spec.stopPrice()).isEqualTo(39_833.4));
        assertThat(exchange.active(Kind.LIMIT)).singleElement().satisfies(h -> assertThat(h.spec.price()).isEqualTo(41_653.2));
    }

    @Test
    void aProcessKilledBeforeTheTakeProfitsAnswerFindsItOnRestartAndPlacesNoSecond() {
        exchange.crashAt = "limit placed";
        assertThatThrownByCrash(() -> enter(Side.LONG));
        assertThat(journal.exchangeOrders()).extracting(ExchangeOrder::purpose, ExchangeOrder::state).containsExactly(
                tuple(OrderPurpose.ENTRY, OrderState.FILLED), tuple(OrderPurpose.STOP_LOSS, OrderState.ACCEPTED),
                tuple(OrderPurpose.TAKE_PROFIT, OrderState.INTENT));

        List<String> report = newExecutor().reconcile();
        assertThat(report.get(0)).contains("take-profit order").endsWith("was found on the exchange: open on the exchange");
        assertThat(report.get(1)).startsWith("the position long 290 at 40040 is protected on the exchange");
        assertProtectedAtTheRulebooksLevels(LOTS);
    }

    @Test
    void aCloseThatFillsInPartIsJournalledAsThatPartAndTheRestKeepsItsStopsUntilTheNextExit() {
        enter(Side.LONG);
        exchange.partialFill = 100;
        exchange.marketPrice = 40_100;
        ExecutedDecision d = executor.onDecision(runner, T + 3_600_000, Side.SHORT, true, false, 40_100);

        double exitFee = 100 * 0.001 * 40_100 * 0.0006;
        assertThat(d.exit()).isEqualTo(Leg.filled(100, 40_100, exitFee));
        assertThat(exchange.quantity).isEqualTo(190);
        assertThat(exchange.active(Kind.STOP_MARKET)).as("the rest is not left naked").hasSize(1);
        assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.ERROR && e.text().equals("the closing order filled 100 of 290 contracts;"
                + " the other 190 stay open with their stop-loss and take-profit on the exchange, and the next exit signal or the kill switch closes them"));
        List<LivePosition> rows = journal.livePositions();
        assertThat(rows).extracting(LivePosition::contracts, LivePosition::open).containsExactly(tuple(100L, false), tuple(190L, true));
        LivePosition part = rows.get(0);
        assertThat(part.entryFee()).isCloseTo(ENTRY_FEE * 100 / 290, within(1e-12));
        assertThat(part.exitPrice()).isEqualTo(40_100.0);
        assertThat(part.grossPnl()).isCloseTo(6.0, within(1e-9));                       // (40,100 − 40,040) × 100 × 0.001
        assertThat(part.netPnl()).isCloseTo(6.0 - ENTRY_FEE * 100 / 290 - exitFee, within(1e-9));
        assertThat(rows.get(1).entryClientOid()).isEqualTo(part.entryClientOid());
        assertThat(rows.get(1).entryFee() + part.entryFee()).isCloseTo(ENTRY_FEE, within(1e-12));
        assertThat(executor.openPosition()).contains(rows.get(1));

        assertThat(enter(Side.LONG).entry().reason()).as("nothing new is added to the rest")
                .isEqualTo("not sent: the position long 190 at 40040 is still open on the exchange");
        ExecutedDecision rest = executor.onDecision(runner, T + 7_200_000, Side.SHORT, true, false, 40_100);
        assertThat(rest.exit()).isEqualTo(Leg.filled(190, 40_100, 190 * 0.001 * 40_100 * 0.0006));
        assertThat(journal.livePositions()).extracting(LivePosition::contracts, LivePosition::open, LivePosition::exitReason)
                .containsExactly(tuple(100L, false, "SIGNAL"), tuple(190L, false, "SIGNAL"));
        assertThat(journal.livePositions().stream().mapToDouble(LivePosition::netPnl).sum()).as("the two parts are the whole round trip")
                .isCloseTo(17.4 - ENTRY_FEE - 290 * 0.001 * 40_100 * 0.0006, within(1e-9));
        assertThat(exchange.active(Kind.STOP_MARKET)).isEmpty();
        assertThat(exchange.active(Kind.LIMIT)).isEmpty();
    }

    @Test
    void anEntryTheExchangesTiersWouldLiquidateBeforeItsStopIsNotSent() {
        // Here positions above 10,000 USDT need 19% maintenance margin: at 5x the long of 290 lots at 40,040 (11,612 USDT)
        // would be liquidated at 40,040 x (1 - 1/5 + 0.19) = 39,639.6, before its stop-loss at 39,439.4 could fire.
        exchange.riskLimits = java.util.Optional.of(new io.gpubot.core.market.RiskLimitTiers("XBTUSDTM", List.of(
                new io.gpubot.core.market.RiskLimitTier(1, 0, 10_000, 125, 0.008, 0.004),
                new io.gpubot.core.market.RiskLimitTier(2, 10_000, 1_000_000, 5, 0.2, 0.19))));
        executor.reconcile();
        ExecutedDecision refused = enter(Side.LONG);

        assertThat(refused.entry().outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(refused.entry().reason()).contains("stop-loss 39439.4 lies beyond the liquidation price 39639.6");
        assertThat(exchange.orders).as("nothing sent").isEmpty();
        assertThat(exchange.quantity).isZero();
    }

    @Test
    void theKillSwitchClosesWhatAThinBookLeftAndOnlyThenCancelsTheStops() {
        enter(Side.LONG);
        exchange.partialFill = 200;
        List<String> report = executor.flatten("kill switch");

        assertThat(report).containsSubsequence("closed 200 contracts at 40040", "closed 90 contracts at 40040", "cancelled 0 other order(s)");
        assertThat(exchange.quantity).isZero();
        assertThat(journal.livePositions()).extracting(LivePosition::contracts, LivePosition::open).containsExactly(tuple(200L, false),
                tuple(90L, false));
        assertThat(exchange.active(Kind.STOP_MARKET)).isEmpty();
        assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.ERROR && e.text().equals("the closing order filled 200 of 290 contracts;"
                + " the other 90 stay open with their stop-loss and take-profit on the exchange, and the kill switch sends another closing"
                + " order for them (three in all at most)"));
    }

    @Test
    void aKillSwitchWhoseCloseIsRefusedLeavesThePositionWithItsStops() {
        enter(Side.LONG);
        exchange.refuseNext = "300000";
        List<String> report = executor.flatten("kill switch");

        assertThat(exchange.quantity).isEqualTo(LOTS);
        assertThat(report).anyMatch(line -> line.startsWith("the closing order was not executed"));
        assertThat(report).contains("290 contracts are still open on the exchange and keep their stop-loss and take-profit: flatten again,"
                + " or close them on the exchange");
        assertProtectedAtTheRulebooksLevels(LOTS);
    }

    @Test
    void aTakeProfitFilledInPartIsBookedAsThatPartAndTheRestAtItsLastFill() {
        enter(Side.LONG);
        exchange.fillTakeProfitInPart(90);
        executor.syncWithExchange();

        assertThat(journal.livePositions()).extracting(LivePosition::contracts, LivePosition::open, LivePosition::exitReason)
                .containsExactly(tuple(90L, false, "TAKE_PROFIT"), tuple(200L, true, null));
        LivePosition part = journal.livePositions().get(0);
        assertThat(part.exitPrice()).isEqualTo(TAKE);
        assertThat(part.exitFee()).isCloseTo(90 * 0.001 * TAKE * 0.0002, within(1e-12));
        assertThat(part.grossPnl()).isCloseTo((TAKE - FILL) * 0.09, within(1e-9));
        assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.EXIT && e.text().startsWith("90 of long 290 at 40040 closed by TAKE_PROFIT at 41241.2"));
        assertThat(exchange.active(Kind.STOP_MARKET)).as("the rest keeps its stop").hasSize(1);
        executor.syncWithExchange();
        assertThat(journal.livePositions()).as("booked once").hasSize(2);

        exchange.moveTo(TAKE + 10);                         // the take-profit fills the rest
        executor.syncWithExchange();
        assertThat(journal.livePositions()).extracting(LivePosition::contracts, LivePosition::open, LivePosition::exitReason)
                .containsExactly(tuple(90L, false, "TAKE_PROFIT"), tuple(200L, false, "TAKE_PROFIT"));
        LivePosition rest = journal.livePositions().get(1);
        assertThat(rest.exitFee()).as("only the rest's share of the order's fee").isCloseTo(200 * 0.001 * TAKE * 0.0002, within(1e-9));
        assertThat(rest.grossPnl()).isCloseTo((TAKE - FILL) * 0.2, within(1e-9));
        assertThat(exchange.active(Kind.STOP_MARKET)).isEmpty();
    }

    @Test
    void aPartClosedByHandIsBookedFromItsFillOrAtAnUnknownPriceWhenTheFillsDoNotShowIt() {
        enter(Side.LONG);
        exchange.closeByHand(50, 40_100);
        executor.syncWithExchange();
        LivePosition part = journal.livePositions().get(0);
        assertThat(part.contracts()).isEqualTo(50);
        assertThat(part.exitReason()).isEqualTo("CLOSED_ON_EXCHANGE");
        assertThat(part.exitPrice()).isEqualTo(40_100.0);
        assertThat(part.exitFee()).isCloseTo(50 * 0.001 * 40_100 * 0.0006, within(1e-12));
        assertThat(journal.openLivePosition(bot.name()).orElseThrow().contracts()).isEqualTo(240);

        exchange.publishFills();
        exchange.fillsLag = true;                           // /api/v1/fills lags: the recent fills show the part
        exchange.closeByHand(40, 40_200);
        executor.syncWithExchange();
        LivePosition recent = journal.livePositions().get(1);
        assertThat(recent.contracts()).isEqualTo(40);
        assertThat(recent.exitPrice()).isEqualTo(40_200.0);
        assertThat(recent.exitFee()).isCloseTo(40 * 0.001 * 40_200 * 0.0006, within(1e-12));

        exchange.recentFillsLag = true;                     // neither history shows the next part
        exchange.closeByHand(30, 40_300);
        executor.syncWithExchange();
        LivePosition unknown = journal.livePositions().get(2);
        assertThat(unknown.contracts()).isEqualTo(30);
        assertThat(unknown.exitPrice()).as("never a price it did not see").isNaN();
        assertThat(journal.openLivePosition(bot.name()).orElseThrow().contracts()).isEqualTo(170);
        assertThat(events).anyMatch(e -> e.text().equals("30 of long 200 at 40040 closed on the exchange by something other than our orders;"
                + " exit price unknown; 170 stay open"));
    }

    @Test
    void aCloseByHandThatFillsDoNotShowYetIsBookedFromTheRecentFills() {
        enter(Side.LONG);
        exchange.publishFills();
        exchange.fillsLag = true;
        exchange.closeByHand(LOTS, 40_100);
        executor.syncWithExchange();
        LivePosition closed = journal.livePositions().get(0);
        assertThat(closed.open()).isFalse();
        assertThat(closed.exitReason()).isEqualTo("CLOSED_ON_EXCHANGE");
        assertThat(closed.exitPrice()).isEqualTo(40_100.0);
        assertThat(closed.exitFee()).isCloseTo(LOTS * 0.001 * 40_100 * 0.0006, within(1e-12));
    }

    @Test
    void aCloseFilledInPartWhoseAnswerWasLostIsBookedAsThatPartOnRestart() {
        enter(Side.LONG);
        exchange.partialFill = 120;
        exchange.loseNextAnswer = true;
        exchange.missLookups = 1; // the lookup at once after the lost answer does not see it yet
        ExecutedDecision d = executor.onDecision(runner, T + 3_600_000, Side.SHORT, true, false, 40_000);
        assertThat(d.exit().outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(journal.openLivePosition(bot.name()).orElseThrow().contracts()).as("not guessed").isEqualTo(290);

        executor = newExecutor();                           // the process restarts
        List<String> report = executor.reconcile();
        assertThat(report.get(0)).contains("was found on the exchange: filled 120");
        assertThat(journal.livePositions()).extracting(LivePosition::contracts, LivePosition::open).containsExactly(tuple(120L, false),
                tuple(170L, true));
        assertThat(report).noneMatch(line -> line.contains("CLOSED_ON_EXCHANGE")).as("the part is booked once, as our order");
        assertThat(exchange.active(Kind.STOP_MARKET)).hasSize(1);
    }

    /** A market close of the whole 290 that matched three resting orders: 100 at 40,100, 150 at 40,080, 40 at 40,050. */
    private static final long[] PIECES = {100, 150, 40};
    private static final double[] PIECE_PRICES = {40_100, 40_080, 40_050};
    /** Their volume-weighted average: 11,624,000 / 290. */
    private static final double PIECES_VWAP = (100 * 40_100.0 + 150 * 40_080.0 + 40 * 40_050.0) / 290;
    /** Their taker fees, 0.0006 × contracts × 0.001 × price each: 2.406 + 3.6072 + 0.9612. */
    private static final double PIECES_FEE = 6.9744;

    /** The whole position booked closed by hand at the pieces' average, with all their fees: net 12.4 − 6.96696 − 6.9744. */
    private void assertBookedAtThePiecesAverage() {
        assertThat(journal.openLivePosition(bot.name())).isEmpty();
        LivePosition closed = journal.livePositions().get(0);
        assertThat(closed.contracts()).isEqualTo(LOTS);
        assertThat(closed.exitReason()).isEqualTo("CLOSED_ON_EXCHANGE");
        assertThat(closed.exitPrice()).isCloseTo(PIECES_VWAP, within(1e-9));
        assertThat(closed.exitFee()).isCloseTo(PIECES_FEE, within(1e-9));
        // gross (11,624,000 − 290 × 40,040) × 0.001 = 12.4 USDT
        assertThat(closed.grossPnl()).isCloseTo(12.4, within(1e-9));
        assertThat(closed.netPnl()).isCloseTo(12.4 - ENTRY_FEE - PIECES_FEE, within(1e-9));
        assertThat(closed.netPnl()).isCloseTo(-1.54136, within(1e-9));
        assertThat(exchange.active(Kind.STOP_MARKET)).isEmpty();
        assertThat(exchange.active(Kind.LIMIT)).isEmpty();
    }

    @Test
    void aCloseByHandInSeveralFillsIsBookedAtTheirAveragePriceWithAllTheirFees() {
        enter(Side.LONG);
        exchange.closeInFills(PIECES, PIECE_PRICES, false);
        executor.syncWithExchange();
        assertBookedAtThePiecesAverage();
        assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.EXIT
                && e.text().equals("long 290 at 40040 closed by CLOSED_ON_EXCHANGE at 40082.7586207: net PnL -1.5414 USDT (exit fee 6.9744)"));
    }

    @Test
    void aCloseByHandInSeveralFillsTheHistoryDoesNotShowYetIsBookedFromAllTheRecentFills() {
        enter(Side.LONG);
        exchange.publishFills();
        exchange.fillsLag = true;                           // /api/v1/fills shows none of the pieces
        exchange.closeInFills(PIECES, PIECE_PRICES, false);
        executor.syncWithExchange();
        assertBookedAtThePiecesAverage();
    }

    @Test
    void aCloseWhoseFillsShowOnlyPartOfThePositionWaitsForTheRestAndIsThenBookedWhole() {
        enter(Side.LONG);
        exchange.publishFills();
        exchange.fillsLag = true;
        exchange.recentFillsLag = true;
        exchange.closeInFills(PIECES, PIECE_PRICES, false);
        exchange.publishFillsBut(1);                        // 100 and 150 show, the 40 at 40,050 not yet
        List<String> report = executor.reconcile();
        assertThat(report).contains("the position long 290 at 40040 was closed on the exchange meanwhile: the fills show 250 of its 290"
                + " contracts closed so far; booked when they show all");
        assertThat(journal.openLivePosition(bot.name())).as("never booked at a part's price").isPresent();
        executor.onPrice(exchange.time, 40_050);
        assertThat(journal.openLivePosition(bot.name())).isPresent();
        ExecutedDecision d = executor.onDecision(runner, T + 3_600_000, Side.LONG, false, true, 40_000);
        assertThat(d.entry().outcome()).as("nothing new while the exit is not booked").isEqualTo(Outcome.DROPPED);

        exchange.publishFills();
        executor.syncWithExchange();
        assertBookedAtThePiecesAverage();
        assertThat(journal.livePositions()).as("booked once, whole").hasSize(1);
    }

    @Test
    void whatIsLeftAfterAPartClosedByHandIsBookedFromTheFillsOfItsOwnClose() {
        enter(Side.LONG);
        exchange.closeByHand(50, 40_100);                   // booked as a part, 240 stay open
        executor.syncWithExchange();
        exchange.closeInFills(new long[] {100, 140}, new double[] {40_080, 40_060}, false);
        executor.syncWithExchange();
        LivePosition rest = journal.livePositions().get(1);
        assertThat(rest.contracts()).isEqualTo(240);
        assertThat(rest.open()).isFalse();
        // (100 × 40,080 + 140 × 40,060) / 240 = 9,616,400 / 240; fees 2.4048 + 3.36504; gross (9,616,400 − 240 × 40,040) × 0.001 = 6.8
        assertThat(rest.exitPrice()).isCloseTo(9_616_400.0 / 240, within(1e-9));
        assertThat(rest.exitFee()).isCloseTo(5.76984, within(1e-9));
        assertThat(rest.grossPnl()).isCloseTo(6.8, within(1e-9));
        assertThat(rest.netPnl()).isCloseTo(6.8 - ENTRY_FEE * 240 / 290 - 5.76984, within(1e-9));
    }

    @Test
    void aLiquidationInSeveralFillsLosesTheMarginAndIsBookedAtTheirAveragePrice() {
        enter(Side.LONG);
        exchange.closeInFills(new long[] {200, 90}, new double[] {32_200, 32_150}, true);
        executor.syncWithExchange();
        LivePosition closed = journal.livePositions().get(0);
        assertThat(closed.open()).isFalse();
        assertThat(closed.exitReason()).isEqualTo("LIQUIDATION");
        assertThat(closed.exitPrice()).isCloseTo((200 * 32_200.0 + 90 * 32_150.0) / 290, within(1e-9));
        // the isolated margin, 290 × 0.001 × 40,040 / 5 = 2,322.32 USDT, is lost
        assertThat(closed.grossPnl()).isCloseTo(-2_322.32, within(1e-9));
        assertThat(closed.netPnl()).isCloseTo(-2_322.32 - ENTRY_FEE, within(1e-9));
    }

    private static void assertThatThrownByCrash(Runnable r) {
        org.assertj.core.api.Assertions.assertThatThrownBy(r::run).isInstanceOf(LiveTestMarket.Crash.class);
    }
}
