package io.gpubot.live;

import io.gpubot.core.market.Contracts;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Position;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Sizing;
import io.gpubot.core.trade.SizingMethod;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.TradingPlan;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.ModelCorrection.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rules by which a live model follows the account, case by case (XBTUSDTM, 10x). */
class AccountFollowerTest {

    static final TradingPlan PLAN = new TradingPlan(Contracts.get("XBTUSDTM"), 10, ExitLevels.fractions(0.02, 0.01),
            new Sizing(SizingMethod.FIXED_NOTIONAL, 10_000));
    static final long BAR = 1_704_067_200_000L;

    static LivePosition open(Side side, long contracts, double price) {
        return new LivePosition(1, "b", side, contracts, BAR, price, 4.806, "oid", 40_851, 39_649.5, 36_205.2, true, 0, Double.NaN, 0, 0, 0, null);
    }

    static LivePosition closed(Side side, long contracts, double price, double exitPrice, double exitFee, double gross, String reason) {
        return new LivePosition(1, "b", side, contracts, BAR, price, 4.806, "oid", 40_851, 39_649.5, 36_205.2, false, BAR + 1, exitPrice, exitFee,
                gross, gross - 4.806 - exitFee, reason);
    }

    static Position model(Side side, long contracts, double price) {
        return new Position(side, BAR, price, price, contracts, 801, 40_851, 39_649.5, 36_205.2, 4.806, false);
    }

    @Test
    void aFilledDecisionIsBookedAtItsFillsAndWhatWasNotExecutedIsDropped() {
        var both = AccountFollower.booking("b", BAR, new ExecutedDecision(ExecutedDecision.Leg.filled(200, 40_090, 4.81),
                ExecutedDecision.Leg.filled(150, 40_080, 3.6)));
        assertThat(both).extracting(ModelCorrection::kind).containsExactly(Kind.EXIT_FILLED, Kind.ENTRY_FILLED);
        assertThat(both.get(1).fill().contracts()).isEqualTo(150);
        assertThat(both.get(1).fill().price()).isEqualTo(40_080.0);

        var refused = AccountFollower.booking("b", BAR, new ExecutedDecision(ExecutedDecision.Leg.NONE,
                ExecutedDecision.Leg.dropped("insufficient balance")));
        assertThat(refused).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.ENTRY_DROPPED);
            assertThat(c.reason()).isEqualTo("entry not booked: insufficient balance");
        });
        var unknown = AccountFollower.booking("b", BAR, new ExecutedDecision(ExecutedDecision.Leg.NONE, ExecutedDecision.Leg.unknown("no answer")));
        assertThat(unknown).extracting(ModelCorrection::kind).as("never book an unconfirmed fill").containsExactly(Kind.ENTRY_DROPPED);

        var exitFailed = AccountFollower.booking("b", BAR, new ExecutedDecision(ExecutedDecision.Leg.unknown("no answer"),
                ExecutedDecision.Leg.dropped("the position could not be closed")));
        assertThat(exitFailed).extracting(ModelCorrection::kind).as("the position stays; the whole decision goes").containsExactly(Kind.ORDER_DROPPED);
        assertThat(AccountFollower.booking("b", BAR, null)).isEmpty();
        assertThat(AccountFollower.booking("b", BAR, ExecutedDecision.NOTHING)).isEmpty();
    }

    @Test
    void theSamePositionOnBothSidesNeedsNothing() {
        assertThat(AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 200, 40_050), null, open(Side.LONG, 200, 40_050), List.of())).isEmpty();
        assertThat(AccountFollower.corrections("b", BAR, PLAN, null, null, null, List.of())).isEmpty();
    }

    @Test
    void aPositionTheModelDoesNotHoldIsTakenOverWithItsMargin() {
        ModelCorrection c = AccountFollower.corrections("b", BAR, PLAN, null, null, open(Side.LONG, 200, 40_050), List.of()).get(0);
        assertThat(c.kind()).isEqualTo(Kind.POSITION_ADOPTED);
        Position p = c.position(BAR);
        assertThat(p.side()).isEqualTo(Side.LONG);
        assertThat(p.contracts()).isEqualTo(200);
        assertThat(p.entryPrice()).isEqualTo(40_050.0);
        assertThat(p.entryFee()).isEqualTo(4.806);
        assertThat(p.margin()).isEqualTo(801.0);               // 200 × 0.001 × 40,050 / 10
        assertThat(p.stopLoss()).isEqualTo(39_649.5);
        assertThat(c.reason()).isEqualTo("the account holds long 200 at 40050 that the model did not hold; the model takes it over");

        ModelCorrection partial = AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 249, 40_040), null, open(Side.LONG, 200, 40_050),
                List.of()).get(0);
        assertThat(partial.reason()).isEqualTo("the account holds long 200 at 40050 where the model held long 249 at 40040; the model takes it over");
    }

    @Test
    void aCloseOnTheExchangeIsTakenOverAtItsPriceOrAtTheLastCloseWhenUnknown() {
        ModelCorrection stop = AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 200, 40_050), null, null,
                List.of(closed(Side.LONG, 200, 40_050, 39_640, 4.7568, -82, "STOP_LOSS"))).get(0);
        assertThat(stop.kind()).isEqualTo(Kind.CLOSE_ADOPTED);
        assertThat(stop.price()).isEqualTo(39_640.0);
        assertThat(stop.fee()).isEqualTo(4.7568);
        assertThat(stop.grossPnl()).isEqualTo(-82.0);
        assertThat(stop.exitReason()).isEqualTo(ExitReason.STOP_LOSS);

        ModelCorrection byHand = AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 200, 40_050), null, null,
                List.of(closed(Side.LONG, 200, 40_050, Double.NaN, 0, 0, "CLOSED_ON_EXCHANGE"))).get(0);
        assertThat(byHand.price()).isNaN();
        assertThat(byHand.exitReason()).isEqualTo(ExitReason.EXCHANGE);

        ModelCorrection other = AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 200, 40_050), null, null,
                List.of(closed(Side.SHORT, 90, 41_000, 40_500, 2, 45, "TAKE_PROFIT"))).get(0);
        assertThat(other.price()).as("an older position's exit is not this one's").isNaN();
    }

    @Test
    void anExitTheModelEstimatedIsBookedAgainAtTheExchangesFillOnce() {
        Trade estimated = new Trade(Side.LONG, BAR, 40_050, BAR + 1, 39_609.8, 200, 4.806, 4.75, 1, 0, -88.04, -97.596, ExitReason.STOP_LOSS);
        LivePosition real = closed(Side.LONG, 200, 40_050, 39_640, 4.7568, -82, "STOP_LOSS");
        ModelCorrection c = AccountFollower.corrections("b", BAR, PLAN, null, estimated, null, List.of(real)).get(0);
        assertThat(c.kind()).isEqualTo(Kind.EXIT_REBOOKED);
        assertThat(c.price()).isEqualTo(39_640.0);
        assertThat(c.reason()).isEqualTo("the exchange filled the stop-loss exit at 39640 (fee 4.7568), the model's estimate was 39609.8 "
                + "(fee 4.7500); booked at the fill");

        Trade rebooked = new Trade(Side.LONG, BAR, 40_050, BAR + 1, 39_640, 200, 4.806, 4.7568, 1, 0, -82, -91.5628, ExitReason.STOP_LOSS);
        assertThat(AccountFollower.corrections("b", BAR, PLAN, null, rebooked, null, List.of(real))).as("idempotent").isEmpty();
    }

    @Test
    void theExecutorsWordsForAnExitMapToTheRulesReasons() {
        assertThat(AccountFollower.exitReason("FLATTEN: kill file")).isEqualTo(ExitReason.KILL_SWITCH);
        assertThat(AccountFollower.exitReason("LIQUIDATION")).isEqualTo(ExitReason.LIQUIDATION);
        assertThat(AccountFollower.exitReason("UNPROTECTED")).isEqualTo(ExitReason.EXCHANGE);
        assertThat(AccountFollower.exitReason(null)).isEqualTo(ExitReason.EXCHANGE);
    }

    @Test
    void aReversalTheModelDidNotBookEndsItsPositionAtTheRealExitBeforeTakingOverTheNewOne() {
        LivePosition longClosed = closed(Side.LONG, 200, 40_050, 39_900, 4.788, -30, "SIGNAL");
        LivePosition shortOpen = new LivePosition(2, "b", Side.SHORT, 200, BAR, 39_900, 4.788, "oid2", 39_102, 40_299, 43_800, true, 0, Double.NaN, 0,
                0, 0, null);
        var steps = AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 200, 40_050), null, shortOpen, List.of(longClosed));
        assertThat(steps).extracting(ModelCorrection::kind).containsExactly(Kind.CLOSE_ADOPTED, Kind.POSITION_ADOPTED);
        assertThat(steps.get(0).price()).isEqualTo(39_900.0);
        assertThat(steps.get(0).exitReason()).isEqualTo(ExitReason.SIGNAL);
        assertThat(steps.get(1).side()).isEqualTo(Side.SHORT);
        assertThat(steps.get(1).reason()).isEqualTo("the account holds short 200 at 39900 that the model did not hold; the model takes it over");
    }

    @Test
    void aTradeIsTakenBackOnlyWhenTheAccountStillHoldsThatVeryPosition() {
        Trade estimated = new Trade(Side.LONG, BAR, 40_050, BAR + 1, 39_609.8, 200, 4.806, 4.75, 1, 0, -88.04, -97.596, ExitReason.STOP_LOSS);
        LivePosition stillOpen = open(Side.LONG, 200, 40_050);
        var back = AccountFollower.corrections("b", BAR, PLAN, null, estimated, stillOpen, List.of(closed(Side.SHORT, 90, 41_000, 40_500, 2, 45, "SIGNAL")));
        assertThat(back).extracting(ModelCorrection::kind).containsExactly(Kind.TRADE_TAKEN_BACK);

        // a new position that happens to enter at the same price as the one the exchange closed is a new position
        LivePosition sameEntryClosed = closed(Side.LONG, 200, 40_050, 39_640, 4.7568, -82, "STOP_LOSS");
        var fresh = AccountFollower.corrections("b", BAR, PLAN, null, estimated, stillOpen, List.of(sameEntryClosed));
        assertThat(fresh).extracting(ModelCorrection::kind).containsExactly(Kind.POSITION_ADOPTED);
    }

    @Test
    void aPartTheExchangeClosedIsClosedInTheModelAtItsExitAndTheRestStays() {
        LivePosition rest = open(Side.LONG, 120, 40_050);
        LivePosition part = closed(Side.LONG, 80, 40_050, 40_090, 1.92432, 3.2, "SIGNAL");
        var steps = AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 200, 40_050), null, rest, List.of(part));
        assertThat(steps).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.PART_CLOSED);
            assertThat(c.contracts()).isEqualTo(80);
            assertThat(c.price()).isEqualTo(40_090.0);
            assertThat(c.fee()).isEqualTo(1.92432);
            assertThat(c.grossPnl()).isEqualTo(3.2);
            assertThat(c.exitReason()).isEqualTo(ExitReason.SIGNAL);
            assertThat(c.reason()).isEqualTo("80 of the account's long 200 at 40050 were closed on the exchange (SIGNAL at 40090); the model closes"
                    + " them there and keeps the rest");
        });
        assertThat(AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 120, 40_050), null, rest, List.of(part)))
                .as("a part the model booked already").isEmpty();
    }

    @Test
    void partsClosedBetweenTwoBarsAreClosedOneByOneOnlyTheOnesTheModelHasNotBooked() {
        LivePosition booked = closed(Side.LONG, 80, 40_050, 40_090, 1.92432, 3.2, "SIGNAL");
        LivePosition takeProfit = closed(Side.LONG, 50, 40_050, 40_851, 0.40851, 40.05, "TAKE_PROFIT");
        LivePosition byHand = closed(Side.LONG, 30, 40_050, Double.NaN, 0, 0, "CLOSED_ON_EXCHANGE");
        var steps = AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 120, 40_050), null, open(Side.LONG, 40, 40_050),
                List.of(booked, takeProfit, byHand));
        assertThat(steps).extracting(ModelCorrection::kind).containsExactly(Kind.PART_CLOSED, Kind.PART_CLOSED);
        assertThat(steps).extracting(ModelCorrection::contracts).containsExactly(50L, 30L);
        assertThat(steps.get(0).exitReason()).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(steps.get(1).price()).as("its price is not known: the model closes at the last close").isNaN();

        // parts that do not add up to what the account lacks: the model takes the account's position as it is
        var adopted = AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 200, 40_050), null, open(Side.LONG, 40, 40_050),
                List.of(takeProfit, byHand));
        assertThat(adopted).extracting(ModelCorrection::kind).containsExactly(Kind.POSITION_ADOPTED);
    }

    @Test
    void aPositionClosedInPartsWhileTheModelHeldAllOfItIsClosedPartByPart() {
        LivePosition part = closed(Side.LONG, 80, 40_050, 40_090, 1.92432, 3.2, "SIGNAL");
        LivePosition rest = closed(Side.LONG, 120, 40_050, 40_200, 2.8944, 18, "STOP_LOSS");
        var steps = AccountFollower.corrections("b", BAR, PLAN, model(Side.LONG, 200, 40_050), null, null, List.of(part, rest));
        assertThat(steps).extracting(ModelCorrection::kind).containsExactly(Kind.PART_CLOSED, Kind.CLOSE_ADOPTED);
        assertThat(steps.get(0).contracts()).isEqualTo(80);
        assertThat(steps.get(1).price()).isEqualTo(40_200.0);
        assertThat(steps.get(1).exitReason()).isEqualTo(ExitReason.STOP_LOSS);
    }
}
