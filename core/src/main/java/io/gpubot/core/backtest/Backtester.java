package io.gpubot.core.backtest;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Timeframe;
import io.gpubot.core.signal.Consensus;
import io.gpubot.core.trade.PreparedBars;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.TradeListener;
import io.gpubot.core.trade.Trader;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The batch backtester: evaluates bots over one series, on all cores. Indicator votes are computed once
 * per distinct spec and shared ({@link IndicatorCache}); each bot's signal is the AND of its
 * indicators' vote bitsets; the trading rules are the reference {@link Trader}'s, which skips, in bulk,
 * the stretches in which a flat bot has no signal. The trades and metrics are identical, double for
 * double, to those of {@link #reference} — the property tests prove it.
 *
 * <p>Windows ("cycles") trade only inside {@code [from, to)}; the indicators have seen every bar
 * before {@code from}, so they are warm when trading starts.
 */
public final class Backtester {

    private final CandleSeries series;
    private final Contract contract;
    private final RunSettings run;
    private final IndicatorCache cache;
    private final PreparedBars bars;
    private final boolean keepTrades;

    public Backtester(CandleSeries series, Contract contract, RunSettings run) {
        this(series, contract, run, IndicatorCache.DEFAULT_MAX_BYTES);
    }

    public Backtester(CandleSeries series, Contract contract, RunSettings run, long cacheBytes) {
        this(series, contract, run, new IndicatorCache(series, cacheBytes),
                new PreparedBars(series, BotRunner.SIZING_ATR.compute(series).output(0)), true);
    }

    private Backtester(CandleSeries series, Contract contract, RunSettings run, IndicatorCache cache, PreparedBars bars, boolean keepTrades) {
        this.series = series;
        this.contract = contract;
        this.run = run;
        this.cache = cache;
        this.bars = bars;
        this.keepTrades = keepTrades;
    }

    /**
     * This backtester, sharing its indicator cache, returning metrics without trade lists: what an
     * evolution needs for a large population, in a fraction of the memory.
     */
    public Backtester metricsOnly() {
        return new Backtester(series, contract, run, cache, bars, false);
    }

    /** One bot over the whole series. */
    public BacktestResult run(Bot bot) {
        return run(bot, 0, series.size());
    }

    /** One bot trading bars {@code [from, to)}, its indicators warmed up on the bars before. */
    public BacktestResult run(Bot bot, int from, int to) {
        return run(bot, from, to, TradeListener.NONE);
    }

    /**
     * One bot trading bars {@code [from, to)}, telling {@code listener} everything the trader does, bar
     * by bar (for equity curves and charts; slower than without a listener).
     */
    public BacktestResult run(Bot bot, int from, int to, TradeListener listener) {
        java.util.Objects.checkFromToIndex(from, to, series.size());
        return evaluate(bot, signalBits(bot), new Cycle(from, to), listener);
    }

    /** The bot's trader over one cycle with signals computed beforehand. */
    private BacktestResult evaluate(Bot bot, long[][] signal, Cycle cycle, TradeListener listener) {
        Trader trader = new Trader(bot.plan(contract), run, listener);
        trader.run(bars, cycle.from(), cycle.to(), signal[0], signal[1]);
        trader.finish();
        BacktestResult r = result(bot, trader, series.timeframe());
        return keepTrades ? r : new BacktestResult(bot, List.of(), r.metrics());
    }

    /** Many bots over the whole series, on {@code threads} threads; results in the bots' order. */
    public List<BacktestResult> run(List<Bot> bots, int threads) {
        return run(bots, 0, series.size(), threads);
    }

    /** Many bots over one window, on {@code threads} threads; results in the bots' order. */
    public List<BacktestResult> run(List<Bot> bots, int from, int to, int threads) {
        return runCycles(bots, List.of(new Cycle(from, to)), threads).stream().map(r -> r.get(0)).collect(Collectors.toList());
    }

    /**
     * Every bot over every cycle, on {@code threads} threads: {@code results.get(b).get(c)} is bot
     * {@code b} in cycle {@code c}. Each bot's signals are computed once for all its cycles.
     */
    public List<List<BacktestResult>> runCycles(List<Bot> bots, List<Cycle> cycles, int threads) {
        if (threads <= 1) {
            return runCycles(bots, cycles, null);
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return runCycles(bots, cycles, pool);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Every bot over every cycle on {@code executor}'s threads (on the calling thread when it is
     * {@code null}): {@code results.get(b).get(c)} is bot {@code b} in cycle {@code c}.
     */
    public List<List<BacktestResult>> runCycles(List<Bot> bots, List<Cycle> cycles, ForkJoinPool executor) {
        for (Cycle c : cycles) java.util.Objects.checkFromToIndex(c.from(), c.to(), series.size());
        prefetch(bots, executor);
        java.util.function.IntFunction<List<BacktestResult>> one = b -> {
            Bot bot = bots.get(b);
            long[][] signal = signalBits(bot);
            List<BacktestResult> perCycle = new java.util.ArrayList<>(cycles.size());
            for (Cycle c : cycles) {
                perCycle.add(evaluate(bot, signal, c, TradeListener.NONE));
            }
            return perCycle;
        };
        if (executor == null) {
            return IntStream.range(0, bots.size()).mapToObj(one).collect(Collectors.toList());
        }
        return onPool(executor, () -> IntStream.range(0, bots.size()).parallel().mapToObj(one).collect(Collectors.toList()));
    }

    /** Computes the votes of every indicator the bots use that the cache lacks, on {@code executor} ({@code null}: this thread). */
    public void prefetch(List<Bot> bots, ForkJoinPool executor) {
        List<IndicatorSpec> specs = bots.stream().flatMap(b -> b.indicators().stream()).collect(Collectors.toList());
        if (executor == null) {
            cache.prefetch(specs, 1);
        } else {
            onPool(executor, () -> {
                cache.prefetchOnCurrentPool(specs);
                return null;
            });
        }
    }

    private static <T> T onPool(ForkJoinPool pool, java.util.concurrent.Callable<T> work) {
        try {
            return pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backtest interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * {buy bits, sell bits} of the bot's consensus at each bar's close: bit {@code i} of word
     * {@code i / 64} is bar {@code i} of the series (for other engines that run the same rules).
     */
    public long[][] signals(Bot bot) {
        return signalBits(bot);
    }

    /** Whether results carry their trade lists (false after {@link #metricsOnly}). */
    public boolean keepsTrades() {
        return keepTrades;
    }

    /** The bars with what the batch path reads besides the candles (the ATR at each close). */
    public PreparedBars preparedBars() {
        return bars;
    }

    public Contract contract() {
        return contract;
    }

    public RunSettings runSettings() {
        return run;
    }

    /** {buy bits, sell bits} of the bot's consensus at each bar's close. */
    long[][] signalBits(Bot bot) {
        List<IndicatorSpec> specs = bot.indicators();
        VoteBits[] votes = new VoteBits[specs.size()];
        for (int k = 0; k < votes.length; k++) votes[k] = cache.votes(specs.get(k));
        int words = votes[0].bullish().length;
        long[] buy = new long[words];
        long[] sell = new long[words];
        Consensus consensus = bot.consensus();
        if (consensus.required(votes.length) >= votes.length) {
            // Unanimity: a bar signals when every indicator votes the same way.
            System.arraycopy(votes[0].bullish(), 0, buy, 0, words);
            System.arraycopy(votes[0].bearish(), 0, sell, 0, words);
            for (int k = 1; k < votes.length; k++) {
                long[] up = votes[k].bullish();
                long[] down = votes[k].bearish();
                for (int w = 0; w < words; w++) {
                    buy[w] &= up[w];
                    sell[w] &= down[w];
                }
            }
        } else {
            for (int i = 0; i < series.size(); i++) {
                int bullish = 0;
                int bearish = 0;
                for (VoteBits v : votes) {
                    if (v.bullishAt(i)) bullish++;
                    else if (v.bearishAt(i)) bearish++;
                }
                int direction = consensus.decide(bullish, bearish, votes.length).direction();
                if (direction > 0) buy[i >>> 6] |= 1L << i;
                else if (direction < 0) sell[i >>> 6] |= 1L << i;
            }
        }
        return new long[][] {buy, sell};
    }

    /**
     * The reference: the bot's {@link BotRunner} fed every bar, warming up on {@code [0, from)} and
     * trading on {@code [from, to)}.
     */
    public static BacktestResult reference(Bot bot, CandleSeries series, Contract contract, RunSettings run, int from, int to) {
        return reference(bot, series, contract, run, from, to, TradeListener.NONE);
    }

    /** {@link #reference} telling {@code listener} everything the trader does. */
    public static BacktestResult reference(Bot bot, CandleSeries series, Contract contract, RunSettings run, int from, int to,
                                           TradeListener listener) {
        BotRunner runner = new BotRunner(bot, contract, run, listener);
        for (int i = 0; i < to; i++) {
            if (i < from) {
                runner.warmUp(series.time(i), series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i));
            } else {
                runner.onBar(series.time(i), series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i));
            }
        }
        runner.finish();
        return result(bot, runner.trader(), series.timeframe());
    }

    private static BacktestResult result(Bot bot, Trader trader, Timeframe timeframe) {
        return new BacktestResult(bot, trader.trades(),
                Metrics.of(trader.trades(), trader.equityRecorder(), timeframe, trader.bars(), trader.barsInPosition()));
    }

    public IndicatorCache cache() {
        return cache;
    }

    public CandleSeries series() {
        return series;
    }
}
