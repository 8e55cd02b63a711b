package io.gpubot.evolve;

import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.BatchEvaluator;
import io.gpubot.core.backtest.Cycle;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a whole population in one batch backtest over the generation's cycles. Bots with equal
 * {@link Bot#canonical() genes} are backtested once; scores stay cached while the cycles stay the same.
 */
public final class PopulationEvaluator {

    /** Score given to a bot whose fitness is not a finite number, so it never wins. */
    static final double WORST = -1e9;

    private final BatchEvaluator batch;
    private final Fitness fitness;
    /** Least number of genomes whose results are kept between generations. */
    static final int MIN_CACHED = 200_000;

    /**
     * Results by genes, least recently used first. With cycles that never change (the edge fitness) the
     * cache would grow with every genome tried (about 1 KB each): it keeps the most recent ones, never fewer
     * than three populations, and evicts in an order fixed by the run, so results stay reproducible.
     */
    private final LinkedHashMap<String, Scored> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Scored> eldest) {
            return size() > capacity;
        }
    };
    private int capacity = MIN_CACHED;
    private List<Cycle> cachedCycles = List.of();
    private int cachedBreedingCycles = -1;

    private record Scored(double score, double breedingScore, double[] objectives) {
    }
    private long evaluations;

    public PopulationEvaluator(Backtester backtester, Fitness fitness, int threads) {
        this((bots, cycles) -> backtester.runCycles(bots, cycles, Math.max(1, threads)), fitness);
    }

    /** Scores populations with any batch evaluator (the CPU's, an OpenCL device's). */
    public PopulationEvaluator(BatchEvaluator batch, Fitness fitness) {
        this.batch = batch;
        this.fitness = fitness;
    }

    /** The fitness of each bot, in the population's order. */
    public double[] evaluate(List<Bot> population, List<Cycle> cycles) {
        return evaluate(population, cycles, cycles.size());
    }

    /**
     * The fitness of each bot over all {@code cycles}, in the population's order; the fitness over the
     * first {@code breedingCycles} of them is kept for {@link #breedingScores}.
     */
    public double[] evaluate(List<Bot> population, List<Cycle> cycles, int breedingCycles) {
        if (!cycles.equals(cachedCycles) || breedingCycles != cachedBreedingCycles) {
            cachedBreedingCycles = breedingCycles;
            cache.clear();
            cachedCycles = List.copyOf(cycles);
        }
        capacity = Math.max(MIN_CACHED, 3 * population.size());
        Map<String, Bot> fresh = new LinkedHashMap<>();
        for (Bot bot : population) {
            String key = bot.canonical();
            // get() marks a cached genome as just used, so the population's own results are never the eldest.
            if (cache.get(key) == null) fresh.putIfAbsent(key, bot);
        }
        if (!fresh.isEmpty()) {
            List<Bot> batch = new ArrayList<>(fresh.values());
            List<List<BacktestResult>> results = this.batch.evaluate(batch, cycles);
            for (int b = 0; b < batch.size(); b++) {
                List<Metrics> metrics = results.get(b).stream().map(BacktestResult::metrics).toList();
                double score = fitness.score(metrics);
                double breedingScore = breedingCycles >= metrics.size() ? score : fitness.score(metrics.subList(0, breedingCycles));
                // A bot that hardly trades has no drawdown and would sit on the front for doing nothing.
                boolean trades = metrics.stream().mapToInt(Metrics::trades).average().orElse(0) >= Fitness.MIN_TRADES_PER_CYCLE;
                double[] objectives = !trades ? new double[] {WORST, WORST} : new double[] {
                        finite(metrics.stream().mapToDouble(Metrics::returnPct).average().orElse(0)),
                        -finite(metrics.stream().mapToDouble(Metrics::maxDrawdownPct).average().orElse(0))};
                cache.put(batch.get(b).canonical(), new Scored(finite(score), finite(breedingScore), objectives));
            }
            evaluations += batch.size();
        }
        double[] scores = new double[population.size()];
        for (int i = 0; i < scores.length; i++) scores[i] = cache.get(population.get(i).canonical()).score();
        return scores;
    }

    /** Each bot's fitness over the breeding cycles of the last {@link #evaluate} call. */
    public double[] breedingScores(List<Bot> population) {
        double[] scores = new double[population.size()];
        for (int i = 0; i < scores.length; i++) scores[i] = cache.get(population.get(i).canonical()).breedingScore();
        return scores;
    }

    /**
     * {mean return %, −mean max drawdown %} over the cycles of the last {@link #evaluate} call, for each
     * bot (both to maximise); a bot averaging fewer than {@value Fitness#MIN_TRADES_PER_CYCLE} trades per
     * cycle gets the worst value for both.
     */
    public double[][] objectives(List<Bot> population) {
        double[][] result = new double[population.size()][];
        for (int i = 0; i < result.length; i++) result[i] = cache.get(population.get(i).canonical()).objectives().clone();
        return result;
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : WORST;
    }

    /** Backtests run so far (distinct genomes times their cycle sets). */
    public long evaluations() {
        return evaluations;
    }
}
