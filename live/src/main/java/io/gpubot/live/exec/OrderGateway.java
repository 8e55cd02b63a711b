package io.gpubot.live.exec;

import io.gpubot.kucoin.Sleeper;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.exec.ExchangePort.FillReport;
import io.gpubot.live.exec.ExchangePort.OrderReport;
import io.gpubot.live.exec.ExchangePort.OrderSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Sends orders and finds out what became of them. Every order is journalled (and committed) as an
 * intent before it is sent and its answer after; an order whose answer was lost is looked up by its
 * clientOid and never sent again. A fill counts only with the exchange's own numbers: the lots, the
 * average price from the fills (else the order's {@code avgDealPrice}), the fee from the fills. KuCoin's
 * order detail carries no fee field ({@code GET /api/v1/orders/{order-id}} in kucoin-universal-sdk's
 * openapi-futures-order.json: no fee among its fields) and {@code /api/v1/fills} "is not real-time"
 * (same file). A fill that history does not show yet is looked for in the exchange's recent fills
 * ({@code /api/v1/recentFills}, same file: "If you need to get your recently traded order history with low
 * latency, you may query this endpoint"; the last 24 hours, at most 1000 fills), then looked for again in both,
 * and stays UNKNOWN (never fee 0, never price 0) until one of them shows it whole.
 */
final class OrderGateway {

    private static final Logger log = LoggerFactory.getLogger(OrderGateway.class);

    /** The answer to one order: accepted with an id, refused, or neither. */
    record Sent(String orderId, ExchangeException rejection) {

        boolean accepted() {
            return orderId != null;
        }

        boolean unknown() {
            return orderId == null && rejection == null;
        }
    }

    /** What an order became. */
    enum Status {
        /** Done with a fill whose lots, price and fee are known. */
        FILLED,
        /** Still working on the exchange (a resting order; a market order not matched yet). */
        OPEN,
        /** Done without a fill. */
        CANCELLED,
        /** The exchange does not know the clientOid. */
        ABSENT,
        /** Done with a fill the exchange's fill history does not show yet: lots known, price and fee not yet. */
        FILL_PENDING,
        /** Not known yet: the lookup failed. */
        UNKNOWN
    }

    /** An order's fate; size, price and fee when FILLED, the size alone when FILL_PENDING. */
    record Fate(Status status, String orderId, long size, double price, double fee, String why) {

        static Fate of(Status status, String orderId, String why) {
            return new Fate(status, orderId, 0, Double.NaN, 0, why);
        }
    }

    private final ExchangePort port;
    private final OrderJournal journal;
    private final LiveExecutor.Settings settings;
    private final Sleeper sleeper;

    OrderGateway(ExchangePort port, OrderJournal journal, LiveExecutor.Settings settings, Sleeper sleeper) {
        this.port = port;
        this.journal = journal;
        this.settings = settings;
        this.sleeper = sleeper;
    }

    /**
     * Journals the intent and commits it, sends the order once, journals the answer. A lost answer is
     * looked up once at once; still unknown, the order stays UNKNOWN in the journal for the reconciler.
     */
    Sent send(ExchangeOrder intent, OrderSpec order) {
        String oid = intent.clientOid();
        journal.intent(intent);
        try {
            String orderId = port.place(order);
            journal.accepted(oid, orderId);
            return new Sent(orderId, null);
        } catch (ExchangeException e) {
            switch (e.kind()) {
                case REJECTED -> {
                    journal.rejected(oid, e.getMessage());
                    return new Sent(null, e);
                }
                case NOT_SENT -> {
                    journal.rejected(oid, "not sent: " + e.getMessage());
                    return new Sent(null, e);
                }
                default -> {
                    journal.unknown(oid, e.getMessage());
                    log.warn("Order {} outcome unknown ({}); looking it up, never sending it again", oid, e.getMessage());
                    try {
                        Optional<OrderReport> found = port.orderByClientOid(oid);
                        if (found.isPresent()) {
                            journal.accepted(oid, found.get().orderId());
                            return new Sent(found.get().orderId(), null);
                        }
                    } catch (ExchangeException lookup) {
                        log.warn("Looking up order {} failed: {}", oid, lookup.getMessage());
                    }
                    return new Sent(null, null);
                }
            }
        }
    }

    /**
     * Waits for a market order to be done and reads its fill. One still working after every check is
     * cancelled when {@code cancelIfOpen} (a late fill would be a position nobody watches); what filled
     * until then counts.
     */
    Fate awaitFill(String orderId, boolean cancelIfOpen) {
        OrderReport order = port.order(orderId);
        for (int check = 1; order.active() && check < settings.fillChecks(); check++) {
            if (!pause()) break;
            order = port.order(orderId);
        }
        if (order.active() && cancelIfOpen) {
            try {
                port.cancel(orderId);
            } catch (ExchangeException e) {
                // not cancellable any more: it was done meanwhile, read below
            }
            order = port.order(orderId);
        }
        return fateOf(order);
    }

    /** What the exchange says became of a journalled order, looked up by its clientOid. */
    Fate lookUp(ExchangeOrder o) {
        Optional<OrderReport> found;
        try {
            found = o.exchangeOrderId() != null ? Optional.of(port.order(o.exchangeOrderId())) : port.orderByClientOid(o.clientOid());
        } catch (ExchangeException e) {
            return Fate.of(Status.UNKNOWN, o.exchangeOrderId(), "the lookup failed: " + e.getMessage());
        }
        return found.map(this::fateOf).orElseGet(() -> Fate.of(Status.ABSENT, null, "the exchange does not know it"));
    }

    /** The fate of an order as reported: its fill read from the fills, looked for again while the history lags. */
    Fate fateOf(OrderReport order) {
        if (order.active()) return Fate.of(Status.OPEN, order.orderId(), null);
        if (order.filledSize() == 0) return Fate.of(Status.CANCELLED, order.orderId(), null);
        for (int look = 1; ; look++) {
            Shown history = Shown.of(order.orderId(), port.fillsOfOrder(order.orderId()));
            if (history.covers(order)) return history.fate(order.orderId());
            // Each history counts whole or not at all: the port gives no fill ids to add the two up by.
            Shown recent = recentFillOf(order.orderId());
            if (recent.covers(order)) return recent.fate(order.orderId());
            long size = Math.max(history.size(), recent.size());
            if (look >= settings.fillChecks() || !pause()) {
                return new Fate(Status.FILL_PENDING, order.orderId(), order.filledSize(), Double.NaN, 0, String.format(java.util.Locale.ROOT,
                        "filled %d lots at %s but the exchange's fill history shows %d of them: price and fee not known yet",
                        order.filledSize(), Double.isNaN(order.averagePrice()) ? "an average price not given" : String.valueOf(order.averagePrice()), size));
            }
        }
    }

    /** What one fill history shows of an order: its lots, their average price and the fees paid. */
    private record Shown(long size, double price, double fee) {

        static Shown of(String orderId, List<FillReport> fills) {
            long size = 0;
            double value = 0;
            double fee = 0;
            double onePrice = Double.NaN;
            boolean samePrice = true;
            for (FillReport f : fills) {
                if (!orderId.equals(f.orderId())) continue;
                size += f.size();
                value += f.price() * f.size();
                fee += f.fee();
                if (Double.isNaN(onePrice)) onePrice = f.price();
                else samePrice &= onePrice == f.price();
            }
            // One price (the usual market fill) is kept exact rather than passed through a weighted mean.
            return new Shown(size, size == 0 ? Double.NaN : samePrice ? onePrice : value / size, fee);
        }

        boolean covers(OrderReport order) {
            return size > 0 && size >= order.filledSize();
        }

        Fate fate(String orderId) {
            return new Fate(Status.FILLED, orderId, size, price, fee, null);
        }
    }

    /** The order's fill among the exchange's recent fills; a failed read of this second source shows nothing. */
    private Shown recentFillOf(String orderId) {
        try {
            return Shown.of(orderId, port.recentFills());
        } catch (ExchangeException e) {
            log.warn("Reading the recent fills for order {} failed: {}", orderId, e.getMessage());
            return new Shown(0, Double.NaN, 0);
        }
    }

    private boolean pause() {
        try {
            sleeper.sleep(settings.fillCheckPause());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
