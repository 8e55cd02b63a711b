package io.gpubot.core.trade;

import io.gpubot.core.market.Contract;
import io.gpubot.core.market.RiskLimitTiers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The trading rules applied to one bot, bar by bar (docs/TRADING_RULES.md). Feed it each closed bar
 * with the bot's signal at that bar's close; it fills the previous bar's orders at this bar's open,
 * settles funding, watches liquidation, stop-loss and take-profit, and records every trade.
 *
 * <p>This is the reference: the fast backtester must produce exactly its trades, and the live engine
 * runs it. Mutable and single-threaded.
 */
public final class Trader {

    private final TradingPlan plan;
    private final RunSettings run;
    private final Contract contract;
    private final double multiplier;
    private final long fundingInterval;
    private final TradeListener listener;
    private final EntryGate gate;
    private final RiskLimitTiers tiers;

    private final List<Trade> trades = new ArrayList<>();
    private TradeStats stats = TradeStats.NONE;
    private double balance;
    private double equity;
    private final EquityRecorder equityRecorder;

    private Position position;
    private double positionFunding;
    private double entrySlippage;

    /** Signal waiting for the next open: +1, -1 or 0. */
    private int pendingSignal;
    private boolean pendingEntryAllowed;
    private double pendingAtr = Double.NaN;
    /** The exchange's fills of the pending order (a live session), booked at the next open instead of the model's estimate. */
    private RealFill pendingExitFill;
    private RealFill pendingEntryFill;

    private long lastTime = Long.MIN_VALUE;
    /** The first funding settlement after the last bar's open: {@code floorDiv(lastTime, interval) × interval + interval}. */
    private long nextFunding = Long.MIN_VALUE;
    private double lastClose = Double.NaN;
    private int bars;
    private int barsInPosition;
    /** Blocks a held position passed in one step (for tests that the shortcut is taken). */
    int quietBlocks;
    /** Flat stretches with signals skipped in one step because the daily loss limit refuses every entry in them (for tests). */
    int lockedStretches;

    public Trader(TradingPlan plan, RunSettings run) {
        this(plan, run, TradeListener.NONE);
    }

    public Trader(TradingPlan plan, RunSettings run, TradeListener listener) {
        this(plan, run, listener, EntryGate.OPEN);
    }

    /** A trader whose every entry must pass {@code gate} (the live engine's risk guard). */
    public Trader(TradingPlan plan, RunSettings run, TradeListener listener, EntryGate gate) {
        this.plan = plan;
        this.gate = gate;
        this.run = run;
        this.contract = plan.contract();
        this.tiers = RiskLimitTiers.of(contract);
        this.multiplier = contract.multiplier();
        this.fundingInterval = contract.fundingInterval().toMillis();
        this.listener = listener;
        this.balance = run.startBalance();
        this.equity = balance;
        this.equityRecorder = new EquityRecorder(balance);
    }

    /**
     * Processes one closed bar.
     *
     * @param time   the bar's open time (bars must come in time order)
     * @param signal the bot's signal at this bar's close: +1 buy, -1 sell, 0 none
     * @param atr    the ATR at this bar's close (NaN while warming up); used by ATR levels and sizing
     */
    public void onBar(long time, double open, double high, double low, double close, int signal, double atr) {
        if (time <= lastTime) {
            throw new IllegalArgumentException("bar at " + time + " does not follow the bar at " + lastTime);
        }
        if (position != null) {
            if (time >= nextFunding) settleFunding(time, open);
            gapAtOpen(time, open);
        }
        fillPendingOrders(time, open);
        if (position != null) {
            intrabarExits(time, high, low);
            if (position != null) {
                equityRecorder.onIntrabar(balance + position.unrealisedPnl(position.side() == Side.LONG ? low : high, multiplier));
            }
        }
        closeBar(time, close);
        decide(time, signal, atr);
        advanceTo(time);
        lastClose = close;
        bars++;
    }

    /** The last bar processed opened at {@code time}; the next funding settlement is the first after it. */
    private void advanceTo(long time) {
        lastTime = time;
        if (time >= nextFunding) nextFunding = Math.floorDiv(time, fundingInterval) * fundingInterval + fundingInterval;
    }

    /**
     * Processes bars {@code [from, to)} of the prepared series with signals computed beforehand, for the
     * batch backtester. The result is exactly that of calling {@link #onBar} for each bar, but stretches
     * in which nothing can change are recorded in one step: a flat bot with nothing pending and no signal,
     * a flat bot below the equity floor, and (without a listener) a held position through a block of
     * bars that reaches neither its stop nor its target, sets neither a new equity peak nor a new
     * drawdown record, and holds no opposite signal, funding time or day boundary.
     *
     * @param buy  bit {@code i} set when the signal at bar {@code i}'s close is +1
     * @param sell bit {@code i} set when the signal at bar {@code i}'s close is -1
     */
    public void run(PreparedBars bars, int from, int to, long[] buy, long[] sell) {
        io.gpubot.core.market.CandleSeries series = bars.series;
        int base = series.start();
        long[] time = series.timeColumn();
        double[] open = series.openColumn();
        double[] high = series.highColumn();
        double[] low = series.lowColumn();
        double[] close = series.closeColumn();
        double[] atr = bars.atr;
        double equityFloor = run.minEquityFraction() * run.startBalance();
        boolean quiet = !listening();
        int i = from;
        while (i < to) {
            if (position == null) {
                if (balance < equityFloor && quiet) {
                    // Flat below the equity floor: no entry is ever allowed again and equity stays as it is.
                    skipFlat(series, bars.dayStarts, i, to);
                    pendingSignal = 0;
                    break;
                }
                if (pendingSignal != 0 && !pendingEntryAllowed) {
                    // An order no entry is allowed for does nothing at the next open of a flat bot (fillPendingOrders only
                    // drops it): dropped now, a run of signals refused by the daily loss limit can be skipped as well.
                    pendingSignal = 0;
                    pendingExitFill = null;
                    pendingEntryFill = null;
                }
                if (pendingSignal == 0) {
                    int next = nextSignal(buy, sell, i, to);
                    if (quiet && next < to - 1) {
                        // Beyond the daily loss limit, the rest of the day's signals are skipped too (issue 15's warm-path regression).
                        int unlocked = pastDailyLossLock(bars.dayStarts, time[base + i], i, to);
                        if (unlocked > next) {
                            next = unlocked;
                            lockedStretches++;
                        }
                    }
                    if (next > i) {
                        skipFlat(series, bars.dayStarts, i, next);
                        i = next;
                        if (i == to) break;
                    }
                }
            } else if (quiet && pendingSignal == 0 && (i & (PreparedBars.BLOCK - 1)) == 0 && i + PreparedBars.BLOCK <= to
                    && passesQuietBlock(bars, i, time[base + i + PreparedBars.BLOCK - 1], close[base + i + PreparedBars.BLOCK - 1],
                    position.side() == Side.LONG ? sell : buy)) {
                i += PreparedBars.BLOCK;
                continue;
            }
            int k = base + i;
            int signal = bit(buy, i) ? 1 : bit(sell, i) ? -1 : 0;
            onBar(time[k], open[k], high[k], low[k], close[k], signal, atr[i]);
            i++;
        }
    }

    /**
     * Records block {@code i / 64} at once if holding the position through it changes nothing but the
     * time under water and the day's last equity; returns whether it did.
     */
    private boolean passesQuietBlock(PreparedBars prepared, int i, long lastBarTime, double lastBarClose, long[] opposite) {
        int block = i >>> 6;
        if (opposite[block] != 0 || lastBarTime >= nextFunding || lastBarTime >= equityRecorder.nextDay()) {
            return false;
        }
        Position p = position;
        double lowest = prepared.blockMinLow[block];
        double highest = prepared.blockMaxHigh[block];
        boolean exitPossible = p.side() == Side.LONG
                ? lowest <= p.stopLoss() || highest >= p.takeProfit()
                : highest >= p.stopLoss() || lowest <= p.takeProfit();
        if (exitPossible) {
            return false;
        }
        // Equity rises with the close for a long and falls with it for a short, so the block's extremes of
        // equity are at its extreme closes.
        double best = balance + p.unrealisedPnl(p.side() == Side.LONG ? prepared.blockMaxClose[block] : prepared.blockMinClose[block], multiplier);
        double worst = balance + p.unrealisedPnl(p.side() == Side.LONG ? prepared.blockMinClose[block] : prepared.blockMaxClose[block], multiplier);
        if (!equityRecorder.staysUnderwaterAbove(best, worst)) {
            return false;
        }

        // The peak does not move inside the block and (peak - w) / peak falls as w rises, so the block's worst
        // intrabar equity (at its extreme low or high) gives exactly the record its bars would give one by one.
        equityRecorder.onIntrabar(balance + p.unrealisedPnl(p.side() == Side.LONG ? lowest : highest, multiplier));
        double last = balance + p.unrealisedPnl(lastBarClose, multiplier);
        equityRecorder.onUnderwaterStretch(lastBarTime, last);
        equity = last;
        quietBlocks++;
        bars += PreparedBars.BLOCK;
        barsInPosition += PreparedBars.BLOCK;
        advanceTo(lastBarTime);
        lastClose = lastBarClose;
        return true;
    }

    private void skipFlat(io.gpubot.core.market.CandleSeries series, int[] dayStarts, int from, int to) {
        long[] time = series.timeColumn();
        int base = series.start();
        double lastBarClose = series.closeColumn()[base + to - 1];
        if (time[base + from] <= lastTime) {
            throw new IllegalArgumentException("bar at " + time[base + from] + " does not follow the bar at " + lastTime);
        }
        if (listener == TradeListener.NONE) {
            equityRecorder.onFlatCloses(time, base, dayStarts, from, to, balance);
        } else {
            double[] close = series.closeColumn();
            for (int i = from; i < to; i++) {
                equityRecorder.onClose(time[base + i], balance);
                listener.onBarClosed(time[base + i], close[base + i], balance);
            }
        }
        equity = balance;
        advanceTo(time[base + to - 1]);
        lastClose = lastBarClose;
        bars += to - from;
    }

    /**
     * Where a flat bot's signals can next lead to an entry, as far as the daily loss limit goes: {@code i}
     * unless equity (the balance, flat) is beyond the limit in the UTC day of the last close and bar
     * {@code i} (at {@code barTime}) falls in that day; then the first bar of the next day, or the last
     * bar {@code to - 1} (stepped as usual, so that what is pending after the run stays as bar by bar).
     * Every signal before it would only leave an order no entry is allowed for, which the next bar drops.
     */
    private int pastDailyLossLock(int[] dayStarts, long barTime, int i, int to) {
        if (barTime >= equityRecorder.nextDay() || balance >= equityRecorder.dayStartEquity() * (1 - run.limits().dailyLossLimit())) {
            return i;
        }
        int k = java.util.Arrays.binarySearch(dayStarts, i);
        k = k >= 0 ? k : -k - 1;
        return k < dayStarts.length ? Math.min(dayStarts[k], to - 1) : to - 1;
    }

    private static boolean bit(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    /** The first index in {@code [from, to)} with a buy or sell bit, or {@code to}. */
    private static int nextSignal(long[] buy, long[] sell, int from, int to) {
        int w = from >>> 6;
        long word = (buy[w] | sell[w]) & (-1L << from);
        int lastWord = (to - 1) >>> 6;
        while (true) {
            if (word != 0) {
                int found = (w << 6) + Long.numberOfTrailingZeros(word);
                return Math.min(found, to);
            }
            if (++w > lastWord) return to;
            word = buy[w] | sell[w];
        }
    }

    /** Closes a position still open after the last bar at that bar's close (exit reason END). */
    public void finish() {
        pendingExitFill = null;
        pendingEntryFill = null;
        if (position != null) {
            exitAtMarket(lastTime, lastClose, ExitReason.END);
            equity = balance;
            equityRecorder.onClose(lastTime, equity);
        }
        pendingSignal = 0;
    }

    /**
     * Drops the order decided at the last close without executing it: it was never sent, because the
     * bar reached the session too late for the open it assumed (a backfill after an outage). The
     * position, its stops and the balance stay as they are, as they do on the exchange. Returns whether
     * an order was waiting.
     */
    public boolean cancelPendingOrder() {
        boolean pending = pendingSignal != 0;
        pendingSignal = 0;
        pendingExitFill = null;
        pendingEntryFill = null;
        return pending;
    }

    // ---- a live session's model follows the account ----

    /**
     * The exit decided at the last close was filled on the exchange: at the next open the model books the
     * exchange's fill (price, fee) instead of its own estimate. Returns whether an order was waiting.
     */
    public boolean fillPendingExitAt(RealFill exit) {
        if (pendingSignal == 0) return false;
        pendingExitFill = exit;
        return true;
    }

    /**
     * The entry decided at the last close was filled on the exchange: at the next open the model books the
     * exchange's size, price and fee, with the levels computed from that fill, as the live executor places
     * them. Returns whether an order was waiting.
     */
    public boolean fillPendingEntryAt(RealFill entry) {
        if (pendingSignal == 0) return false;
        pendingEntryFill = entry;
        return true;
    }

    /**
     * A live session's decided order was executed on the exchange right after the last close: the model
     * books it now, stamped {@code time} (the next bar's open, when it happened), at the exchange's fills
     * set by {@link #fillPendingExitAt} and {@link #fillPendingEntryAt} (a leg without one at the model's
     * estimate from {@code reference}, the decision's close), instead of at the next bar's open. A
     * position so opened pays no funding settlement at or before {@code time}: the exchange's opened after it.
     * Returns whether an order was waiting.
     */
    public boolean executePendingNow(long time, double reference) {
        if (pendingSignal == 0) return false;
        fillPendingOrders(time, reference);
        if (position == null) equity = balance;
        return true;
    }

    /**
     * The entry decided at the last close was not executed on the exchange (refused, not sent, cancelled
     * unfilled): the model does not enter either. An exit decided with it still happens. Returns whether
     * an entry was waiting.
     */
    public boolean dropPendingEntry() {
        boolean waiting = pendingSignal != 0 && pendingEntryAllowed;
        pendingEntryAllowed = false;
        pendingEntryFill = null;
        return waiting;
    }

    /**
     * The account holds {@code exchange} where the model holds something else (a partial fill, a position
     * opened while the session was down, an order whose fate became known later): the model takes the
     * account's position as its own.
     * <ul>
     *   <li>the model holds the same side: the position is replaced, the balance moved by the difference of the entry fees;</li>
     *   <li>the model holds the other side: that one is closed at the last close without a fee (reason
     *       {@link ExitReason#EXCHANGE}: the account never held it), then the account's taken over, its entry fee paid;</li>
     *   <li>the model is flat: the account's position is taken over, its entry fee paid.</li>
     * </ul>
     */
    public void adoptPosition(Position exchange) {
        pendingExitFill = null;
        pendingEntryFill = null;
        if (position != null && position.side() != exchange.side()) {
            close(lastTime, lastClose, 0, entrySlippage, Pricing.pnl(position.side(), position.entryPrice(), lastClose, position.contracts(),
                    multiplier), ExitReason.EXCHANGE);
        }
        if (position != null) {
            balance += position.entryFee() - exchange.entryFee();
        } else {
            balance -= exchange.entryFee();
            positionFunding = 0;
            entrySlippage = 0;
        }
        position = exchange;
        listener.onEntry(position);
        equity = balance + position.unrealisedPnl(lastClose, multiplier);
    }

    /**
     * The model closed its last trade by its own estimate of an exchange exit (its stop in the bar) but the
     * exchange still holds that very position ({@code exchange}): the trade is taken back (its exit undone,
     * its entry fee paid once) and the position goes on with the account's levels.
     *
     * @return the trade taken back (the journal forgets it)
     */
    public Trade takeBackLastTrade(Position exchange) {
        if (position != null || trades.isEmpty() || !sameEntry(trades.get(trades.size() - 1), exchange)) {
            throw new IllegalStateException("the model's last trade is not the account's open position");
        }
        pendingExitFill = null;
        pendingEntryFill = null;
        Trade takenBack = trades.remove(trades.size() - 1);
        balance -= takenBack.grossPnl() - takenBack.exitFee();
        recountStats();
        position = new Position(exchange.side(), takenBack.entryTime(), exchange.entryPrice(), exchange.referencePrice(), exchange.contracts(),
                exchange.margin(), exchange.takeProfit(), exchange.stopLoss(), exchange.liquidationPrice(), takenBack.entryFee(), takenBack.capped());
        positionFunding = takenBack.funding();
        entrySlippage = 0;
        equity = balance + position.unrealisedPnl(lastClose, multiplier);
        return takenBack;
    }

    /** The stats of the trades as booked now (after a trade was taken back or booked again). */
    private void recountStats() {
        TradeStats recounted = TradeStats.NONE;
        for (Trade each : trades) recounted = recounted.after(each);
        stats = recounted;
    }

    private static boolean sameEntry(Trade t, Position p) {
        return t.side() == p.side() && t.contracts() == p.contracts() && t.entryPrice() == p.entryPrice();
    }

    /**
     * The account is flat where the model holds a position: the exchange closed it (stop, take-profit,
     * liquidation, by hand). The model closes it at the exchange's price, fee and gross PnL (a
     * liquidation loses the margin); at the last close without a fee when the exchange's price is unknown.
     */
    public void adoptClose(double exitPrice, double exitFee, double grossPnl, ExitReason reason) {
        pendingSignal = 0;
        pendingExitFill = null;
        pendingEntryFill = null;
        if (position == null) return;
        if (!(exitPrice > 0)) {
            exitPrice = lastClose;
            exitFee = 0;
            grossPnl = Pricing.pnl(position.side(), position.entryPrice(), lastClose, position.contracts(), multiplier);
        }
        // a position booked at once after the last close (executePendingNow) entered after lastTime: it cannot end before it began
        close(Math.max(lastTime, position.entryTime()), exitPrice, exitFee, entrySlippage, grossPnl, reason);
        equity = balance;
    }

    /**
     * The account holds fewer of the position's contracts than the model (a take-profit filled in part, a
     * part closed by hand): the model closes {@code contracts} of them at the exchange's price, fee and gross
     * PnL, stamped with the last bar, and keeps the rest. At the last close without a fee when the exchange's
     * price is unknown. Closing all the model holds, or more, closes the position ({@link #adoptClose}).
     */
    public void adoptPartialClose(long contracts, double exitPrice, double exitFee, double grossPnl, ExitReason reason) {
        if (position == null) return;
        if (contracts <= 0) throw new IllegalArgumentException("a part closed has at least one contract, got " + contracts);
        if (contracts >= position.contracts()) {
            adoptClose(exitPrice, exitFee, grossPnl, reason);
            return;
        }
        if (!(exitPrice > 0)) {
            exitPrice = lastClose;
            exitFee = 0;
            grossPnl = Pricing.pnl(position.side(), position.entryPrice(), lastClose, contracts, multiplier);
        }
        closePart(Math.max(lastTime, position.entryTime()), contracts, exitPrice, exitFee, entrySlippage * contracts / position.contracts(), grossPnl,
                reason);
        equity = balance + position.unrealisedPnl(lastClose, multiplier);
    }

    /**
     * The model's last trade closed at its own estimate of an exchange exit (its stop-loss, take-profit or
     * liquidation in the bar) and the exchange filled that exit at another price or fee: the trade is
     * booked again at the exchange's exit price, fee and gross PnL, and the balance follows.
     *
     * @return the trade as booked now
     */
    public Trade rebookLastExit(double exitPrice, double exitFee, double grossPnl) {
        if (trades.isEmpty()) throw new IllegalStateException("no trade to book again");
        Trade t = trades.get(trades.size() - 1);
        balance += (grossPnl - exitFee) - (t.grossPnl() - t.exitFee());
        Trade again = new Trade(t.side(), t.entryTime(), t.entryPrice(), t.exitTime(), exitPrice, t.contracts(), t.entryFee(), exitFee,
                t.slippage(), t.funding(), grossPnl, grossPnl - t.entryFee() - exitFee - t.funding(), t.reason(), t.capped());
        trades.set(trades.size() - 1, again);
        recountStats();
        if (position == null) equity = balance;
        return again;
    }

    /**
     * The kill switch: closes the open position at {@code price} (the live price between closes) as a
     * taker market exit with slippage, stamped with the last bar's time, and cancels what was pending.
     * No new position is opened by a signal that was waiting for the next open.
     */
    public void closeNow(double price) {
        pendingSignal = 0;
        pendingExitFill = null;
        pendingEntryFill = null;
        if (position == null) return;
        if (!(price > 0)) throw new IllegalArgumentException("a price above 0 is needed to close, got " + price);
        exitAtMarket(lastTime, price, ExitReason.KILL_SWITCH);
        equity = balance;
        equityRecorder.onClose(lastTime, equity);
    }

    private void settleFunding(long time, double open) {
        for (long t = nextFunding; t <= time; t += fundingInterval) {
            // a live position booked at once after the last close (executePendingNow) opened after a settlement at that instant
            if (t <= position.entryTime()) continue;
            double rate = run.fundingRates().rateAt(t, run.defaultFundingRate());
            double amount = Pricing.funding(position.side(), position.contracts(), multiplier, open, rate);
            balance -= amount;
            positionFunding += amount;
            listener.onFunding(t, rate, amount);
        }
    }

    /**
     * The move from the last close to this open is a gap (rule 5.1). A gap to or beyond the liquidation
     * price liquidates: in isolated margin the bankruptcy price bounds what a position can lose (KuCoin
     * support article 26686139092889, "Insurance Fund"), so the margin is the loss, whatever the stop. A gap
     * beyond only the stop is a stop-loss filled at the open; beyond the take-profit, the resting limit
     * order fills at its level.
     */
    private void gapAtOpen(long time, double open) {
        Position p = position;
        int sign = p.side().sign();
        if (sign * (open - p.liquidationPrice()) <= 0) {
            liquidate(time);
        } else if (sign * (open - p.stopLoss()) <= 0) {
            exitAtMarket(time, open, ExitReason.STOP_LOSS);
        } else if (sign * (open - p.takeProfit()) > 0) {
            exitAtTakeProfit(time);
        }
    }

    /** Whether the stop lies nearer to the entry than the liquidation price, so a falling (long) price meets it first. */
    private static boolean stopFiresFirst(Position p) {
        return p.side().sign() * (p.stopLoss() - p.liquidationPrice()) > 0;
    }

    private void fillPendingOrders(long time, double open) {
        int signal = pendingSignal;
        pendingSignal = 0;
        if (signal == 0) {
            return;
        }
        RealFill exitFill = pendingExitFill;
        RealFill entryFill = pendingEntryFill;
        pendingExitFill = null;
        pendingEntryFill = null;
        Side wanted = Side.of(signal);
        if (position != null && position.side() != wanted) {
            if (exitFill == null) exitAtMarket(time, open, ExitReason.SIGNAL);
            else closeAtFill(time, exitFill, ExitReason.SIGNAL);
        }
        if (position == null && pendingEntryAllowed) {
            if (entryFill == null) enter(time, open, wanted, pendingAtr);
            else enterAtFill(time, open, wanted, pendingAtr, entryFill);
        }
    }

    /** An entry the exchange filled: its size, price and fee; levels from the fill, as the live executor places them. */
    private void enterAtFill(long time, double open, Side side, double atr, RealFill f) {
        EntryPlan e = EntryPlanner.levelsAt(plan, tiers, side, f.price(), f.contracts(), atr);
        balance -= f.fee();
        position = new Position(side, time, f.price(), open, f.contracts(), e.margin(), e.takeProfit(), e.stopLoss(), e.liquidationPrice(),
                f.fee(), false);
        positionFunding = 0;
        entrySlippage = Math.abs(f.price() - open) * f.contracts() * multiplier;
        listener.onEntry(position);
        if (e.stopPassedAt(open)) exitAtMarket(time, open, ExitReason.STOP_LOSS);
    }

    /** A close the exchange filled, at its price and fee; a fill of fewer contracts than held closes only those. */
    private void closeAtFill(long time, RealFill f, ExitReason reason) {
        if (f.contracts() < position.contracts()) {
            long n = f.contracts();
            double slippage = entrySlippage * n / position.contracts() + Math.abs(f.price() - lastClose) * n * multiplier;
            closePart(time, n, f.price(), f.fee(), slippage, Pricing.pnl(position.side(), position.entryPrice(), f.price(), n, multiplier), reason);
            return;
        }
        double slippage = entrySlippage + Math.abs(f.price() - lastClose) * position.contracts() * multiplier;
        close(time, f.price(), f.fee(), slippage, Pricing.pnl(position.side(), position.entryPrice(), f.price(), position.contracts(), multiplier),
                reason);
    }

    private void enter(long time, double open, Side side, double atr) {
        EntryPlan e = EntryPlanner.plan(plan, tiers, run.limits().maxNotionalUsdt(), side, open, run.slippage(), atr, balance, balance,
                stats, listening());
        if (e.refused()) {
            if (listening()) refuse(time, e.refusal());
            return;
        }
        long q = e.contracts();
        if (gate != EntryGate.OPEN) {
            double exitAtStop = Pricing.exitFill(side, e.stopLoss(), run.slippage(), contract.tickSize());
            double lossAtStop = Pricing.pnl(side, exitAtStop, e.fill(), q, multiplier) + e.fee()
                    + Pricing.fee(q, multiplier, exitAtStop, contract.takerFeeRate());
            String refused = gate.refusal(time, side, q, e.fill(), e.notional(multiplier), e.margin(), balance, lossAtStop);
            if (refused != null) {
                refuse(time, refused);
                return;
            }
        }
        balance -= e.fee();
        position = new Position(side, time, e.fill(), open, q, e.margin(), e.takeProfit(), e.stopLoss(), e.liquidationPrice(), e.fee(),
                e.capped());
        positionFunding = 0;
        entrySlippage = Math.abs(e.fill() - open) * q * multiplier;
        listener.onEntry(position);
        if (e.stopPassedAt(open)) {
            // The stop order placed after the fill finds the price already beyond it: it triggers at once (rule 4b).
            exitAtMarket(time, open, ExitReason.STOP_LOSS);
        }
    }

    /**
     * The bar's range, adverse side first: the stop-loss (or liquidation, where the stop does not fire
     * first), then the take-profit, a resting limit order filled only when the price trades through it.
     */
    private void intrabarExits(long time, double high, double low) {
        Position p = position;
        int sign = p.side().sign();
        double adverse = sign > 0 ? low : high;
        double favourable = sign > 0 ? high : low;
        boolean reachesLiquidation = sign * (adverse - p.liquidationPrice()) <= 0;
        if (sign * (adverse - p.stopLoss()) <= 0 && (!reachesLiquidation || stopFiresFirst(p))) {
            exitAtMarket(time, p.stopLoss(), ExitReason.STOP_LOSS);
        } else if (reachesLiquidation) {
            liquidate(time);
        } else if (sign * (favourable - p.takeProfit()) > 0) {
            exitAtTakeProfit(time);
        }
    }

    /** A taker exit at {@code price} moved against the trader by slippage. */
    private void exitAtMarket(long time, double price, ExitReason reason) {
        double fill = Pricing.exitFill(position.side(), price, run.slippage(), contract.tickSize());
        double fee = Pricing.fee(position.contracts(), multiplier, fill, contract.takerFeeRate());
        double slippage = entrySlippage + Math.abs(price - fill) * position.contracts() * multiplier;
        close(time, fill, fee, slippage, Pricing.pnl(position.side(), position.entryPrice(), fill, position.contracts(), multiplier), reason);
    }

    private void exitAtTakeProfit(long time) {
        double level = position.takeProfit();
        double fee = Pricing.fee(position.contracts(), multiplier, level, contract.makerFeeRate());
        close(time, level, fee, entrySlippage, Pricing.pnl(position.side(), position.entryPrice(), level, position.contracts(), multiplier),
                ExitReason.TAKE_PROFIT);
    }

    private void liquidate(long time) {
        close(time, position.liquidationPrice(), 0, entrySlippage, -position.margin(), ExitReason.LIQUIDATION);
    }

    private void close(long time, double exitPrice, double exitFee, double slippage, double grossPnl, ExitReason reason) {
        Position p = position;
        balance += grossPnl - exitFee;
        double net = grossPnl - p.entryFee() - exitFee - positionFunding;
        Trade trade = new Trade(p.side(), p.entryTime(), p.entryPrice(), time, exitPrice, p.contracts(), p.entryFee(), exitFee,
                slippage, positionFunding, grossPnl, net, reason, p.capped());
        trades.add(trade);
        stats = stats.after(trade);
        position = null;
        positionFunding = 0;
        entrySlippage = 0;
        listener.onExit(trade);
    }

    /**
     * Closes {@code n} of the position's contracts (fewer than it holds): a trade for that part with its share of
     * the entry fee ({@link Pricing#entryFeeShare}), of the funding paid so far and of the margin; the rest stays
     * open with the same entry, levels and the remaining fee, as the exchange keeps it.
     */
    private void closePart(long time, long n, double exitPrice, double exitFee, double slippage, double grossPnl, ExitReason reason) {
        Position p = position;
        double feeShare = Pricing.entryFeeShare(p.entryFee(), n, p.contracts());
        double fundingShare = positionFunding * n / p.contracts();
        double marginShare = p.margin() * n / p.contracts();
        balance += grossPnl - exitFee;
        Trade trade = new Trade(p.side(), p.entryTime(), p.entryPrice(), time, exitPrice, n, feeShare, exitFee, slippage, fundingShare, grossPnl,
                grossPnl - feeShare - exitFee - fundingShare, reason, p.capped());
        trades.add(trade);
        stats = stats.after(trade);
        position = new Position(p.side(), p.entryTime(), p.entryPrice(), p.referencePrice(), p.contracts() - n, p.margin() - marginShare,
                p.takeProfit(), p.stopLoss(), p.liquidationPrice(), p.entryFee() - feeShare, p.capped());
        positionFunding -= fundingShare;
        entrySlippage -= entrySlippage * n / p.contracts();
        listener.onExit(trade);
    }

    private void closeBar(long time, double close) {
        equity = position == null ? balance : balance + position.unrealisedPnl(close, multiplier);
        if (position != null) barsInPosition++;
        equityRecorder.onClose(time, equity);
        listener.onBarClosed(time, close, equity);
    }

    private void decide(long time, int signal, double atr) {
        if (signal == 0) {
            return;
        }
        if (listening()) listener.onSignal(time, signal);
        Side wanted = Side.of(signal);
        if (position != null && position.side() == wanted) {
            return;
        }
        pendingSignal = signal;
        pendingAtr = atr;
        boolean aboveFloor = equity >= run.minEquityFraction() * run.startBalance();
        RiskLimits limits = run.limits();
        boolean aboveMinimum = balance >= limits.minBalanceUsdt();
        double dayStart = equityRecorder.dayStartEquity();
        boolean withinDailyLoss = equity >= dayStart * (1 - limits.dailyLossLimit());
        pendingEntryAllowed = aboveFloor && aboveMinimum && withinDailyLoss;
        if (listening()) listener.onOrder(time, wanted, position != null, pendingEntryAllowed);
        if (!pendingEntryAllowed && listening()) {
            refuse(time, !aboveFloor ? String.format(java.util.Locale.ROOT,
                    "equity %.2f is below %.0f%% of the starting balance %.2f: no new positions",
                    equity, run.minEquityFraction() * 100, run.startBalance())
                    : !aboveMinimum ? String.format(java.util.Locale.ROOT, "balance %.2f USDT is below the minimum of %.2f USDT: no new positions",
                    balance, limits.minBalanceUsdt())
                    : String.format(java.util.Locale.ROOT, "equity %.2f is down %.1f%% since the start of the UTC day (%.2f), beyond the daily loss "
                    + "limit of %.0f%%: no new positions today", equity, 100 * (dayStart - equity) / dayStart, dayStart,
                    100 * limits.dailyLossLimit()));
        }
    }

    /** Whether anyone hears refusals; their messages are only composed then. */
    private boolean listening() {
        return listener != TradeListener.NONE;
    }

    private void refuse(long time, String reason) {
        listener.onRefusal(time, reason);
    }

    /** Whether an order decided at the last close waits for the next open. */
    public boolean hasPendingOrder() {
        return pendingSignal != 0;
    }

    public List<Trade> trades() {
        return Collections.unmodifiableList(trades);
    }

    /** The open position, or {@code null} when flat. */
    public Position position() {
        return position;
    }

    /** Cash: the starting balance plus realised PnL, minus fees and funding. Margin is part of it. */
    public double balance() {
        return balance;
    }

    /** Balance plus unrealised PnL at the last close. */
    public double equity() {
        return equity;
    }

    /** Funding paid on the open position so far (negative when received). */
    public double openPositionFunding() {
        return positionFunding;
    }

    /** Equity at every close so far: peak, drawdown, daily values. */
    public EquityRecorder equityRecorder() {
        return equityRecorder;
    }

    /** Bars processed so far. */
    public int bars() {
        return bars;
    }

    /** Bars that closed with a position open. */
    public int barsInPosition() {
        return barsInPosition;
    }

    public TradeStats stats() {
        return stats;
    }

    public TradingPlan plan() {
        return plan;
    }

    public RunSettings run() {
        return run;
    }
}
