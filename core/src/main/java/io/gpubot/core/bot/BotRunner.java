package io.gpubot.core.bot;

import io.gpubot.core.indicator.Indicator;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.market.Candle;
import io.gpubot.core.market.Contract;
import io.gpubot.core.signal.ConsensusResult;
import io.gpubot.core.signal.IndicatorReading;
import io.gpubot.core.signal.Signal;
import io.gpubot.core.signal.SignalTracker;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.TradeListener;
import io.gpubot.core.trade.Trader;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference stepper: one bot, fed closed bars one at a time. Each bar updates the bot's
 * indicators, takes the consensus of their votes at the close, and hands the bar and the signal to
 * the {@link Trader}, which applies the trading rules. The backtester's fast engine must reproduce
 * exactly what this class does, and the live engine runs this class itself.
 */
public final class BotRunner {

    /** The ATR the exit levels and volatility sizing use: Wilder's ATR over 14 bars. */
    public static final IndicatorSpec SIZING_ATR = IndicatorSpec.of(IndicatorType.ATR, 14);

    private final Bot bot;
    private final SignalTracker[] trackers;
    /** Null when nothing the bot does reads the ATR (fractional exits, sizing other than volatility). */
    private final Indicator atr;
    private final Trader trader;
    private Signal lastSignal = Signal.NONE;
    private double lastAtr = Double.NaN;

    public BotRunner(Bot bot, Contract contract, RunSettings run) {
        this(bot, contract, run, TradeListener.NONE);
    }

    public BotRunner(Bot bot, Contract contract, RunSettings run, TradeListener listener) {
        this(bot, contract, run, listener, io.gpubot.core.trade.EntryGate.OPEN);
    }

    /** A runner whose entries must pass {@code gate} (the live engine's risk guard). */
    public BotRunner(Bot bot, Contract contract, RunSettings run, TradeListener listener, io.gpubot.core.trade.EntryGate gate) {
        this.bot = bot;
        this.trackers = bot.indicators().stream().map(SignalTracker::new).toArray(SignalTracker[]::new);
        boolean readsAtr = bot.exits().mode() == io.gpubot.core.trade.ExitLevels.Mode.ATR
                || bot.sizing().method() == io.gpubot.core.trade.SizingMethod.VOLATILITY;
        this.atr = readsAtr ? SIZING_ATR.newIndicator() : null;
        this.trader = new Trader(bot.plan(contract), run, listener, gate);
    }

    /**
     * Feeds a bar of history to the indicators only: no signal reaches the trader and nothing is
     * traded. Warm-up before a backtest window or before live bars arrive.
     */
    public void warmUp(long time, double open, double high, double low, double close, double volume) {
        for (SignalTracker tracker : trackers) {
            tracker.update(time, open, high, low, close, volume);
        }
        if (atr != null) atr.update(time, open, high, low, close, volume);
    }

    /** Processes one closed bar. */
    public void onBar(long time, double open, double high, double low, double close, double volume) {
        int bullish = 0;
        int bearish = 0;
        for (SignalTracker tracker : trackers) {
            int vote = tracker.update(time, open, high, low, close, volume);
            if (vote > 0) bullish++;
            else if (vote < 0) bearish++;
        }
        double atrNow = Double.NaN;
        if (atr != null) {
            atr.update(time, open, high, low, close, volume);
            atrNow = atr.value();
        }
        lastAtr = atrNow;
        lastSignal = bot.consensus().decide(bullish, bearish, trackers.length);
        trader.onBar(time, open, high, low, close, lastSignal.direction(), atrNow);
    }

    public void onBar(Candle candle) {
        onBar(candle.openTime(), candle.open(), candle.high(), candle.low(), candle.close(), candle.volume());
    }

    /** Closes what is still open at the last bar's close (end of a backtest or replay). */
    public void finish() {
        trader.finish();
    }

    /** The signal at the last bar's close. */
    public Signal lastSignal() {
        return lastSignal;
    }

    /**
     * The ATR(14) at the last close as the trader received it: NaN while warming up, and always NaN for
     * a bot whose exits and sizing do not read it. A live executor sizes its real order with it.
     */
    public double lastAtr() {
        return lastAtr;
    }

    /** The signal at the last close with every indicator's value and vote, for the dashboard. */
    public ConsensusResult consensus() {
        List<IndicatorReading> readings = new ArrayList<>(trackers.length);
        for (SignalTracker t : trackers) readings.add(t.reading());
        return bot.consensus().decide(readings);
    }

    public Trader trader() {
        return trader;
    }

    public Bot bot() {
        return bot;
    }
}
