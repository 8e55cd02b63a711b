package io.gpubot.live;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.market.Candle;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.EntryGate;
import io.gpubot.core.trade.Position;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.TradeListener;
import io.gpubot.live.feed.ConnectionState;
import io.gpubot.live.feed.FeedListener;
import io.gpubot.live.feed.MarketFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A real-time trading session: market data from a {@link MarketFeed} drives the {@link TradingEngine}
 * on one thread (the caller of {@link #run()}), in order and each bar once; a live session also hands
 * the bot's order decisions to the exchange through an {@link Execution}. Everything is journalled; the
 * dashboard reads {@link #snapshot()} from any thread.
 *
 * <p>Paper positions are watched on the live price between closes: reaching a stop-loss, take-profit
 * or liquidation level is shown at once, and the exit is booked at the bar's close exactly as the
 * trading rules (and the backtest) book it.
 *
 * <p>The kill switch ({@link #requestKill}, or the kill file appearing) cancels what is pending, closes
 * every position at the live price (on the exchange too, in a live session) and stops.
 */
public final class LiveSession implements SessionControl, FeedListener {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);
    private static final int EVENTS_KEPT = 200;
    private static final long KILL_FILE_POLL_MS = 500;

    /** A live session's exchange side, as the engine thread calls it. Paper sessions have none. */
    public interface Execution {

        /**
         * At bar {@code barTime}'s close the model decided to exit and/or enter on {@code side}: send it, and
         * say what became of each leg, for the model to book (null: the model books its own estimate).
         */
        ExecutedDecision onDecision(BotRunner runner, long barTime, Side side, boolean exit, boolean enter, double referencePrice);

        /** The live price between closes (liquidation distance, exchange-side exits). */
        void onPrice(long time, double price);

        /** Kill switch: cancel every order and close the position at market. */
        void flatten(String reason);

        /** The real position and protective orders on the exchange, one line for the dashboard. Any thread. */
        default String describeExchange() {
            return null;
        }

        /**
         * Whether this execution journals the bots' real positions ({@link Journal#livePositions()}) from the
         * exchange's fills: the model then follows them after every bar (see {@link AccountFollower}).
         */
        default boolean journalsPositions() {
            return false;
        }

        /** Reads the account's orders and position from the exchange now, before the model is compared with it. */
        default void refreshAccount() {
        }

        /**
         * The exchange pushed a change of this account's orders or position (private WebSocket): confirm
         * it through REST now instead of at the next poll.
         */
        default void onExchangeUpdate() {
        }
    }

    private final SessionInfo info;
    private final String modeLabel;
    private final Journal journal;
    private final TradingEngine engine;
    private final MarketFeed feed;
    private final Execution execution;
    private final Path killFile;
    private final long stopAfterBars;
    private final LongSupplier wallClock;
    private final long barMillis;

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Deque<SessionEvent> events = new ArrayDeque<>();
    private final List<PriceWatch> watches = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    /** Each live bot's realised PnL on the account, read from the journal after each bar (engine thread; null entries for paper). */
    private final List<RealisedPnl> accountPnl = new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile SessionSnapshot snapshot;
    private volatile boolean finished;
    private volatile String stopReason;
    private volatile ConnectionState connection;
    private volatile String connectionDetail = "";
    private final AtomicLong priceTime = new AtomicLong(Long.MIN_VALUE);
    private volatile double livePrice = Double.NaN;
    private long liveBars;
    /** Close time of the last bar the engine has seen (warm-up included), for threads other than the engine's. */
    private volatile long lastBarClose = Long.MIN_VALUE;
    /** Bars the journal held when the session (re)started; with {@link #liveBars}, the journal's count without asking it. */
    private final long journalledBefore;
    private String failure;

    private LiveSession(Builder b) {
        this.info = b.info;
        this.modeLabel = b.info.mode().toUpperCase(Locale.ROOT) + (b.venue == null ? "" : " on " + b.venue);
        this.journal = b.journal;
        this.feed = b.feed;
        this.execution = b.execution;
        this.killFile = b.killFile;
        this.stopAfterBars = b.stopAfterBars;
        this.wallClock = b.wallClock;
        this.barMillis = io.gpubot.core.market.Timeframe.parse(b.info.timeframe()).millis();
        this.connection = b.feed == null ? ConnectionState.REPLAY : ConnectionState.CONNECTING;
        EventRecorder[] recorders = new EventRecorder[b.bots.size()];
        java.util.function.Function<Bot, TradeListener> observers = bot -> {
            int i = b.bots.indexOf(bot);
            recorders[i] = new EventRecorder(bot.name(), i);
            return recorders[i];
        };
        this.engine = b.resume
                ? TradingEngine.resume(b.bots, b.contract, b.run, b.journal, 1, b.gates, observers)
                : new TradingEngine(b.bots, b.contract, b.run, b.journal, 1, b.gates, observers);
        this.journalledBefore = b.journal.bars();
        for (BotRunner runner : engine.runners()) {
            watches.add(new PriceWatch(runner));
            accountPnl.add(null);
        }
        if (execution != null && execution.journalsPositions()) {
            if (b.resume) dropUnbookedDecisions();
            readAccountPnl();
        }
        if (b.warmUp != null && !b.resume) {
            for (int i = 0; i < b.warmUp.size(); i++) engine.warmUp(b.warmUp.candle(i));
            b.journal.commit();
        }
        if (engine.lastBar() != Long.MIN_VALUE) lastBarClose = engine.lastBar() + barMillis;
        publish();
    }

    /** A session over an open journal; {@code resume} continues what the journal holds. */
    public static Builder builder(SessionInfo info, Journal journal, List<Bot> bots, Contract contract, RunSettings run, boolean resume) {
        return new Builder(info, journal, bots, contract, run, resume);
    }

    /** How a session is put together. */
    public static final class Builder {
        private final SessionInfo info;
        private final Journal journal;
        private final List<Bot> bots;
        private final Contract contract;
        private final RunSettings run;
        private final boolean resume;
        private java.util.function.Function<Bot, EntryGate> gates = bot -> EntryGate.OPEN;
        private MarketFeed feed;
        private Execution execution;
        private CandleSeries warmUp;
        private Path killFile;
        private long stopAfterBars = Long.MAX_VALUE;
        private LongSupplier wallClock = System::currentTimeMillis;
        private String venue;

        private Builder(SessionInfo info, Journal journal, List<Bot> bots, Contract contract, RunSettings run, boolean resume) {
            this.info = Objects.requireNonNull(info);
            this.journal = Objects.requireNonNull(journal);
            this.bots = List.copyOf(bots);
            this.contract = Objects.requireNonNull(contract);
            this.run = Objects.requireNonNull(run);
            this.resume = resume;
        }

        /** Each bot's risk guard, which every entry of its paper model passes (each bot is an account of its own). */
        public Builder gates(java.util.function.Function<Bot, EntryGate> gates) { this.gates = Objects.requireNonNull(gates); return this; }

        public Builder feed(MarketFeed feed) { this.feed = feed; return this; }

        /** The exchange side of a live session (one bot). */
        public Builder execution(Execution execution) { this.execution = execution; return this; }

        /**
         * Recent history to warm a new session's indicators up on; journalled, so a resumed session
         * warms up on the same bars again (and ignores this).
         */
        public Builder warmUp(CandleSeries history) { this.warmUp = history; return this; }

        /** A file whose appearance pulls the kill switch (written by {@code gpubot live --flatten}). */
        public Builder killFile(Path file) { this.killFile = file; return this; }

        /** Stop after this many bars processed live (for demos and tests); unlimited by default. */
        public Builder stopAfterBars(long bars) { this.stopAfterBars = bars; return this; }

        public Builder wallClock(LongSupplier clock) { this.wallClock = clock; return this; }

        /** Where the market data (and a live session's orders) come from, for the header: "KuCoin https://..." or "sandbox http://...". */
        public Builder venue(String venue) { this.venue = venue; return this; }

        public LiveSession build() {
            if (execution != null && bots.size() != 1) {
                throw new IllegalArgumentException("a live session trades one bot (one position per contract on the exchange)");
            }
            return new LiveSession(this);
        }
    }

    /**
     * Runs until stopped, killed, the bar limit is reached or the feed fails; returns why it ended.
     * Blocking; call it on the thread that owns the engine.
     */
    public String run() {
        try {
            if (feed != null) feed.start(engine.lastBar(), this);
            long nextKillCheck = 0;
            while (stopReason == null) {
                Object message = inbox.poll(200, TimeUnit.MILLISECONDS);
                if (message instanceof ClosedBar closed) {
                    onBar(closed.bar, closed.marketTime);
                } else if (message instanceof Kill kill) {
                    kill(kill.reason);
                } else if (message == EXCHANGE_UPDATE) {
                    if (execution != null) execution.onExchangeUpdate();
                } else if (message instanceof FeedEnded ended) {
                    event(SessionEvent.Kind.CONNECTION, null, ended.detail);
                    stopReason = ended.detail;
                } else if (message instanceof Fatal fatal) {
                    failure = fatal.message;
                    event(SessionEvent.Kind.ERROR, null, fatal.message);
                    stopReason = fatal.message;
                }
                if (!Double.isNaN(livePrice) && message == null) onPriceTick();
                long now = wallClock.getAsLong();
                if (killFile != null && now >= nextKillCheck) {
                    nextKillCheck = now + KILL_FILE_POLL_MS;
                    if (Files.exists(killFile)) {
                        String left = kill("kill file " + killFile);
                        // The outcome first, then the kill file goes: whoever wrote it waits for it to go and then reads the outcome.
                        writeKillOutcome(left);
                        try {
                            Files.deleteIfExists(killFile);
                        } catch (java.io.IOException e) {
                            LOG.warn("cannot remove the kill file {}: {}", killFile, e.getMessage());
                        }
                    }
                }
                if (liveBars >= stopAfterBars && stopReason == null) stopReason = "stopped after " + liveBars + " bars";
                publish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = "interrupted";
        } catch (RuntimeException e) {
            LOG.error("session {} failed", info.id(), e);
            failure = e.getMessage();
            stopReason = "failed: " + e.getMessage();
            try {
                journal.error(wallClock.getAsLong(), String.valueOf(e.getMessage()));
                journal.commit();
            } catch (RuntimeException ignored) {
                // the journal itself may be what failed; the log has it
            }
        } finally {
            if (feed != null) feed.close();
            connection = ConnectionState.CLOSED;
            connectionDetail = stopReason == null ? "" : stopReason;
            finished = true;
            publish();
        }
        return stopReason;
    }

    private void onBar(Candle bar, long marketTime) {
        decisions.clear();
        long closeTime = bar.openTime() + barMillis;
        // A decision is sent only while the open it assumes is still to come: never when the market had
        // already closed the next bar too when this one came (a backfill after an outage, judged by what the
        // feed saw at delivery: the newest kline, candle pushes and prices). A live session also looks at the
        // price now, since its own orders may have held the engine up. Paper sessions follow the same rule,
        // so paper and live agree after downtime; the model drops the decision (the engine journals it).
        long seen = marketTime;
        if (execution != null) seen = Math.max(seen, priceTime.get());
        long lateBy = seen >= closeTime + barMillis ? seen : Long.MIN_VALUE;
        if (!engine.onClosedBar(bar, lateBy)) return;
        liveBars++;
        lastBarClose = closeTime;
        // a tick from after this bar's close is newer than its close: keep it
        if (priceTime.get() < closeTime) {
            livePrice = bar.close();
            priceTime.set(closeTime);
        }
        if (execution != null && execution.journalsPositions()) {
            // The model follows the account: what the exchange did since the last bar (its stops, a partial fill,
            // an order whose fate was unknown) is read first, then the model takes over where it differs.
            execution.refreshAccount();
            followTheAccount(bar.openTime());
        }
        for (PriceWatch w : watches) w.reset();
        if (execution != null && lateBy == Long.MIN_VALUE) {
            for (Decision d : decisions) {
                BotRunner runner = engine.runners().get(d.bot);
                ExecutedDecision done = execution.onDecision(runner, d.barTime, d.side, d.exit, d.enter, bar.close());
                for (ModelCorrection c : engine.book(d.bot, d.barTime, done, closeTime, bar.close())) {
                    if (c.kind() == ModelCorrection.Kind.ENTRY_DROPPED || c.kind() == ModelCorrection.Kind.ORDER_DROPPED) {
                        event(SessionEvent.Kind.WARNING, runner.bot().name(), c.reason(), d.barTime);
                    }
                }
            }
            // What the executor did beyond the decision while carrying it out (a position whose stops could not be
            // placed is closed at once) is in its journal now: the model follows it in this bar, not the next.
            if (!decisions.isEmpty() && execution.journalsPositions()) followTheAccount(bar.openTime());
        }
        if (execution != null && execution.journalsPositions()) readAccountPnl();
    }

    /**
     * A live session resumed after its process died between a decision and its booking: the replayed model
     * holds that decision pending, but whether it reached the exchange only the executor's reconciliation
     * knows. The model drops it (journalled, so a later resume drops it again) and follows the account at
     * the next bar instead of executing its own estimate.
     */
    private void dropUnbookedDecisions() {
        for (BotRunner runner : engine.runners()) {
            if (!runner.trader().hasPendingOrder()) continue;
            String name = runner.bot().name();
            ModelCorrection drop = ModelCorrection.orderDropped(name, engine.lastBar(),
                    "the session stopped before this decision's outcome was booked; the model follows the account instead");
            engine.correct(drop);
            event(SessionEvent.Kind.INFO, name, drop.reason(), engine.lastBar());
        }
    }

    /** Each bot's realised PnL on the account, from the real positions the executor journalled. */
    private void readAccountPnl() {
        List<Journal.LivePosition> positions = journal.livePositions();
        for (int i = 0; i < engine.runners().size(); i++) {
            BotRunner runner = engine.runners().get(i);
            accountPnl.set(i, RealisedPnl.of(runner.bot().name(), runner.trader().trades(), positions));
        }
    }

    /** Each bot's realised PnL on the account; null entries in a paper session. */
    public List<RealisedPnl> accountPnl() {
        return java.util.Collections.unmodifiableList(new ArrayList<>(accountPnl));
    }

    /** Brings each bot's model to what the account holds, journalling why (a live session only). */
    private void followTheAccount(long barTime) {
        for (int i = 0; i < engine.runners().size(); i++) {
            String name = engine.runners().get(i).bot().name();
            for (ModelCorrection c : engine.followAccount(i, barTime)) {
                event(SessionEvent.Kind.WARNING, name, "model follows the account: " + c.reason(), barTime);
            }
        }
    }

    private void onPriceTick() {
        double price = livePrice;
        for (PriceWatch w : watches) w.check(price);
        if (execution != null) execution.onPrice(priceTime.get(), price);
    }

    /**
     * Where a session that took the kill file says how it ended: {@code flat}, or {@code open} and then the
     * line that says what is left on the exchange. Written before the kill file is removed.
     */
    public static Path killOutcomeFile(Path killFile) {
        return killFile.resolveSibling(killFile.getFileName() + ".outcome");
    }

    /** The first line of a kill outcome when the position is closed. */
    public static final String KILL_OUTCOME_FLAT = "flat";

    private void writeKillOutcome(String left) {
        Path outcome = killOutcomeFile(killFile);
        Path tmp = outcome.resolveSibling(outcome.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, left == null ? KILL_OUTCOME_FLAT + "\n" : "open\n" + left + "\n");
            Files.move(tmp, outcome, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            LOG.warn("cannot write the kill switch's outcome {}: {}", outcome, e.getMessage());
        }
    }

    /** Pulls the kill switch; returns null when nothing is left open, else the line that says what is. */
    private String kill(String reason) {
        event(SessionEvent.Kind.WARNING, null, "kill switch: " + reason);
        if (execution != null) {
            execution.flatten(reason);
            // the model books the flatten at the exchange's fill (the kill switch's closeAll below then finds it flat)
            if (execution.journalsPositions() && engine.lastBar() != Long.MIN_VALUE) {
                followTheAccount(engine.lastBar());
                readAccountPnl();
                if (engine.runners().stream().anyMatch(r -> r.trader().position() != null)) {
                    // The exchange still holds it (the close was refused, or its fate is unknown): the model keeps what the
                    // account holds, and nothing pretends it was closed.
                    String left = "the kill switch could not close the position on the exchange; it keeps its stop-loss and take-profit there."
                            + " Flatten again (gpubot live --flatten --session " + info.id() + ") or close it on the exchange";
                    event(SessionEvent.Kind.ERROR, null, left);
                    journal.commit();
                    stopReason = "kill switch: " + reason + "; " + left;
                    return left;
                }
            }
        }
        double price = livePrice;
        if (Double.isFinite(price)) {
            engine.closeAll(price, reason);
        } else {
            journal.commit();   // no price yet means no bar yet: nothing is open
        }
        stopReason = "kill switch: " + reason;
        return null;
    }

    // ---- FeedListener: called from the feed's threads; only hands over to the engine thread ----

    @Override
    public void onClosedBar(Candle bar) {
        onClosedBar(bar, Long.MIN_VALUE);
    }

    @Override
    public void onClosedBar(Candle bar, long marketTime) {
        // The latest price seen so far counts too: it was there before this bar was handed over.
        inbox.add(new ClosedBar(bar, Math.max(marketTime, priceTime.get())));
    }

    @Override
    public void onPrice(long time, double price) {
        if (!(price > 0)) return;
        priceTime.set(time);
        livePrice = price;
    }

    @Override
    public void onConnection(ConnectionState state, String detail) {
        if (state == ConnectionState.CLOSED) {
            // queued behind the bars the feed delivered before it ended
            inbox.add(new FeedEnded(detail == null ? "the market feed ended" : detail));
            return;
        }
        connection = state;
        // The header shows the state now; the details of the moment it changed go to the event list.
        connectionDetail = state == ConnectionState.LIVE ? "connected" : detail == null ? "" : detail;
        synchronized (events) {
            addEvent(new SessionEvent(marketTime(), SessionEvent.Kind.CONNECTION, null, state + (detail == null || detail.isEmpty() ? "" : ": " + detail)));
        }
    }

    @Override
    public void onFatal(String message, Throwable cause) {
        if (cause != null) LOG.error("market feed failed: {}", message, cause);
        inbox.add(new Fatal(message));
    }

    /**
     * The exchange pushed a change of the account's orders or position (any thread): the engine thread
     * has the executor confirm it. Pushes that come while one waits are folded into it.
     */
    public void exchangeUpdated() {
        if (!inbox.contains(EXCHANGE_UPDATE)) inbox.add(EXCHANGE_UPDATE);
    }

    /** Adds an event to the session's list (thread-safe): the live executor's fills, refusals and errors. */
    public void post(SessionEvent e) {
        // stamped with the bar the market is in (the executor's own clock is the wall's, which a sandbox replaying the past is not)
        long now = marketTime();
        SessionEvent onBar = new SessionEvent(now - Math.floorMod(now, barMillis), e.kind(), e.bot(), e.text());
        synchronized (events) {
            addEvent(onBar);
        }
    }

    // ---- SessionControl ----

    @Override
    public SessionSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void requestStop() {
        if (stopReason == null) stopReason = "stopped by the user";
    }

    @Override
    public void requestKill(String reason) {
        inbox.add(new Kill(reason));
    }

    @Override
    public boolean finished() {
        return finished;
    }

    /** Why the session ended with an error, or null. */
    public String failure() {
        return failure;
    }

    public TradingEngine engine() {
        return engine;
    }

    public SessionInfo info() {
        return info;
    }

    private void publish() {
        List<BotSnapshot> bots = new ArrayList<>(engine.runners().size());
        for (int i = 0; i < engine.runners().size(); i++) {
            BotSnapshot bot = BotSnapshot.of(engine.runners().get(i), livePrice);
            RealisedPnl account = accountPnl.get(i);
            bots.add(account == null ? bot : bot.withAccount(account));
        }
        List<SessionEvent> recent;
        synchronized (events) {
            recent = new ArrayList<>(events);
        }
        long time = Math.max(priceTime.get(), engine.lastBar());
        snapshot = new SessionSnapshot(info.id(), modeLabel, info.symbol(), info.timeframe(), connection, connectionDetail, time, livePrice,
                engine.lastBar(), journalledBefore + liveBars, bots, recent, finished, execution == null ? null : execution.describeExchange());
    }

    /**
     * Now on the market's clock: the latest price's time or the last bar's close, whichever is later (on
     * KuCoin that is about the wall clock; against a sandbox replaying the past it is the replay's time, so
     * connection events sort among the trading events).
     */
    private long marketTime() {
        long market = Math.max(priceTime.get(), lastBarClose);
        return market == Long.MIN_VALUE ? wallClock.getAsLong() : market;
    }

    private void event(SessionEvent.Kind kind, String bot, String text) {
        event(kind, bot, text, engine == null || engine.lastBar() == Long.MIN_VALUE ? wallClock.getAsLong() : engine.lastBar());
    }

    /** An event stamped with the open time of the bar it happened on. */
    private void event(SessionEvent.Kind kind, String bot, String text, long t) {
        synchronized (events) {
            addEvent(new SessionEvent(t, kind, bot, text));
        }
    }

    private void addEvent(SessionEvent e) {
        if (events.size() == EVENTS_KEPT) events.removeFirst();
        events.addLast(e);
        LOG.info("{} {}{}", e.kind(), e.bot() == null ? "" : e.bot() + ": ", e.text());
    }

    private record Kill(String reason) {
    }

    /** A closed bar and the moment the market was known to have reached when the feed handed it over. */
    private record ClosedBar(Candle bar, long marketTime) {
    }

    /** The inbox's marker for {@link #exchangeUpdated()}. */
    private static final Object EXCHANGE_UPDATE = new Object();

    private record Fatal(String message) {
    }

    private record FeedEnded(String detail) {
    }

    private record Decision(int bot, long barTime, Side side, boolean exit, boolean enter) {
    }

    /**
     * Turns one bot's trading events into dashboard events, and collects its order decisions for the
     * executor. Funding settlements stay out of the list (three a day per position would crowd out the
     * fills); the journal has each and the dashboard shows their total.
     */
    private final class EventRecorder implements TradeListener {
        private final String bot;
        private final int index;

        EventRecorder(String bot, int index) {
            this.bot = bot;
            this.index = index;
        }

        @Override
        public void onOrder(long time, Side side, boolean exit, boolean enter) {
            decisions.add(new Decision(index, time, side, exit, enter));
            String what = exit && enter ? "reverse to " + side : exit ? "close the position" : "open " + side;
            event(SessionEvent.Kind.ORDER, bot, "signal: " + what + " at the next open", time);
        }

        @Override
        public void onEntry(Position p) {
            event(SessionEvent.Kind.ENTRY, bot, String.format(Locale.ROOT, "%s %d contracts @ %s  TP %s  SL %s  liq %s",
                    p.side(), p.contracts(), price(p.entryPrice()), price(p.takeProfit()), price(p.stopLoss()), price(p.liquidationPrice())),
                    p.entryTime());
        }

        @Override
        public void onExit(Trade t) {
            event(SessionEvent.Kind.EXIT, bot, String.format(Locale.ROOT, "%s exit %s @ %s  net %+.2f USDT",
                    t.side(), t.reason(), price(t.exitPrice()), t.netPnl()), t.exitTime());
        }

        @Override
        public void onRefusal(long time, String reason) {
            event(SessionEvent.Kind.REFUSAL, bot, reason, time);
        }
    }

    private static String price(double p) {
        return String.format(Locale.ROOT, "%,.2f", p);
    }

    /**
     * Watches one bot's paper position on the live price: the first time a level is reached it says so;
     * the exit itself is booked at the bar's close by the rules, adverse side first.
     */
    private final class PriceWatch {
        private final BotRunner runner;
        private long positionEntry = Long.MIN_VALUE;
        private boolean stopSeen;
        private boolean targetSeen;
        private boolean liquidationSeen;

        PriceWatch(BotRunner runner) {
            this.runner = runner;
        }

        void reset() {
            Position p = runner.trader().position();
            long entry = p == null ? Long.MIN_VALUE : p.entryTime();
            if (entry != positionEntry) {
                positionEntry = entry;
                stopSeen = targetSeen = liquidationSeen = false;
            }
        }

        void check(double price) {
            Position p = runner.trader().position();
            if (p == null || execution != null) return;
            int sign = p.side().sign();
            String name = runner.bot().name();
            if (!liquidationSeen && sign * (price - p.liquidationPrice()) <= 0) {
                liquidationSeen = true;
                event(SessionEvent.Kind.WARNING, name, "price " + price(price) + " reached the liquidation price " + price(p.liquidationPrice())
                        + "; booked at the bar's close");
            } else if (!stopSeen && sign * (price - p.stopLoss()) <= 0) {
                stopSeen = true;
                event(SessionEvent.Kind.WARNING, name, "price " + price(price) + " reached the stop-loss " + price(p.stopLoss())
                        + "; booked at the bar's close");
            } else if (!targetSeen && sign * (price - p.takeProfit()) >= 0) {
                targetSeen = true;
                event(SessionEvent.Kind.INFO, name, "price " + price(price) + " reached the take-profit " + price(p.takeProfit())
                        + "; booked at the bar's close");
            }
        }
    }
}
