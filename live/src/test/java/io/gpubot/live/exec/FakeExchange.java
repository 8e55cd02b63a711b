package io.gpubot.live.exec;

import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.RiskLimitTiers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link ExchangePort} for one contract whose failures are switched on by hand: answers
 * lost after the order took effect, 5xx before it did, refusals, fills held back (asynchronous matching),
 * partial fills, {@code avgDealPrice} omitted, a fill history that lags, lookups that fail or miss, the
 * stop attached to an entry not created. Market orders fill at {@link #marketPrice}; stops and the
 * take-profit fill on {@link #moveTo}. It keeps a log of what was placed and cancelled, in order, and checks
 * on every cancel that a position is never left without a stop-loss. Its account is set by hand too: the
 * account and position modes, a switch it refuses, the contract's facts, fee rates and risk-limit tiers, each
 * of them possibly not reported. Its recent fills ({@link #recentFills}) show every fill at once, as KuCoin's
 * low-latency history does, unless {@link #recentFillsLag} holds them back as well.
 */
final class FakeExchange implements ExchangePort {

    static final double MULTIPLIER = 0.001;
    static final double TAKER = 0.0006;
    static final double MAKER = 0.0002;

    /** One order as the fake holds it. */
    static final class Held {
        final String id;
        final OrderSpec spec;
        boolean active = true;
        long filled;
        double average = Double.NaN;
        boolean attachedStop;

        Held(String id, OrderSpec spec) {
            this.id = id;
            this.spec = spec;
        }

        OrderReport report(boolean omitAverage) {
            return new OrderReport(id, spec.clientOid(), spec.buy(), active, spec.size(), filled, omitAverage ? Double.NaN : average,
                    spec.reduceOnly(), spec.kind() == Kind.STOP_MARKET ? spec.stopPrice() : Double.NaN,
                    spec.kind() == Kind.LIMIT ? spec.price() : Double.NaN);
        }
    }

    final Map<String, Held> orders = new LinkedHashMap<>();
    final List<FillReport> fills = new ArrayList<>();
    /** What happened, in order: "place ENTRY-like descriptions", "cancel ...". */
    final List<String> log = new ArrayList<>();
    final List<String> violations = new ArrayList<>();

    double marketPrice = 40_040;
    long quantity;
    double entryPrice = Double.NaN;
    String marginMode = "ISOLATED";
    double equity = 10_000;
    long time = 1_704_067_200_000L;
    private long nextId = 1;
    private int publishedFills;

    // ---- failures, each switched on by a test ----
    /** The next placement takes effect but its answer is lost. */
    boolean loseNextAnswer;
    /** The next placement is answered 5xx before it takes effect (the answer says nothing either way). */
    boolean failNextBeforeEffect;
    /** The next placement is refused with this code. */
    String refuseNext;
    /** Every stop-market placement is refused. */
    boolean refuseStops;
    /** Market orders are matched only at {@link #matchHeld}. */
    boolean holdFills;
    /** The next market order fills only this many lots (0: all). */
    long partialFill;
    /** Orders report no average price. */
    boolean omitAveragePrice;
    /** The fill history shows only fills published by {@link #publishFills}. */
    boolean fillsLag;
    /** Reads of orders (by id or clientOid) fail this many more times. */
    int failOrderReads;
    /** Lookups by clientOid miss (return empty) this many more times. */
    int missLookups;
    /** The stop-loss attached to an entry is not created. */
    boolean dropAttachedStops;
    /** Orders whose margin mode is not the position's are refused 330005 (KuCoin's answer). */
    boolean checkMarginMode = true;
    /**
     * The process dies (an {@link LiveTestMarket.Crash} thrown through the executor) at the next: {@code "stop list"}
     * (reading the stop orders while a position is open), {@code "cancel"}, {@code "limit placed"} (a limit order placed, before its answer).
     */
    String crashAt;
    /** {@link #recentFills} too shows only fills published by {@link #publishFills} (or the exchange serves no such history). */
    boolean recentFillsLag;
    /** Reading the recent fills fails (HTTP 502). */
    boolean failRecentFills;
    /** Fills older than this (ms before {@link #time}) are no longer recent (KuCoin: 24 hours). */
    long recentWindowMillis = 86_400_000L;

    // ---- the account, each part empty when "not reported by this exchange" ----
    Optional<AccountMode> accountMode = Optional.of(AccountMode.CLASSIC);
    Optional<PositionMode> positionMode = Optional.of(PositionMode.ONE_WAY);
    /** The position-mode switch fails with this (KuCoin refuses it with a position or an open order on the account). */
    ExchangeException switchFailure;
    /** The switch is answered, but the account stays in the mode it was in. */
    boolean ignoreSwitch;
    int switches;
    Contract contract = Contracts.get("XBTUSDTM");
    Optional<FeeRates> feeRates = Optional.of(new FeeRates(TAKER, MAKER));
    Optional<RiskLimitTiers> riskLimits = Optional.of(RiskLimitTiers.of(Contracts.get("XBTUSDTM")));

    /** Called on every pause the executor takes. */
    Runnable onPause = () -> { };
    int reads;

    @Override
    public String symbol() {
        return "XBTUSDTM";
    }

    @Override
    public String place(OrderSpec o) {
        if (refuseNext != null) {
            String code = refuseNext;
            refuseNext = null;
            throw new ExchangeException(ExchangeException.Kind.REJECTED, code, "refused (" + code + ")");
        }
        if (failNextBeforeEffect) {
            failNextBeforeEffect = false;
            throw new ExchangeException(ExchangeException.Kind.OUTCOME_UNKNOWN, null, "HTTP 503 (fake)");
        }
        if (refuseStops && o.kind() == Kind.STOP_MARKET) throw new ExchangeException(ExchangeException.Kind.REJECTED, "400100", "stops refused (fake)");
        if (checkMarginMode && quantity != 0 && !marginMode.equals(o.marginMode())) {
            throw new ExchangeException(ExchangeException.Kind.REJECTED, "330005", "The order's margin mode does not match the selected one.");
        }
        for (Held h : orders.values()) {
            if (h.active && h.spec.clientOid().equals(o.clientOid())) throw new ExchangeException(ExchangeException.Kind.REJECTED, "126044", "clientOid duplicate");
        }
        Held h = new Held(String.valueOf(nextId++), o);
        orders.put(h.id, h);
        log.add("place " + describe(o));
        if (!Double.isNaN(o.attachedStopLoss()) && !dropAttachedStops) {
            OrderSpec stop = new OrderSpec(o.clientOid() + "-sl", !o.buy(), Kind.STOP_MARKET, o.size(), o.leverage(), Double.NaN,
                    o.attachedStopLoss(), true, o.marginMode(), Double.NaN);
            Held s = new Held(String.valueOf(nextId++), stop);
            s.attachedStop = true;
            orders.put(s.id, s);
            log.add("attach " + describe(stop));
        }
        if (o.kind() == Kind.MARKET && !holdFills) match(h);
        crash("limit placed", o.kind() == Kind.LIMIT);
        if (loseNextAnswer) {
            loseNextAnswer = false;
            throw new ExchangeException(ExchangeException.Kind.OUTCOME_UNKNOWN, null, "answer lost (fake)");
        }
        return h.id;
    }

    /** Matches every held market order. */
    void matchHeld() {
        for (Held h : new ArrayList<>(orders.values())) {
            if (h.active && h.spec.kind() == Kind.MARKET) match(h);
        }
    }

    private void match(Held h) {
        long lots = partialFill > 0 ? Math.min(partialFill, h.spec.size()) : h.spec.size();
        partialFill = 0;
        if (h.spec.reduceOnly()) lots = Math.min(lots, Math.abs(quantity));
        fill(h, lots, marketPrice, TAKER);
    }

    private void fill(Held h, long lots, double price, double rate) {
        h.active = false;
        if (lots == 0) return;
        h.filled = lots;
        h.average = price;
        fills.add(new FillReport(h.id, h.spec.buy(), lots, price, lots * MULTIPLIER * price * rate, false, time));
        long signed = h.spec.buy() ? lots : -lots;
        if (quantity == 0 || Long.signum(quantity) == Long.signum(signed)) {
            entryPrice = quantity == 0 ? price : entryPrice;
        }
        quantity += signed;
        if (quantity == 0) {
            entryPrice = Double.NaN;
            // reduce-only orders go with the position (the sandbox's default; KuCoin documents it for liquidations only)
            if (!reduceOnlyOutlivesPosition) for (Held o : orders.values()) if (o.active && o.spec.reduceOnly()) o.active = false;
        }
        log.add("fill " + h.spec.clientOid() + " " + lots + " @ " + price);
    }

    /** The price moves to {@code price}: stops it reaches trigger (at their level), take-profits it passes fill. */
    void moveTo(double price) {
        for (Held h : new ArrayList<>(orders.values())) {
            if (!h.active || quantity == 0) continue;
            if (h.spec.kind() == Kind.STOP_MARKET && (h.spec.buy() ? price >= h.spec.stopPrice() : price <= h.spec.stopPrice())) {
                fill(h, Math.min(h.spec.size(), Math.abs(quantity)), h.spec.stopPrice(), TAKER);
            } else if (h.spec.kind() == Kind.LIMIT && h.spec.reduceOnly() && (h.spec.buy() ? price < h.spec.price() : price > h.spec.price())) {
                fill(h, Math.min(h.spec.size(), Math.abs(quantity)), h.spec.price(), MAKER);
            }
        }
    }

    void publishFills() {
        publishedFills = fills.size();
    }

    List<Held> active(Kind kind) {
        return orders.values().stream().filter(h -> h.active && h.spec.kind() == kind).toList();
    }

    List<OrderSpec> placedNotAttached() {
        return orders.values().stream().filter(h -> !h.attachedStop).map(h -> h.spec).toList();
    }

    @Override
    public Optional<OrderReport> orderByClientOid(String clientOid) {
        readOrder();
        if (missLookups > 0) {
            missLookups--;
            return Optional.empty();
        }
        return orders.values().stream().filter(h -> h.spec.clientOid().equals(clientOid)).reduce((a, b) -> b).map(h -> h.report(omitAveragePrice));
    }

    @Override
    public OrderReport order(String orderId) {
        readOrder();
        Held h = orders.get(orderId);
        if (h == null) throw new ExchangeException(ExchangeException.Kind.REJECTED, "100001", "order does not exist");
        return h.report(omitAveragePrice);
    }

    private void readOrder() {
        reads++;
        if (failOrderReads > 0) {
            failOrderReads--;
            throw new ExchangeException(ExchangeException.Kind.UNAVAILABLE, null, "HTTP 502 (fake)");
        }
    }

    private List<FillReport> visibleFills() {
        return fillsLag ? fills.subList(0, publishedFills) : fills;
    }

    @Override
    public List<FillReport> fillsOfOrder(String orderId) {
        return visibleFills().stream().filter(f -> f.orderId().equals(orderId)).toList();
    }

    @Override
    public List<FillReport> fillsSince(long startMillis) {
        List<FillReport> out = new ArrayList<>(visibleFills());
        java.util.Collections.reverse(out);
        return out;
    }

    @Override
    public List<FillReport> recentFills() {
        if (failRecentFills) throw new ExchangeException(ExchangeException.Kind.UNAVAILABLE, null, "HTTP 502 (fake)");
        List<FillReport> out = new ArrayList<>();
        List<FillReport> shown = recentFillsLag ? fills.subList(0, publishedFills) : fills;
        for (int i = shown.size() - 1; i >= 0 && out.size() < 1000; i--) {
            if (shown.get(i).time() >= time - recentWindowMillis) out.add(shown.get(i));
        }
        return out;
    }

    @Override
    public PositionReport position() {
        if (quantity == 0) return PositionReport.flat();
        return new PositionReport(quantity, entryPrice, Double.NaN, 0, marginMode);
    }

    @Override
    public AccountReport account() {
        return new AccountReport(equity, equity);
    }

    private void crash(String where, boolean when) {
        if (when && where.equals(crashAt)) {
            crashAt = null;
            throw new LiveTestMarket.Crash(where);
        }
    }

    @Override
    public List<OrderReport> activeStopOrders() {
        crash("stop list", quantity != 0);
        return orders.values().stream().filter(h -> h.active && h.spec.kind() == Kind.STOP_MARKET && !(h.attachedStop && attachedStopsUnlisted))
                .map(h -> h.report(omitAveragePrice)).toList();
    }

    @Override
    public List<OrderReport> openOrders() {
        return orders.values().stream().filter(h -> h.active && h.spec.kind() != Kind.STOP_MARKET).map(h -> h.report(omitAveragePrice)).toList();
    }

    @Override
    public void cancel(String orderId) {
        crash("cancel", true);
        Held h = orders.get(orderId);
        if (h == null || !h.active) throw new ExchangeException(ExchangeException.Kind.REJECTED, "100004", "order cannot be cancelled");
        h.active = false;
        log.add("cancel " + h.spec.clientOid());
        if (quantity != 0 && active(Kind.STOP_MARKET).isEmpty()) violations.add("no stop-loss after cancelling " + h.spec.clientOid());
    }

    @Override
    public int cancelAll() {
        int n = 0;
        for (Held h : orders.values()) {
            if (h.active && h.spec.kind() != Kind.MARKET) {
                h.active = false;
                n++;
            }
        }
        return n;
    }

    @Override
    public void useIsolatedMargin() {
        if (quantity == 0) marginMode = "ISOLATED";
    }

    /** The resting reduce-only take-profit fills {@code lots} at its level as maker and rests on for the rest. */
    void fillTakeProfitInPart(long lots) {
        Held h = active(Kind.LIMIT).stream().filter(o -> o.spec.reduceOnly()).findFirst().orElseThrow();
        if (lots >= Math.abs(quantity)) throw new IllegalArgumentException("a part is less than the position");
        double price = h.spec.price();
        h.average = Double.isNaN(h.average) ? price : (h.average * h.filled + price * lots) / (h.filled + lots);
        h.filled += lots;
        fills.add(new FillReport(h.id, h.spec.buy(), lots, price, lots * MULTIPLIER * price * MAKER, false, time));
        quantity += h.spec.buy() ? lots : -lots;
        log.add("fill " + h.spec.clientOid() + " " + lots + " @ " + price + " (in part)");
    }

    /** {@code lots} of the position are closed by hand (a reduce-only market order on the website) at {@code price}. */
    void closeByHand(long lots, double price) {
        Held h = new Held(String.valueOf(nextId++), new OrderSpec("by-hand-" + nextId, quantity < 0, Kind.MARKET, lots, 10, Double.NaN, Double.NaN,
                true, marginMode, Double.NaN));
        orders.put(h.id, h);
        fill(h, Math.min(lots, Math.abs(quantity)), price, TAKER);
    }

    /**
     * The whole position is closed by one market order that matched at several prices, as KuCoin reports it: one fill
     * per match ({@code lots[i]} at {@code prices[i]}, oldest first), each with its own taker fee; by hand on the
     * website, or by the liquidation engine ({@code liquidation}: tradeType "liquid").
     */
    void closeInFills(long[] lots, double[] prices, boolean liquidation) {
        long total = java.util.Arrays.stream(lots).sum();
        if (total != Math.abs(quantity)) throw new IllegalArgumentException("the pieces make up the whole position");
        Held h = new Held(String.valueOf(nextId++), new OrderSpec((liquidation ? "liquidation-" : "by-hand-") + nextId, quantity < 0, Kind.MARKET,
                total, 10, Double.NaN, Double.NaN, true, marginMode, Double.NaN));
        orders.put(h.id, h);
        h.active = false;
        double value = 0;
        for (int i = 0; i < lots.length; i++) {
            fills.add(new FillReport(h.id, h.spec.buy(), lots[i], prices[i], lots[i] * MULTIPLIER * prices[i] * TAKER, liquidation, time));
            value += lots[i] * prices[i];
            log.add("fill " + h.spec.clientOid() + " " + lots[i] + " @ " + prices[i]);
        }
        h.filled = total;
        h.average = value / total;
        quantity = 0;
        entryPrice = Double.NaN;
        if (!reduceOnlyOutlivesPosition) for (Held o : orders.values()) if (o.active && o.spec.reduceOnly()) o.active = false;
    }

    /** The histories that lag ({@link #fillsLag}, {@link #recentFillsLag}) show all fills but the newest {@code hidden}. */
    void publishFillsBut(int hidden) {
        publishedFills = fills.size() - hidden;
    }

    @Override
    public Optional<AccountMode> accountMode() {
        return accountMode;
    }

    @Override
    public Optional<PositionMode> positionMode() {
        return positionMode;
    }

    @Override
    public PositionMode switchPositionMode(PositionMode mode) {
        switches++;
        if (switchFailure != null) throw switchFailure;
        if (!ignoreSwitch) positionMode = Optional.of(mode);
        return positionMode.orElseThrow();
    }

    @Override
    public Contract contract() {
        return contract;
    }

    @Override
    public Optional<FeeRates> feeRates() {
        return feeRates;
    }

    @Override
    public Optional<RiskLimitTiers> riskLimits() {
        return riskLimits;
    }

    private static String describe(OrderSpec o) {
        return o.kind() + " " + (o.buy() ? "buy" : "sell") + " " + o.size()
                + (o.kind() == Kind.STOP_MARKET ? " stop " + o.stopPrice() : o.kind() == Kind.LIMIT ? " @ " + o.price() : "")
                + (Double.isNaN(o.attachedStopLoss()) ? "" : " sl " + o.attachedStopLoss()) + (o.reduceOnly() ? " reduce-only" : "")
                + " " + o.marginMode();
    }

    // ---- how KuCoin lists and keeps the stops of /api/v1/st-orders: undocumented, so both ways (sandbox/README.md) ----

    /** The stop attached to an entry is not shown by {@link #activeStopOrders} (it still triggers and can be cancelled by id or with all). */
    boolean attachedStopsUnlisted;
    /** Reduce-only orders keep resting after their position closed (they trigger again once a position is open). */
    boolean reduceOnlyOutlivesPosition;

    /** The active reduce-only orders, listed or not. */
    List<Held> activeReduceOnly() {
        return orders.values().stream().filter(h -> h.active && h.spec.reduceOnly()).toList();
    }
}
