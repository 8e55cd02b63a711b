package io.gpubot.live.exec;

import io.gpubot.live.Journal;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.Journal.OrderState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The executor's side of the session journal: exchange orders and real positions, each change
 * committed at once, so that what the exchange may have done is on disk before it can happen (an intent
 * is committed before its order is sent) and after (its answer).
 */
final class OrderJournal {

    private final Journal journal;
    private final String bot;
    private final LongSupplier clock;

    OrderJournal(Journal journal, String bot, LongSupplier clock) {
        this.journal = journal;
        this.bot = bot;
        this.clock = clock;
    }

    /** Writes and commits an order before it is sent. */
    void intent(ExchangeOrder o) {
        journal.exchangeOrderIntent(o);
        journal.commit();
    }

    /** A stop the exchange created with an order (the entry's attached stop-loss): recorded as placed. */
    void attached(ExchangeOrder o, String exchangeOrderId) {
        journal.exchangeOrderIntent(o);
        journal.exchangeOrderUpdate(o.clientOid(), OrderState.ACCEPTED, exchangeOrderId, 0, Double.NaN, 0, "attached to the entry", now());
        journal.commit();
    }

    void accepted(String clientOid, String exchangeOrderId) {
        update(clientOid, OrderState.ACCEPTED, exchangeOrderId, 0, Double.NaN, 0, null);
    }

    void rejected(String clientOid, String why) {
        update(clientOid, OrderState.REJECTED, null, 0, Double.NaN, 0, why);
    }

    void unknown(String clientOid, String why) {
        update(clientOid, OrderState.UNKNOWN, null, 0, Double.NaN, 0, why);
    }

    void filled(String clientOid, String exchangeOrderId, long size, double price, double fee) {
        update(clientOid, OrderState.FILLED, exchangeOrderId, size, price, fee, null);
    }

    void cancelled(String clientOid, String exchangeOrderId, String why) {
        update(clientOid, OrderState.CANCELLED, exchangeOrderId, 0, Double.NaN, 0, why);
    }

    void notFound(String clientOid, String why) {
        update(clientOid, OrderState.NOT_FOUND, null, 0, Double.NaN, 0, why);
    }

    /** Notes why an order stays unresolved, keeping its state. */
    void note(String clientOid, String why) {
        order(clientOid).ifPresent(o -> update(clientOid, o.state(), null, o.filledSize(), o.averagePrice(), o.fee(), why));
    }

    Optional<ExchangeOrder> order(String clientOid) {
        return journal.exchangeOrder(clientOid);
    }

    /**
     * Orders whose fate the journal does not know: written but unanswered (INTENT), answer lost (UNKNOWN),
     * and market orders the exchange took but whose fill was never confirmed (an ACCEPTED entry, exit or
     * flatten). Resting stop-loss and take-profit orders are ACCEPTED by design and not among them.
     */
    List<ExchangeOrder> unresolved() {
        List<ExchangeOrder> out = new ArrayList<>();
        for (ExchangeOrder o : journal.exchangeOrders()) {
            if (!o.bot().equals(bot)) continue;
            boolean marketOrder = o.purpose() == OrderPurpose.ENTRY || o.purpose() == OrderPurpose.EXIT || o.purpose() == OrderPurpose.FLATTEN;
            if (o.state() == OrderState.INTENT || o.state() == OrderState.UNKNOWN || (marketOrder && o.state() == OrderState.ACCEPTED)) out.add(o);
        }
        return out;
    }

    /** The exchange ids of the bot's closing market orders whose fills the journal has booked (exits and flattens). */
    java.util.Set<String> bookedClosingOrderIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ExchangeOrder o : journal.exchangeOrders()) {
            if (o.bot().equals(bot) && o.state() == OrderState.FILLED && o.exchangeOrderId() != null
                    && (o.purpose() == OrderPurpose.EXIT || o.purpose() == OrderPurpose.FLATTEN)) {
                ids.add(o.exchangeOrderId());
            }
        }
        return ids;
    }

    /**
     * Contracts of the position opened by {@code entryClientOid} that the journal booked as closed on the exchange
     * outside the executor's own orders (by its take-profit or stop-loss, a liquidation, by hand) while the rest
     * stayed open: the closed parts with those reasons.
     */
    long closedOnExchange(String entryClientOid) {
        long sum = 0;
        for (LivePosition p : journal.livePositions()) {
            if (!p.open() && p.bot().equals(bot) && java.util.Objects.equals(p.entryClientOid(), entryClientOid)
                    && EXCHANGE_EXITS.contains(p.exitReason())) {
                sum += p.contracts();
            }
        }
        return sum;
    }

    /** How the journal names exits the exchange made without an order of the executor's. */
    static final java.util.Set<String> EXCHANGE_EXITS = java.util.Set.of("TAKE_PROFIT", "STOP_LOSS", "LIQUIDATION", "CLOSED_ON_EXCHANGE");

    /** The resting stop-loss and take-profit orders journalled for the position opened by {@code entryClientOid}. */
    List<ExchangeOrder> legsAfter(String entryClientOid) {
        List<ExchangeOrder> out = new ArrayList<>();
        boolean afterEntry = false;
        for (ExchangeOrder o : journal.exchangeOrders()) {
            if (o.clientOid().equals(entryClientOid)) afterEntry = true;
            if (!afterEntry || o.state() != OrderState.ACCEPTED) continue;
            if (o.purpose() == OrderPurpose.STOP_LOSS || o.purpose() == OrderPurpose.TAKE_PROFIT) out.add(o);
        }
        return out;
    }

    Optional<LivePosition> openPosition() {
        return journal.openLivePosition(bot);
    }

    /**
     * The entry {@code clientOid} filled and opened {@code p}: both in one commit, so a crash never leaves a
     * filled entry without its position (or the other way round).
     */
    LivePosition entryFilled(String clientOid, String exchangeOrderId, long size, double price, double fee, LivePosition p) {
        journal.exchangeOrderUpdate(clientOid, OrderState.FILLED, exchangeOrderId, size, price, fee, null, now());
        long id = journal.livePositionOpened(p);
        journal.commit();
        return new LivePosition(id, p.bot(), p.side(), p.contracts(), p.entryTime(), p.entryPrice(), p.entryFee(), p.entryClientOid(),
                p.takeProfit(), p.stopLoss(), p.liquidationPrice(), true, 0, Double.NaN, 0, 0, 0, null);
    }

    /** {@code p} ended; {@code closingOid} (null when no order of ours closed it) filled with it, in the same commit. */
    void closed(LivePosition p, String closingOid, String exchangeOrderId, long size, double exitPrice, double exitFee, double gross, double net,
                String reason) {
        if (closingOid != null) journal.exchangeOrderUpdate(closingOid, OrderState.FILLED, exchangeOrderId, size, exitPrice, exitFee, null, now());
        journal.livePositionClosed(p.id(), now(), exitPrice, exitFee, gross, net, reason);
        journal.commit();
    }

    /**
     * {@code closed} of {@code p}'s contracts ended (a close filled in part, a take-profit filled in part, a part closed
     * by hand); {@code closingOid} (null when no order of ours) filled with them; all in one commit. Returns the rest.
     */
    LivePosition reduced(LivePosition p, long closed, String closingOid, String exchangeOrderId, long size, double exitPrice, double exitFee,
                         double gross, double net, String reason) {
        if (closingOid != null) journal.exchangeOrderUpdate(closingOid, OrderState.FILLED, exchangeOrderId, size, exitPrice, exitFee, null, now());
        LivePosition rest = journal.livePositionReduced(p, closed, now(), exitPrice, exitFee, gross, net, reason);
        journal.commit();
        return rest;
    }

    void refusal(long barTime, String reason) {
        journal.executorRefusal(bot, barTime, reason);
        journal.commit();
    }

    void error(String text) {
        journal.error(now(), text);
        journal.commit();
    }

    private void update(String clientOid, OrderState state, String exchangeOrderId, long size, double price, double fee, String message) {
        journal.exchangeOrderUpdate(clientOid, state, exchangeOrderId, size, price, fee, message, now());
        journal.commit();
    }

    private long now() {
        return clock.getAsLong();
    }
}
