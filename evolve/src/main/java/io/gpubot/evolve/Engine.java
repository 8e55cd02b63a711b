package io.gpubot.evolve;

import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backend;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.BatchEvaluator;
import io.gpubot.core.backtest.Cycle;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.Provenance;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.RunSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The genetic algorithm: evaluates a generation in one batch, keeps the hall of fame, and breeds the
 * next generation by elitism, tournament selection, crossover and mutation (Jenetics' selectors with
 * this module's alterers, see {@link Breeding}).
 *
 * <p>Every random choice of generation {@code g} comes from a random seeded by the run's seed and
 * {@code g} alone, and evaluation is a deterministic batch, so the result does not depend on the thread
 * count, and a run resumed from a checkpoint continues exactly as if it had never stopped.
 */
public final class Engine {

    /** Highest correlation of window returns two hall-of-fame bots may have. */
    static final double MAX_CORRELATION = 0.9;

    private final CandleSeries series;
    private final Contract contract;
    private final EvolveOptions options;
    private final int threads;
    private final Backtester backtester;
    private final GenomeBounds bounds;
    private final Operators operators;
    private final TrainingPlan plan;
    private final BatchEvaluator batch;
    private final PopulationEvaluator evaluator;
    private final Breeding breeding;
    /** Window returns of hall-of-fame bots, kept between generations; a pure function of the bot, so resuming recomputes the same. */
    private final Map<String, double[]> knownReturns = new HashMap<>();

    public Engine(CandleSeries series, Contract contract, RunSettings run, EvolveOptions options, int threads) {
        this(series, 0, contract, run, options, threads);
    }

    /**
     * An engine on bars {@code [firstBar, series.size())}; the bars before {@code firstBar} only warm
     * indicators up, as in {@code gpubot backtest --from}.
     */
    public Engine(CandleSeries series, int firstBar, Contract contract, RunSettings run, EvolveOptions options, int threads) {
        this(series, firstBar, contract, run, options, threads, Backend.CPU);
    }

    /** {@link #Engine(CandleSeries, int, Contract, RunSettings, EvolveOptions, int)} evaluating on {@code backend}. */
    public Engine(CandleSeries series, int firstBar, Contract contract, RunSettings run, EvolveOptions options, int threads, Backend backend) {
        this(series, TrainingPlan.of(firstBar, series.size(), options), contract, run, options, threads, backend);
    }

    /** An engine trained on {@code plan}'s training bars and tested on its held-out ones (a walk-forward fold). */
    public Engine(CandleSeries series, TrainingPlan plan, Contract contract, RunSettings run, EvolveOptions options, int threads) {
        this(series, plan, contract, run, options, threads, Backend.CPU);
    }

    /**
     * An engine whose every backtest runs on {@code backend} (the CPU's batch engine, an OpenCL device),
     * with its host work on {@code threads} threads. Backends give identical results, so the run does too.
     */
    public Engine(CandleSeries series, TrainingPlan plan, Contract contract, RunSettings run, EvolveOptions options, int threads, Backend backend) {
        this.series = series;
        this.contract = contract;
        this.options = options;
        this.threads = Math.max(1, threads);
        this.bounds = new GenomeBounds(contract, options.minIndicators(), options.maxIndicators(), options.minLeverage(), options.maxLeverage());
        this.operators = new Operators(bounds, options.crossoverRate(), options.mutationRate());
        this.plan = plan;
        // Fitness and the hall of fame read metrics only; a population's trade lists would not fit in memory.
        this.backtester = new Backtester(series, contract, run).metricsOnly();
        // One pool for the engine's life: its threads are daemons and leave when idle.
        this.batch = backend.evaluator(backtester, new java.util.concurrent.ForkJoinPool(this.threads));
        this.evaluator = new PopulationEvaluator(batch, options.fitness());
        this.breeding = new Breeding(bounds, operators, options);
    }

    /** Generation 0: random bots drawn from the seed. */
    public EvolutionState start() {
        SplittableRandom random = new SplittableRandom(options.seed());
        List<Bot> population = new ArrayList<>(options.population());
        for (int i = 0; i < options.population(); i++) population.add(bounds.random(random));
        return new EvolutionState(0, population, List.of(), List.of());
    }

    public boolean isDone(EvolutionState state) {
        return state.nextGeneration() >= options.generations();
    }

    /** Evaluates the state's generation, records it, and breeds the next one. */
    public EvolutionState step(EvolutionState state) {
        int generation = state.nextGeneration();
        List<Bot> population = state.population();
        List<Cycle> cycles = cycles(generation);
        double[] fitness = evaluator.evaluate(population, cycles, breedingCycles(cycles));

        Integer[] order = IntStream.range(0, population.size()).boxed().toArray(Integer[]::new);
        // Ties go to the earlier bot, so the order is fully determined by the population.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -fitness[i]).thenComparingInt(i -> i));

        List<GenerationSummary> history = new ArrayList<>(state.history());
        history.add(summarize(generation, population, fitness, order, cycles));
        List<Fame> hallOfFame = updateHallOfFame(state.hallOfFame(), population, fitness, generation);

        // With --pareto, parents are chosen on the return/drawdown front; the fitness still ranks the hall of fame.
        double[] selection = options.pareto() ? ParetoRanking.scores(evaluator.objectives(population))
                : breedingCycles(cycles) < cycles.size() ? evaluator.breedingScores(population) : fitness;
        List<Bot> next = breeding.next(population, selection, generation, options.seed() * 0xD1B54A32D192ED03L + generation + 1);
        return new EvolutionState(generation + 1, next, hallOfFame, history);
    }

    /** How many of the generation's leading windows breeding selects on ({@link EvolveOptions#breedingWindows}). */
    int breedingCycles(List<Cycle> cycles) {
        return options.breedingWindows(cycles.size());
    }

    /** The windows generation {@code generation} is scored on. */
    List<Cycle> cycles(int generation) {
        return options.fitness().everyWindow() ? plan.consecutiveWindows() : plan.cycles(generation);
    }

    /**
     * The null hypothesis's step: instead of breeding, {@code count} fresh random bots drawn from
     * (seed, generation) are scored on the generation's windows with the same fitness and offered to
     * the hall of fame by the same rule. With {@code count} equal to the genomes a GA generation
     * backtested, a run of these steps is a random search on the GA's budget.
     */
    public EvolutionState stepRandom(EvolutionState state, int count) {
        int generation = state.nextGeneration();
        List<GenerationSummary> history = new ArrayList<>(state.history());
        List<Fame> hallOfFame = state.hallOfFame();
        if (count > 0) {
            SplittableRandom random = new SplittableRandom(options.seed() * 0x94D049BB133111EBL + generation * 0x2545F4914F6CDD1DL + 7);
            List<Bot> population = new ArrayList<>(count);
            for (int i = 0; i < count; i++) population.add(bounds.random(random));
            List<Cycle> cycles = cycles(generation);
            double[] fitness = evaluator.evaluate(population, cycles);
            Integer[] order = IntStream.range(0, population.size()).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -fitness[i]).thenComparingInt(i -> i));
            history.add(summarize(generation, population, fitness, order, cycles));
            hallOfFame = updateHallOfFame(hallOfFame, population, fitness, generation);
        }
        return new EvolutionState(generation + 1, List.of(), hallOfFame, history);
    }

    /**
     * The saved hall of fame: bots best first as {@link #finish} names them, with the score that ranked
     * them (the fitness over every consecutive training window) and each one's return in each window
     * ({@code windowReturns[bot][window]}, percent).
     */
    public record Ranked(List<Bot> bots, double[] scores, double[][] windowReturns) {
    }

    /** The hall of fame ranked, named and tested as {@link #finish} does, with the scores and window returns. */
    public Ranked finishRanked(EvolutionState state, String runId) {
        List<Fame> fame = rankOnTraining(state.hallOfFame());
        List<Bot> saved = finish(fame, runId);
        double[] scores = fame.stream().mapToDouble(Fame::fitness).toArray();
        List<Cycle> windows = plan.consecutiveWindows();
        List<List<BacktestResult>> perWindow = batch.evaluate(fame.stream().map(Fame::bot).collect(Collectors.toList()), windows);
        double[][] returns = new double[fame.size()][];
        for (int i = 0; i < returns.length; i++) returns[i] = perWindow.get(i).stream().mapToDouble(r -> r.metrics().returnPct()).toArray();
        return new Ranked(saved, scores, returns);
    }

    /**
     * The hall of fame ranked anew on every consecutive window of the training period (fitness found on
     * one generation's few cycles is partly luck), then backtested over the whole training period and
     * over the held-out bars. Each bot is named {@code <run>-<rank>} and carries both results in its
     * provenance. Best first.
     */
    public List<Bot> finish(EvolutionState state, String runId) {
        return finish(rankOnTraining(state.hallOfFame()), runId);
    }

    private List<Bot> finish(List<Fame> fame, String runId) {
        List<Bot> bots = fame.stream().map(Fame::bot).collect(Collectors.toList());
        List<BacktestResult> training = window(bots, plan.trainFrom(), plan.trainTo());
        List<BacktestResult> outOfSample = plan.trainTo() < series.size() ? window(bots, plan.trainTo(), series.size()) : null;
        long dataFrom = series.time(plan.trainFrom());
        long dataTo = series.time(plan.trainTo() - 1) + series.timeframe().millis();
        List<Bot> saved = new ArrayList<>(bots.size());
        for (int rank = 0; rank < bots.size(); rank++) {
            Provenance provenance = new Provenance(runId, fame.get(rank).generation(), contract.symbol(), series.timeframe().label(), dataFrom,
                    dataTo, training.get(rank).metrics(), outOfSample == null ? null : outOfSample.get(rank).metrics());
            saved.add(bots.get(rank).named(String.format(java.util.Locale.ROOT, "%s-%03d", runId, rank + 1)).withProvenance(provenance));
        }
        return saved;
    }

    /** The entries with their fitness over all consecutive cycle-long windows of the training period, best first. */
    List<Fame> rankOnTraining(List<Fame> hallOfFame) {
        List<Cycle> windows = plan.consecutiveWindows();
        List<Bot> bots = hallOfFame.stream().map(Fame::bot).collect(Collectors.toList());
        List<List<BacktestResult>> results = batch.evaluate(bots, windows);
        List<Fame> ranked = new ArrayList<>(bots.size());
        for (int i = 0; i < bots.size(); i++) {
            double score = options.fitness().score(results.get(i).stream().map(BacktestResult::metrics).toList());
            ranked.add(new Fame(bots.get(i), Double.isFinite(score) ? score : PopulationEvaluator.WORST, hallOfFame.get(i).generation()));
        }
        ranked.sort(Comparator.comparingDouble((Fame f) -> -f.fitness()).thenComparing(f -> f.bot().canonical()));
        return ranked;
    }

    /** Each bot's return in percent in every consecutive training window: {@code result[bot][window]}. */
    public double[][] windowReturns(List<Bot> bots) {
        List<List<BacktestResult>> results = batch.evaluate(bots, plan.consecutiveWindows());
        double[][] returns = new double[bots.size()][];
        for (int i = 0; i < returns.length; i++) returns[i] = results.get(i).stream().mapToDouble(r -> r.metrics().returnPct()).toArray();
        return returns;
    }

    /** Each bot's score as the final ranking computes it: the fitness over every consecutive training window. */
    public double[] scoresOnTraining(List<Bot> bots) {
        List<List<BacktestResult>> results = batch.evaluate(bots, plan.consecutiveWindows());
        double[] scores = new double[bots.size()];
        for (int i = 0; i < scores.length; i++) {
            double score = options.fitness().score(results.get(i).stream().map(BacktestResult::metrics).toList());
            scores[i] = Double.isFinite(score) ? score : PopulationEvaluator.WORST;
        }
        return scores;
    }

    /** Each bot over bars {@code [from, to)}, on the engine's backend. */
    private List<BacktestResult> window(List<Bot> bots, int from, int to) {
        return batch.evaluate(bots, List.of(new Cycle(from, to))).stream().map(r -> r.get(0)).collect(Collectors.toList());
    }

    /** Each bot's metrics over the held-out bars; empty when nothing is held out. */
    public List<io.gpubot.core.backtest.Metrics> heldOut(List<Bot> bots) {
        if (plan.trainTo() >= series.size()) return List.of();
        return window(bots, plan.trainTo(), series.size()).stream().map(BacktestResult::metrics).collect(Collectors.toList());
    }

    /**
     * Each bot's metrics over the first and over the second half of the held-out bars (two lists); empty
     * when fewer than 4 bars are held out.
     */
    public List<List<io.gpubot.core.backtest.Metrics>> heldOutHalves(List<Bot> bots) {
        if (series.size() - plan.trainTo() < 4) return List.of();
        int middle = plan.trainTo() + (series.size() - plan.trainTo()) / 2;
        return List.of(backtester.run(bots, plan.trainTo(), middle, threads).stream().map(BacktestResult::metrics).collect(Collectors.toList()),
                backtester.run(bots, middle, series.size(), threads).stream().map(BacktestResult::metrics).collect(Collectors.toList()));
    }

    public CandleSeries series() {
        return series;
    }

    public TrainingPlan plan() {
        return plan;
    }

    public GenomeBounds bounds() {
        return bounds;
    }

    public EvolveOptions options() {
        return options;
    }

    /** Backtests run so far by this engine (cached genomes not counted). */
    public long evaluations() {
        return evaluator.evaluations();
    }

    private List<Fame> updateHallOfFame(List<Fame> previous, List<Bot> population, double[] fitness, int generation) {
        Map<String, Fame> byGenes = new HashMap<>();
        for (Fame f : previous) byGenes.put(f.bot().canonical(), f);
        for (int i = 0; i < population.size(); i++) {
            String key = population.get(i).canonical();
            Fame known = byGenes.get(key);
            if (known == null || fitness[i] > known.fitness()) byGenes.put(key, new Fame(population.get(i), fitness[i], generation));
        }
        List<Fame> ranked = byGenes.values().stream()
                .sorted(Comparator.comparingDouble((Fame f) -> -f.fitness()).thenComparing(f -> f.bot().canonical()))
                .collect(Collectors.toList());
        if (!options.fitness().everyWindow()) return ranked.stream().limit(options.hallOfFame()).collect(Collectors.toList());
        return distinctBehaviour(ranked);
    }

    /**
     * The best entries, skipping any whose returns over the training windows correlate above
     * {@value #MAX_CORRELATION} with a better entry's: bots with different genes but the same trades
     * would otherwise fill the hall of fame with one strategy.
     */
    private List<Fame> distinctBehaviour(List<Fame> ranked) {
        List<Fame> admitted = new ArrayList<>();
        List<double[]> admittedReturns = new ArrayList<>();
        int batch = 3 * options.hallOfFame();
        for (int from = 0; from < ranked.size() && admitted.size() < options.hallOfFame(); from += batch) {
            List<Fame> candidates = ranked.subList(from, Math.min(ranked.size(), from + batch));
            Map<String, double[]> returns = knownWindowReturns(candidates.stream().map(Fame::bot).collect(Collectors.toList()));
            for (Fame f : candidates) {
                if (admitted.size() >= options.hallOfFame()) break;
                double[] r = returns.get(f.bot().canonical());
                boolean distinct = true;
                for (double[] other : admittedReturns) {
                    double c = io.gpubot.evolve.stats.Statistics.pearson(r, other);
                    // Two idle bots (no variance) behave alike too.
                    if (Double.isNaN(c) ? io.gpubot.evolve.stats.Statistics.standardDeviation(r) == 0
                            && io.gpubot.evolve.stats.Statistics.standardDeviation(other) == 0 : c > MAX_CORRELATION) {
                        distinct = false;
                        break;
                    }
                }
                if (distinct) {
                    admitted.add(f);
                    admittedReturns.add(r);
                }
            }
        }
        Set<String> keep = admitted.stream().map(f -> f.bot().canonical()).collect(Collectors.toSet());
        knownReturns.keySet().retainAll(keep);
        return admitted;
    }

    private Map<String, double[]> knownWindowReturns(List<Bot> bots) {
        List<Bot> missing = bots.stream().filter(b -> !knownReturns.containsKey(b.canonical())).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            List<List<BacktestResult>> results = batch.evaluate(missing, plan.consecutiveWindows());
            for (int i = 0; i < missing.size(); i++) {
                knownReturns.put(missing.get(i).canonical(), results.get(i).stream().mapToDouble(r -> r.metrics().returnPct()).toArray());
            }
        }
        Map<String, double[]> result = new HashMap<>();
        for (Bot b : bots) result.put(b.canonical(), knownReturns.get(b.canonical()));
        return result;
    }

    private static GenerationSummary summarize(int generation, List<Bot> population, double[] fitness, Integer[] order, List<Cycle> cycles) {
        double[] sorted = fitness.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double mean = Arrays.stream(fitness).sum() / n;
        Set<String> genomes = new HashSet<>();
        Set<IndicatorType> types = EnumSet.noneOf(IndicatorType.class);
        long indicators = 0;
        for (Bot bot : population) {
            genomes.add(bot.canonical());
            for (IndicatorSpec spec : bot.indicators()) types.add(spec.type());
            indicators += bot.indicators().size();
        }
        String cycleText = cycles.size() > 12 ? cycles.size() + " windows " + cycles.get(0).from() + "-" + cycles.get(cycles.size() - 1).to()
                : cycles.stream().map(c -> c.from() + "-" + c.to()).collect(Collectors.joining(" "));
        return new GenerationSummary(generation, sorted[n - 1], median, mean, (double) genomes.size() / n, types.size(),
                (double) indicators / n, cycleText, population.get(order[0]).canonical());
    }
}
