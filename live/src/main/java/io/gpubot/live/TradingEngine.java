package io.gpubot.live;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.market.Candle;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.EntryGate;
import io.gpubot.core.trade.Position;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.TradeListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one or more bots on one contract and timeframe, bar by bar, with the reference stepper
 * ({@link BotRunner}): the same code the backtest's parity is proven against. History warms the
 * indicators up without trading; each closed bar then drives every bot, and everything that happens is
 * written to the session journal and committed with the bar. A bar at or before the last one processed
 * is ignored, so a bar is never processed twice.
 */
public final class TradingEngine {

    private final List<BotRunner> runners = new ArrayList<>();
    private final List<Journaling> journaling = new ArrayList<>();
    private final Journal journal;
    private final int commitEvery;
    private long lastBar = Long.MIN_VALUE;
    private int uncommitted;

    /**
     * @param commitEvery bars per journal commit: 1 for real-time sessions, more for fast replays
     */
    public TradingEngine(List<Bot> bots, Contract contract, RunSettings run, Journal journal, int commitEvery) {
        this(bots, contract, run, journal, commitEvery, bot -> EntryGate.OPEN, bot -> TradeListener.NONE);
    }

    /**
     * @param gates     each bot's risk guard, which every entry of the bot must pass ({@link EntryGate#OPEN} for none);
     *                  each bot is an account of its own, so each has its own guard
     * @param observers each bot's listener, which hears its events after the journal (the session's event list,
     *                  the live executor's order decisions); muted with the journal while a resumed session catches up
     */
    public TradingEngine(List<Bot> bots, Contract contract, RunSettings run, Journal journal, int commitEvery,
                         Function<Bot, EntryGate> gates, Function<Bot, TradeListener> observers) {
        if (bots.isEmpty()) throw new IllegalArgumentException("a session needs at least one bot");
        if (commitEvery < 1) throw new IllegalArgumentException("commitEvery must be at least 1");
        this.journal = journal;
        this.commitEvery = commitEvery;
        for (Bot bot : bots) {
            Journaling j = new Journaling(bot.name(), journal, observers.apply(bot));
            journaling.add(j);
            runners.add(new BotRunner(bot, contract, run, j, gates.apply(bot)));
        }
    }

    /**
     * The engine of a session that already has a journal, in the state it had after the last bar the
     * journal committed: the bots' state is a function of the bars they saw, so those bars are processed
     * again with the journal muted. Bars of an interrupted commit were lost with it and come again.
     */
    public static TradingEngine resume(List<Bot> bots, Contract contract, RunSettings run, Journal journal, int commitEvery) {
        return resume(bots, contract, run, journal, commitEvery, bot -> EntryGate.OPEN, bot -> TradeListener.NONE);
    }

    /** {@link #resume(List, Contract, RunSettings, Journal, int)} with a risk guard and an observer. */
    public static TradingEngine resume(List<Bot> bots, Contract contract, RunSettings run, Journal journal, int commitEvery,
                                       Function<Bot, EntryGate> gates, Function<Bot, TradeListener> observers) {
        TradingEngine engine = new TradingEngine(bots, contract, run, journal, commitEvery, gates, observers);
        engine.journaling.forEach(j -> j.muted = true);
        java.util.NavigableMap<Long, Double> kills = journal.killSwitches();
        java.util.Set<Long> late = journal.lateBars();
        java.util.Map<Long, List<ModelCorrection>> corrections = new java.util.HashMap<>();
        for (ModelCorrection c : journal.modelCorrections()) corrections.computeIfAbsent(c.barTime(), t -> new ArrayList<>()).add(c);
        for (Candle bar : journal.warmUpBarsRecorded()) engine.warmUp(bar, false);
        for (Candle bar : journal.barsRecorded()) {
            for (BotRunner runner : engine.runners) {
                runner.onBar(bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
                if (late.contains(bar.openTime())) runner.trader().cancelPendingOrder();
            }
            // the model followed the account after this bar, in this order
            for (ModelCorrection c : corrections.getOrDefault(bar.openTime(), List.of())) {
                int i = engine.botIndex(c.bot());
                if (i >= 0) engine.apply(i, c);
            }
            engine.lastBar = bar.openTime();
            Double killedAt = kills.get(bar.openTime());
            if (killedAt != null) engine.runners.forEach(r -> r.trader().closeNow(killedAt));
        }
        engine.journaling.forEach(j -> j.muted = false);
        return engine;
    }

    /**
     * Feeds a bar of history to every bot's indicators; nothing is traded. The bar is journalled (with
     * the next commit) so that a resumed session warms up on the same history.
     */
    public void warmUp(Candle bar) {
        warmUp(bar, true);
    }

    private void warmUp(Candle bar, boolean record) {
        if (bar.openTime() <= lastBar) return;
        if (record) journal.warmUpBar(bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        for (BotRunner runner : runners) {
            runner.warmUp(bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        }
        lastBar = bar.openTime();
    }

    /**
     * Processes a closed bar for every bot and journals it; returns false (and does nothing) for a bar
     * at or before the last one processed.
     */
    public boolean onClosedBar(Candle bar) {
        return onClosedBar(bar, Long.MIN_VALUE);
    }

    /**
     * {@link #onClosedBar(Candle)} for a bar that may have arrived late: when {@code lateBy} is not
     * {@link Long#MIN_VALUE}, the market had already reached that time (the next bar had closed too), so
     * no order decided at this bar's close is sent; every bot drops its decision (the model stays as the
     * exchange does), the drop is journalled with the bar, and a resumed session drops it again.
     */
    public boolean onClosedBar(Candle bar, long lateBy) {
        if (bar.openTime() <= lastBar) return false;
        journal.bar(bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        boolean late = lateBy != Long.MIN_VALUE;
        if (late) journal.lateBar(bar.openTime(), lateBy);
        for (int i = 0; i < runners.size(); i++) {
            BotRunner runner = runners.get(i);
            runner.onBar(bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
            if (late && runner.trader().cancelPendingOrder()) {
                journaling.get(i).onRefusal(bar.openTime(), "order not sent: the bar of " + java.time.Instant.ofEpochMilli(bar.openTime())
                        + " arrived after the next one had closed (backfilled after an outage; the market was at "
                        + java.time.Instant.ofEpochMilli(lateBy) + "), so the open it assumed had passed");
            }
        }
        lastBar = bar.openTime();
        if (++uncommitted >= commitEvery) {
            journal.commit();
            uncommitted = 0;
        }
        return true;
    }

    /**
     * A live session's model follows the account: applies {@code c} (a real fill of the decision at
     * {@code c.barTime()}, a decision the exchange did not execute, the account's position or close taken
     * over, an exit booked again at its real price) to the bot's model, journals it and commits. A resumed
     * session applies it again after the same bar. Call after the bar {@code c.barTime()} was processed.
     */
    public void correct(ModelCorrection c) {
        int i = botIndex(c.bot());
        if (i < 0) throw new IllegalArgumentException("no bot " + c.bot() + " in this session");
        journal.modelCorrection(c);
        apply(i, c);
        journal.commit();
        uncommitted = 0;
    }

    /**
     * Books what became of bot {@code bot}'s decision at {@code barTime} on the exchange (the executor's
     * answer): real fills instead of the model's estimate, legs not executed dropped, and the rest executed
     * now, stamped {@code executedAt} (the next bar's open) with {@code reference} (the decision's close) for
     * a leg the exchange had nothing to do for. Returns the steps taken.
     */
    public List<ModelCorrection> book(int bot, long barTime, ExecutedDecision done, long executedAt, double reference) {
        String name = runners.get(bot).bot().name();
        List<ModelCorrection> steps = new ArrayList<>(AccountFollower.booking(name, barTime, done));
        for (ModelCorrection c : steps) correct(c);
        // what is left of the decision happened on the exchange just now, not at the next open: the model books it now
        if (done != null && runners.get(bot).trader().hasPendingOrder()) {
            ModelCorrection executed = ModelCorrection.orderExecuted(name, barTime, executedAt, reference);
            correct(executed);
            steps.add(executed);
        }
        return steps;
    }

    /**
     * After bar {@code barTime}: brings bot {@code bot}'s model to the real position the executor journalled
     * (or its close), when they differ; returns the steps taken.
     */
    public List<ModelCorrection> followAccount(int bot, long barTime) {
        BotRunner runner = runners.get(bot);
        String name = runner.bot().name();
        Journal.LivePosition open = null;
        List<Journal.LivePosition> closed = new ArrayList<>();
        for (Journal.LivePosition p : journal.livePositions()) {
            if (!p.bot().equals(name)) continue;
            if (p.open()) open = p;
            else closed.add(p);
        }
        List<Trade> trades = runner.trader().trades();
        List<ModelCorrection> steps = AccountFollower.corrections(name, barTime, runner.trader().plan(), runner.trader().position(),
                trades.isEmpty() ? null : trades.get(trades.size() - 1), open, closed);
        steps.forEach(this::correct);
        return steps;
    }

    private void apply(int i, ModelCorrection c) {
        io.gpubot.core.trade.Trader trader = runners.get(i).trader();
        Journaling j = journaling.get(i);
        switch (c.kind()) {
            case EXIT_FILLED -> trader.fillPendingExitAt(c.fill());
            case ENTRY_FILLED -> trader.fillPendingEntryAt(c.fill());
            case ENTRY_DROPPED -> trader.dropPendingEntry();
            case ORDER_DROPPED -> trader.cancelPendingOrder();
            case POSITION_ADOPTED -> trader.adoptPosition(c.position(c.barTime()));
            case TRADE_TAKEN_BACK -> {
                trader.takeBackLastTrade(c.position(c.barTime()));
                if (!j.muted) journal.forgetLastTrade(c.bot());
            }
            case CLOSE_ADOPTED -> trader.adoptClose(c.price(), c.fee(), c.grossPnl(), c.exitReason());
            case PART_CLOSED -> trader.adoptPartialClose(c.contracts(), c.price(), c.fee(), c.grossPnl(), c.exitReason());
            case ORDER_EXECUTED -> trader.executePendingNow(c.at(), c.price());
            case EXIT_REBOOKED -> {
                Trade again = trader.rebookLastExit(c.price(), c.fee(), c.grossPnl());
                if (!j.muted) journal.rebookLastTrade(c.bot(), again);
            }
        }
    }

    /** The index of the bot named {@code name}, or -1. */
    public int botIndex(String name) {
        for (int i = 0; i < journaling.size(); i++) if (journaling.get(i).bot.equals(name)) return i;
        return -1;
    }

    /**
     * The kill switch for paper positions: closes every bot's position at {@code price} (the live price),
     * cancels orders waiting for the next open, records it so a resumed session does the same, and commits.
     */
    public void closeAll(double price, String reason) {
        if (lastBar == Long.MIN_VALUE) return;
        for (BotRunner runner : runners) runner.trader().closeNow(price);
        journal.killSwitch(lastBar, price, reason, System.currentTimeMillis());
        uncommitted = 0;
    }

    /** Closes what is still open at the last bar's close (the end of a replay) and commits. */
    public void finish() {
        for (BotRunner runner : runners) runner.finish();
        journal.commit();
        uncommitted = 0;
    }

    public List<BotRunner> runners() {
        return Collections.unmodifiableList(runners);
    }

    /** The closed trades of bot {@code i}. */
    public List<Trade> trades(int i) {
        return runners.get(i).trader().trades();
    }

    /** The open time of the last bar processed or warmed up on. */
    public long lastBar() {
        return lastBar;
    }

    /**
     * Writes one bot's events to the journal and passes them on to the observer, unless muted while a
     * resumed session catches up.
     */
    private static final class Journaling implements TradeListener {
        private final String bot;
        private final Journal journal;
        private final TradeListener observer;
        private boolean muted;

        Journaling(String bot, Journal journal, TradeListener observer) {
            this.bot = bot;
            this.journal = journal;
            this.observer = observer;
        }

        @Override
        public void onSignal(long time, int signal) {
            if (muted) return;
            journal.signal(bot, time, signal);
            observer.onSignal(time, signal);
        }

        @Override
        public void onOrder(long time, Side side, boolean exit, boolean enter) {
            if (muted) return;
            journal.order(bot, time, side, exit, enter);
            observer.onOrder(time, side, exit, enter);
        }

        @Override
        public void onEntry(Position position) {
            if (muted) return;
            journal.entry(bot, position);
            observer.onEntry(position);
        }

        @Override
        public void onExit(Trade trade) {
            if (muted) return;
            journal.exit(bot, trade);
            observer.onExit(trade);
        }

        @Override
        public void onFunding(long time, double rate, double amount) {
            if (muted) return;
            journal.funding(bot, time, rate, amount);
            observer.onFunding(time, rate, amount);
        }

        @Override
        public void onRefusal(long time, String reason) {
            if (muted) return;
            journal.refusal(bot, time, reason);
            observer.onRefusal(time, reason);
        }

        @Override
        public void onBarClosed(long time, double close, double equity) {
            if (muted) return;
            journal.equity(bot, time, equity);
            observer.onBarClosed(time, close, equity);
        }
    }
}
