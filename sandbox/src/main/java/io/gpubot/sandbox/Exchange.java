package io.gpubot.sandbox;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.trade.Pricing;
import io.gpubot.core.trade.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The exchange engine: replay clock, one USDT account, one isolated position on the replayed
 * contract, an order book of the account's own orders, and matching by the core trading rules.
 *
 * <p>Thread safety: every public method is {@code synchronized} on this object, so the HTTP handlers,
 * the WebSocket server and the real-time clock thread see one consistent state. Listeners are called
 * while the lock is held and must not call back into the exchange from another thread.
 *
 * <p>Each bar is replayed in four equal quarters: the open, then the extreme adverse to the open
 * position (the low when flat or long, the high when short), then the other extreme, then the close.
 * Moves inside a bar are continuous (a stop crossed there fills at its level), the move from one
 * bar's close to the next bar's open is a gap (a stop crossed there fills at the open). That is the
 * path docs/TRADING_RULES.md §5 assumes, so fills equal the backtest's.
 */
public final class Exchange {

    /** What the exchange tells the WebSocket side as the clock advances. */
    public interface Events {
        default void onPrice(long time, double price) { }

        default void onCandle(long barTime, double open, double high, double low, double close, double volume) { }

        default void onFill(SandboxFill fill) { }

        default void onOrderChange(Map<String, Object> order, String changeType) { }

        default void onPositionChange() { }

        default void onWalletChange() { }
    }

    private final CandleSeries series;
    private final Contract contract;
    private final double multiplier;
    private final long barMillis;
    private final double slippage;
    private final FundingRates fundingRates;
    private final double defaultFundingRate;
    private final long fundingInterval;
    private final List<Events> listeners = new CopyOnWriteArrayList<>();
    private final io.gpubot.core.market.RiskLimitTiers tiers;

    private int bar;
    /** The last quarter of the current bar already replayed: 0 open, 1 first extreme, 2 second extreme, 3 close. */
    private int phase;
    private boolean highFirst;
    private double price;
    private double formingHigh;
    private double formingLow;
    private long now;

    private double balance;
    private PositionState position;
    private final Map<String, OrderState> orders = new LinkedHashMap<>();
    private final Map<String, String> orderIdByClientOid = new LinkedHashMap<>();
    private final List<SandboxFill> fills = new ArrayList<>();
    private long nextId = 1;
    private String marginMode = "ISOLATED";
    /** KuCoin's position mode: false One-Way (the default of a new account), true Hedge. */
    private boolean hedgeMode;
    private boolean attachedStopsListed = true;
    /** Asynchronous matching (--fill-delay): orders are matched this long after they are accepted; 0 at once. */
    private long matchingDelayMillis;
    private java.util.function.BooleanSupplier thinBook = () -> false;
    private java.util.concurrent.ScheduledExecutorService matcher;

    /** Package-private with public-free fields for the state file (Jackson reads and writes the fields). */
    static final class PositionState {
        Side side;
        long contracts;
        double entryPrice;
        int leverage;
        double margin;
        double liquidationPrice;
        double realisedPnl;
        double funding;
        long openedAt;
        long nextFunding;
    }

    /**
     * @param series      the candles to replay
     * @param contract    the contract they are quoted for
     * @param fromMillis  where the clock starts: bars opening before it are history
     * @param startBalance USDT in the account at the start
     * @param slippage    market-order slippage rate (the backtest's, 0.001 by default)
     * @param fundingRates funding history; settlements it lacks use {@code defaultFundingRate}
     */
    public Exchange(CandleSeries series, Contract contract, long fromMillis, double startBalance, double slippage,
                    FundingRates fundingRates, double defaultFundingRate) {
        if (series.isEmpty()) throw new IllegalArgumentException("the sandbox needs at least one candle");
        this.series = series;
        this.contract = contract;
        this.multiplier = contract.multiplier();
        this.tiers = io.gpubot.core.market.RiskLimitTiers.of(contract);
        this.barMillis = series.timeframe().millis();
        this.slippage = slippage;
        this.fundingRates = fundingRates;
        this.defaultFundingRate = defaultFundingRate;
        this.fundingInterval = contract.fundingInterval().toMillis();
        this.balance = startBalance;
        this.bar = series.ceilingIndex(fromMillis);
        if (bar >= series.size()) {
            throw new IllegalArgumentException("--from " + fromMillis + " lies after the last candle at " + series.lastTime());
        }
        this.phase = 0;
        this.now = series.time(bar);
        this.price = series.open(bar);
        this.formingHigh = price;
        this.formingLow = price;
    }

    public void addListener(Events listener) {
        listeners.add(listener);
    }

    public Contract contract() {
        return contract;
    }

    public CandleSeries series() {
        return series;
    }

    // ---- clock ----

    /** The replay time in epoch milliseconds. */
    public synchronized long now() {
        return now;
    }

    /** The moment the last bar closes; the clock does not go beyond it. */
    public long endTime() {
        return series.endTime();
    }

    /** Moves the replay clock forward to {@code target} (never back), replaying every quarter-bar on the way. */
    public synchronized void advanceTo(long target) {
        long capped = Math.min(target, series.endTime());
        while (nextEventTime() <= capped) {
            replayNextQuarter();
        }
        if (capped > now) now = capped;
    }

    /** Moves the clock forward by {@code bars} whole bars from the current bar's open. */
    public synchronized void step(int bars) {
        long target = bar + bars < series.size() ? series.time(bar + bars) : series.endTime();
        advanceTo(target);
    }

    /** Open time of the bar forming now. */
    public synchronized long currentBarTime() {
        return series.time(bar);
    }

    /** The replay time and the price at that time, read together. */
    public record Quote(long time, double price) {
    }

    /** The replay time and price in one consistent read, for answers that carry both. */
    public synchronized Quote quote() {
        return new Quote(now, price);
    }

    /** The last price (also the mark and index price in the sandbox). */
    public synchronized double price() {
        return price;
    }

    private long nextEventTime() {
        if (phase < 3) return series.time(bar) + (phase + 1) * (barMillis / 4);
        if (bar + 1 < series.size()) return series.time(bar + 1);
        return Long.MAX_VALUE;
    }

    private void replayNextQuarter() {
        now = nextEventTime();
        double from = price;
        if (phase < 3) {
            phase++;
            if (phase == 1) highFirst = position != null && position.side == Side.SHORT;
            double to = switch (phase) {
                case 1 -> highFirst ? series.high(bar) : series.low(bar);
                case 2 -> highFirst ? series.low(bar) : series.high(bar);
                default -> series.close(bar);
            };
            move(from, to, true);
        } else {
            bar++;
            phase = 0;
            double open = series.open(bar);
            formingHigh = open;
            formingLow = open;
            if (position != null && now >= position.nextFunding) settleFunding(open);
            move(from, open, false);
        }
        publishCandle();
    }

    private void publishCandle() {
        for (Events l : listeners) l.onPrice(now, price);
        for (Events l : listeners) l.onCandle(series.time(bar), series.open(bar), formingHigh, formingLow, price, formingVolume());
    }

    private double formingVolume() {
        return series.volume(bar) * (phase + 1) / 4.0;
    }

    /**
     * The price moves from {@code from} to {@code to}. Within a bar the move is continuous (a stop
     * crossed there triggers at its level); between bars it is a gap (a stop passed there triggers at the
     * open; a gap reaching the liquidation price liquidates first). Along the move (TRADING_RULES §5): stop orders first, in the order the move passes their
     * levels before the liquidation price (the nearer stop fires before liquidation); then liquidation if
     * the position is still there; then resting limit orders the move traded through (strictly beyond
     * the price: a touch is no fill), filled at their price as maker, a gap beyond one included.
     */
    private void move(double from, double to, boolean continuous) {
        price = to;
        formingHigh = Math.max(formingHigh, to);
        formingLow = Math.min(formingLow, to);
        double lo = Math.min(from, to);
        double hi = Math.max(from, to);
        boolean down = to < from;
        // A gap to or beyond the liquidation price liquidates before any stop triggers: in isolated margin the
        // bankruptcy price bounds what a position can lose (KuCoin support 26686139092889, "Insurance Fund").
        if (!continuous && liquidationReached(lo, hi)) liquidate();
        for (OrderState o : activeOrders()) {
            if (!o.active || !o.isUntriggeredStop() || !triggered(o, lo, hi)) continue;
            if (liquidationReached(lo, hi) && passedFirst(position.liquidationPrice, o.stopPrice, down)) liquidate();
            if (!o.active) continue;
            double level = o.stopPrice;
            boolean startedBeyond = "down".equals(o.stop) ? from <= level : from >= level;
            double triggerPrice = continuous && !startedBeyond ? level : to;
            trigger(o, triggerPrice);
        }
        if (liquidationReached(lo, hi)) liquidate();
        for (OrderState o : activeOrders()) {
            if (!o.active || o.isUntriggeredStop() || !"limit".equals(o.type)) continue;
            boolean tradedThrough = o.buy ? lo < o.price : hi > o.price;
            if (tradedThrough) fill(o, o.price, true);
        }
    }

    private boolean liquidationReached(double lo, double hi) {
        return position != null && (position.side == Side.LONG ? lo <= position.liquidationPrice : hi >= position.liquidationPrice);
    }

    /** Whether a move down (or up) meets {@code a} before {@code b}. */
    private static boolean passedFirst(double a, double b, boolean down) {
        return down ? a > b : a < b;
    }

    private static boolean triggered(OrderState o, double lo, double hi) {
        return "down".equals(o.stop) ? lo <= o.stopPrice : hi >= o.stopPrice;
    }

    private void trigger(OrderState o, double triggerPrice) {
        o.stopTriggered = true;
        o.updatedAt = now;
        notifyOrder(o, "triggered");
        if ("limit".equals(o.type)) {
            boolean marketable = o.buy ? o.price >= triggerPrice : o.price <= triggerPrice;
            if (marketable) fill(o, o.buy ? Math.min(o.price, marketFill(true, triggerPrice))
                    : Math.max(o.price, marketFill(false, triggerPrice)), false);
        } else {
            fill(o, marketFill(o.buy, triggerPrice), false);
        }
    }

    /** A taker fill at {@code at}: moved against the trader by the slippage, on the tick against him (the core's rule). */
    private double marketFill(boolean buy, double at) {
        return Pricing.marketFill(buy, at, slippage, contract.tickSize());
    }

    private List<OrderState> activeOrders() {
        List<OrderState> active = new ArrayList<>();
        for (OrderState o : orders.values()) if (o.active) active.add(o);
        active.sort(Comparator.comparingLong(o -> o.createdAt));
        return active;
    }

    private void settleFunding(double open) {
        for (long t = position.nextFunding; t <= now; t += fundingInterval) {
            double rate = fundingRates.rateAt(t, defaultFundingRate);
            double amount = Pricing.funding(position.side, position.contracts, multiplier, open, rate);
            balance -= amount;
            position.funding += amount;
            position.realisedPnl -= amount;
        }
        position.nextFunding = Math.floorDiv(now, fundingInterval) * fundingInterval + fundingInterval;
        for (Events l : listeners) l.onWalletChange();
        for (Events l : listeners) l.onPositionChange();
    }

    private void liquidate() {
        PositionState p = position;
        double margin = p.margin;
        balance += -margin - 0.0;
        SandboxFill fill = new SandboxFill(newId(), "liquidation", p.side == Side.SHORT, "taker", p.liquidationPrice,
                p.contracts, 0, 0, "liquidation", now);
        fills.add(fill);
        position = null;
        for (Events l : listeners) l.onFill(fill);
        positionClosed();
    }

    // ---- orders ----

    /** What a client asks for; validated by {@link #place}. */
    public record OrderRequest(String clientOid, String symbol, String side, String type, Long size, Integer leverage,
                               Double price, boolean reduceOnly, boolean closeOrder, String stop, Double stopPrice,
                               String stopPriceType, String timeInForce, boolean postOnly, String marginMode, String positionSide) {

        /** An order without {@code positionSide} (One-Way Mode). */
        public OrderRequest(String clientOid, String symbol, String side, String type, Long size, Integer leverage,
                            Double price, boolean reduceOnly, boolean closeOrder, String stop, Double stopPrice,
                            String stopPriceType, String timeInForce, boolean postOnly, String marginMode) {
            this(clientOid, symbol, side, type, size, leverage, price, reduceOnly, closeOrder, stop, stopPrice, stopPriceType,
                    timeInForce, postOnly, marginMode, null);
        }
    }

    /**
     * Places an order. A clientOid of an order still active is refused (126044); one of a done order is a
     * new order, as KuCoin promises no idempotency for it (its docs only ask for unique clientOids).
     */
    public synchronized String place(OrderRequest r) {
        refuseActiveDuplicate(r.clientOid());
        OrderState o = validate(r);
        checkKucoinRules(r, o);
        checkMargin(o);
        register(o);
        executeOrDefer(o);
        return o.id;
    }

    /**
     * Places an order with attached take-profit ({@code triggerStopUpPrice} for a buy) and stop-loss
     * ({@code triggerStopDownPrice} for a buy); both close the position the order opens. Both are
     * stop-market orders, as KuCoin's {@code /api/v1/st-orders} attaches them: a triggered take-profit
     * fills at market as taker with slippage, like a stop-loss. The trading rules' take-profit is a
     * reduce-only limit order instead (placed with {@link #place}). They are armed when the order fills,
     * as KuCoin's help centre says ("only takes effect when the order was successfully executed"); an order
     * cancelled unfilled leaves none.
     */
    public synchronized String placeWithTpSl(OrderRequest r, Double triggerStopUpPrice, Double triggerStopDownPrice) {
        refuseActiveDuplicate(r.clientOid());
        if (triggerStopUpPrice == null && triggerStopDownPrice == null) {
            throw ApiError.badParameter("triggerStopUpPrice or triggerStopDownPrice is required");
        }
        OrderState o = validate(r);
        if (o.isStop()) throw ApiError.badParameter("stop is not allowed on a TP/SL order");
        checkKucoinRules(r, o);
        checkOnTick("triggerStopUpPrice", triggerStopUpPrice);
        checkOnTick("triggerStopDownPrice", triggerStopDownPrice);
        checkMargin(o);
        register(o);
        o.armTakeProfit = o.buy ? triggerStopUpPrice : triggerStopDownPrice;
        o.armStopLoss = o.buy ? triggerStopDownPrice : triggerStopUpPrice;
        executeOrDefer(o);
        return o.id;
    }

    /** Arms the take-profit and stop-loss of an st-order that has just filled. */
    private void arm(OrderState parent) {
        Double takeProfit = parent.armTakeProfit;
        Double stopLoss = parent.armStopLoss;
        parent.armTakeProfit = null;
        parent.armStopLoss = null;
        if (takeProfit != null) attach(parent, takeProfit, parent.buy ? "up" : "down", OrderState.Role.TAKE_PROFIT);
        if (stopLoss != null) attach(parent, stopLoss, parent.buy ? "down" : "up", OrderState.Role.NORMAL);
    }

    private void attach(OrderState parent, double level, String direction, OrderState.Role role) {
        OrderState s = new OrderState();
        s.id = newId();
        s.clientOid = parent.clientOid + (role == OrderState.Role.TAKE_PROFIT ? "-tp" : "-sl");
        s.symbol = parent.symbol;
        s.buy = !parent.buy;
        s.type = "market";
        s.size = parent.size;
        s.leverage = parent.leverage;
        s.reduceOnly = true;
        s.stop = direction;
        s.stopPrice = level;
        s.stopPriceType = parent.stopPriceType == null ? "TP" : parent.stopPriceType;
        s.role = role;
        s.attached = true;
        s.createdAt = now;
        s.updatedAt = now;
        orders.put(s.id, s);
        notifyOrder(s, "open");
    }

    private OrderState validate(OrderRequest r) {
        if (r.clientOid() == null || r.clientOid().isBlank() || r.clientOid().length() > 40) {
            throw ApiError.badParameter("clientOid must be 1-40 characters");
        }
        if (r.symbol() == null) throw ApiError.badParameter("symbol is required");
        if (!contract.symbol().equals(r.symbol())) throw ApiError.unknownSymbol(r.symbol());
        String type = r.type() == null ? "limit" : r.type();
        if (!type.equals("market") && !type.equals("limit")) throw ApiError.badParameter("type must be market or limit");
        if (!r.closeOrder() && !"buy".equals(r.side()) && !"sell".equals(r.side())) throw ApiError.badParameter("side must be buy or sell");
        if (!r.closeOrder() && (r.size() == null || r.size() <= 0)) throw ApiError.badParameter("size must be a positive number of lots");
        if (type.equals("limit") && (r.price() == null || !(r.price() > 0))) throw ApiError.badParameter("a limit order needs a positive price");
        if ((r.stop() == null) != (r.stopPrice() == null)) throw ApiError.badParameter("stop and stopPrice go together");
        if (r.stop() != null && !r.stop().equals("up") && !r.stop().equals("down")) throw ApiError.badParameter("stop must be up or down");
        int leverage = r.leverage() == null ? 1 : r.leverage();
        if (leverage < 1 || leverage > contract.maxLeverage()) {
            throw ApiError.badParameter("leverage must be between 1 and " + contract.maxLeverage());
        }
        OrderState o = new OrderState();
        o.clientOid = r.clientOid();
        o.symbol = r.symbol();
        o.type = type;
        o.closeOrder = r.closeOrder();
        if (o.closeOrder) {
            if (position == null) throw new ApiError(400, "300009", "No open positions to close.");
            o.buy = position.side == Side.SHORT;
            o.size = position.contracts;
            o.reduceOnly = true;
        } else {
            o.buy = "buy".equals(r.side());
            o.size = r.size();
            o.reduceOnly = r.reduceOnly();
        }
        o.price = type.equals("limit") ? r.price() : null;
        o.leverage = leverage;
        o.stop = r.stop();
        o.stopPrice = r.stopPrice();
        o.stopPriceType = r.stop() == null ? null : (r.stopPriceType() == null ? "TP" : r.stopPriceType());
        if (r.timeInForce() != null) o.timeInForce = r.timeInForce();
        o.postOnly = r.postOnly();
        if (r.marginMode() != null) o.marginMode = r.marginMode();
        if (o.reduceOnly && !o.isStop() && !reduces(o)) {
            throw new ApiError(400, "300009", "No open positions to close.");
        }
        return o;
    }

    private boolean reduces(OrderState o) {
        return position != null && (position.side == Side.LONG) != o.buy;
    }

    /** Refuses an order whose margin and taker fee do not fit in the available balance. */
    private void checkMargin(OrderState o) {
        if (o.reduceOnly) return;
        // Only what opens a position needs margin: all of the order, or what is left after closing the opposite position.
        long opening = reduces(o) ? o.size - position.contracts : o.size;
        if (opening <= 0) return;
        double reference = o.price != null ? o.price : marketFill(o.buy, o.isStop() ? o.stopPrice : price);
        double needed = Pricing.margin(opening, multiplier, reference, o.leverage) + Pricing.fee(opening, multiplier, reference, contract.takerFeeRate());
        double available = account().available() + (reduces(o) ? position.margin : 0);
        if (needed > available + 1e-9) throw ApiError.insufficientBalance();
    }

    private void register(OrderState o) {
        o.id = newId();
        o.createdAt = now;
        o.updatedAt = now;
        orders.put(o.id, o);
        orderIdByClientOid.put(o.clientOid, o.id);
        notifyOrder(o, "open");
    }

    private void execute(OrderState o) {
        if (o.isStop()) {
            boolean alreadyBeyond = "down".equals(o.stop) ? price <= o.stopPrice : price >= o.stopPrice;
            if (alreadyBeyond) trigger(o, price);
            return;
        }
        if ("market".equals(o.type)) {
            long size = o.size;
            if (size > 1 && thinBook.getAsBoolean()) size = size / 2;
            fill(o, marketFill(o.buy, price), false, size);
            if (size < o.size) o.cancelled = true;
        } else {
            boolean marketable = o.buy ? o.price >= price : o.price <= price;
            if (marketable && o.postOnly) {
                cancel(o);
            } else if (marketable) {
                fill(o, o.buy ? Math.min(o.price, marketFill(true, price)) : Math.max(o.price, marketFill(false, price)), false);
            }
        }
    }

    /** Fills the whole order at {@code fillPrice}: opens, adds to, reduces, closes or flips the position. */
    private void fill(OrderState o, double fillPrice, boolean maker) {
        fill(o, fillPrice, maker, o.size);
    }

    /** Fills {@code size} of the order at {@code fillPrice} and ends it (the rest, if any, cancelled). */
    private void fill(OrderState o, double fillPrice, boolean maker, long size) {
        long quantity = size;
        if (o.reduceOnly) {
            if (!reduces(o)) {
                cancel(o);
                return;
            }
            quantity = Math.min(quantity, position.contracts);
        }
        double rate = maker ? contract.makerFeeRate() : contract.takerFeeRate();
        Side side = o.buy ? Side.LONG : Side.SHORT;
        double totalFee = 0;
        long remaining = quantity;
        if (position != null && position.side != side) {
            long closing = Math.min(remaining, position.contracts);
            double pnl = Pricing.pnl(position.side, position.entryPrice, fillPrice, closing, multiplier);
            double fee = Pricing.fee(closing, multiplier, fillPrice, rate);
            balance += pnl - fee;
            totalFee += fee;
            position.realisedPnl += pnl - fee;
            if (closing == position.contracts) {
                position = null;
            } else {
                position.margin = position.margin * (position.contracts - closing) / position.contracts;
                position.contracts -= closing;
            }
            remaining -= closing;
        }
        if (remaining > 0) {
            double fee = Pricing.fee(remaining, multiplier, fillPrice, rate);
            balance -= fee;
            totalFee += fee;
            if (position == null) {
                PositionState p = new PositionState();
                p.side = side;
                p.contracts = remaining;
                p.entryPrice = fillPrice;
                p.leverage = o.leverage;
                p.margin = Pricing.margin(remaining, multiplier, fillPrice, o.leverage);
                p.openedAt = now;
                p.nextFunding = Math.floorDiv(now, fundingInterval) * fundingInterval + fundingInterval;
                p.realisedPnl = -fee;
                position = p;
            } else {
                long total = position.contracts + remaining;
                position.entryPrice = (position.entryPrice * position.contracts + fillPrice * remaining) / total;
                position.margin += Pricing.margin(remaining, multiplier, fillPrice, position.leverage);
                position.contracts = total;
                position.realisedPnl -= fee;
            }
            // The maintenance margin of the risk-limit tier the position's value falls in, as the trading rules use it.
            position.liquidationPrice = Pricing.liquidationPrice(position.side, position.entryPrice, position.leverage,
                    tiers.tierFor(position.contracts * multiplier * position.entryPrice).maintenanceMarginRate());
        }
        o.filledSize += quantity;
        o.filledValue += quantity * multiplier * fillPrice;
        o.active = false;
        o.updatedAt = now;
        o.endAt = now;
        SandboxFill fill = new SandboxFill(newId(), o.id, o.buy, maker ? "maker" : "taker", fillPrice, quantity, totalFee, rate,
                o.type, now);
        fills.add(fill);
        for (Events l : listeners) l.onFill(fill);
        notifyOrder(o, "filled");
        if (o.armTakeProfit != null || o.armStopLoss != null) arm(o);
        for (Events l : listeners) l.onWalletChange();
        if (position == null) positionClosed();
        else for (Events l : listeners) l.onPositionChange();
    }

    /** A closed position takes its reduce-only orders with it, as KuCoin cancels attached TP/SL orders. */
    private void positionClosed() {
        for (OrderState o : activeOrders()) {
            if (o.reduceOnly) cancel(o);
        }
        for (Events l : listeners) l.onPositionChange();
        for (Events l : listeners) l.onWalletChange();
    }

    private void cancel(OrderState o) {
        o.active = false;
        o.cancelled = true;
        o.updatedAt = now;
        o.endAt = now;
        notifyOrder(o, "canceled");
    }

    public synchronized List<String> cancelOrder(String orderId) {
        OrderState o = orders.get(orderId);
        if (o == null || !o.active) throw new ApiError(400, "100004", "The order cannot be canceled.");
        cancel(o);
        return List.of(o.id);
    }

    public synchronized String cancelByClientOid(String clientOid) {
        String id = orderIdByClientOid.get(clientOid);
        OrderState o = id == null ? null : orders.get(id);
        if (o == null || !o.active) throw new ApiError(400, "100004", "The order cannot be canceled.");
        cancel(o);
        return clientOid;
    }

    /** Cancels the active orders of the symbol: the stop book when {@code stops}, else the open orders. */
    public synchronized List<String> cancelAll(String symbol, boolean stops) {
        if (symbol != null && !contract.symbol().equals(symbol)) throw ApiError.unknownSymbol(symbol);
        List<String> ids = new ArrayList<>();
        for (OrderState o : activeOrders()) {
            if (o.isUntriggeredStop() == stops) {
                cancel(o);
                ids.add(o.id);
            }
        }
        return ids;
    }

    // ---- KuCoin's refusals and modes (sandbox issue 14) ----

    /** The price band KuCoin publishes as buyLimit/sellLimit; its width is not documented, the sandbox uses 5 %. */
    static final double PRICE_BAND = 0.05;
    /** maxOrderQty of the contract answers (KuCoin: 1 000 000 lots for XBTUSDTM). */
    static final long MAX_ORDER_QTY = 1_000_000;

    private void refuseActiveDuplicate(String clientOid) {
        String existing = orderIdByClientOid.get(clientOid);
        OrderState o = existing == null ? null : orders.get(existing);
        if (o != null && o.active) throw KucoinErrors.duplicateClientOid();
    }

    /** The highest price a buy limit may have now (KuCoin's buyLimit). */
    public synchronized double buyLimit() {
        return contract.roundToTick(price * (1 + PRICE_BAND));
    }

    /** The lowest price a sell limit may have now (KuCoin's sellLimit). */
    public synchronized double sellLimit() {
        return contract.roundToTick(price * (1 - PRICE_BAND));
    }

    private void checkKucoinRules(OrderRequest r, OrderState o) {
        String side = r.positionSide();
        boolean sided = side != null && !side.isEmpty() && !"BOTH".equals(side);
        if (hedgeMode && !sided) throw KucoinErrors.oneWayOrderInHedgeMode();
        if (!hedgeMode && sided) throw KucoinErrors.hedgeOrderInOneWayMode();
        if (sided) checkHedgeSide(side, o);
        if (r.marginMode() != null && !r.marginMode().equals(marginMode)) throw KucoinErrors.marginModeMismatch();
        if (!o.closeOrder) {
            if (o.size % contract.lotSize() != 0) {
                throw KucoinErrors.orderParameter("The order size " + o.size + " is not a multiple of the lot size " + contract.lotSize());
            }
            if (o.size > MAX_ORDER_QTY) {
                throw KucoinErrors.orderParameter("The order size " + o.size + " exceeds the maximum order quantity " + MAX_ORDER_QTY);
            }
        }
        checkOnTick("price", o.price);
        checkOnTick("stopPrice", o.stopPrice);
        if (o.price != null && !o.isStop()) {
            if (o.buy && o.price > buyLimit() + contract.tickSize() / 2) {
                throw KucoinErrors.orderParameter("The buy price cannot be higher than " + plain(buyLimit()));
            }
            if (!o.buy && o.price < sellLimit() - contract.tickSize() / 2) {
                throw KucoinErrors.orderParameter("The sell price cannot be lower than " + plain(sellLimit()));
            }
        }
        checkRiskLimit(o);
    }

    private void checkOnTick(String field, Double value) {
        if (value == null) return;
        double ticks = value / contract.tickSize();
        if (Math.abs(ticks - Math.rint(ticks)) > 1e-6) {
            throw KucoinErrors.orderParameter("The " + field + " " + plain(value) + " is not a multiple of the tick size " + plain(contract.tickSize()));
        }
    }

    /** The position the order leaves must stay within the risk limit its leverage allows (RiskLimitTable). */
    private void checkRiskLimit(OrderState o) {
        if (o.reduceOnly || o.closeOrder) return;
        long after = position == null ? o.size
                : (position.side == Side.LONG) == o.buy ? position.contracts + o.size : Math.abs(o.size - position.contracts);
        double reference = o.price != null ? o.price : o.isStop() ? o.stopPrice : price;
        double value = after * multiplier * reference;
        long limit = RiskLimitTable.maxValueAt(o.leverage);
        if (value > limit) throw KucoinErrors.riskLimitExceeded(limit);
    }

    /** Hedge Mode with one position at a time: a side's orders open or reduce that side only. */
    private void checkHedgeSide(String side, OrderState o) {
        if (!"LONG".equals(side) && !"SHORT".equals(side)) throw KucoinErrors.parameter("positionSide must be BOTH, LONG or SHORT");
        boolean opens = "LONG".equals(side) == o.buy;
        if (!opens && !o.closeOrder) o.reduceOnly = true;
        Side wanted = "LONG".equals(side) ? Side.LONG : Side.SHORT;
        if (opens && position != null && position.side != wanted) {
            throw KucoinErrors.parameter("the sandbox holds one position at a time; close the " + position.side + " position first");
        }
    }

    private boolean hasExposure() {
        if (position != null) return true;
        for (OrderState o : orders.values()) if (o.active) return true;
        return false;
    }

    /** {@code "1"} in Hedge Mode, {@code "0"} in One-Way Mode, as {@code getPositionMode} answers. */
    public synchronized int positionMode() {
        return hedgeMode ? 1 : 0;
    }

    /** Switches the position mode; refused while a position or an open order exists (KuCoin's rule). */
    public synchronized int switchPositionMode(int mode) {
        if (mode != 0 && mode != 1) throw KucoinErrors.parameter("positionMode must be 0 (One-Way) or 1 (Hedge)");
        if ((mode == 1) != hedgeMode && hasExposure()) throw KucoinErrors.modeSwitchWithExposure("position mode");
        hedgeMode = mode == 1;
        return positionMode();
    }

    /** Sets the position mode the account starts in (before any client asks; a resumed position keeps its mode). */
    synchronized void startInHedgeMode(boolean hedge) {
        this.hedgeMode = hedge;
    }

    /** Matches every new order {@code millis} after it is accepted, on {@code matcher}; 0 matches at once. */
    /** Draws, market order by market order, whether the book is thin: the order fills half its size and the rest is cancelled. */
    synchronized void thinBook(java.util.function.BooleanSupplier draw) {
        this.thinBook = draw;
    }

    synchronized void matchingDelay(long millis, java.util.concurrent.ScheduledExecutorService matcher) {
        this.matchingDelayMillis = millis;
        this.matcher = matcher;
    }

    private void executeOrDefer(OrderState o) {
        if (matchingDelayMillis <= 0 || matcher == null) {
            execute(o);
            return;
        }
        matcher.schedule(() -> {
            synchronized (this) {
                if (o.active && !o.stopTriggered && o.filledSize == 0) execute(o);
            }
        }, matchingDelayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    // ---- persistence ----

    /** Everything of the account the state file keeps; the candles and the clock's path are rebuilt from the data. */
    static final class SavedState {
        int version = 1;
        String symbol;
        long now;
        double balance;
        PositionState position;
        List<OrderState> orders;
        List<SandboxFill> fills;
        long nextId;
        String marginMode;
    }

    synchronized SavedState snapshot() {
        SavedState state = new SavedState();
        state.symbol = contract.symbol();
        state.now = now;
        state.balance = balance;
        state.position = position;
        state.orders = new ArrayList<>(orders.values());
        state.fills = new ArrayList<>(fills);
        state.nextId = nextId;
        state.marginMode = marginMode;
        return state;
    }

    /**
     * Resumes a saved account: the clock is replayed (flat, with no orders, so nothing fills) to the
     * saved time, then the balance, position, orders and fills are put back.
     */
    synchronized void restore(SavedState state) {
        if (state.version != 1) throw new IllegalArgumentException("state file version " + state.version + " is not supported");
        if (!contract.symbol().equals(state.symbol)) {
            throw new IllegalArgumentException("the state file is for " + state.symbol + ", this sandbox replays " + contract.symbol());
        }
        if (!orders.isEmpty() || position != null || !fills.isEmpty()) throw new IllegalStateException("restore into a fresh exchange only");
        if (state.now < now) {
            throw new IllegalArgumentException("the state file stopped at " + java.time.Instant.ofEpochMilli(state.now)
                    + ", before the replay starts at " + java.time.Instant.ofEpochMilli(now) + "; start earlier or without the state file");
        }
        List<Events> quiet = new ArrayList<>(listeners);
        listeners.clear();
        try {
            advanceTo(state.now);
        } finally {
            listeners.addAll(quiet);
        }
        balance = state.balance;
        position = state.position;
        for (OrderState o : state.orders) {
            orders.put(o.id, o);
            orderIdByClientOid.put(o.clientOid, o.id);
        }
        fills.addAll(state.fills);
        nextId = state.nextId;
        marginMode = state.marginMode == null ? "ISOLATED" : state.marginMode;
        if (position != null && position.side == Side.SHORT && phase >= 1) {
            // The bar in progress was replayed flat (low first); a short visits the high first.
            highFirst = true;
            double[] path = {series.open(bar), series.high(bar), series.low(bar), series.close(bar)};
            price = path[phase];
            formingHigh = series.open(bar);
            formingLow = series.open(bar);
            for (int k = 1; k <= phase; k++) {
                formingHigh = Math.max(formingHigh, path[k]);
                formingLow = Math.min(formingLow, path[k]);
            }
        }
    }

    // ---- inspection ----

    public synchronized SandboxAccount account() {
        double positionMargin = position == null ? 0 : position.margin;
        double orderMargin = 0;
        for (OrderState o : orders.values()) {
            if (o.active && !o.isStop() && !o.reduceOnly && o.price != null) {
                orderMargin += Pricing.margin(o.size, multiplier, o.price, o.leverage);
            }
        }
        return new SandboxAccount(balance, positionMargin, orderMargin, unrealisedPnl());
    }

    private double unrealisedPnl() {
        return position == null ? 0 : Pricing.pnl(position.side, position.entryPrice, price, position.contracts, multiplier);
    }

    public synchronized Optional<SandboxPosition> position() {
        if (position == null) return Optional.empty();
        PositionState p = position;
        return Optional.of(new SandboxPosition(p.side.sign() * p.contracts, p.entryPrice, p.leverage, p.margin,
                p.liquidationPrice, price, unrealisedPnl(), p.realisedPnl, p.funding, p.openedAt));
    }

    public synchronized List<SandboxFill> fills() {
        return List.copyOf(fills);
    }

    public synchronized String marginMode() {
        return marginMode;
    }

    /** Only isolated margin follows the trading rules; cross margin is refused. */
    public synchronized String changeMarginMode(String symbol, String mode) {
        if (!contract.symbol().equals(symbol)) throw ApiError.unknownSymbol(symbol);
        if (!marginMode.equals(mode) && hasExposure()) throw KucoinErrors.modeSwitchWithExposure("margin mode");
        if (!"ISOLATED".equals(mode)) {
            throw ApiError.badParameter("the sandbox trades isolated margin only, as the trading rules do");
        }
        marginMode = mode;
        return marginMode;
    }

    /** One order as KuCoin's order endpoints render it, or empty. */
    public synchronized Optional<Map<String, Object>> order(String orderId) {
        OrderState o = orders.get(orderId);
        return o == null ? Optional.empty() : Optional.of(render(o));
    }

    public synchronized Optional<Map<String, Object>> orderByClientOid(String clientOid) {
        String id = orderIdByClientOid.get(clientOid);
        return id == null ? Optional.empty() : order(id);
    }

    /** Active orders: the stop book when {@code stops}, else the open (resting) orders. */
    public synchronized List<Map<String, Object>> activeOrders(boolean stops) {
        List<Map<String, Object>> list = new ArrayList<>();
        List<OrderState> active = activeOrders();
        for (int i = active.size() - 1; i >= 0; i--) {
            if (active.get(i).isUntriggeredStop() == stops) list.add(render(active.get(i)));
        }
        return list;
    }

    /**
     * What {@code GET /api/v1/stopOrders} lists: the stop book, without the stops attached by
     * {@code /api/v1/st-orders} unless they are listed ({@link Sandbox.Builder#attachedStopsListed}; KuCoin does
     * not document which). Unlisted ones still trigger and are cancelled by id and by {@code DELETE /api/v1/stopOrders}.
     */
    public synchronized List<Map<String, Object>> listedStopOrders() {
        List<Map<String, Object>> list = new ArrayList<>();
        List<OrderState> active = activeOrders();
        for (int i = active.size() - 1; i >= 0; i--) {
            OrderState o = active.get(i);
            if (o.isUntriggeredStop() && (attachedStopsListed || !o.attached)) list.add(render(o));
        }
        return list;
    }

    /** Whether {@link #listedStopOrders} shows the stops attached by {@code /api/v1/st-orders}; may change on demand, as a test needs. */
    public synchronized void listAttachedStops(boolean listed) {
        this.attachedStopsListed = listed;
    }

        /** Done orders, newest first. */
    public synchronized List<Map<String, Object>> doneOrders() {
        List<Map<String, Object>> list = new ArrayList<>();
        List<OrderState> all = new ArrayList<>(orders.values());
        for (int i = all.size() - 1; i >= 0; i--) if (!all.get(i).active) list.add(render(all.get(i)));
        return list;
    }

    /** The position as KuCoin's position endpoint renders it (a closed one has {@code isOpen=false}). */
    public synchronized Map<String, Object> renderPosition() {
        Map<String, Object> m = new LinkedHashMap<>();
        PositionState p = position;
        long qty = p == null ? 0 : p.side.sign() * p.contracts;
        double markValue = qty * multiplier * price;
        double posCost = p == null ? 0 : qty * multiplier * p.entryPrice;
        m.put("id", "500000000000000001");
        m.put("symbol", contract.symbol());
        m.put("autoDeposit", false);
        m.put("crossMode", false);
        m.put("maintMarginReq", contract.maintenanceMarginRate());
        m.put("riskLimit", 500000);
        m.put("realLeverage", p == null ? 0.0 : (double) p.leverage);
        m.put("delevPercentage", 0.0);
        m.put("openingTimestamp", p == null ? 0L : p.openedAt);
        m.put("currentTimestamp", now);
        m.put("currentQty", qty);
        m.put("currentCost", posCost);
        m.put("currentComm", 0.0);
        m.put("unrealisedCost", posCost);
        m.put("realisedGrossCost", 0.0);
        m.put("realisedCost", 0.0);
        m.put("isOpen", p != null);
        m.put("markPrice", price);
        m.put("markValue", markValue);
        m.put("posCost", posCost);
        m.put("posInit", p == null ? 0.0 : p.margin);
        m.put("posComm", 0.0);
        m.put("posMargin", p == null ? 0.0 : p.margin);
        m.put("posFunding", p == null ? 0.0 : -p.funding);
        m.put("posMaint", p == null ? 0.0 : Math.abs(posCost) * contract.maintenanceMarginRate());
        m.put("maintMargin", p == null ? 0.0 : p.margin + unrealisedPnl());
        m.put("realisedGrossPnl", 0.0);
        m.put("realisedPnl", p == null ? 0.0 : p.realisedPnl);
        m.put("unrealisedPnl", unrealisedPnl());
        m.put("unrealisedPnlPcnt", p == null || posCost == 0 ? 0.0 : unrealisedPnl() / Math.abs(posCost));
        m.put("unrealisedRoePcnt", p == null ? 0.0 : unrealisedPnl() / p.margin);
        m.put("avgEntryPrice", p == null ? 0.0 : p.entryPrice);
        m.put("liquidationPrice", p == null ? 0.0 : p.liquidationPrice);
        m.put("bankruptPrice", p == null ? 0.0 : Pricing.liquidationPrice(p.side, p.entryPrice, p.leverage, 0));
        m.put("settleCurrency", contract.quoteCurrency());
        m.put("maintainMargin", contract.maintenanceMarginRate());
        m.put("marginMode", "ISOLATED");
        m.put("positionSide", !hedgeMode ? "BOTH" : p == null || p.side == Side.LONG ? "LONG" : "SHORT");
        m.put("leverage", p == null ? 0.0 : (double) p.leverage);
        return m;
    }

    /** The bars up to now: closed bars, then the forming one while it forms. Rows are [time, o, h, l, c, v]. */
    public synchronized List<double[]> candles(long fromMillis, long toMillis, int limit) {
        List<double[]> rows = new ArrayList<>();
        int first = series.ceilingIndex(fromMillis);
        for (int i = first; i <= bar && i < series.size() && rows.size() < limit; i++) {
            long t = series.time(i);
            if (t > toMillis) break;
            boolean closed = i < bar || now >= t + barMillis;
            if (closed) {
                rows.add(new double[] {t, series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i)});
            } else {
                rows.add(new double[] {t, series.open(i), formingHigh, formingLow, price, formingVolume()});
            }
        }
        return rows;
    }

    Map<String, Object> render(OrderState o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id);
        m.put("symbol", o.symbol);
        m.put("type", o.type);
        m.put("side", o.side());
        m.put("price", o.price == null ? null : plain(o.price));
        m.put("size", o.size);
        double reference = o.price != null ? o.price : o.isStop() ? o.stopPrice : price;
        m.put("value", plain(o.size * multiplier * reference));
        m.put("dealValue", plain(o.filledValue));
        m.put("dealSize", o.filledSize);
        m.put("stp", "");
        m.put("stop", o.stop == null ? "" : o.stop);
        m.put("stopPriceType", o.stopPriceType == null ? "" : o.stopPriceType);
        m.put("stopTriggered", o.stopTriggered);
        m.put("stopPrice", o.stopPrice == null ? null : plain(o.stopPrice));
        m.put("timeInForce", o.timeInForce);
        m.put("postOnly", o.postOnly);
        m.put("hidden", false);
        m.put("iceberg", false);
        m.put("leverage", Integer.toString(o.leverage));
        m.put("forceHold", false);
        m.put("closeOrder", o.closeOrder);
        m.put("visibleSize", 0);
        m.put("clientOid", o.clientOid);
        m.put("remark", null);
        m.put("tags", "");
        m.put("isActive", o.active);
        m.put("cancelExist", o.cancelled);
        m.put("createdAt", o.createdAt);
        m.put("updatedAt", o.updatedAt);
        m.put("endAt", o.endAt);
        m.put("orderTime", o.createdAt * 1_000_000L);
        m.put("settleCurrency", contract.quoteCurrency());
        m.put("marginMode", o.marginMode);
        m.put("avgDealPrice", plain(o.avgDealPrice(multiplier)));
        m.put("filledSize", o.filledSize);
        m.put("filledValue", plain(o.filledValue));
        m.put("status", o.active ? "open" : "done");
        m.put("reduceOnly", o.reduceOnly);
        return m;
    }

    private void notifyOrder(OrderState o, String changeType) {
        if (listeners.isEmpty()) return;
        Map<String, Object> rendered = render(o);
        for (Events l : listeners) l.onOrderChange(rendered, changeType);
    }

    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private String newId() {
        return Long.toString(300_000_000_000_000_000L + nextId++);
    }
}
