package io.gpubot.evolve;

import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.evolve.stats.Statistics;

import java.util.ArrayList;
import java.util.List;

/**
 * The test of whether evolution finds anything: the GA and a random search with the same budget (in
 * each generation, as many fresh random bots as the GA backtested fresh genomes, on the same windows,
 * through the same fitness and the same hall of fame, ranked and tested on the held-out bars the same
 * way). If the GA's held-out results are no better than the random search's, its selection is noise.
 */
public final class NullStudy {

    /**
     * One search's result.
     *
     * @param ranked         its hall of fame, best first, with the training scores
     * @param backtests      genomes backtested (each over all its windows)
     * @param bestHeldOut    held-out Sharpe of its rank 1
     * @param top10HeldOut   median held-out Sharpe of its ranks 1 to 10
     * @param rankCorrelation Spearman correlation of the training score and the held-out Sharpe over the hall of fame
     * @param heldOutSelfCorrelation Spearman correlation, over the hall of fame, of the held-out Sharpe in the
     *                       first half of the held-out bars with that in the second half: how far the held-out
     *                       order of these bots is itself repeatable (NaN when too few bars are held out). A
     *                       training score can hardly predict an order that does not predict itself.
     */
    public record Side(Engine.Ranked ranked, long backtests, double bestHeldOut, double top10HeldOut, double rankCorrelation,
                       double heldOutSelfCorrelation) {

        static Side of(Engine engine, Engine.Ranked ranked) {
            double[] heldOut = ranked.bots().stream().mapToDouble(NullStudy::heldOutSharpe).toArray();
            double[] top10 = java.util.Arrays.copyOf(heldOut, Math.min(10, heldOut.length));
            List<List<Metrics>> halves = engine.heldOutHalves(ranked.bots());
            double self = halves.isEmpty() ? Double.NaN : Statistics.spearman(halves.get(0).stream().mapToDouble(Metrics::sharpe).toArray(),
                    halves.get(1).stream().mapToDouble(Metrics::sharpe).toArray());
            return new Side(ranked, engine.evaluations(), heldOut.length == 0 ? Double.NaN : heldOut[0], Statistics.median(top10),
                    Statistics.spearman(ranked.scores(), heldOut), self);
        }
    }

    /** The GA and the random search on one seed. */
    public record Result(long seed, Side ga, Side random) {
    }

    private NullStudy() {
    }

    /** The GA then the budget-matched random search, on bars {@code [firstBar, series.size())}. */
    public static Result run(CandleSeries series, int firstBar, Contract contract, RunSettings run, EvolveOptions options, int threads) {
        Engine ga = new Engine(series, firstBar, contract, run, options, threads);
        EvolutionState state = ga.start();
        List<Integer> budget = new ArrayList<>();
        while (!ga.isDone(state)) {
            long before = ga.evaluations();
            state = ga.step(state);
            budget.add((int) (ga.evaluations() - before));
        }
        Side gaSide = Side.of(ga, ga.finishRanked(state, "ga"));
        return new Result(options.seed(), gaSide, randomSearch(series, firstBar, contract, run, options, threads, budget));
    }

    /** A random search that backtests {@code budget.get(g)} fresh random bots in generation {@code g}. */
    public static Side randomSearch(CandleSeries series, int firstBar, Contract contract, RunSettings run, EvolveOptions options, int threads,
                                    List<Integer> budget) {
        Engine engine = new Engine(series, firstBar, contract, run, options, threads);
        EvolutionState state = new EvolutionState(0, List.of(), List.of(), List.of());
        for (int count : budget) state = engine.stepRandom(state, count);
        return Side.of(engine, engine.finishRanked(state, "random"));
    }

    static double heldOutSharpe(Bot bot) {
        return bot.provenance().outOfSample() == null ? Double.NaN : bot.provenance().outOfSample().sharpe();
    }
}
