package io.gpubot.live.exec;

import io.gpubot.core.trade.Side;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.exec.ExchangePort.Kind;
import io.gpubot.live.exec.ExchangePort.OrderReport;
import io.gpubot.live.exec.ExchangePort.OrderSpec;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The open position's two protective orders, the ones the trading rules model (TRADING_RULES §4-5): the
 * stop-loss, a reduce-only stop-market order (a long's triggers on the way down), and the take-profit, a
 * reduce-only limit order resting at its level, filled as maker when the price trades through it. The
 * stop-loss is normally the one attached to the entry ({@code /api/v1/st-orders}), on the exchange from
 * the moment the entry can fill; when the real fill moves its level, the stop at the new level is placed
 * first and the attached one cancelled after, so the position never stands without a stop. KuCoin does not
 * document how it lists the attached stop (sandbox/README.md, "Attached stops"), so two invariants hold either
 * way: an open position rests with one stop-loss ({@link #cancelDuplicateStops}), and while the exchange is flat
 * no reduce-only order of the contract rests ({@link #clearWhileFlat}, before an entry and after a close).
 */
final class Protection {

    /** One resting protective order. */
    record Leg(String clientOid, String orderId, double level) {
    }

    private final ExchangePort port;
    private final OrderJournal journal;
    private final OrderGateway gateway;
    private final String bot;
    private final int leverage;
    private final int attempts;
    private final BiConsumer<SessionEvent.Kind, String> events;
    private final LongSupplier clock;

    private Leg stopLoss;
    private Leg takeProfit;
    /** Legs journalled as resting beside the current ones (a process killed between placing a new stop and cancelling the old). */
    private final List<Leg> strays = new java.util.ArrayList<>();
    /**
     * Whether the exchange may hold a stop its stop-order list does not show: an attached stop-loss was not found
     * there (KuCoin does not document how {@code /api/v1/st-orders}' attached stops are listed), or nothing is
     * known yet (a new process). Such a stop is only reached by cancelling every order of the contract while flat.
     */
    private boolean unlistedStopPossible = true;

    Protection(ExchangePort port, OrderJournal journal, OrderGateway gateway, String bot, int leverage, int attempts,
               BiConsumer<SessionEvent.Kind, String> events, LongSupplier clock) {
        this.port = port;
        this.journal = journal;
        this.gateway = gateway;
        this.bot = bot;
        this.leverage = leverage;
        this.attempts = attempts;
        this.events = events;
        this.clock = clock;
    }

    Optional<Leg> stopLoss() {
        return Optional.ofNullable(stopLoss);
    }

    Optional<Leg> takeProfit() {
        return Optional.ofNullable(takeProfit);
    }

    /** The legs the journal recorded for the position its entry opened (after a restart). */
    void load(String entryClientOid) {
        stopLoss = null;
        takeProfit = null;
        strays.clear();
        for (ExchangeOrder o : journal.legsAfter(entryClientOid)) {
            Leg leg = new Leg(o.clientOid(), o.exchangeOrderId(), o.stopPrice());
            // the newest of each kind is the leg; an older one still resting is a stray
            if (o.purpose() == OrderPurpose.STOP_LOSS) {
                if (stopLoss != null) strays.add(stopLoss);
                stopLoss = leg;
            } else {
                if (takeProfit != null) strays.add(takeProfit);
                takeProfit = leg;
            }
        }
    }

    /**
     * Cancels the strays the exchange still holds, each only while a current leg of its kind rests there too
     * (a stray stop is never cancelled if it is the only stop).
     *
     * @return how many were cancelled
     */
    int cancelStrays(Set<String> activeOrderIds) {
        int n = 0;
        for (Leg stray : strays) {
            if (stray.orderId() == null || !activeOrderIds.contains(stray.orderId())) continue;
            boolean isStop = journal.order(stray.clientOid()).map(o -> o.purpose() == OrderPurpose.STOP_LOSS).orElse(false);
            Leg sameKind = isStop ? stopLoss : takeProfit;
            if (sameKind == null || sameKind.orderId() == null || !activeOrderIds.contains(sameKind.orderId())) continue;
            cancel(stray);
            n++;
        }
        strays.clear();
        return n;
    }


    /** Forgets the legs (the position is gone; the exchange cancels reduce-only orders with it). */
    void forget() {
        stopLoss = null;
        takeProfit = null;
    }

    /** Forgets one leg (it filled: nothing to cancel). */
    void forgetLeg(OrderPurpose purpose) {
        if (purpose == OrderPurpose.STOP_LOSS) stopLoss = null;
        else takeProfit = null;
    }

    /** Keeps only the legs the exchange still holds open. */
    void keepActive(Set<String> activeOrderIds) {
        if (stopLoss != null && (stopLoss.orderId() == null || !activeOrderIds.contains(stopLoss.orderId()))) stopLoss = null;
        if (takeProfit != null && (takeProfit.orderId() == null || !activeOrderIds.contains(takeProfit.orderId()))) takeProfit = null;
    }

    /** Whether {@code o} is a reduce-only stop on the closing side ({@code closingBuy}) at {@code level}: how an attached stop is known. */
    static boolean isStopAt(OrderReport o, boolean closingBuy, double level) {
        return o.reduceOnly() && o.buy() == closingBuy && Math.abs(o.stopPrice() - level) <= 1e-9 * level;
    }

    /**
     * Finds the stop-loss the exchange attached to the entry (a reduce-only stop on the closing side at
     * the attached level) and journals it as the position's stop-loss leg.
     *
     * @return whether it was found
     */
    boolean adoptAttached(ExchangeOrder entry, LivePosition p) {
        double level = entry.stopPrice();
        if (Double.isNaN(level)) return false;
        boolean closingBuy = p.side() == Side.SHORT;
        for (OrderReport o : port.activeStopOrders()) {
            if (!isStopAt(o, closingBuy, level)) continue;
            if (adopt(o, entry.clientOid() + "-sl", entry.barTime(), closingBuy)) return true;
        }
        // Not listed: not created, not armed yet, or listed elsewhere. A stop of ours is placed; should the attached one
        // show up later, the two are made one (cancelDuplicateStops); should it never show, it goes with the contract's
        // cancel-all once flat.
        unlistedStopPossible = true;
        return false;
    }

    /** Takes a listed stop as the stop-loss leg, journalling it if the journal does not know it; false if the journal says it is not one. */
    private boolean adopt(OrderReport o, String fallbackOid, long barTime, boolean closingBuy) {
        String oid = o.clientOid() != null && !o.clientOid().isEmpty() ? o.clientOid() : fallbackOid;
        Optional<ExchangeOrder> known = journal.order(oid);
        if (known.isPresent()) {
            // journalled already (a restart after it was adopted): it is the leg if it is a resting stop-loss
            if (known.get().purpose() != OrderPurpose.STOP_LOSS || known.get().state() != io.gpubot.live.Journal.OrderState.ACCEPTED) return false;
            stopLoss = new Leg(oid, o.orderId(), o.stopPrice());
            return true;
        }
        journal.attached(ExchangeOrder.intent(oid, bot, barTime, OrderPurpose.STOP_LOSS, closingBuy ? "BUY" : "SELL",
                o.size(), o.stopPrice(), Double.NaN, Double.NaN, clock.getAsLong()), o.orderId());
        stopLoss = new Leg(oid, o.orderId(), o.stopPrice());
        return true;
    }

    /**
     * Invariant: an open position rests with one stop-loss. The reduce-only stops on its closing side and losing side
     * (the stop-losses; the take-profit is a limit order) are read; of two or more, the one nearest the rule's level
     * {@code p.stopLoss()} stays (the current leg on a tie) and the others are cancelled. This makes one of the entry's
     * attached stop, listed late, and the stop placed because it was not listed (or one placed after a restart because
     * the attached one was no longer listed, then listed again).
     *
     * @return the levels cancelled, one line each
     */
    List<String> cancelDuplicateStops(LivePosition p) {
        boolean closingBuy = p.side() == Side.SHORT;
        int losing = p.side() == Side.LONG ? -1 : 1;
        List<OrderReport> stops = new java.util.ArrayList<>();
        for (OrderReport o : port.activeStopOrders()) {
            if (o.active() && o.reduceOnly() && o.buy() == closingBuy && o.stopPrice() > 0 && losing * (o.stopPrice() - p.entryPrice()) > 0) stops.add(o);
        }
        if (stops.size() < 2) return List.of();
        OrderReport keep = null;
        for (OrderReport o : stops) {
            double distance = Math.abs(o.stopPrice() - p.stopLoss());
            double kept = keep == null ? Double.POSITIVE_INFINITY : Math.abs(keep.stopPrice() - p.stopLoss());
            boolean isLeg = stopLoss != null && o.orderId().equals(stopLoss.orderId());
            if (distance < kept || (distance == kept && isLeg)) keep = o;
        }
        if (stopLoss == null || !keep.orderId().equals(stopLoss.orderId())) {
            if (!adopt(keep, UUID.randomUUID().toString(), p.entryTime(), closingBuy)) {
                // the journal says the nearest is no stop-loss of this position: leave them all rather than guess
                return List.of();
            }
        }
        List<String> cancelled = new java.util.ArrayList<>();
        for (OrderReport o : stops) {
            if (o == keep) continue;
            try {
                port.cancel(o.orderId());
            } catch (ExchangeException e) {
                if (e.kind() != ExchangeException.Kind.REJECTED) throw e;
                continue; // triggered or gone meanwhile
            }
            if (o.clientOid() != null) journal.order(o.clientOid()).ifPresent(j -> journal.cancelled(j.clientOid(), o.orderId(), "a second stop-loss"));
            strays.removeIf(l -> o.orderId().equals(l.orderId()));
            cancelled.add(LiveExecutor.plain(o.stopPrice()));
        }
        if (!cancelled.isEmpty()) {
            events.accept(SessionEvent.Kind.WARNING, "two stop-losses rested on the position: cancelled the one at " + String.join(", ", cancelled)
                    + "; the one at " + LiveExecutor.plain(keep.stopPrice()) + " (nearest the rule's level " + LiveExecutor.plain(p.stopLoss()) + ") stays");
        }
        return cancelled;
    }

    /**
     * Invariant: while the exchange holds no position, no reduce-only order of the contract rests, so a leftover
     * stop or take-profit can never close part of the next position. Cancels every listed reduce-only stop and
     * limit order, and, where a stop may rest unlisted ({@link #unlistedStopPossible}), every order of the contract
     * (the bot owns the contract in One-Way Mode). Does nothing while a position is open.
     *
     * @return what was cancelled (none: nothing rested)
     */
    Cleared clearWhileFlat() {
        if (!port.position().isFlat()) return Cleared.NONE;
        List<OrderReport> listed = new java.util.ArrayList<>(port.activeStopOrders());
        listed.addAll(port.openOrders());
        List<String> cancelled = new java.util.ArrayList<>();
        for (OrderReport o : listed) {
            if (!o.active() || !o.reduceOnly()) continue;
            try {
                port.cancel(o.orderId());
            } catch (ExchangeException e) {
                if (e.kind() != ExchangeException.Kind.REJECTED) throw e;
                continue; // gone meanwhile
            }
            if (o.clientOid() != null) journal.order(o.clientOid()).ifPresent(j -> journal.cancelled(j.clientOid(), o.orderId(), "left resting while flat"));
            boolean stop = o.stopPrice() > 0;
            cancelled.add((stop ? "stop " : "limit ") + (o.buy() ? "buy " : "sell ") + o.size() + " at "
                    + LiveExecutor.plain(stop ? o.stopPrice() : o.limitPrice()) + " (" + o.orderId() + ")");
        }
        int count = cancelled.size();
        if (unlistedStopPossible) {
            int more = port.cancelAll();
            if (more > 0) cancelled.add(more + " by cancelling every order of the contract (a stop may rest unlisted)");
            count += more;
            unlistedStopPossible = false;
        }
        return new Cleared(count, cancelled);
    }

    /** What {@link #clearWhileFlat} cancelled: how many orders, and in words. */
    record Cleared(int count, List<String> what) {
        static final Cleared NONE = new Cleared(0, List.of());

        boolean any() {
            return count > 0;
        }

        String describe() {
            return count + " order(s): " + String.join(", ", what);
        }
    }

    /**
     * Brings the legs to the position's levels: a stop-loss at {@code p.stopLoss()} (placed before a stop
     * at another level is cancelled), a take-profit at {@code p.takeProfit()}. A stop at another level that
     * still protects the position is kept when the new one cannot be placed.
     *
     * @return null when the position is protected, else the name of the leg that could not be placed after every attempt
     */
    String protect(LivePosition p, long barTime) {
        if (stopLoss == null || stopLoss.level() != p.stopLoss()) {
            Leg placed = place(OrderPurpose.STOP_LOSS, p, barTime);
            if (placed != null) {
                Leg replaced = stopLoss;
                stopLoss = placed;
                if (replaced != null) {
                    cancel(replaced);
                    events.accept(SessionEvent.Kind.INFO, "stop-loss moved from " + LiveExecutor.plain(replaced.level()) + " (attached to the entry)"
                            + " to " + LiveExecutor.plain(placed.level()) + " (the real fill's level)");
                }
            } else if (stopLoss != null) {
                events.accept(SessionEvent.Kind.WARNING, "the stop-loss stays at " + LiveExecutor.plain(stopLoss.level())
                        + " (attached to the entry): the real fill's level " + LiveExecutor.plain(p.stopLoss()) + " could not be placed");
            } else {
                return "stop-loss";
            }
        }
        if (takeProfit == null) {
            takeProfit = place(OrderPurpose.TAKE_PROFIT, p, barTime);
            if (takeProfit == null) return "take-profit";
        }
        return null;
    }

    /**
     * Cancels both legs; one already gone (triggered, cancelled with its position) is recorded as what it became.
     * Then, once the exchange is flat, whatever reduce-only order of the closed position still rests
     * ({@link #clearWhileFlat}); a failure to look is said and the look is repeated before the next entry.
     */
    void cancelAll() {
        if (stopLoss != null) cancel(stopLoss);
        if (takeProfit != null) cancel(takeProfit);
        forget();
        try {
            Cleared left = clearWhileFlat();
            if (left.any()) {
                String text = "after the close, cancelled what still rested, " + left.describe();
                journal.error(text);
                events.accept(SessionEvent.Kind.WARNING, text);
            }
        } catch (ExchangeException e) {
            unlistedStopPossible = true;
            events.accept(SessionEvent.Kind.WARNING, "could not check for orders left resting after the close (" + e.getMessage()
                    + "); checked again before the next entry");
        }
    }

    /** The leg that filled and closed the position, with its fate, if one did. */
    Optional<Filled> filledLeg() {
        for (OrderPurpose purpose : List.of(OrderPurpose.STOP_LOSS, OrderPurpose.TAKE_PROFIT)) {
            Leg leg = purpose == OrderPurpose.STOP_LOSS ? stopLoss : takeProfit;
            if (leg == null) continue;
            OrderGateway.Fate fate = gateway.lookUp(journal.order(leg.clientOid()).orElseThrow());
            if (fate.status() == OrderGateway.Status.FILLED || fate.status() == OrderGateway.Status.FILL_PENDING) {
                return Optional.of(new Filled(purpose, leg, fate));
            }
        }
        return Optional.empty();
    }

    /** A leg that filled. */
    record Filled(OrderPurpose purpose, Leg leg, OrderGateway.Fate fate) {
    }

    private Leg place(OrderPurpose purpose, LivePosition p, long barTime) {
        boolean stop = purpose == OrderPurpose.STOP_LOSS;
        double level = stop ? p.stopLoss() : p.takeProfit();
        boolean closingBuy = p.side() == Side.SHORT;
        String name = stop ? "stop-loss" : "take-profit";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            // Each attempt has a fresh clientOid: a leg that surfaces late is reduce-only and cannot open a position.
            String oid = UUID.randomUUID().toString();
            ExchangeOrder intent = ExchangeOrder.intent(oid, bot, barTime, purpose, closingBuy ? "BUY" : "SELL", p.contracts(), level, Double.NaN,
                    Double.NaN, clock.getAsLong());
            OrderSpec spec = stop
                    ? new OrderSpec(oid, closingBuy, Kind.STOP_MARKET, p.contracts(), leverage, Double.NaN, level, true, "ISOLATED", Double.NaN)
                    : new OrderSpec(oid, closingBuy, Kind.LIMIT, p.contracts(), leverage, level, Double.NaN, true, "ISOLATED", Double.NaN);
            OrderGateway.Sent sent = gateway.send(intent, spec);
            if (sent.accepted()) return new Leg(oid, sent.orderId(), level);
            String why = sent.rejection() != null ? sent.rejection().getMessage() : "no answer";
            events.accept(SessionEvent.Kind.WARNING, "the " + name + " order was not placed (" + why + "), attempt " + attempt);
        }
        return null;
    }

    private void cancel(Leg leg) {
        try {
            if (leg.orderId() != null) port.cancel(leg.orderId());
            journal.cancelled(leg.clientOid(), null, null);
        } catch (ExchangeException e) {
            if (e.kind() != ExchangeException.Kind.REJECTED) throw e;
            // Not cancellable: it triggered or went with the position. Record what it became.
            journal.order(leg.clientOid()).ifPresent(o -> {
                OrderGateway.Fate fate = gateway.lookUp(o);
                switch (fate.status()) {
                    case FILLED -> journal.filled(o.clientOid(), fate.orderId(), fate.size(), fate.price(), fate.fee());
                    case OPEN, UNKNOWN -> journal.note(o.clientOid(), "cancel refused: " + e.getMessage());
                    default -> journal.cancelled(o.clientOid(), fate.orderId(), null);
                }
            });
        }
    }
}
