package io.gpubot.live;

import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Position;
import io.gpubot.core.trade.RealFill;
import io.gpubot.core.trade.Side;

import java.util.Objects;

/**
 * One step by which a live session's model followed the account after bar {@code barTime}: a fill the
 * exchange reported for the model's decision, a decision the exchange did not execute, or the account's
 * position (or its close) taken over where the model differed. Each is journalled with its bar and
 * applied again, in order, when the session resumes, so the model's state stays a function of the
 * journal.
 *
 * @param at     when the step's fills are stamped: the bar after {@code barTime} for an executed order, else {@code barTime}
 * @param reason the words shown to the user: what differed and why the model follows
 */
public record ModelCorrection(String bot, long barTime, long at, Kind kind, Side side, long contracts, double price, double fee, double grossPnl,
                              double takeProfit, double stopLoss, double liquidationPrice, double margin, ExitReason exitReason,
                              String reason) {

    /** What the model does. */
    public enum Kind {
        /** The decided exit filled on the exchange: booked at its price and fee. */
        EXIT_FILLED,
        /** The decided entry filled on the exchange: booked at its size, price and fee. */
        ENTRY_FILLED,
        /** The decided entry was not executed on the exchange: the model does not enter. */
        ENTRY_DROPPED,
        /** The decided exit was not executed on the exchange: the model keeps its position and drops the whole decision. */
        ORDER_DROPPED,
        /** The account holds a position the model does not: the model takes it over. */
        POSITION_ADOPTED,
        /**
         * The model closed its last trade by its own estimate of an exchange exit, but the account still holds that
         * very position: the trade is taken back and the position goes on.
         */
        TRADE_TAKEN_BACK,
        /** The account is flat where the model holds a position: the model closes at the exchange's exit. */
        CLOSE_ADOPTED,
        /**
         * The account holds fewer of the position's contracts than the model: the model closes {@link #contracts} of
         * them at the exchange's exit (a take-profit or close filled in part, a part closed by hand) and keeps the rest.
         */
        PART_CLOSED,
        /** The exchange filled an exit the model booked at its own estimate: booked again at the real price and fee. */
        EXIT_REBOOKED,
        /**
         * The decided order was executed on the exchange right after the close: the model books it now (with the
         * fills set before), stamped {@link #at}, not at the next bar's open; {@link #price} is the decision's close.
         */
        ORDER_EXECUTED
    }

    public ModelCorrection {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static ModelCorrection exitFilled(String bot, long barTime, RealFill f) {
        return new ModelCorrection(bot, barTime, barTime, Kind.EXIT_FILLED, null, f.contracts(), f.price(), f.fee(), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, null, "exit filled on the exchange");
    }

    public static ModelCorrection entryFilled(String bot, long barTime, RealFill f) {
        return new ModelCorrection(bot, barTime, barTime, Kind.ENTRY_FILLED, null, f.contracts(), f.price(), f.fee(), Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, null, "entry filled on the exchange");
    }

    public static ModelCorrection entryDropped(String bot, long barTime, String why) {
        return simple(bot, barTime, Kind.ENTRY_DROPPED, why);
    }

    public static ModelCorrection orderDropped(String bot, long barTime, String why) {
        return simple(bot, barTime, Kind.ORDER_DROPPED, why);
    }

    public static ModelCorrection positionAdopted(String bot, long barTime, Position p, String why) {
        return new ModelCorrection(bot, barTime, barTime, Kind.POSITION_ADOPTED, p.side(), p.contracts(), p.entryPrice(), p.entryFee(), Double.NaN,
                p.takeProfit(), p.stopLoss(), p.liquidationPrice(), p.margin(), null, why);
    }

    public static ModelCorrection tradeTakenBack(String bot, long barTime, Position p, String why) {
        return new ModelCorrection(bot, barTime, barTime, Kind.TRADE_TAKEN_BACK, p.side(), p.contracts(), p.entryPrice(), p.entryFee(), Double.NaN,
                p.takeProfit(), p.stopLoss(), p.liquidationPrice(), p.margin(), null, why);
    }

    public static ModelCorrection closeAdopted(String bot, long barTime, double exitPrice, double exitFee, double grossPnl, ExitReason exitReason,
                                               String why) {
        return new ModelCorrection(bot, barTime, barTime, Kind.CLOSE_ADOPTED, null, 0, exitPrice, exitFee, grossPnl, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, exitReason, why);
    }

    public static ModelCorrection partClosed(String bot, long barTime, long contracts, double exitPrice, double exitFee, double grossPnl,
                                             ExitReason exitReason, String why) {
        return new ModelCorrection(bot, barTime, barTime, Kind.PART_CLOSED, null, contracts, exitPrice, exitFee, grossPnl, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, exitReason, why);
    }

    public static ModelCorrection exitRebooked(String bot, long barTime, double exitPrice, double exitFee, double grossPnl, String why) {
        return new ModelCorrection(bot, barTime, barTime, Kind.EXIT_REBOOKED, null, 0, exitPrice, exitFee, grossPnl, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, null, why);
    }

    public static ModelCorrection orderExecuted(String bot, long barTime, long at, double reference) {
        return new ModelCorrection(bot, barTime, at, Kind.ORDER_EXECUTED, null, 0, reference, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, null, "the decided order was executed on the exchange");
    }

    private static ModelCorrection simple(String bot, long barTime, Kind kind, String why) {
        return new ModelCorrection(bot, barTime, barTime, kind, null, 0, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                null, why);
    }

    /** The fill of an EXIT_FILLED or ENTRY_FILLED step. */
    public RealFill fill() {
        return new RealFill(contracts, price, fee);
    }

    /** The account's position of a POSITION_ADOPTED or TRADE_TAKEN_BACK step, entered at {@code entryTime}. */
    public Position position(long entryTime) {
        return new Position(side, entryTime, price, price, contracts, margin, takeProfit, stopLoss, liquidationPrice, fee, false);
    }
}
