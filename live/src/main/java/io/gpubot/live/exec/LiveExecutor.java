package io.gpubot.live.exec;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.RiskLimitTiers;
import io.gpubot.core.trade.EntryPlan;
import io.gpubot.core.trade.EntryPlanner;
import io.gpubot.core.trade.Pricing;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.TradingPlan;
import io.gpubot.kucoin.AccountOverview;
import io.gpubot.kucoin.Fill;
import io.gpubot.kucoin.KucoinApiException;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.KucoinTransportException;
import io.gpubot.kucoin.MarginMode;
import io.gpubot.kucoin.Order;
import io.gpubot.kucoin.OrderAck;
import io.gpubot.kucoin.OrderOutcomeUnknownException;
import io.gpubot.kucoin.OrderRequest;
import io.gpubot.kucoin.Position;
import io.gpubot.kucoin.Sleeper;
import io.gpubot.live.ExecutedDecision;
import io.gpubot.live.Journal;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.Journal.OrderState;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.risk.RiskGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Carries one live bot's decisions to KuCoin Futures (Mode 3): market entries planned by the core's
 * {@link EntryPlanner} (the backtest's entry rule) from the exchange's balance, protected at once by a
 * reduce-only stop-market stop-loss and a reduce-only limit take-profit at the levels of the actual fill; exits by signal; exchange-side exits (stop, take-profit,
 * liquidation) detected by polling; reconciliation with the exchange after a restart; flattening for the
 * kill switch.
 *
 * <p>Every order is written to the {@link Journal} with a fresh {@code clientOid} and committed
 * <em>before</em> it is sent, and its answer is journalled after; an order whose answer was lost is only
 * ever looked up by its clientOid, never sent again, so no order is placed twice, even across a crash.
 * A position is never left without its stop orders: if they cannot be placed it is closed.
 *
 * <p>How a live session drives it, all on its engine thread:
 * <ol>
 *   <li>at start, after the engine is built (or resumed): {@link #reconcile()}, and print its lines;</li>
 *   <li>for each closed bar: {@code engine.onClosedBar(bar)} (which commits the bar), then, if the model
 *       emitted {@code onOrder(time, side, exit, enter)} for that bar,
 *       {@link #onDecision onDecision(runner, time, side, exit, enter, bar.close())};</li>
 *   <li>for each live price: {@link #onPrice(long, double)} (it polls the exchange at most every
 *       {@link Settings#pollIntervalMillis});</li>
 *   <li>the kill switch: {@link #flatten(String)}, then stop the session.</li>
 * </ol>
 * The engine of a live session should take {@link io.gpubot.core.trade.EntryGate#OPEN}, not the risk
 * guard: the guard is asked here, before the real order, and the model's own entry comes a bar later.
 *
 * <p>Threading: every method except {@link #state()} must be called from the one engine thread that
 * also owns the journal; the executor commits the journal itself (after the engine committed the bar).
 * {@link #state()} may be read from any thread. Exchange failures never escape {@link #onDecision} or
 * {@link #onPrice}: they become journal errors and ERROR events.
 */
public final class LiveExecutor {

    private static final Logger log = LoggerFactory.getLogger(LiveExecutor.class);
    private static final String CURRENCY = "USDT";

    /**
     * How the executor works the exchange.
     *
     * @param slippage            the slippage rate the entry size is estimated with (the backtest's)
     * @param pollIntervalMillis  least time between two position polls from {@link #onPrice}
     * @param protectionAttempts  tries per stop order (each with a fresh clientOid) before the position is closed instead
     * @param fillChecks          reads of a market order's state before it counts as not filled
     * @param fillCheckPause      pause between those reads
     */
    public record Settings(double slippage, long pollIntervalMillis, int protectionAttempts, int fillChecks, Duration fillCheckPause) {

        public static final Settings DEFAULT = new Settings(0.001, 5_000, 3, 20, Duration.ofMillis(250));

        public Settings {
            if (!(slippage >= 0 && slippage < 0.1)) throw new IllegalArgumentException("slippage must be in [0, 0.1), got " + slippage);
            if (pollIntervalMillis < 0) throw new IllegalArgumentException("the poll interval must not be negative");
            if (protectionAttempts < 1 || fillChecks < 1) throw new IllegalArgumentException("attempts must be at least 1");
        }

        public Settings withSlippage(double rate) {
            return new Settings(rate, pollIntervalMillis, protectionAttempts, fillChecks, fillCheckPause);
        }
    }

    private final KucoinRestClient client;
    private final Bot bot;
    private final Contract contract;
    private final TradingPlan plan;
    private final RiskLimitTiers tiers;
    private final Journal journal;
    private final RiskGuard guard;
    private final Consumer<SessionEvent> events;
    private final Settings settings;
    private final LongSupplier clock;
    private final Sleeper sleeper;

    private LivePosition open;
    private String stopLossOid;
    private String takeProfitOid;
    private boolean isolatedMarginSet;
    private long lastPoll = Long.MIN_VALUE;
    private String lastFailure;
    private volatile ExchangeState state;

    /** An executor on the wall clock. */
    public LiveExecutor(KucoinRestClient client, Bot bot, Contract contract, Journal journal, RiskGuard guard,
                        Consumer<SessionEvent> events, Settings settings) {
        this(client, bot, contract, journal, guard, events, settings, System::currentTimeMillis, Sleeper.SYSTEM);
    }

    /**
     * @param bot    the one bot this session trades live (KuCoin one-way mode: one position per symbol)
     * @param events the dashboard's event list; called on the engine thread
     * @param clock  epoch ms for journal times, the order rate and the trading day
     */
    public LiveExecutor(KucoinRestClient client, Bot bot, Contract contract, Journal journal, RiskGuard guard,
                        Consumer<SessionEvent> events, Settings settings, LongSupplier clock, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.bot = Objects.requireNonNull(bot, "bot");
        this.contract = Objects.requireNonNull(contract, "contract");
        this.plan = bot.plan(contract);
        this.tiers = RiskLimitTiers.of(contract);
        this.journal = Objects.requireNonNull(journal, "journal");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = clock;
        this.sleeper = sleeper;
        this.state = ExchangeState.unknown(contract.symbol());
        if (bot.leverage() > guard.leverageCap()) {
            throw new IllegalArgumentException("the bot's leverage " + bot.leverage() + "x exceeds the risk limit of " + guard.leverageCap() + "x");
        }
        loadOpenPosition();
    }

    // ---- the session's calls ----

    /**
     * The model decided at bar {@code barTime}'s close to send a market order: {@code exit} closes the
     * open position, {@code enter} opens one on {@code side} (both: a reversal, exit first). Call after
     * the engine committed the bar.
     *
     * @param referencePrice the price the decision was made at (the bar's close)
     */
    public ExecutedDecision onDecision(BotRunner runner, long barTime, Side side, boolean exit, boolean enter, double referencePrice) {
        ExecutedDecision.Leg exitLeg = ExecutedDecision.Leg.NONE;
        ExecutedDecision.Leg entryLeg = ExecutedDecision.Leg.NONE;
        try {
            syncWithExchange();
            // The model may be flat while the real position is still open (its simulated stop and the
            // exchange's differ by the fill): an entry the other way then closes the real one first.
            boolean reverse = enter && open != null && open.side() != side;
            if ((exit || reverse) && open != null) {
                exitLeg = closePosition(OrderPurpose.EXIT, barTime, "SIGNAL");
                if (!exitLeg.filled()) return new ExecutedDecision(exitLeg, enter ? ExecutedDecision.Leg.dropped("the position could not be closed") : entryLeg);
            }
            if (enter) entryLeg = enter(runner, barTime, side, referencePrice);
            refreshState(client.position(contract.symbol()));
        } catch (KucoinApiException | KucoinTransportException | OrderOutcomeUnknownException e) {
            failure("order decision at bar " + barTime, e);
            String why = "the exchange failed (" + e.getMessage() + ")";
            if (exit && exitLeg.outcome() == ExecutedDecision.Outcome.NONE && open != null) exitLeg = ExecutedDecision.Leg.unknown(why);
            if (enter && entryLeg.outcome() == ExecutedDecision.Outcome.NONE) entryLeg = ExecutedDecision.Leg.unknown(why);
        }
        return new ExecutedDecision(exitLeg, entryLeg);
    }

    /**
     * A live price: watches the distance to liquidation and polls the exchange's position (at most once
     * per {@link Settings#pollIntervalMillis}) to notice exits the exchange made.
     */
    public void onPrice(long time, double price) {
        LivePosition p = open;
        ExchangeState s = state;
        if (p != null && s.liquidationPrice() > 0) {
            guard.liquidationWarning(p.entryClientOid(), p.side(), p.contracts(), price, s.liquidationPrice())
                    .ifPresent(text -> event(SessionEvent.Kind.WARNING, text));
        }
        if (lastPoll != Long.MIN_VALUE && time - lastPoll < settings.pollIntervalMillis()) return;
        lastPoll = time;
        try {
            syncWithExchange();
            lastFailure = null;
        } catch (KucoinApiException | KucoinTransportException | OrderOutcomeUnknownException e) {
            failure("position poll", e);
        }
    }

    /**
     * Brings the journal and the exchange into agreement after a (re)start; call once before the first
     * bar. Orders whose answer never arrived are looked up by clientOid (found: recorded; not found:
     * marked never placed); a journalled position the exchange closed meanwhile gets its exit from the
     * fills; one without its stop orders gets them; a position the journal does not know is reported and
     * left alone. Nothing is ever sent twice.
     *
     * @return what was found and done, one line each, for the session to print
     */
    public List<String> reconcile() {
        List<String> report = new ArrayList<>();
        for (ExchangeOrder o : journal.exchangeOrdersIn(OrderState.INTENT, OrderState.UNKNOWN)) {
            Optional<Order> found;
            try {
                found = client.orderByClientOid(o.clientOid());
            } catch (KucoinApiException | KucoinTransportException e) {
                report.add("could not look up " + describe(o) + " (" + e.getMessage() + "); it stays unknown and is looked up again");
                continue;
            }
            if (found.isEmpty()) {
                journal.exchangeOrderUpdate(o.clientOid(), OrderState.NOT_FOUND, null, 0, Double.NaN, 0,
                        "not on the exchange after the restart: never placed", now());
                journal.commit();
                report.add(describe(o) + " was never placed (the exchange does not know it)");
            } else {
                report.add(describe(o) + " was found on the exchange: " + adopt(o, found.get()));
            }
        }
        Position exchange = client.position(contract.symbol());
        if (open != null) {
            if (exchange.currentQty() == 0) {
                report.add("the position " + describe(open) + " was closed on the exchange meanwhile: " + recordExchangeExit());
            } else {
                long qty = exchange.currentQty();
                if (Long.signum(qty) != open.side().sign() || Math.abs(qty) != open.contracts()) {
                    report.add(String.format(Locale.ROOT, "the exchange holds %d contracts where the journal has %s; not touched",
                            qty, describe(open)));
                }
                Set<String> activeStops = new HashSet<>();
                for (Order stop : client.stopOrders(contract.symbol()).items()) activeStops.add(stop.clientOid());
                Set<String> resting = new HashSet<>();
                for (Order limit : client.openOrders(contract.symbol()).items()) resting.add(limit.clientOid());
                boolean hadStop = stopLossOid != null && activeStops.contains(stopLossOid);
                boolean hadTakeProfit = takeProfitOid != null && resting.contains(takeProfitOid);
                if (!hadStop) stopLossOid = null;
                if (!hadTakeProfit) takeProfitOid = null;
                if (hadStop && hadTakeProfit) {
                    report.add("the position " + describe(open) + " is protected on the exchange (stop-loss " + plain(open.stopLoss())
                            + ", take-profit " + plain(open.takeProfit()) + ")");
                } else if (protect(open.entryTime())) {
                    report.add("the position " + describe(open) + " lacked " + (hadStop ? "" : "its stop-loss" + (hadTakeProfit ? "" : " and "))
                            + (hadTakeProfit ? "" : "its take-profit") + "; placed at " + plain(open.stopLoss()) + " / " + plain(open.takeProfit()));
                } else {
                    report.add("the position could not be protected and was closed");
                }
            }
        } else if (exchange.currentQty() != 0) {
            String line = String.format(Locale.ROOT, "the exchange holds a %s position of %d contracts at %s that the journal does not know; not touched",
                    exchange.currentQty() > 0 ? "long" : "short", Math.abs(exchange.currentQty()), plain(exchange.avgEntryPrice()));
            report.add(line);
            event(SessionEvent.Kind.WARNING, line);
        } else {
            report.add("flat on the exchange, as journalled");
        }
        refreshState(exchange);
        for (String line : report) event(SessionEvent.Kind.INFO, "reconcile: " + line);
        return report;
    }

    /**
     * The kill switch: cancels every order and stop order of the symbol, closes the whole position at
     * market (reduce-only), journals it.
     *
     * @return what was done, one line each
     */
    public List<String> flatten(String reason) {
        List<String> report = new ArrayList<>();
        try {
            List<String> cancelled = new ArrayList<>(client.cancelAllOrders(contract.symbol()));
            cancelled.addAll(client.cancelAllStopOrders(contract.symbol()));
            report.add("cancelled " + cancelled.size() + " order(s)");
            markLegCancelled(stopLossOid);
            markLegCancelled(takeProfitOid);
            stopLossOid = null;
            takeProfitOid = null;
            journal.commit();
            Position exchange = client.position(contract.symbol());
            if (exchange.currentQty() == 0) {
                report.add("no position on the exchange");
                if (open != null) report.add("the journalled position " + describe(open) + " was already closed: " + recordExchangeExit());
            } else {
                report.add(closeAtMarket(OrderPurpose.FLATTEN, 0, exchange, "FLATTEN: " + reason));
            }
            refreshState(client.position(contract.symbol()));
        } catch (KucoinApiException | KucoinTransportException | OrderOutcomeUnknownException e) {
            report.add("flatten failed: " + e.getMessage() + " — check the position on the exchange");
            failure("flatten", e);
        }
        for (String line : report) event(SessionEvent.Kind.WARNING, "flatten (" + reason + "): " + line);
        return report;
    }

    /** The position and balance as last read from the exchange. Any thread. */
    public ExchangeState state() {
        return state;
    }

    /** The real position the journal holds open, if any. */
    public Optional<LivePosition> openPosition() {
        return Optional.ofNullable(open);
    }

    /**
     * Reads the exchange's position now: resolves orders whose answer was lost and notices an exit the
     * exchange made (stop-loss, take-profit, liquidation), journals it and cancels the other stop order.
     */
    public void syncWithExchange() {
        for (ExchangeOrder o : journal.exchangeOrdersIn(OrderState.UNKNOWN)) {
            Optional<Order> found = client.orderByClientOid(o.clientOid());
            if (found.isPresent()) {
                adopt(o, found.get());
            } else {
                // A clean "unknown order" a poll interval later: the exchange never placed it.
                journal.exchangeOrderUpdate(o.clientOid(), OrderState.NOT_FOUND, null, 0, Double.NaN, 0,
                        "looked up after a lost answer: never placed", now());
                journal.commit();
                event(SessionEvent.Kind.WARNING, describe(o) + " was never placed; the decision it carried is dropped");
            }
        }
        Position exchange = client.position(contract.symbol());
        if (open != null && exchange.currentQty() == 0) recordExchangeExit();
        refreshState(exchange);
    }

    // ---- entry ----

    private ExecutedDecision.Leg enter(BotRunner runner, long barTime, Side side, double referencePrice) {
        if (open != null) {
            String why = "entry " + side + " skipped: the position " + describe(open) + " is still open on the exchange";
            event(SessionEvent.Kind.WARNING, why);
            return ExecutedDecision.Leg.dropped(why);
        }
        AccountOverview account = client.accountOverview(CURRENCY);
        double equity = account.accountEquity();
        double available = account.availableBalance();
        ensureIsolatedMargin();
        double m = contract.multiplier();
        double atr = runner.lastAtr();
        // The backtest's own entry rule, at the price of the moment: the same levels, size and refusals.
        EntryPlan planned = EntryPlanner.plan(plan, tiers, runner.trader().run().limits().maxNotionalUsdt(), side, referencePrice,
                settings.slippage(), atr, equity, available, runner.trader().stats(), true);
        if (planned.refused()) {
            refuse(barTime, planned.refusal());
            return ExecutedDecision.Leg.dropped(planned.refusal());
        }
        long q = planned.contracts();
        double fill = planned.fill();
        double stopLoss = planned.stopLoss();
        double notional = planned.notional(m);
        double entryFee = planned.fee();
        double exitAtStop = Pricing.exitFill(side, stopLoss, settings.slippage(), contract.tickSize());
        double lossAtStop = Pricing.pnl(side, exitAtStop, fill, q, m) + entryFee + Pricing.fee(q, m, exitAtStop, contract.takerFeeRate());
        String refused = guard.check(now(), plan.leverage(), notional, lossAtStop, equity);
        if (refused != null) {
            refuse(barTime, refused);
            return ExecutedDecision.Leg.dropped(refused);
        }
        String oid = OrderRequest.newClientOid();
        OrderRequest.Side wire = side == Side.LONG ? OrderRequest.Side.BUY : OrderRequest.Side.SELL;
        ExchangeOrder intent = ExchangeOrder.intent(oid, bot.name(), barTime, OrderPurpose.ENTRY, wire.name(), q, Double.NaN,
                referencePrice, atr, now());
        OrderRequest request = new OrderRequest(oid, contract.symbol(), wire, "market", q, plan.leverage(), null, null, false, false,
                null, null, null, MarginMode.ISOLATED, false);
        guard.recordOrder(now());
        Sent sent = send(intent, request);
        if (sent.rejection != null) {
            double needed = Pricing.margin(q, m, fill, plan.leverage()) + entryFee;
            String why = explainRejection(sent.rejection, needed, available);
            refuse(barTime, why);
            return ExecutedDecision.Leg.dropped(why);
        }
        if (sent.ack == null) {
            event(SessionEvent.Kind.ERROR, "the entry order " + oid + " got no answer and the exchange does not show it yet; "
                    + "it is looked up again before anything else is sent");
            return ExecutedDecision.Leg.unknown("the entry order got no answer");
        }
        Filled filled = confirmFillOrCancel(sent.ack.orderId(), oid);
        onEntryFilled(journal.exchangeOrder(oid).orElseThrow(), filled);
        if (filled == null) return ExecutedDecision.Leg.unknown("the entry's fill was not confirmed");
        if (filled.size == 0) return ExecutedDecision.Leg.dropped("the entry order did not fill");
        return open == null ? ExecutedDecision.Leg.unknown("the entry filled but no position is recorded")
                : ExecutedDecision.Leg.filled(open.contracts(), open.entryPrice(), open.entryFee());
    }

    /** Journals an entry's fill, opens the live position with levels from the actual fill price, and protects it. */
    private void onEntryFilled(ExchangeOrder entry, Filled filled) {
        if (filled == null || filled.size == 0) {
            OrderState outcome = filled == null ? OrderState.ACCEPTED : OrderState.CANCELLED;
            journal.exchangeOrderUpdate(entry.clientOid(), outcome, null, 0, Double.NaN, 0, "no fill confirmed", now());
            journal.commit();
            event(SessionEvent.Kind.ERROR, "the entry order " + entry.clientOid() + " did not fill; no position was opened");
            return;
        }
        journal.exchangeOrderUpdate(entry.clientOid(), OrderState.FILLED, null, filled.size, filled.averagePrice, filled.fee, null, now());
        openPositionFromFill(entry, filled);
        journal.commit();
        event(SessionEvent.Kind.ENTRY, String.format(Locale.ROOT, "%s %d contracts at %s (fee %.4f USDT); take-profit %s, stop-loss %s",
                open.side().name().toLowerCase(Locale.ROOT), open.contracts(), plain(open.entryPrice()), open.entryFee(),
                plain(open.takeProfit()), plain(open.stopLoss())));
        protect(entry.barTime());
    }

    private void openPositionFromFill(ExchangeOrder entry, Filled filled) {
        Side side = "BUY".equals(entry.side()) ? Side.LONG : Side.SHORT;
        double price = filled.averagePrice;
        EntryPlan levels = EntryPlanner.levelsAt(plan, tiers, side, price, filled.size, entry.atr());
        double takeProfit = levels.takeProfit();
        double stopLoss = levels.stopLoss();
        double liquidation = levels.liquidationPrice();
        LivePosition p = new LivePosition(0, bot.name(), side, filled.size, now(), price, filled.fee, entry.clientOid(), takeProfit, stopLoss,
                liquidation, true, 0, Double.NaN, 0, 0, 0, null);
        long id = journal.livePositionOpened(p);
        open = new LivePosition(id, p.bot(), side, p.contracts(), p.entryTime(), price, p.entryFee(), p.entryClientOid(), takeProfit,
                stopLoss, liquidation, true, 0, Double.NaN, 0, 0, 0, null);
        stopLossOid = null;
        takeProfitOid = null;
    }

    private void ensureIsolatedMargin() {
        if (isolatedMarginSet) return;
        client.changeMarginMode(contract.symbol(), MarginMode.ISOLATED);
        isolatedMarginSet = true;
    }

    /**
     * Places the missing stop-loss and take-profit orders of the open position; when one cannot be placed
     * after {@link Settings#protectionAttempts} tries, closes the position rather than leave it unprotected.
     *
     * @return true when the position is protected (or was closed meanwhile on the exchange)
     */
    private boolean protect(long barTime) {
        for (OrderPurpose leg : List.of(OrderPurpose.STOP_LOSS, OrderPurpose.TAKE_PROFIT)) {
            if (open == null) return true;
            if ((leg == OrderPurpose.STOP_LOSS ? stopLossOid : takeProfitOid) != null) continue;
            String placed = placeLeg(leg, barTime);
            if (placed == null) {
                event(SessionEvent.Kind.ERROR, "could not place the " + legName(leg) + " after " + settings.protectionAttempts()
                        + " attempts: closing the position rather than leave it unprotected");
                Position exchange = client.position(contract.symbol());
                if (exchange.currentQty() == 0) recordExchangeExit();
                else closeAtMarket(OrderPurpose.EXIT, barTime, exchange, "UNPROTECTED");
                return false;
            }
            if (leg == OrderPurpose.STOP_LOSS) stopLossOid = placed;
            else takeProfitOid = placed;
        }
        return true;
    }

    private String placeLeg(OrderPurpose leg, long barTime) {
        LivePosition p = open;
        boolean stop = leg == OrderPurpose.STOP_LOSS;
        double level = stop ? p.stopLoss() : p.takeProfit();
        // The stop-loss is a reduce-only stop-market order (a long's triggers on the way down); the take-profit a
        // reduce-only limit order resting at its level, filled as maker when the price trades through it: the
        // orders the trading rules model (TRADING_RULES §4-5).
        boolean down = p.side() == Side.LONG;
        OrderRequest.Side closing = p.side() == Side.LONG ? OrderRequest.Side.SELL : OrderRequest.Side.BUY;
        for (int attempt = 1; attempt <= settings.protectionAttempts(); attempt++) {
            String oid = OrderRequest.newClientOid();
            ExchangeOrder intent = ExchangeOrder.intent(oid, bot.name(), barTime, leg, closing.name(), p.contracts(), level, Double.NaN,
                    Double.NaN, now());
            OrderRequest request = stop
                    ? new OrderRequest(oid, contract.symbol(), closing, "market", p.contracts(), plan.leverage(), null, null,
                    true, false, down ? OrderRequest.StopDirection.DOWN : OrderRequest.StopDirection.UP, BigDecimal.valueOf(level),
                    OrderRequest.StopPriceType.TP, null, false)
                    : new OrderRequest(oid, contract.symbol(), closing, "limit", p.contracts(), plan.leverage(), BigDecimal.valueOf(level),
                    "GTC", true, false, null, null, null, null, false);
            try {
                Sent sent = send(intent, request);
                if (sent.ack != null) return oid;
                String why = sent.rejection != null ? sent.rejection.getMessage() : "no answer";
                event(SessionEvent.Kind.WARNING, "the " + legName(leg) + " order was not placed (" + why + "), attempt " + attempt);
            } catch (KucoinApiException | KucoinTransportException e) {
                // send() handles the order call itself; this is a failed lookup after a lost answer.
                event(SessionEvent.Kind.WARNING, "the " + legName(leg) + " order's outcome is unknown (" + e.getMessage() + "), attempt " + attempt);
            }
            // Another attempt gets a fresh clientOid: a stop order that surfaces late is reduce-only and cannot open a position.
        }
        return null;
    }

    // ---- exit ----

    private ExecutedDecision.Leg closePosition(OrderPurpose purpose, long barTime, String reason) {
        cancelLegs();
        Position exchange = client.position(contract.symbol());
        if (exchange.currentQty() == 0) {
            recordExchangeExit();
            return ExecutedDecision.Leg.NONE;
        }
        String done = closeAtMarket(purpose, barTime, exchange, reason);
        if (open != null) return ExecutedDecision.Leg.dropped(done);
        return journal.livePositions().stream().filter(p -> !p.open() && p.bot().equals(bot.name())).reduce((a, b) -> b)
                .filter(p -> p.exitPrice() > 0)
                .map(p -> ExecutedDecision.Leg.filled(p.contracts(), p.exitPrice(), p.exitFee()))
                .orElse(ExecutedDecision.Leg.unknown(done));
    }

    /** Sends a reduce-only market order for the whole exchange position and journals the real exit. */
    private String closeAtMarket(OrderPurpose purpose, long barTime, Position exchange, String reason) {
        cancelLegs();
        long qty = Math.abs(exchange.currentQty());
        OrderRequest.Side closing = exchange.currentQty() > 0 ? OrderRequest.Side.SELL : OrderRequest.Side.BUY;
        String oid = OrderRequest.newClientOid();
        ExchangeOrder intent = ExchangeOrder.intent(oid, bot.name(), barTime, purpose, closing.name(), qty, Double.NaN, Double.NaN,
                Double.NaN, now());
        OrderRequest request = new OrderRequest(oid, contract.symbol(), closing, "market", qty, plan.leverage(), null, null, true, false,
                null, null, null, null, false);
        Sent sent = send(intent, request);
        if (sent.ack == null) {
            String why = sent.rejection != null ? sent.rejection.getMessage() : "no answer; it is looked up again";
            event(SessionEvent.Kind.ERROR, "the closing order was not placed: " + why);
            return "the closing order was not placed: " + why;
        }
        Filled filled = confirmFillOrCancel(sent.ack.orderId(), oid);
        if (filled == null || filled.size == 0) {
            event(SessionEvent.Kind.ERROR, "the closing order " + oid + " did not fill; check the position on the exchange");
            return "the closing order did not fill";
        }
        journal.exchangeOrderUpdate(oid, OrderState.FILLED, null, filled.size, filled.averagePrice, filled.fee, null, now());
        journal.commit();
        if (open != null) return recordExit(filled.averagePrice, filled.fee, reason);
        return String.format(Locale.ROOT, "closed %d contracts the journal did not know at %s", filled.size, plain(filled.averagePrice));
    }

    /** Cancels the open position's stop orders; one already gone (triggered, cancelled) is looked up instead. */
    private void cancelLegs() {
        cancelLeg(stopLossOid);
        cancelLeg(takeProfitOid);
        stopLossOid = null;
        takeProfitOid = null;
        journal.commit();
    }

    private void cancelLeg(String oid) {
        if (oid == null) return;
        try {
            client.cancelOrderByClientOid(oid, contract.symbol());
            markLegCancelled(oid);
        } catch (KucoinApiException e) {
            // Not cancellable: it triggered or was cancelled with the position. Record what it became.
            client.orderByClientOid(oid).ifPresentOrElse(o -> recordOrderOutcome(oid, o), () -> markLegCancelled(oid));
        }
    }

    private void markLegCancelled(String oid) {
        if (oid == null) return;
        journal.exchangeOrder(oid).filter(o -> o.state() == OrderState.ACCEPTED)
                .ifPresent(o -> journal.exchangeOrderUpdate(oid, OrderState.CANCELLED, null, 0, Double.NaN, 0, null, now()));
    }

    /**
     * The exchange holds no position but the journal does: finds out how it ended (the stop-loss or
     * take-profit order filled, else a liquidation or an outside close), journals the exit and cancels
     * what is left of the stop orders.
     */
    private String recordExchangeExit() {
        String reason = "CLOSED_ON_EXCHANGE";
        Filled exit = null;
        for (OrderPurpose leg : List.of(OrderPurpose.STOP_LOSS, OrderPurpose.TAKE_PROFIT)) {
            String oid = leg == OrderPurpose.STOP_LOSS ? stopLossOid : takeProfitOid;
            if (oid == null || exit != null) continue;
            Optional<Order> order = client.orderByClientOid(oid);
            if (order.isPresent() && order.get().filledSize() > 0) {
                exit = fillsOf(order.get());
                journal.exchangeOrderUpdate(oid, OrderState.FILLED, order.get().id(), exit.size, exit.averagePrice, exit.fee, null, now());
                reason = leg.name();
                if (leg == OrderPurpose.STOP_LOSS) stopLossOid = null;
                else takeProfitOid = null;
            }
        }
        if (exit == null) {
            // Newest first: a liquidation, else the last fill on the closing side (a close made by hand).
            String closingSide = open.side() == Side.LONG ? "sell" : "buy";
            Fill closing = null;
            for (Fill f : client.fills(contract.symbol(), open.entryTime()).items()) {
                if ("liquid".equals(f.tradeType()) || "liquidation".equals(f.orderId())) {
                    exit = new Filled(f.size(), f.price(), f.fee());
                    reason = "LIQUIDATION";
                    break;
                }
                if (closing == null && closingSide.equals(f.side())) closing = f;
            }
            if (exit == null && closing != null) exit = new Filled(closing.size(), closing.price(), closing.fee());
        }
        cancelLegs();
        if (exit == null) {
            // Closed outside the executor (by hand on the website); its price is unknown here.
            return recordExit(Double.NaN, 0, reason);
        }
        if (reason.equals("LIQUIDATION")) {
            double margin = Pricing.margin(open.contracts(), contract.multiplier(), open.entryPrice(), plan.leverage());
            return recordExitWithPnl(exit.averagePrice, 0, -margin, reason);
        }
        return recordExit(exit.averagePrice, exit.fee, reason);
    }

    private String recordExit(double exitPrice, double exitFee, String reason) {
        double gross = Double.isNaN(exitPrice) ? Double.NaN
                : Pricing.pnl(open.side(), open.entryPrice(), exitPrice, open.contracts(), contract.multiplier());
        return recordExitWithPnl(exitPrice, exitFee, gross, reason);
    }

    private String recordExitWithPnl(double exitPrice, double exitFee, double gross, String reason) {
        LivePosition p = open;
        double net = gross - p.entryFee() - exitFee;
        journal.livePositionClosed(p.id(), now(), exitPrice, exitFee, Double.isNaN(gross) ? 0 : gross, Double.isNaN(net) ? 0 : net, reason);
        journal.commit();
        open = null;
        guard.forgetPosition(p.entryClientOid());
        String text = Double.isNaN(exitPrice)
                ? String.format(Locale.ROOT, "%s closed on the exchange by something other than our orders; exit price unknown", describe(p))
                : String.format(Locale.ROOT, "%s closed by %s at %s: net PnL %+.4f USDT (exit fee %.4f)", describe(p), reason,
                plain(exitPrice), net, exitFee);
        event(SessionEvent.Kind.EXIT, text);
        return text;
    }

    // ---- sending, confirming, looking up ----

    /** The answer to one order: accepted ({@code ack}), refused ({@code rejection}), or neither (outcome unknown). */
    private record Sent(OrderAck ack, KucoinApiException rejection) {
    }

    /** What filled: lots, average price, fees. */
    private record Filled(long size, double averagePrice, double fee) {
    }

    /**
     * Journals the intent and commits it, then sends; journals the answer. An order whose answer was lost
     * is looked up by its clientOid (never sent again); if still unknown it stays UNKNOWN in the journal
     * for {@link #syncWithExchange} and {@link #reconcile} to resolve.
     */
    private Sent send(ExchangeOrder intent, OrderRequest request) {
        String oid = intent.clientOid();
        journal.exchangeOrderIntent(intent);
        journal.commit();
        try {
            OrderAck ack = client.placeOrder(request);
            journal.exchangeOrderUpdate(oid, OrderState.ACCEPTED, ack.orderId(), 0, Double.NaN, 0, null, now());
            journal.commit();
            return new Sent(ack, null);
        } catch (KucoinApiException e) {
            journal.exchangeOrderUpdate(oid, OrderState.REJECTED, null, 0, Double.NaN, 0, e.getMessage(), now());
            journal.commit();
            return new Sent(null, e);
        } catch (KucoinTransportException e) {
            if (!e.mayHaveReachedExchange()) {
                journal.exchangeOrderUpdate(oid, OrderState.REJECTED, null, 0, Double.NaN, 0, "not sent: " + e.getMessage(), now());
                journal.commit();
                return new Sent(null, new KucoinApiException("not-sent", e.getMessage(), 0, "order"));
            }
            return unknownOutcome(oid, e.getMessage());
        } catch (OrderOutcomeUnknownException e) {
            return unknownOutcome(oid, e.getMessage());
        }
    }

    private Sent unknownOutcome(String oid, String why) {
        journal.exchangeOrderUpdate(oid, OrderState.UNKNOWN, null, 0, Double.NaN, 0, why, now());
        journal.commit();
        log.warn("Order {} outcome unknown ({}); looking it up", oid, why);
        Optional<Order> found;
        try {
            found = client.orderByClientOid(oid);
        } catch (KucoinApiException | KucoinTransportException e) {
            return new Sent(null, null);
        }
        if (found.isEmpty()) return new Sent(null, null);
        journal.exchangeOrderUpdate(oid, OrderState.ACCEPTED, found.get().id(), 0, Double.NaN, 0, null, now());
        journal.commit();
        return new Sent(new OrderAck(found.get().id(), oid), null);
    }

    /** Waits for a market order to be done and reads its fills; null when it is still open after every check. */
    private Filled confirmFill(String orderId) {
        for (int check = 1; check <= settings.fillChecks(); check++) {
            Order order = client.order(orderId);
            if (!order.isActive() || "done".equals(order.status())) return fillsOf(order);
            try {
                sleeper.sleep(settings.fillCheckPause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * {@link #confirmFill}, and a market order still open after every check is cancelled (a late fill
     * would be a position nobody protects); what filled until then counts.
     */
    private Filled confirmFillOrCancel(String orderId, String clientOid) {
        Filled filled = confirmFill(orderId);
        if (filled != null) return filled;
        try {
            client.cancelOrderByClientOid(clientOid, contract.symbol());
        } catch (KucoinApiException e) {
            // Not cancellable any more: it filled meanwhile, read below.
        }
        return fillsOf(client.order(orderId));
    }

    private Filled fillsOf(Order order) {
        if (order.filledSize() == 0) return new Filled(0, Double.NaN, 0);
        long size = 0;
        double value = 0;
        double fee = 0;
        double onePrice = Double.NaN;
        boolean samePrice = true;
        for (Fill f : client.fillsOfOrder(order.id()).items()) {
            size += f.size();
            value += f.price() * f.size();
            fee += f.fee();
            if (Double.isNaN(onePrice)) onePrice = f.price();
            else samePrice &= onePrice == f.price();
        }
        if (size == 0) return new Filled(order.filledSize(), order.avgDealPrice(), 0);
        // One price (the usual market fill) is kept exact rather than passed through a weighted mean.
        return new Filled(size, samePrice ? onePrice : value / size, fee);
    }

    /**
     * Records what the exchange says became of an order whose answer was lost, and carries on from
     * there: a filled entry opens the live position (and is protected), a placed stop order becomes the
     * position's leg, a filled close ends the position.
     */
    private String adopt(ExchangeOrder o, Order found) {
        String outcome = recordOrderOutcome(o.clientOid(), found);
        boolean filled = found.filledSize() > 0 && (!found.isActive() || "done".equals(found.status()));
        switch (o.purpose()) {
            case ENTRY -> {
                if (filled && open == null) {
                    Filled f = fillsOf(found);
                    openPositionFromFill(o, f);
                    journal.commit();
                    event(SessionEvent.Kind.ENTRY, "the entry " + o.clientOid() + " had filled: " + describe(open));
                    protect(o.barTime());
                }
            }
            case STOP_LOSS -> {
                if (found.isActive() && open != null && stopLossOid == null) stopLossOid = o.clientOid();
            }
            case TAKE_PROFIT -> {
                if (found.isActive() && open != null && takeProfitOid == null) takeProfitOid = o.clientOid();
            }
            case EXIT, FLATTEN -> {
                if (filled && open != null) {
                    Filled f = fillsOf(found);
                    cancelLegs();
                    recordExit(f.averagePrice, f.fee, o.purpose() == OrderPurpose.EXIT ? "SIGNAL" : "FLATTEN");
                }
            }
        }
        return outcome;
    }

    private String recordOrderOutcome(String oid, Order found) {
        if (found.filledSize() > 0 && (!found.isActive() || "done".equals(found.status()))) {
            Filled f = fillsOf(found);
            journal.exchangeOrderUpdate(oid, OrderState.FILLED, found.id(), f.size, f.averagePrice, f.fee, null, now());
            journal.commit();
            return "filled " + f.size + " at " + plain(f.averagePrice);
        }
        if (found.isActive()) {
            journal.exchangeOrderUpdate(oid, OrderState.ACCEPTED, found.id(), 0, Double.NaN, 0, null, now());
            journal.commit();
            return "open on the exchange";
        }
        journal.exchangeOrderUpdate(oid, OrderState.CANCELLED, found.id(), 0, Double.NaN, 0, null, now());
        journal.commit();
        return "cancelled without a fill";
    }

    // ---- state ----

    /** The position the journal holds open from an earlier run, with the stop orders placed for it. */
    private void loadOpenPosition() {
        open = journal.openLivePosition(bot.name()).orElse(null);
        if (open == null) return;
        boolean afterEntry = false;
        for (ExchangeOrder o : journal.exchangeOrders()) {
            if (o.clientOid().equals(open.entryClientOid())) afterEntry = true;
            if (!afterEntry || o.state() != OrderState.ACCEPTED) continue;
            if (o.purpose() == OrderPurpose.STOP_LOSS) stopLossOid = o.clientOid();
            if (o.purpose() == OrderPurpose.TAKE_PROFIT) takeProfitOid = o.clientOid();
        }
    }

    private void refreshState(Position exchange) {
        AccountOverview account = client.accountOverview(CURRENCY);
        double available = account.availableBalance();
        guard.onEquity(now(), account.accountEquity());
        long qty = exchange.currentQty();
        LivePosition p = open;
        state = new ExchangeState(contract.symbol(), qty > 0 ? "LONG" : qty < 0 ? "SHORT" : "FLAT", Math.abs(qty),
                qty == 0 ? Double.NaN : exchange.avgEntryPrice(), qty == 0 ? Double.NaN : exchange.liquidationPrice(),
                qty == 0 ? 0 : exchange.unrealisedPnl(),
                p != null && takeProfitOid != null ? p.takeProfit() : Double.NaN,
                p != null && stopLossOid != null ? p.stopLoss() : Double.NaN, available, now());
    }

    // ---- words ----

    private void refuse(long barTime, String reason) {
        journal.executorRefusal(bot.name(), barTime, reason);
        journal.commit();
        event(SessionEvent.Kind.REFUSAL, reason);
    }

    static String explainRejection(KucoinApiException e, double needed, double available) {
        String text = (e.code() + " " + e.exchangeMessage()).toLowerCase(Locale.ROOT);
        if ("300003".equals(e.code()) || text.contains("insufficient")) {
            return String.format(Locale.ROOT, "insufficient balance: margin needed %.2f USDT, available %.2f USDT — lower the leverage/risk or add funds",
                    needed, available);
        }
        if ("not-sent".equals(e.code())) return "the entry was not sent: " + e.exchangeMessage() + " — check the connection to the exchange";
        if ("400007".equals(e.code())) {
            return "the exchange refused the entry: the API key lacks the Futures Trading permission — add it on kucoin.com/account/api";
        }
        return "the exchange refused the entry: " + e.getMessage();
    }

    private void failure(String what, RuntimeException e) {
        log.warn("{} failed", what, e);
        String text = what + " failed: " + e.getMessage();
        // An exchange that is down fails every poll the same way: say it once, not every few seconds.
        if (text.equals(lastFailure)) return;
        lastFailure = text;
        journal.error(now(), text);
        journal.commit();
        event(SessionEvent.Kind.ERROR, text);
    }

    private void event(SessionEvent.Kind kind, String text) {
        events.accept(new SessionEvent(now(), kind, bot.name(), text));
    }

    private static String legName(OrderPurpose leg) {
        return leg == OrderPurpose.STOP_LOSS ? "stop-loss" : "take-profit";
    }

    private static String describe(ExchangeOrder o) {
        return o.purpose().name().toLowerCase(Locale.ROOT).replace('_', '-') + " order " + o.clientOid() + " (" + o.side().toLowerCase(Locale.ROOT)
                + " " + o.size() + ")";
    }

    private static String describe(LivePosition p) {
        return p.side().name().toLowerCase(Locale.ROOT) + " " + p.contracts() + " at " + plain(p.entryPrice());
    }

    private static String plain(double price) {
        if (Double.isNaN(price)) return "?";
        // Twelve significant digits hide binary noise (40040.000000000004) and keep every real digit of a price.
        return BigDecimal.valueOf(price).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
    }

    private long now() {
        return clock.getAsLong();
    }
}
