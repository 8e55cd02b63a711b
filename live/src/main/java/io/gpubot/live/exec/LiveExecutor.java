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
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.Sleeper;
import io.gpubot.live.ExecutedDecision;
import io.gpubot.live.ExecutedDecision.Leg;
import io.gpubot.live.Journal;
import io.gpubot.live.Journal.ExchangeOrder;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.Journal.OrderPurpose;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.exec.ExchangePort.AccountReport;
import io.gpubot.live.exec.ExchangePort.FillReport;
import io.gpubot.live.exec.ExchangePort.Kind;
import io.gpubot.live.exec.ExchangePort.OrderReport;
import io.gpubot.live.exec.ExchangePort.OrderSpec;
import io.gpubot.live.exec.ExchangePort.PositionReport;
import io.gpubot.live.exec.OrderGateway.Fate;
import io.gpubot.live.exec.OrderGateway.Sent;
import io.gpubot.live.exec.Reconciler.PositionAction;
import io.gpubot.live.exec.Reconciler.Resolution;
import io.gpubot.live.risk.RiskGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Carries one live bot's decisions to the exchange (Mode 3) through an {@link ExchangePort}: market entries
 * planned by the core's {@link EntryPlanner} (the backtest's entry rule) from the exchange's balance, each
 * with its stop-loss attached so that it is on the exchange from the moment the entry can fill, the
 * take-profit a reduce-only limit at the real fill's level placed after it ({@link Protection}); exits by
 * signal; exchange-side exits (stop, take-profit, liquidation) noticed by polling; reconciliation with the
 * exchange ({@link Reconciler}, pure); flattening for the kill switch.
 *
 * <p>Every order goes through the {@link OrderGateway}: journalled and committed <em>before</em> it is
 * sent, its answer after, sent at most once. An order whose fate is unknown (answer lost, 5xx, accepted but
 * its fill never confirmed) is resolved by lookup and the position before any new order for the bot.
 *
 * <p>How a live session drives it, all on its engine thread:
 * <ol>
 *   <li>at start, after the engine is built (or resumed): {@link #reconcile()}, and print its lines;</li>
 *   <li>for each closed bar: {@code engine.onClosedBar(bar)} (which commits the bar), then, if the model
 *       emitted {@code onOrder(time, side, exit, enter)} for that bar,
 *       {@link #onDecision onDecision(runner, time, side, exit, enter, bar.close())}, which says what became of it;</li>
 *   <li>for each live price: {@link #onPrice(long, double)} (it polls the exchange at most every
 *       {@link Settings#pollIntervalMillis});</li>
 *   <li>the kill switch: {@link #flatten(String)}, then stop the session.</li>
 * </ol>
 * The engine of a live session should take {@link io.gpubot.core.trade.EntryGate#OPEN}, not the risk
 * guard: the guard is asked here, before the real order.
 *
 * <p>Threading: every method except {@link #state()} must be called from the one engine thread that
 * also owns the journal; the executor commits the journal itself. {@link #state()} may be read from any
 * thread. Exchange failures never escape {@link #onDecision} or {@link #onPrice}: they become journal
 * errors and ERROR events.
 */
public final class LiveExecutor {

    private static final Logger log = LoggerFactory.getLogger(LiveExecutor.class);
    private static final String ISOLATED = "ISOLATED";
    /** Closing orders the kill switch sends, each for what is still open, before it reports the rest. */
    private static final int FLATTEN_ATTEMPTS = 3;

    /**
     * How the executor works the exchange.
     *
     * @param slippage            the slippage rate the entry size is estimated with (the backtest's)
     * @param pollIntervalMillis  least time between two position polls from {@link #onPrice}
     * @param protectionAttempts  tries per protective order (each with a fresh clientOid) before the position is closed instead
     * @param fillChecks          reads of a market order's state (and of its fills) before it counts as not done (not shown)
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

    private final ExchangePort port;
    private final Bot bot;
    private final Contract contract;
    private final TradingPlan plan;
    /** Built in until {@link #reconcile()} reads the exchange's own: they decide where KuCoin liquidates a position of a given size. */
    private RiskLimitTiers tiers;
    private final OrderJournal orders;
    private final OrderGateway gateway;
    private final Protection protection;
    private final RiskGuard guard;
    private final Consumer<SessionEvent> events;
    private final Settings settings;
    private final LongSupplier clock;

    private LivePosition open;
    private boolean isolatedMarginSet;
    private long lastPoll = Long.MIN_VALUE;
    private String lastFailure;
    private volatile ExchangeState state;

    /** An executor on KuCoin Futures and the wall clock. */
    public LiveExecutor(KucoinRestClient client, Bot bot, Contract contract, Journal journal, RiskGuard guard,
                        Consumer<SessionEvent> events, Settings settings) {
        this(client, bot, contract, journal, guard, events, settings, System::currentTimeMillis, Sleeper.SYSTEM);
    }

    /** An executor on KuCoin Futures ({@link KucoinExchange}). */
    public LiveExecutor(KucoinRestClient client, Bot bot, Contract contract, Journal journal, RiskGuard guard,
                        Consumer<SessionEvent> events, Settings settings, LongSupplier clock, Sleeper sleeper) {
        this(new KucoinExchange(client, contract.symbol()), bot, contract, journal, guard, events, settings, clock, sleeper);
    }

    /**
     * @param port   the exchange, for {@code contract}
     * @param bot    the one bot this session trades live (one-way mode: one position per symbol)
     * @param events the dashboard's event list; called on the engine thread
     * @param clock  epoch ms for journal times, the order rate and the trading day
     */
    public LiveExecutor(ExchangePort port, Bot bot, Contract contract, Journal journal, RiskGuard guard,
                        Consumer<SessionEvent> events, Settings settings, LongSupplier clock, Sleeper sleeper) {
        this.port = Objects.requireNonNull(port, "port");
        this.bot = Objects.requireNonNull(bot, "bot");
        this.contract = Objects.requireNonNull(contract, "contract");
        this.plan = bot.plan(contract);
        this.tiers = RiskLimitTiers.of(contract);
        this.guard = Objects.requireNonNull(guard, "guard");
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orders = new OrderJournal(Objects.requireNonNull(journal, "journal"), bot.name(), clock);
        this.gateway = new OrderGateway(port, orders, settings, Objects.requireNonNull(sleeper, "sleeper"));
        this.protection = new Protection(port, orders, gateway, bot.name(), plan.leverage(), settings.protectionAttempts(), this::event, clock);
        this.state = ExchangeState.unknown(contract.symbol());
        if (bot.leverage() > guard.leverageCap()) {
            throw new IllegalArgumentException("the bot's leverage " + bot.leverage() + "x exceeds the risk limit of " + guard.leverageCap() + "x");
        }
        open = orders.openPosition().orElse(null);
        if (open != null) protection.load(open.entryClientOid());
    }

    // ---- the session's calls ----

    /**
     * The model decided at bar {@code barTime}'s close to send a market order: {@code exit} closes the
     * open position, {@code enter} opens one on {@code side} (both: a reversal, exit first). Call after
     * the engine committed the bar. Nothing is sent while an earlier order's fate is unknown.
     *
     * @param referencePrice the price the decision was made at (the bar's close)
     * @return what became of each leg on the exchange
     */
    public ExecutedDecision onDecision(BotRunner runner, long barTime, Side side, boolean exit, boolean enter, double referencePrice) {
        String blocked;
        try {
            blocked = synchronise();
        } catch (ExchangeException e) {
            failure("order decision at bar " + barTime, e);
            String why = "not sent: the exchange could not be read (" + e.getMessage() + ")";
            return new ExecutedDecision(exit ? Leg.dropped(why) : Leg.NONE, enter ? Leg.dropped(why) : Leg.NONE);
        }
        if (blocked != null) {
            String why = "not sent: " + blocked;
            event(SessionEvent.Kind.WARNING, "order decision at bar " + barTime + " " + why);
            return new ExecutedDecision(exit ? Leg.dropped(why) : Leg.NONE, enter ? Leg.dropped(why) : Leg.NONE);
        }
        // The model may be flat while the real position is still open (its simulated stop and the
        // exchange's differ by the fill): an entry the other way then closes the real one first.
        boolean reverse = enter && open != null && open.side() != side;
        Leg exitLeg = (exit || reverse) && open != null ? close(OrderPurpose.EXIT, barTime, "SIGNAL") : Leg.NONE;
        Leg entryLeg = Leg.NONE;
        if (enter) {
            if (open != null) {
                String why = exitLeg.outcome() == ExecutedDecision.Outcome.UNKNOWN ? "not sent: the exit's fate is not known yet"
                        : exitLeg.outcome() == ExecutedDecision.Outcome.DROPPED ? "not sent: the exit did not happen (" + exitLeg.reason() + ")"
                        : "not sent: the position " + describe(open) + " is still open on the exchange";
                event(SessionEvent.Kind.WARNING, "entry " + side + " " + why);
                entryLeg = Leg.dropped(why);
            } else {
                entryLeg = enter(runner, barTime, side, referencePrice);
            }
        }
        try {
            refreshState(port.position());
        } catch (ExchangeException e) {
            failure("position read after the decision at bar " + barTime, e);
        }
        return new ExecutedDecision(exitLeg, entryLeg);
    }

    /**
     * A live price: watches the distance to liquidation and polls the exchange (at most once per
     * {@link Settings#pollIntervalMillis}) to resolve orders and notice exits the exchange made.
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
        } catch (ExchangeException e) {
            failure("position poll", e);
        }
    }

    /**
     * Brings the journal and the exchange into agreement after a (re)start; call once before the first
     * bar. Orders whose answer never arrived are looked up by clientOid and the position (found: recorded
     * and carried on; proven absent: marked never placed; else left unknown and nothing new is sent); a
     * journalled position the exchange closed meanwhile gets its exit from the fills; one without its
     * protective orders gets them; a position the journal does not know is reported and left alone.
     * Nothing is ever sent twice.
     *
     * @return what was found and done, one line each, for the session to print
     */
    public List<String> reconcile() {
        List<String> report = new ArrayList<>();
        readRiskLimitTiers(report);
        PositionReport exchange = port.position();
        for (ExchangeOrder o : orders.unresolved()) report.add(resolveOne(o, exchange));
        exchange = port.position();
        Set<String> resting = activeOrderIds();
        if (open != null) protection.load(open.entryClientOid()); // the legs as journalled now (a leg resolved above counts)
        if (open != null && !exchange.isFlat()) {
            // Only the legs still resting count; the stop attached to the entry if the process died before it was taken
            // over; older legs a killed replacement left behind are cancelled. (Flat: the legs say how it ended.)
            protection.keepActive(resting);
            if (protection.stopLoss().isEmpty()) orders.order(open.entryClientOid()).ifPresent(e -> protection.adoptAttached(e, open));
            int strays = protection.cancelStrays(resting);
            if (strays > 0) report.add("cancelled " + strays + " older protective order(s) left by an interrupted replacement");
            List<String> duplicates = protection.cancelDuplicateStops(open);
            if (!duplicates.isEmpty()) report.add("cancelled a second stop-loss at " + String.join(", ", duplicates));
        }
        String reduced = recordExchangeReduction(exchange);
        if (reduced != null) report.add(reduced);
        boolean hadStop = protection.stopLoss().isPresent();
        boolean hadTakeProfit = protection.takeProfit().isPresent();
        PositionAction action = Reconciler.positionAction(Optional.ofNullable(open), exchange, hadStop, hadTakeProfit);
        switch (action) {
            case NOTHING -> report.add("flat on the exchange, as journalled");
            case RECORD_EXIT -> report.add("the position " + describe(open) + " was closed on the exchange meanwhile: " + recordExchangeExit());
            case PROTECTED -> {
                sizeMismatch(exchange).ifPresent(report::add);
                report.add("the position " + describe(open) + " is protected on the exchange (stop-loss " + plain(open.stopLoss())
                        + ", take-profit " + plain(open.takeProfit()) + ")");
            }
            case PROTECT -> {
                sizeMismatch(exchange).ifPresent(report::add);
                LivePosition p = open;
                if (protectOrClose(p.entryTime())) {
                    report.add("the position " + describe(p) + " lacked " + (hadStop ? "" : "its stop-loss" + (hadTakeProfit ? "" : " and "))
                            + (hadTakeProfit ? "" : "its take-profit") + "; placed at " + plain(p.stopLoss()) + " / " + plain(p.takeProfit()));
                } else {
                    report.add("the position could not be protected and was closed");
                }
            }
            case FOREIGN, OPPOSITE -> {
                String line = String.format(Locale.ROOT, "the exchange holds a %s position of %d contracts at %s that the journal does not know%s; not touched",
                        exchange.quantity() > 0 ? "long" : "short", Math.abs(exchange.quantity()), plain(exchange.avgEntryPrice()),
                        open == null ? "" : " (it holds " + describe(open) + ")");
                report.add(line);
                event(SessionEvent.Kind.WARNING, line);
            }
        }
        refreshState(port.position());
        for (String line : report) event(SessionEvent.Kind.INFO, "reconcile: " + line);
        return report;
    }

    /**
     * Plans entries with the exchange's risk-limit tiers where it reports them: a position's maintenance margin
     * rate grows with its size, and an entry whose stop-loss lies beyond the liquidation price the exchange
     * would apply is refused rather than sent. Where they are not reported (or cannot be read) the built-in
     * tiers stay, as in the backtest.
     */
    private void readRiskLimitTiers(List<String> report) {
        try {
            Optional<RiskLimitTiers> stated = port.riskLimits();
            if (stated.isPresent() && stated.get().symbol().equals(contract.symbol())) tiers = stated.get();
        } catch (ExchangeException e) {
            report.add("the exchange's risk-limit tiers could not be read (" + e.getMessage() + "); gpubot's built-in tiers apply");
        }
    }

    /**
     * The kill switch: closes the whole position at market (reduce-only, the position's margin mode; what a
     * thin book leaves is closed again, up to three orders), then, once the exchange is flat, cancels every
     * order and stop order of the symbol, and journals it. A position it could not close keeps its protective
     * orders.
     *
     * @return what was done, one line each
     */
    public List<String> flatten(String reason) {
        List<String> report = new ArrayList<>();
        try {
            PositionReport exchange = port.position();
            if (exchange.isFlat()) {
                report.add("no position on the exchange");
                if (open != null) report.add("the journalled position " + describe(open) + " was already closed: " + recordExchangeExit());
            } else {
                // A close the book fills only in part is sent again for the rest (a new order, never the same one twice).
                for (int attempt = 1; attempt <= FLATTEN_ATTEMPTS && !exchange.isFlat(); attempt++) {
                    Leg closed = closeAtMarket(OrderPurpose.FLATTEN, 0, exchange, "FLATTEN: " + reason);
                    report.add(closed.filled() ? String.format(Locale.ROOT, "closed %d contracts at %s", closed.contracts(), plain(closed.price()))
                            : "the closing order " + (closed.outcome() == ExecutedDecision.Outcome.UNKNOWN ? "has no known fate yet: " : "was not executed: ")
                            + closed.reason() + " — check the position on the exchange");
                    if (!closed.filled()) break;
                    exchange = port.position();
                }
            }
            exchange = port.position();
            if (exchange.isFlat()) {
                protection.cancelAll();
                int cancelled = port.cancelAll();
                report.add("cancelled " + cancelled + " other order(s)");
            } else {
                // Never strip the stops of a position the kill switch could not close.
                report.add(String.format(Locale.ROOT, "%d contracts are still open on the exchange and keep their stop-loss and take-profit:"
                        + " flatten again, or close them on the exchange", Math.abs(exchange.quantity())));
            }
            refreshState(exchange);
        } catch (ExchangeException e) {
            report.add("flatten failed: " + e.getMessage() + " — check the position on the exchange");
            failure("flatten", e);
        }
        for (String line : report) event(SessionEvent.Kind.WARNING, "flatten (" + reason + "): " + line);
        return report;
    }

    /** Reads the exchange's position now: true when the contract is flat there. */
    public boolean flatOnExchange() {
        PositionReport exchange = port.position();
        refreshState(exchange);
        return exchange.isFlat();
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
     * Reads the exchange now: resolves orders whose fate is unknown and notices an exit the exchange made
     * (stop-loss, take-profit, liquidation), journals it and cancels the other protective order.
     */
    public void syncWithExchange() {
        synchronise();
    }

    // ---- reconciliation, applied ----

    /** Resolves what can be resolved, applies the position's action; returns why nothing new may be sent (null: it may). */
    private String synchronise() {
        PositionReport exchange = port.position();
        List<ExchangeOrder> unresolved = orders.unresolved();
        for (ExchangeOrder o : unresolved) resolveOne(o, exchange);
        if (!unresolved.isEmpty()) exchange = port.position();
        PositionAction action = Reconciler.positionAction(Optional.ofNullable(open), exchange, true, true);
        if (action == PositionAction.RECORD_EXIT) {
            recordExchangeExit();
            exchange = port.position();
        }
        recordExchangeReduction(exchange);
        // One stop-loss on an open position, however the exchange lists the one attached to the entry.
        if (open != null && !exchange.isFlat()) protection.cancelDuplicateStops(open);
        refreshState(exchange);
        return Reconciler.blocksNewOrders(orders.unresolved(), Optional.ofNullable(open), exchange);
    }

    /** Looks one unresolved order up and records what it became; returns the line for the report. */
    private String resolveOne(ExchangeOrder o, PositionReport exchange) {
        Fate fate = gateway.lookUp(o);
        Resolution resolution = Reconciler.resolve(o, fate, exchange, Optional.ofNullable(open), false);
        switch (resolution) {
            case FILLED -> {
                return describe(o) + " was found on the exchange: " + adoptFill(o, fate);
            }
            case WORKING -> {
                if (o.state() != Journal.OrderState.ACCEPTED) orders.accepted(o.clientOid(), fate.orderId());
                if (o.purpose() == OrderPurpose.STOP_LOSS || o.purpose() == OrderPurpose.TAKE_PROFIT) {
                    return describe(o) + " was found on the exchange: open on the exchange";
                }
                return describe(o) + " is still working on the exchange; nothing new is sent until it is done";
            }
            case CANCELLED -> {
                orders.cancelled(o.clientOid(), fate.orderId(), "done without a fill");
                return describe(o) + " was found on the exchange: cancelled without a fill";
            }
            case NEVER_PLACED -> {
                orders.notFound(o.clientOid(), "looked up later and not on the exchange: never placed");
                String line = describe(o) + " was never placed (the exchange does not know it)";
                event(SessionEvent.Kind.WARNING, line + "; the decision it carried is dropped");
                return line;
            }
            default -> {
                String why = fate.why() == null ? "not found yet" : fate.why();
                orders.note(o.clientOid(), "unresolved: " + why);
                return "could not resolve " + describe(o) + " (" + why + "); it stays unknown and is looked up again before anything is sent";
            }
        }
    }

    /** Carries on from an unresolved order that turned out filled. */
    private String adoptFill(ExchangeOrder o, Fate fate) {
        String text = "filled " + fate.size() + " at " + plain(fate.price());
        switch (o.purpose()) {
            case ENTRY -> {
                if (open == null) {
                    openFromFill(o, fate);
                    event(SessionEvent.Kind.ENTRY, "the entry " + o.clientOid() + " had filled: " + describe(open));
                    protectAfterEntry(o, o.barTime());
                } else {
                    orders.filled(o.clientOid(), fate.orderId(), fate.size(), fate.price(), fate.fee());
                }
            }
            case EXIT, FLATTEN -> {
                String reason = o.purpose() == OrderPurpose.EXIT ? "SIGNAL" : "FLATTEN";
                if (open != null && fate.size() < open.contracts()) {
                    recordPartialExit(o.clientOid(), fate, fate.size(), fate.price(), fate.fee(), reason);
                } else if (open != null) {
                    recordExit(o.clientOid(), fate, reason);
                    protection.cancelAll();
                } else {
                    orders.filled(o.clientOid(), fate.orderId(), fate.size(), fate.price(), fate.fee());
                }
            }
            default -> orders.filled(o.clientOid(), fate.orderId(), fate.size(), fate.price(), fate.fee());
        }
        return text;
    }

    // ---- entry ----

    private Leg enter(BotRunner runner, long barTime, Side side, double referencePrice) {
        AccountReport account;
        try {
            account = port.account();
            if (!isolatedMarginSet) {
                port.useIsolatedMargin();
                isolatedMarginSet = true;
            }
            // Flat, so nothing reduce-only may rest: a leftover stop would close part of the position about to open.
            Protection.Cleared cleared = protection.clearWhileFlat();
            if (cleared.any()) {
                String text = "before the entry, cancelled what rested while flat, " + cleared.describe();
                orders.error(text);
                event(SessionEvent.Kind.WARNING, text);
            }
        } catch (ExchangeException e) {
            failure("entry at bar " + barTime, e);
            return Leg.dropped("not sent: the exchange could not be read (" + e.getMessage() + ")");
        }
        double equity = account.equity();
        double available = account.available();
        double m = contract.multiplier();
        double atr = runner.lastAtr();
        // The backtest's own entry rule, at the price of the moment: the same levels, size and refusals.
        EntryPlan planned = EntryPlanner.plan(plan, tiers, runner.trader().run().limits().maxNotionalUsdt(), side, referencePrice,
                settings.slippage(), atr, equity, available, runner.trader().stats(), true);
        if (planned.refused()) return refuse(barTime, planned.refusal());
        long q = planned.contracts();
        double fill = planned.fill();
        double stopLoss = planned.stopLoss();
        double entryFee = planned.fee();
        double exitAtStop = Pricing.exitFill(side, stopLoss, settings.slippage(), contract.tickSize());
        double lossAtStop = Pricing.pnl(side, exitAtStop, fill, q, m) + entryFee + Pricing.fee(q, m, exitAtStop, contract.takerFeeRate());
        String refused = guard.check(now(), plan.leverage(), planned.notional(m), lossAtStop, equity);
        if (refused != null) return refuse(barTime, refused);
        String oid = UUID.randomUUID().toString();
        boolean buy = side == Side.LONG;
        // The stop-loss rides with the entry (/api/v1/st-orders) at the planned fill's level: on the exchange from the
        // moment the entry can fill. The entry row keeps that level as its stop price.
        ExchangeOrder intent = ExchangeOrder.intent(oid, bot.name(), barTime, OrderPurpose.ENTRY, buy ? "BUY" : "SELL", q, stopLoss,
                referencePrice, atr, now());
        OrderSpec order = new OrderSpec(oid, buy, Kind.MARKET, q, plan.leverage(), Double.NaN, Double.NaN, false, ISOLATED, stopLoss);
        guard.recordOrder(now());
        Sent sent = gateway.send(intent, order);
        if (sent.rejection() != null) {
            double needed = Pricing.margin(q, m, fill, plan.leverage()) + entryFee;
            return refuse(barTime, explainRejection(sent.rejection(), needed, available));
        }
        if (sent.unknown()) {
            String why = "the entry order " + oid + " got no answer and the exchange does not show it yet; "
                    + "it is looked up again before anything else is sent";
            event(SessionEvent.Kind.ERROR, why);
            return Leg.unknown(why);
        }
        Fate fate;
        try {
            fate = gateway.awaitFill(sent.orderId(), true);
        } catch (ExchangeException e) {
            failure("confirming the entry " + oid, e);
            return Leg.unknown("the entry " + oid + " was accepted but its fill could not be confirmed (" + e.getMessage()
                    + "); it is looked up again before anything else is sent");
        }
        ExchangeOrder entry = orders.order(oid).orElseThrow();
        switch (fate.status()) {
            case FILLED -> {
                openFromFill(entry, fate);
                event(SessionEvent.Kind.ENTRY, String.format(Locale.ROOT, "%s %d contracts at %s (fee %.4f USDT); take-profit %s, stop-loss %s",
                        open.side().name().toLowerCase(Locale.ROOT), open.contracts(), plain(open.entryPrice()), open.entryFee(),
                        plain(open.takeProfit()), plain(open.stopLoss())));
                Leg filled = Leg.filled(fate.size(), fate.price(), fate.fee());
                protectAfterEntry(entry, barTime);
                return filled;
            }
            case CANCELLED -> {
                orders.cancelled(oid, fate.orderId(), "no fill confirmed");
                cancelStrayAttachedStop(entry);
                event(SessionEvent.Kind.ERROR, "the entry order " + oid + " did not fill; no position was opened");
                return Leg.dropped("the entry was cancelled unfilled");
            }
            default -> {
                return unresolved("the entry " + oid, oid, fate);
            }
        }
    }

    /** A market order still working or whose fill is not confirmed: noted, said once, and looked up again before anything else. */
    private Leg unresolved(String order, String oid, Fate fate) {
        String why = fate.status() == OrderGateway.Status.OPEN ? order + " is still working on the exchange" : order + " " + fate.why();
        orders.note(oid, why);
        event(SessionEvent.Kind.ERROR, why + "; it is looked up again before anything else is sent");
        return Leg.unknown(why);
    }

    private Leg refuse(long barTime, String reason) {
        orders.refusal(barTime, reason);
        event(SessionEvent.Kind.REFUSAL, reason);
        return Leg.dropped(reason);
    }

    /** Journals an entry's fill and opens the live position with the levels of the actual fill price (the rulebook's). */
    private void openFromFill(ExchangeOrder entry, Fate fate) {
        Side side = Reconciler.entrySide(entry);
        EntryPlan levels = EntryPlanner.levelsAt(plan, tiers, side, fate.price(), fate.size(), entry.atr());
        LivePosition p = new LivePosition(0, bot.name(), side, fate.size(), now(), fate.price(), fate.fee(), entry.clientOid(),
                levels.takeProfit(), levels.stopLoss(), levels.liquidationPrice(), true, 0, Double.NaN, 0, 0, 0, null);
        open = orders.entryFilled(entry.clientOid(), fate.orderId(), fate.size(), fate.price(), fate.fee(), p);
        protection.forget();
    }

    /**
     * After an entry filled: takes over the stop-loss attached to it, moves it to the real fill's level
     * when that differs (the new stop first, then the attached one cancelled), and places the take-profit.
     */
    private void protectAfterEntry(ExchangeOrder entry, long barTime) {
        try {
            if (!protection.adoptAttached(entry, open)) {
                log.warn("The stop-loss attached to entry {} is not among the exchange's stop orders; placing one", entry.clientOid());
            }
            if (protectOrClose(barTime) && open != null) protection.cancelDuplicateStops(open);
        } catch (ExchangeException e) {
            failure("protecting the position", e);
        }
    }

    /** Places what the position lacks; a position that cannot be protected is closed. Returns whether it is protected. */
    private boolean protectOrClose(long barTime) {
        String missing = protection.protect(open, barTime);
        if (missing == null) return true;
        event(SessionEvent.Kind.ERROR, "could not place the " + missing + " after " + settings.protectionAttempts()
                + " attempts: closing the position rather than leave it unprotected");
        PositionReport exchange = port.position();
        if (exchange.isFlat()) recordExchangeExit();
        else closeAtMarket(OrderPurpose.EXIT, barTime, exchange, "UNPROTECTED");
        return false;
    }

    /** An entry cancelled without a fill may leave its attached stop behind: reduce-only, harmless, but not ours to keep. */
    private void cancelStrayAttachedStop(ExchangeOrder entry) {
        if (Double.isNaN(entry.stopPrice())) return;
        try {
            boolean closingBuy = "SELL".equals(entry.side());
            for (OrderReport o : port.activeStopOrders()) {
                if (Protection.isStopAt(o, closingBuy, entry.stopPrice())) {
                    port.cancel(o.orderId());
                }
            }
        } catch (ExchangeException e) {
            log.warn("Cancelling the stop attached to the unfilled entry {} failed: {}", entry.clientOid(), e.getMessage());
        }
    }

    // ---- exit ----

    private Leg close(OrderPurpose purpose, long barTime, String reason) {
        PositionReport exchange;
        try {
            exchange = port.position();
        } catch (ExchangeException e) {
            failure("exit at bar " + barTime, e);
            return Leg.dropped("not sent: the exchange could not be read (" + e.getMessage() + ")");
        }
        if (exchange.isFlat()) {
            recordExchangeExit();
            return Leg.NONE;
        }
        return closeAtMarket(purpose, barTime, exchange, reason);
    }

    /**
     * Sends a reduce-only market order for the whole exchange position, in the position's margin mode, and
     * journals the real exit. The protective orders are cancelled only after it filled.
     */
    private Leg closeAtMarket(OrderPurpose purpose, long barTime, PositionReport exchange, String reason) {
        long qty = Math.abs(exchange.quantity());
        boolean buy = exchange.quantity() < 0;
        String oid = UUID.randomUUID().toString();
        ExchangeOrder intent = ExchangeOrder.intent(oid, bot.name(), barTime, purpose, buy ? "BUY" : "SELL", qty, Double.NaN, Double.NaN,
                Double.NaN, now());
        OrderSpec order = new OrderSpec(oid, buy, Kind.MARKET, qty, plan.leverage(), Double.NaN, Double.NaN, true,
                exchange.marginMode() == null ? ISOLATED : exchange.marginMode(), Double.NaN);
        Sent sent = gateway.send(intent, order);
        if (sent.rejection() != null) {
            String why = "the closing order was refused: " + sent.rejection().getMessage();
            event(SessionEvent.Kind.ERROR, why);
            return Leg.dropped(why);
        }
        if (sent.unknown()) {
            String why = "the closing order " + oid + " got no answer; it is looked up again before anything else is sent";
            event(SessionEvent.Kind.ERROR, why);
            return Leg.unknown(why);
        }
        Fate fate;
        try {
            fate = gateway.awaitFill(sent.orderId(), true);
        } catch (ExchangeException e) {
            failure("confirming the closing order " + oid, e);
            return Leg.unknown("the closing order " + oid + " was accepted but its fill could not be confirmed (" + e.getMessage() + ")");
        }
        switch (fate.status()) {
            case FILLED -> {
                if (open != null && fate.size() < open.contracts()) {
                    // The rest keeps its stop-loss and take-profit: reduce-only, they close no more than what is left
                    // ("If the reduce-only order size exceeds the position size, the extra size will be canceled",
                    // reduceOnly in KuCoin's openapi-futures-order.json).
                    long rest = open.contracts() - fate.size();
                    recordPartialExit(oid, fate, fate.size(), fate.price(), fate.fee(), reason);
                    // The kill switch sends its next order for the rest at once; any other close leaves it to the bot.
                    String next = purpose == OrderPurpose.FLATTEN ? "the kill switch sends another closing order for them (three in all at most)"
                            : "the next exit signal or the kill switch closes them";
                    event(SessionEvent.Kind.ERROR, String.format(Locale.ROOT, "the closing order filled %d of %d contracts; the other %d stay open"
                            + " with their stop-loss and take-profit on the exchange, and %s", fate.size(), fate.size() + rest, rest, next));
                    return Leg.filled(fate.size(), fate.price(), fate.fee());
                }
                if (open != null) {
                    recordExit(oid, fate, reason);
                } else {
                    orders.filled(oid, fate.orderId(), fate.size(), fate.price(), fate.fee());
                    event(SessionEvent.Kind.EXIT, String.format(Locale.ROOT, "closed %d contracts the journal did not know at %s", fate.size(),
                            plain(fate.price())));
                }
                if (fate.size() < qty) {
                    // A close that filled in part leaves the rest with its (reduce-only) stop-loss and take-profit.
                    event(SessionEvent.Kind.ERROR, String.format(Locale.ROOT, "the closing order filled %d of %d contracts; the other %d keep their"
                            + " stop-loss and take-profit on the exchange: close them there or with the kill switch", fate.size(), qty, qty - fate.size()));
                    protection.forget();
                } else {
                    protection.cancelAll();
                }
                return Leg.filled(fate.size(), fate.price(), fate.fee());
            }
            case CANCELLED -> {
                orders.cancelled(oid, fate.orderId(), "no fill confirmed");
                event(SessionEvent.Kind.ERROR, "the closing order " + oid + " did not fill; check the position on the exchange");
                return Leg.dropped("the closing order was cancelled unfilled");
            }
            default -> {
                return unresolved("the closing order " + oid, oid, fate);
            }
        }
    }

    /**
     * The exchange holds no position but the journal does: finds out how it ended (the stop-loss or
     * take-profit order filled, else a liquidation or an outside close), journals the exit and cancels
     * what is left of the protective orders. A leg whose fill the exchange's history does not show yet, or a
     * close whose fills show only part of the position, leaves it open in the journal, to be recorded at a later look.
     */
    private String recordExchangeExit() {
        Optional<Protection.Filled> leg = protection.filledLeg();
        if (leg.isPresent()) {
            Protection.Filled f = leg.get();
            if (f.fate().status() != OrderGateway.Status.FILLED) {
                return "the " + f.purpose().name().toLowerCase(Locale.ROOT).replace('_', '-') + " filled; its price and fee are not shown yet";
            }
            protection.forgetLeg(f.purpose());
            protection.cancelAll();
            return recordExit(f.leg().clientOid(), f.fate(), f.purpose().name());
        }
        Set<String> booked = orders.bookedClosingOrderIds();
        long reducedBefore = orders.closedOnExchange(open.entryClientOid());
        // /api/v1/fills first, then (read only when that history does not show the whole exit yet) the low-latency recent fills
        Reconciler.Exit exit = Reconciler.exchangeExit(open, port.fillsSince(open.entryTime()), booked, reducedBefore);
        if (!exit.complete() && !exit.liquidation()) {
            Reconciler.Exit recent = Reconciler.exchangeExit(open, recentFillsSince(open.entryTime()), booked, reducedBefore);
            if (recent.complete() || recent.liquidation() || recent.shown() > exit.shown()) exit = recent;
        }
        if (exit.liquidation()) {
            // A liquidation costs the position's margin whatever its fills' prices (and however many of them show yet).
            protection.cancelAll();
            double margin = Pricing.margin(open.contracts(), contract.multiplier(), open.entryPrice(), plan.leverage());
            return recordExit(null, null, exit.price(), 0, -margin, "LIQUIDATION");
        }
        if (exit.complete()) {
            protection.cancelAll();
            return recordExit(null, null, exit.price(), exit.fee(),
                    Pricing.pnl(open.side(), open.entryPrice(), exit.price(), open.contracts(), contract.multiplier()), "CLOSED_ON_EXCHANGE");
        }
        if (exit.shown() > 0) {
            // Part of the close shows: the fills of the rest of that same close follow (the history is complete, only
            // late). Booking the whole at the part's price would be a guess, booking it at an unknown price would throw
            // away what is known, and booking the part alone would split one close in two rows: the position stays open
            // in the journal, as it does while a protective order's fill does not show, and a later look books it whole.
            // Nothing can be sent meanwhile (the journal holds a position, so no entry goes out).
            return String.format(Locale.ROOT, "the fills show %d of its %d contracts closed so far; booked when they show all", exit.shown(),
                    exit.contracts());
        }
        protection.cancelAll();
        // Closed outside the executor (by hand on the website) and not in the fills yet; its price is unknown here.
        return recordExit(null, null, Double.NaN, 0, Double.NaN, "CLOSED_ON_EXCHANGE");
    }

    /** The exchange's recent fills (the last 24 hours) from {@code startMillis} on, newest first; empty when they cannot be read. */
    private List<FillReport> recentFillsSince(long startMillis) {
        try {
            List<FillReport> recent = new ArrayList<>();
            for (FillReport f : port.recentFills()) if (f.time() >= startMillis) recent.add(f);
            recent.sort(java.util.Comparator.comparingLong(FillReport::time).reversed());
            return recent;
        } catch (ExchangeException e) {
            log.warn("Reading the recent fills failed: {}", e.getMessage());
            return List.of();
        }
    }

    private String recordExit(String closingOid, Fate fate, String reason) {
        double gross = Pricing.pnl(open.side(), open.entryPrice(), fate.price(), open.contracts(), contract.multiplier());
        // An order that filled more than the journal still holds (a take-profit whose first part was booked when it
        // filled in part, a close of contracts the journal did not know) carries only this position's share of its fee.
        double fee = fate.size() > open.contracts() ? fate.fee() * open.contracts() / fate.size() : fate.fee();
        return recordExit(closingOid, fate, fate.price(), fee, gross, reason);
    }

    /**
     * {@code contracts} of the open position (fewer than it holds) were closed at {@code exitPrice} (NaN: not known):
     * the journal splits the position, the closed part with its share of the entry fee, the rest open with its
     * protective orders, which stay on the exchange.
     */
    private String recordPartialExit(String closingOid, Fate fate, long contracts, double exitPrice, double exitFee, String reason) {
        LivePosition p = open;
        double gross = Double.isNaN(exitPrice) ? Double.NaN : Pricing.pnl(p.side(), p.entryPrice(), exitPrice, contracts, contract.multiplier());
        double net = gross - Pricing.entryFeeShare(p.entryFee(), contracts, p.contracts()) - exitFee;
        open = orders.reduced(p, contracts, closingOid, fate == null ? null : fate.orderId(), fate == null ? 0 : fate.size(), exitPrice, exitFee,
                Double.isNaN(gross) ? 0 : gross, Double.isNaN(net) ? 0 : net, reason);
        String text = Double.isNaN(exitPrice)
                ? String.format(Locale.ROOT, "%d of %s closed on the exchange by something other than our orders; exit price unknown; %d stay open",
                contracts, describe(p), open.contracts())
                : String.format(Locale.ROOT, "%d of %s closed by %s at %s: net PnL %+.4f USDT (exit fee %.4f); %d stay open", contracts, describe(p),
                reason, plain(exitPrice), net, exitFee, open.contracts());
        event(SessionEvent.Kind.EXIT, text);
        return text;
    }

    /**
     * The exchange holds the journal's position on the same side but smaller (a take-profit filled in part, a partial
     * liquidation, a part closed by hand): the journal closes that part from the exchange's fills not booked yet.
     * Returns what was recorded, or null when nothing was reduced.
     */
    private String recordExchangeReduction(PositionReport exchange) {
        // an order of ours whose fate is still unknown may be what reduced it: it is resolved first, then booked as itself
        if (Reconciler.reducedBy(Optional.ofNullable(open), exchange) == 0 || !orders.unresolved().isEmpty()) return null;
        Set<String> booked = orders.bookedClosingOrderIds();
        long reducedBefore = orders.closedOnExchange(open.entryClientOid());
        Reconciler.Reduction fromFills = Reconciler.reduction(Optional.ofNullable(open), exchange, port.fillsSince(open.entryTime()), booked,
                reducedBefore).orElseThrow();
        // /api/v1/fills is not real-time: the low-latency recent fills may show the part already (each history whole)
        Reconciler.Reduction r = Double.isNaN(fromFills.price())
                ? Reconciler.reduction(Optional.ofNullable(open), exchange, recentFillsSince(open.entryTime()), booked, reducedBefore).orElseThrow()
                : fromFills;
        String reason = r.liquidation() ? "LIQUIDATION"
                : protection.takeProfit().filter(l -> r.orderIds().contains(l.orderId())).isPresent() ? "TAKE_PROFIT"
                : protection.stopLoss().filter(l -> r.orderIds().contains(l.orderId())).isPresent() ? "STOP_LOSS"
                : "CLOSED_ON_EXCHANGE";
        return recordPartialExit(null, null, r.contracts(), r.price(), r.fee(), reason);
    }

    private String recordExit(String closingOid, Fate fate, double exitPrice, double exitFee, double gross, String reason) {
        LivePosition p = open;
        double net = gross - p.entryFee() - exitFee;
        orders.closed(p, closingOid, fate == null ? null : fate.orderId(), fate == null ? 0 : fate.size(), exitPrice, exitFee,
                Double.isNaN(gross) ? 0 : gross, Double.isNaN(net) ? 0 : net, reason);
        open = null;
        guard.forgetPosition(p.entryClientOid());
        String text = Double.isNaN(exitPrice)
                ? String.format(Locale.ROOT, "%s closed on the exchange by something other than our orders; exit price unknown", describe(p))
                : String.format(Locale.ROOT, "%s closed by %s at %s: net PnL %+.4f USDT (exit fee %.4f)", describe(p), reason,
                plain(exitPrice), net, exitFee);
        event(SessionEvent.Kind.EXIT, text);
        return text;
    }

    // ---- state ----

    private Set<String> activeOrderIds() {
        Set<String> ids = new HashSet<>();
        for (OrderReport o : port.activeStopOrders()) ids.add(o.orderId());
        for (OrderReport o : port.openOrders()) ids.add(o.orderId());
        return ids;
    }

    private Optional<String> sizeMismatch(PositionReport exchange) {
        if (Math.abs(exchange.quantity()) <= open.contracts()) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "the exchange holds %d contracts where the journal has %s; not touched",
                exchange.quantity(), describe(open)));
    }

    private void refreshState(PositionReport exchange) {
        AccountReport account = port.account();
        guard.onEquity(now(), account.equity());
        long qty = exchange.quantity();
        LivePosition p = open;
        double takeProfit = p != null ? protection.takeProfit().map(Protection.Leg::level).orElse(Double.NaN) : Double.NaN;
        double stopLoss = p != null ? protection.stopLoss().map(Protection.Leg::level).orElse(Double.NaN) : Double.NaN;
        if (qty != 0 && (Double.isNaN(takeProfit) || Double.isNaN(stopLoss))) {
            // A leg this session does not know (the position was opened by an earlier session or by hand, or its orders
            // were placed elsewhere): what rests on the exchange protects it all the same, so that is what is shown.
            try {
                double[] resting = restingProtection(qty > 0, exchange.avgEntryPrice(), port.activeStopOrders(), port.openOrders());
                if (Double.isNaN(takeProfit)) takeProfit = resting[0];
                if (Double.isNaN(stopLoss)) stopLoss = resting[1];
            } catch (ExchangeException e) {
                log.debug("reading the resting orders failed: {}", e.getMessage());
            }
        }
        state = new ExchangeState(contract.symbol(), qty > 0 ? "LONG" : qty < 0 ? "SHORT" : "FLAT", Math.abs(qty),
                qty == 0 ? Double.NaN : exchange.avgEntryPrice(), qty == 0 ? Double.NaN : exchange.liquidationPrice(),
                qty == 0 ? 0 : exchange.unrealisedPnl(), takeProfit, stopLoss, account.available(), now());
    }

    /**
     * The take-profit and stop-loss levels ({@code [tp, sl]}, NaN where none) of the reduce-only orders resting on the
     * closing side of a position, whoever placed them: a stop order on the losing side of the entry is a stop-loss,
     * one on the winning side or a limit order a take-profit; the nearest to the entry counts.
     */
    static double[] restingProtection(boolean isLong, double entry, List<ExchangePort.OrderReport> stops, List<ExchangePort.OrderReport> limits) {
        double tp = Double.NaN;
        double sl = Double.NaN;
        int sign = isLong ? 1 : -1;
        for (ExchangePort.OrderReport o : stops) {
            if (!o.active() || !o.reduceOnly() || o.buy() == isLong || !(o.stopPrice() > 0)) continue;
            double level = o.stopPrice();
            if (sign * (level - entry) < 0) {
                if (Double.isNaN(sl) || sign * (level - sl) > 0) sl = level;
            } else if (Double.isNaN(tp) || sign * (level - tp) < 0) {
                tp = level;
            }
        }
        for (ExchangePort.OrderReport o : limits) {
            if (!o.active() || !o.reduceOnly() || o.buy() == isLong || !(o.limitPrice() > 0)) continue;
            double level = o.limitPrice();
            if (sign * (level - entry) > 0 && (Double.isNaN(tp) || sign * (level - tp) < 0)) tp = level;
        }
        return new double[] {tp, sl};
    }

    // ---- words ----

    static String explainRejection(ExchangeException e, double needed, double available) {
        String text = ((e.code() == null ? "" : e.code()) + " " + e.getMessage()).toLowerCase(Locale.ROOT);
        if ("300003".equals(e.code()) || text.contains("insufficient")) {
            return String.format(Locale.ROOT, "insufficient balance: margin needed %.2f USDT, available %.2f USDT — lower the leverage/risk or add funds",
                    needed, available);
        }
        if (e.kind() == ExchangeException.Kind.NOT_SENT) {
            return "the entry was not sent: " + e.getMessage() + " — check the connection to the exchange";
        }
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
        orders.error(text);
        event(SessionEvent.Kind.ERROR, text);
    }

    private void event(SessionEvent.Kind kind, String text) {
        events.accept(new SessionEvent(now(), kind, bot.name(), text));
    }

    private static String describe(ExchangeOrder o) {
        return o.purpose().name().toLowerCase(Locale.ROOT).replace('_', '-') + " order " + o.clientOid() + " (" + o.side().toLowerCase(Locale.ROOT)
                + " " + o.size() + ")";
    }

    private static String describe(LivePosition p) {
        return p.side().name().toLowerCase(Locale.ROOT) + " " + p.contracts() + " at " + plain(p.entryPrice());
    }

    static String plain(double price) {
        if (Double.isNaN(price)) return "?";
        // Twelve significant digits hide binary noise (40040.000000000004) and keep every real digit of a price.
        return BigDecimal.valueOf(price).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }

    private long now() {
        return clock.getAsLong();
    }
}
