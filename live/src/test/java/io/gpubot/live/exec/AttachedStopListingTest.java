package io.gpubot.live.exec;

import io.gpubot.core.trade.Side;
import io.gpubot.live.ExecutedDecision;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.Journal.OrderState;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.exec.ExchangePort.Kind;
import io.gpubot.live.exec.ExchangePort.OrderSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * KuCoin does not document how the stop attached by {@code /api/v1/st-orders} is listed afterwards, nor that a
 * reduce-only order goes with its position (sandbox/README.md, "Attached stops"). Over the fake, both ways, the
 * executor keeps three invariants: (i) an open position rests with one stop-loss; (ii) before an entry, while
 * flat, no reduce-only order of the contract rests; (iii) after a close, no reduce-only order of the closed
 * position rests. Numbers as in {@link ExecutorFailurePathsTest}: decided at 40 000, planned fill 40 040, 290
 * contracts, attached stop 39 439.4, take-profit 41 241.2.
 */
class AttachedStopListingTest extends OverTheFakeExchange {

    private List<Double> visibleStopLevels() {
        return exchange.activeStopOrders().stream().map(ExchangePort.OrderReport::stopPrice).toList();
    }

    private List<String> warnings() {
        return events.stream().filter(e -> e.kind() == SessionEvent.Kind.WARNING).map(SessionEvent::text).toList();
    }

    @Test
    void anAttachedStopListedOnlyLaterIsCancelledAsTheSecondStopKeepingTheOneAtTheRulesLevel() {
        exchange.attachedStopsUnlisted = true;
        exchange.marketPrice = 40_440; // filled 1% above the plan: the rule's stop is 40 440 x 0.985 = 39 833.4
        assertThat(enter(Side.LONG).entry().filled()).isTrue();

        // (i) the attached stop is not seen, so ours is placed: one stop in the list, the attached one resting unseen
        assertThat(visibleStopLevels()).containsExactly(39_833.4);
        assertThat(exchange.active(Kind.STOP_MARKET)).extracting(h -> h.spec.stopPrice(), h -> h.attachedStop)
                .containsExactly(tuple(STOP, true), tuple(39_833.4, false));

        exchange.attachedStopsUnlisted = false; // now the list shows it
        executor.onPrice(exchange.time, 40_440);

        assertThat(exchange.active(Kind.STOP_MARKET)).extracting(h -> h.spec.stopPrice(), h -> h.attachedStop)
                .containsExactly(tuple(39_833.4, false));
        String entry = journal.exchangeOrders().get(0).clientOid();
        assertThat(exchange.log).endsWith("cancel " + entry + "-sl");
        assertThat(warnings()).containsExactly("two stop-losses rested on the position: cancelled the one at 39439.4;"
                + " the one at 39833.4 (nearest the rule's level 39833.4) stays");
        assertThat(executor.state().stopLoss()).isEqualTo(39_833.4);
    }

    @Test
    void anAttachedStopThatLeavesTheListAndComesBackIsMadeOneWithTheStopPlacedMeanwhile() {
        assertThat(enter(Side.LONG).entry().filled()).isTrue();
        String attached = journal.exchangeOrders().get(0).clientOid() + "-sl";
        assertThat(journal.exchangeOrder(attached)).get().extracting(ExchangeOrder::state).isEqualTo(OrderState.ACCEPTED);

        // a restart while the list does not show it: the position lacks a stop as far as can be seen, so one is placed
        exchange.attachedStopsUnlisted = true;
        executor = newExecutor();
        assertThat(executor.reconcile()).singleElement().asString().startsWith("the position long 290 at 40040 lacked its stop-loss");
        assertThat(visibleStopLevels()).containsExactly(STOP);
        assertThat(exchange.active(Kind.STOP_MARKET)).hasSize(2);

        exchange.attachedStopsUnlisted = false;
        executor.onPrice(exchange.time, 40_040);

        // both at the rule's level: the current leg (placed at the restart) stays, the attached one goes
        assertThat(exchange.active(Kind.STOP_MARKET)).extracting(h -> h.spec.stopPrice(), h -> h.attachedStop).containsExactly(tuple(STOP, false));
        assertThat(journal.exchangeOrder(attached)).get().extracting(ExchangeOrder::state, ExchangeOrder::message)
                .containsExactly(OrderState.CANCELLED, "a second stop-loss");
        assertThat(journal.exchangeOrders()).filteredOn(o -> o.purpose() == OrderPurpose.STOP_LOSS && o.state() == OrderState.ACCEPTED).singleElement()
                .satisfies(o -> assertThat(o.exchangeOrderId()).isEqualTo(exchange.active(Kind.STOP_MARKET).get(0).id));
    }

    @Test
    void reduceOnlyOrdersRestingWhileFlatAreCancelledBeforeTheEntryIsSent() {
        // left by an earlier session or by hand: a stop and a take-profit of a position that no longer exists
        exchange.place(new OrderSpec("left-stop", false, Kind.STOP_MARKET, 100, 5, Double.NaN, 39_000, true, "ISOLATED", Double.NaN));
        exchange.place(new OrderSpec("left-take", false, Kind.LIMIT, 100, 5, 42_000, Double.NaN, true, "ISOLATED", Double.NaN));
        exchange.log.clear();

        assertThat(enter(Side.LONG).entry().filled()).isTrue();

        assertThat(exchange.log.subList(0, 3)).containsExactly("cancel left-stop", "cancel left-take", "place MARKET buy 290 sl 39439.4 ISOLATED");
        String said = "before the entry, cancelled what rested while flat, 2 order(s): stop sell 100 at 39000 (1), limit sell 100 at 42000 (2)";
        assertThat(warnings()).containsExactly(said);
        assertThat(journal.errorCount()).as("journalled once").isEqualTo(1);
        assertThat(exchange.activeReduceOnly()).extracting(h -> h.spec.kind(), h -> h.spec.size())
                .containsExactly(tuple(Kind.STOP_MARKET, LOTS), tuple(Kind.LIMIT, LOTS));
    }

    @Test
    void aStopNeitherListedNorCancelledWithItsPositionIsGoneAfterTheCloseSoItCannotCloseTheNextPosition() {
        exchange.attachedStopsUnlisted = true;
        exchange.reduceOnlyOutlivesPosition = true;
        enter(Side.LONG);
        assertThat(exchange.activeReduceOnly()).as("ours, the unlisted attached one and the take-profit").hasSize(3);

        exchange.moveTo(41_300); // through the take-profit
        assertThat(exchange.quantity).isZero();
        assertThat(exchange.activeReduceOnly()).as("the fake keeps them, as an exchange might").hasSize(2);
        executor.onPrice(exchange.time, 41_300);

        // (iii) the close is recorded, ours cancelled by id, the unlisted one with the contract's cancel-all
        assertThat(journal.livePositions()).singleElement().satisfies(p -> assertThat(p.exitReason()).isEqualTo("TAKE_PROFIT"));
        assertThat(exchange.activeReduceOnly()).isEmpty();
        assertThat(warnings()).containsExactly("after the close, cancelled what still rested, 1 order(s):"
                + " 1 by cancelling every order of the contract (a stop may rest unlisted)");

        // (ii) the next long, lower down (its stop 39 000 x 0.985 = 38 415), is not cut by the old stop at 39 439.4
        exchange.marketPrice = 39_000;
        ExecutedDecision next = executor.onDecision(runner, T + 3_600_000, Side.LONG, false, true, 38_960);
        assertThat(next.entry().filled()).isTrue();
        exchange.moveTo(39_400);
        assertThat(exchange.quantity).isEqualTo(next.entry().contracts());
    }

    @Test
    void anExitBySignalLeavesNoReduceOnlyOrderOfThePositionResting() {
        exchange.attachedStopsUnlisted = true;
        exchange.reduceOnlyOutlivesPosition = true;
        enter(Side.LONG);

        ExecutedDecision d = executor.onDecision(runner, T + 3_600_000, Side.SHORT, true, false, 40_000);

        assertThat(d.exit().filled()).isTrue();
        assertThat(exchange.quantity).isZero();
        assertThat(exchange.activeReduceOnly()).isEmpty();
    }

    @Test
    void whereTheAttachedStopIsListedNothingIsCancelledWholesaleAfterTheFirstEntry() {
        enter(Side.LONG);
        exchange.moveTo(41_300);
        executor.onPrice(exchange.time, 41_300);
        int before = exchange.log.size();

        enter(Side.LONG);

        assertThat(exchange.log.get(before)).as("straight to the entry: nothing rested").startsWith("place MARKET buy");
        assertThat(warnings()).isEmpty();
        assertThat(exchange.active(Kind.STOP_MARKET)).singleElement().satisfies(h -> assertThat(h.attachedStop).isTrue());
    }
}
