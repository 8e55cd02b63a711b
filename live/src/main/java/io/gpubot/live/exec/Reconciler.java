package io.gpubot.live.exec;

import io.gpubot.core.trade.Side;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.Journal.OrderState;
import io.gpubot.live.exec.ExchangePort.PositionReport;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciliation as pure functions from the journal's state and the exchange's state to what to do
 * (NautilusTrader's {@code execution/src/reconciliation}): nothing here reads, sends or writes anything.
 * The executor gathers the two states, asks, and acts.
 *
 * <p>Invariants (each has a unit test over the in-memory exchange, {@code ExecutorFailurePathsTest}):
 * <ol>
 *   <li>An order whose fate the journal does not know (written but unanswered, answer lost, a market order
 *       accepted but never confirmed) is resolved only by what the exchange reports for its clientOid, read
 *       together with the position; it is never assumed filled, never assumed absent, never sent again.</li>
 *   <li>A lookup that does not find an order proves nothing the first time (the exchange may not show it
 *       yet) and, for an entry, nothing while the exchange holds a position on the entry's side that the
 *       journal does not account for: such an order stays unknown.</li>
 *   <li>No new order of any kind is sent for the bot while one of its orders is unresolved, or while the
 *       exchange holds a position the journal does not track (a second entry would double it).</li>
 *   <li>A journalled position the exchange no longer holds is closed in the journal from the exchange's
 *       own fills (its stop-loss or take-profit order, a liquidation, a close by hand), never from the model.
 *       A close the exchange made other than by a protective order (by hand, a liquidation engine) is booked at the
 *       volume-weighted average price of all its fills with their fees summed (KuCoin reports one fill per match, so
 *       one close may come back as several), never at one fill's price; while the fills show only part of it, it
 *       stays open in the journal until they show it all (a liquidation excepted: its loss is the margin whatever
 *       the price).</li>
 *   <li>A journalled position the exchange holds on the same side but smaller was closed in part on the
 *       exchange (a take-profit filled in part, a partial liquidation, a part closed by hand): the journal closes
 *       that part from the exchange's closing fills that no earlier part accounts for, at an unknown price when
 *       they do not show it yet, and keeps the rest open; never from the model. A larger one is reported and never touched.</li>
 *   <li>A position that both hold gets the orders it lacks (stop-loss first); a position the journal does not
 *       know, or holds on the other side, is reported and never touched.</li>
 * </ol>
 */
final class Reconciler {

    private Reconciler() {
    }

    /** What the exchange's answer makes of an unresolved order. */
    enum Resolution {
        /** Done with a fill the exchange's fills confirm (lots, price, fee). */
        FILLED,
        /** On the exchange and still working (a resting leg; a market order not matched yet). */
        WORKING,
        /** Done without a fill. */
        CANCELLED,
        /** Proven never placed: nothing to do but record it. */
        NEVER_PLACED,
        /** Not known yet: looked up again before any new order. */
        STILL_UNKNOWN
    }

    /**
     * @param o             the journalled order
     * @param fate          what the exchange reports for it now
     * @param exchange      the exchange's position now
     * @param journalOpen   the position the journal holds open, if any
     * @param firstLook     the lookup made at once after the answer was lost (the exchange may not show it yet)
     */
    static Resolution resolve(ExchangeOrder o, OrderGateway.Fate fate, PositionReport exchange, Optional<LivePosition> journalOpen,
                              boolean firstLook) {
        return switch (fate.status()) {
            case FILLED -> Resolution.FILLED;
            case OPEN -> Resolution.WORKING;
            case CANCELLED -> Resolution.CANCELLED;
            case FILL_PENDING, UNKNOWN -> Resolution.STILL_UNKNOWN;
            case ABSENT -> {
                if (firstLook) yield Resolution.STILL_UNKNOWN;
                // the exchange gave it an id once: an absence now contradicts that, so it is not taken as proof
                if (o.state() == OrderState.ACCEPTED) yield Resolution.STILL_UNKNOWN;
                if (o.purpose() == OrderPurpose.ENTRY && journalOpen.isEmpty() && !exchange.isFlat()
                        && Long.signum(exchange.quantity()) == ("BUY".equals(o.side()) ? 1 : -1)) {
                    yield Resolution.STILL_UNKNOWN;
                }
                if ((o.purpose() == OrderPurpose.EXIT || o.purpose() == OrderPurpose.FLATTEN) && journalOpen.isPresent() && exchange.isFlat()) {
                    yield Resolution.STILL_UNKNOWN;
                }
                yield Resolution.NEVER_PLACED;
            }
        };
    }

    /** What to do about the position. */
    enum PositionAction {
        /** Flat on both sides. */
        NOTHING,
        /** Both hold it with both legs resting. */
        PROTECTED,
        /** Both hold it; one or both legs are missing: place them (stop-loss first). */
        PROTECT,
        /** The journal holds it, the exchange no longer does: record the exit from the exchange's fills. */
        RECORD_EXIT,
        /** The exchange holds a position the journal does not know: report, never touch, send nothing new. */
        FOREIGN,
        /** The exchange holds the other side of the journal's position: report, never touch. */
        OPPOSITE
    }

    static PositionAction positionAction(Optional<LivePosition> journalOpen, PositionReport exchange, boolean hasStopLoss, boolean hasTakeProfit) {
        if (journalOpen.isEmpty()) return exchange.isFlat() ? PositionAction.NOTHING : PositionAction.FOREIGN;
        if (exchange.isFlat()) return PositionAction.RECORD_EXIT;
        if (Long.signum(exchange.quantity()) != journalOpen.get().side().sign()) return PositionAction.OPPOSITE;
        return hasStopLoss && hasTakeProfit ? PositionAction.PROTECTED : PositionAction.PROTECT;
    }

    /**
     * Why no new order may be sent for the bot now, in the words shown to the user; null when one may.
     *
     * @param unresolved the bot's orders still unresolved after this round of lookups
     */
    static String blocksNewOrders(List<ExchangeOrder> unresolved, Optional<LivePosition> journalOpen, PositionReport exchange) {
        if (!unresolved.isEmpty()) {
            ExchangeOrder o = unresolved.get(0);
            return String.format(Locale.ROOT, "the fate of the %s order %s is not known yet; nothing new is sent until the exchange shows it",
                    o.purpose().name().toLowerCase(Locale.ROOT).replace('_', '-'), o.clientOid());
        }
        if (journalOpen.isEmpty() && !exchange.isFlat()) {
            return String.format(Locale.ROOT, "the exchange holds a %s position of %d contracts that the journal does not know; nothing new is sent",
                    exchange.quantity() > 0 ? "long" : "short", Math.abs(exchange.quantity()));
        }
        return null;
    }

    /**
     * A part of the journal's position the exchange closed: {@code contracts}, their average exit price and fee
     * (NaN and 0 when the fills do not show them yet), the fills' order ids, whether one was a liquidation.
     */
    record Reduction(long contracts, double price, double fee, Set<String> orderIds, boolean liquidation) {
    }

    /** How many of the journal's open position's contracts the exchange no longer holds on the same side (0: none, or not that case). */
    static long reducedBy(Optional<LivePosition> journalOpen, PositionReport exchange) {
        if (journalOpen.isEmpty() || exchange.isFlat()) return 0;
        LivePosition p = journalOpen.get();
        long held = Math.abs(exchange.quantity());
        if (Long.signum(exchange.quantity()) != p.side().sign() || held >= p.contracts()) return 0;
        return p.contracts() - held;
    }

    /**
     * The part of the journal's open position the exchange no longer holds, if it holds the same side but less, from
     * the exchange's fills on the closing side since the entry, oldest first: the fills of the journal's own closing
     * orders ({@code booked}) are passed over, then the {@code reducedBefore} contracts the journal booked as closed on
     * the exchange at earlier looks (whether their fills showed then or not), and the next fills make up this part
     * (the last one used only for what is needed, its fee pro rata). The price is NaN (and the fee 0) when the fills do
     * not show all of it yet.
     *
     * @param fills         the contract's fills since the position's entry, newest first
     * @param reducedBefore contracts of this position the journal already booked as closed outside its own orders
     */
    static Optional<Reduction> reduction(Optional<LivePosition> journalOpen, PositionReport exchange, List<ExchangePort.FillReport> fills,
                                         Set<String> booked, long reducedBefore) {
        long needed = reducedBy(journalOpen, exchange);
        if (needed == 0) return Optional.empty();
        boolean closingBuy = journalOpen.get().side() == Side.SHORT;
        long skip = reducedBefore;
        long taken = 0;
        double value = 0;
        double fee = 0;
        boolean liquidation = false;
        Set<String> ids = new LinkedHashSet<>();
        for (int i = fills.size() - 1; i >= 0 && taken < needed; i--) {
            ExchangePort.FillReport f = fills.get(i);
            if (f.buy() != closingBuy || booked.contains(f.orderId())) continue;
            long size = f.size();
            long skipped = Math.min(skip, size);
            skip -= skipped;
            size -= skipped;
            if (size == 0) continue;
            long use = Math.min(size, needed - taken);
            taken += use;
            value += use * f.price();
            fee += f.fee() * use / f.size();
            liquidation |= f.liquidation();
            ids.add(f.orderId());
        }
        if (taken < needed) return Optional.of(new Reduction(needed, Double.NaN, 0, Set.of(), false));
        return Optional.of(new Reduction(needed, value / needed, fee, ids, liquidation));
    }

    /**
     * The journal's whole position, closed on the exchange other than by the journal's own orders: how many of its
     * {@code contracts} the exchange's fills show ({@code shown}), their volume-weighted average price (NaN when none
     * shows) and summed fee, their order ids, and whether one was a liquidation.
     */
    record Exit(long contracts, long shown, double price, double fee, Set<String> orderIds, boolean liquidation) {

        /** The fills show all of the position's contracts. */
        boolean complete() {
            return shown == contracts;
        }
    }

    /**
     * How the exchange closed the journal's open position when none of the journal's own orders did, from the
     * exchange's fills on the closing side since the entry: the fills of the journal's own closing orders
     * ({@code booked}) are passed over, then the oldest {@code reducedBefore} contracts (the parts the journal booked
     * as closed on the exchange at earlier looks, as {@link #reduction} counts them), and the newest of the rest make
     * up the position's contracts (the last one used only for what is needed, its fee pro rata). KuCoin's trade
     * history lists each trade with its own tradeId, price, size and fee ({@code /api/v1/fills} and
     * {@code /api/v1/recentFills} in openapi-futures-order.json), so a close by hand or a liquidation of 290 contracts
     * matched against three resting orders is three fills at three prices, each with its own fee: the exit is their average weighted
     * by contracts, and its fee their sum. {@link Exit#complete()} is false while the fills show fewer than the
     * position's contracts; the price is then the average of those shown.
     *
     * @param fills         the contract's fills since the position's entry, newest first
     * @param reducedBefore contracts of this position the journal already booked as closed outside its own orders
     */
    static Exit exchangeExit(LivePosition open, List<ExchangePort.FillReport> fills, Set<String> booked, long reducedBefore) {
        boolean closingBuy = open.side() == Side.SHORT;
        long[] usable = new long[fills.size()];
        long skip = reducedBefore;
        for (int i = fills.size() - 1; i >= 0; i--) {
            ExchangePort.FillReport f = fills.get(i);
            if (f.buy() != closingBuy || booked.contains(f.orderId())) continue;
            long skipped = Math.min(skip, f.size());
            skip -= skipped;
            usable[i] = f.size() - skipped;
        }
        long needed = open.contracts();
        long taken = 0;
        double value = 0;
        double fee = 0;
        boolean liquidation = false;
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < fills.size() && taken < needed; i++) {
            if (usable[i] == 0) continue;
            ExchangePort.FillReport f = fills.get(i);
            long use = Math.min(usable[i], needed - taken);
            taken += use;
            value += use * f.price();
            fee += f.fee() * use / f.size();
            liquidation |= f.liquidation();
            ids.add(f.orderId());
        }
        return new Exit(needed, taken, taken == 0 ? Double.NaN : value / taken, fee, ids, liquidation);
    }

    /** The side an entry order opens. */
    static Side entrySide(ExchangeOrder entry) {
        return "BUY".equals(entry.side()) ? Side.LONG : Side.SHORT;
    }
}
