package io.gpubot.evolve;

import io.gpubot.core.UserException;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.TradeListener;
import io.gpubot.evolve.stats.Statistics;

import java.util.ArrayList;
import java.util.List;

/**
 * Walk-forward evaluation: the bars before the final held-out segment are cut into K + 1 equal parts;
 * fold k evolves on part k (rolling) or on parts 0..k (anchored) and tests its rank-1 bot on part
 * k + 1. Each fold's engine sees a series cut at the end of its test part, and selects only on its
 * training bars, so no bar of a test part is ever seen by its training. The test parts' equity curves
 * are chained into one out-of-sample curve.
 */
public final class WalkForward {

    /** One fold: training bars {@code [trainFrom, trainTo)}, test bars {@code [testFrom, testTo)}. */
    public record Fold(int trainFrom, int trainTo, int testFrom, int testTo) {
    }

    /**
     * One fold's outcome.
     *
     * @param fold     its bars
     * @param best     the rank-1 bot of its hall of fame
     * @param score    that bot's training score
     * @param test     that bot on the test bars
     */
    public record FoldResult(Fold fold, Bot best, double score, Metrics test) {
    }

    /**
     * The folds and the chained out-of-sample equity ({@code equity[i]} after the close at {@code time[i]},
     * starting from 1).
     */
    public record Result(List<FoldResult> folds, long[] time, double[] equity, double returnPct, double sharpe, double maxDrawdownPct,
                         long backtests) {
    }

    private WalkForward() {
    }

    /** {@code k} folds over bars {@code [from, to)}: K + 1 equal parts, the last partial bars going to the last part. */
    public static List<Fold> folds(int from, int to, int k, boolean anchored) {
        if (k < 1) throw new UserException("--walk-forward needs at least 1 fold");
        int part = (to - from) / (k + 1);
        if (part < 2) throw new UserException((to - from) + " training bars cannot be cut into " + (k + 1) + " parts; use fewer folds");
        List<Fold> folds = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int trainTo = from + (i + 1) * part;
            int testTo = i == k - 1 ? to : trainTo + part;
            folds.add(new Fold(anchored ? from : trainTo - part, trainTo, trainTo, testTo));
        }
        return folds;
    }

    /** Evolves every fold with {@code options} and tests its rank 1 on the bars that follow. */
    public static Result run(CandleSeries series, Contract contract, RunSettings run, EvolveOptions options, List<Fold> folds, int threads) {
        return run(series, contract, run, options, folds, threads, io.gpubot.core.backtest.Backend.CPU);
    }

    /** {@link #run(CandleSeries, Contract, RunSettings, EvolveOptions, List, int)} with every fold's evolution on {@code backend}. */
    public static Result run(CandleSeries series, Contract contract, RunSettings run, EvolveOptions options, List<Fold> folds, int threads,
                             io.gpubot.core.backtest.Backend backend) {
        List<FoldResult> results = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Double> equity = new ArrayList<>();
        double scale = 1;
        long backtests = 0;
        for (int k = 0; k < folds.size(); k++) {
            Fold fold = folds.get(k);
            // The fold's engine never holds a bar after its test part, and selects on its training part only.
            CandleSeries seen = series.slice(0, fold.testTo());
            TrainingPlan plan = new TrainingPlan(fold.trainFrom(), fold.trainTo(), fold.testTo(), options.cycles(), options.cycleBars(),
                    options.randomCycles(), options.seed() + k);
            Engine engine = new Engine(seen, plan, contract, run, options, threads, backend);
            EvolutionState state = engine.start();
            while (!engine.isDone(state)) state = engine.step(state);
            Engine.Ranked ranked = engine.finishRanked(state, "fold-" + (k + 1));
            backtests += engine.evaluations();
            Bot best = ranked.bots().get(0);
            results.add(new FoldResult(fold, best, ranked.scores()[0], best.provenance().outOfSample()));
            double start = scale;
            double balance = options.balance();
            double[] last = {1};
            new Backtester(seen, contract, run).run(best, fold.testFrom(), fold.testTo(), new TradeListener() {
                @Override
                public void onBarClosed(long time, double close, double eq) {
                    times.add(time);
                    equity.add(start * eq / balance);
                    last[0] = eq / balance;
                }
            });
            scale = start * last[0];
        }
        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        double[] e = equity.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(results, t, e, 100 * (scale - 1), dailySharpe(t, e, series.timeframe().millis()), maxDrawdown(e), backtests);
    }

    private static double dailySharpe(long[] time, double[] equity, long timeframe) {
        long day = 86_400_000L;
        List<Double> returns = new ArrayList<>();
        double previous = 1;
        for (int i = 0; i < equity.length; i++) {
            boolean lastOfDay = i == equity.length - 1 || Math.floorDiv(time[i + 1], day) != Math.floorDiv(time[i], day);
            if (lastOfDay) {
                returns.add(equity[i] / previous - 1);
                previous = equity[i];
            }
        }
        double[] r = returns.stream().mapToDouble(Double::doubleValue).toArray();
        double sd = Statistics.standardDeviation(r);
        return sd > 0 ? Statistics.mean(r) / sd * Math.sqrt(365.0 * day / Math.max(day, timeframe)) : 0;
    }

    private static double maxDrawdown(double[] equity) {
        double peak = 1;
        double worst = 0;
        for (double e : equity) {
            peak = Math.max(peak, e);
            worst = Math.max(worst, peak > 0 ? 1 - e / peak : 0);
        }
        return 100 * worst;
    }
}
