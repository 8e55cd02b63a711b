package io.gpubot.evolve;

import io.gpubot.core.UserException;

/**
 * Everything that decides an evolution's result (the thread count does not). Two runs with equal
 * options on equal candles give identical generations and bots.
 *
 * @param population     bots per generation
 * @param generations    generations to evolve
 * @param cycles         training windows per generation
 * @param cycleBars      bars per training window
 * @param randomCycles   windows drawn anew each generation (seeded), or fixed and evenly spaced
 * @param holdOut        newest share of the history never used for selection
 * @param warmUpBars     oldest bars only ever used to warm indicators up
 * @param fitness        how the cycles' results become one score
 * @param seed           the seed of every random choice
 * @param minIndicators  fewest indicators per bot
 * @param maxIndicators  most indicators per bot
 * @param minLeverage    lowest leverage
 * @param maxLeverage    highest leverage
 * @param balance        starting balance of every backtest, in USDT
 * @param elites         best bots copied unchanged into the next generation
 * @param tournamentSize bots compared in each tournament selection
 * @param crossoverRate  chance a child mixes two parents
 * @param mutationRate   chance of each kind of mutation per child
 * @param hallOfFame     best distinct bots kept, re-tested out of sample and saved
 * @param pareto         select on the Pareto front of mean return versus mean drawdown over the cycles
 *                       instead of on the fitness (which still ranks the hall of fame)
 * @param validation     with a fitness scored on every training window: the newest share of those windows
 *                       that breeding (elites and tournaments) never sees; the hall of fame admits and
 *                       ranks bots on all the windows, so its score includes bars that did not shape the
 *                       population (a nested hold-out inside the training period). 0 breeds on all windows
 */
public record EvolveOptions(int population, int generations, int cycles, int cycleBars, boolean randomCycles, double holdOut,
                            int warmUpBars, Fitness fitness, long seed, int minIndicators, int maxIndicators, int minLeverage,
                            int maxLeverage, double balance, int elites, int tournamentSize, double crossoverRate,
                            double mutationRate, int hallOfFame, boolean pareto, double validation) {

    public static final double DEFAULT_HOLD_OUT = 0.2;
    public static final int DEFAULT_WARM_UP_BARS = 200;
    public static final int DEFAULT_TOURNAMENT_SIZE = 3;
    /**
     * Most indicators per bot when none is named (evolve, research and the menu). Kept at 5: a cap of 3 was
     * not confirmed on fresh seeds (docs/EVOLUTION.md).
     */
    public static final int DEFAULT_MAX_INDICATORS = 5;
    public static final int DEFAULT_HALL_OF_FAME = 100;
    /** The share of the training windows breeding never sees, when none is named. */
    public static final double DEFAULT_VALIDATION = 0.3;
    /** The fitness of {@code gpubot evolve} when none is named. */
    public static final Fitness DEFAULT_FITNESS = Fitness.EDGE_RECENT;

    public EvolveOptions {
        if (fitness == null) fitness = Fitness.ROBUST;
        if (population < 2) throw new UserException("--population must be at least 2");
        if (generations < 1) throw new UserException("--generations must be at least 1");
        if (cycles < 1) throw new UserException("--cycles must be at least 1");
        if (cycleBars < 2) throw new UserException("a cycle needs at least 2 bars; raise --cycle-days");
        if (!(holdOut >= 0 && holdOut < 1)) throw new UserException("--hold-out must be a share in [0, 1), e.g. 0.2");
        if (warmUpBars < 0) throw new UserException("--warm-up must not be negative");
        if (!(balance > 0)) throw new UserException("--balance must be above 0");
        if (elites < 0 || elites >= population) throw new UserException("--elites must be between 0 and the population - 1");
        if (tournamentSize < 1) throw new UserException("--tournament must be at least 1");
        if (hallOfFame < 1) throw new UserException("--hall-of-fame must be at least 1");
        if (!(validation >= 0 && validation < 1)) throw new UserException("--validation must be a share in [0, 1), e.g. 0.3");
    }

    /**
     * How many of {@code windows} training windows (oldest first) breeding selects on: all but the newest
     * {@link #validation} share when the fitness scores every training window, all of them otherwise.
     */
    public int breedingWindows(int windows) {
        if (!fitness.everyWindow() || validation <= 0) return windows;
        return Math.min(windows, Math.max(2, (int) Math.round(windows * (1 - validation))));
    }

    /** Defaults for everything but the sizes, bounds and seed. */
    public static EvolveOptions of(int population, int generations, int cycles, int cycleBars, int minIndicators, int maxIndicators,
                                   int minLeverage, int maxLeverage, double balance, long seed) {
        return new EvolveOptions(population, generations, cycles, cycleBars, true, DEFAULT_HOLD_OUT, DEFAULT_WARM_UP_BARS, DEFAULT_FITNESS,
                seed, minIndicators, maxIndicators, minLeverage, maxLeverage, balance, Math.max(1, population / 50), DEFAULT_TOURNAMENT_SIZE,
                Operators.DEFAULT_CROSSOVER_RATE, Operators.DEFAULT_MUTATION_RATE, DEFAULT_HALL_OF_FAME, false, DEFAULT_VALIDATION);
    }

    public EvolveOptions withFitness(Fitness f) {
        return new EvolveOptions(population, generations, cycles, cycleBars, randomCycles, holdOut, warmUpBars, f, seed, minIndicators,
                maxIndicators, minLeverage, maxLeverage, balance, elites, tournamentSize, crossoverRate, mutationRate, hallOfFame, pareto, validation);
    }

    public EvolveOptions withGenerations(int g) {
        return new EvolveOptions(population, g, cycles, cycleBars, randomCycles, holdOut, warmUpBars, fitness, seed, minIndicators,
                maxIndicators, minLeverage, maxLeverage, balance, elites, tournamentSize, crossoverRate, mutationRate, hallOfFame, pareto, validation);
    }

    public EvolveOptions withRandomCycles(boolean random) {
        return new EvolveOptions(population, generations, cycles, cycleBars, random, holdOut, warmUpBars, fitness, seed, minIndicators,
                maxIndicators, minLeverage, maxLeverage, balance, elites, tournamentSize, crossoverRate, mutationRate, hallOfFame, pareto, validation);
    }

    public EvolveOptions withHallOfFame(int size) {
        return new EvolveOptions(population, generations, cycles, cycleBars, randomCycles, holdOut, warmUpBars, fitness, seed, minIndicators,
                maxIndicators, minLeverage, maxLeverage, balance, elites, tournamentSize, crossoverRate, mutationRate, size, pareto, validation);
    }

    public EvolveOptions withPareto(boolean on) {
        return new EvolveOptions(population, generations, cycles, cycleBars, randomCycles, holdOut, warmUpBars, fitness, seed, minIndicators,
                maxIndicators, minLeverage, maxLeverage, balance, elites, tournamentSize, crossoverRate, mutationRate, hallOfFame, on, validation);
    }

    public EvolveOptions withValidation(double share) {
        return new EvolveOptions(population, generations, cycles, cycleBars, randomCycles, holdOut, warmUpBars, fitness, seed, minIndicators,
                maxIndicators, minLeverage, maxLeverage, balance, elites, tournamentSize, crossoverRate, mutationRate, hallOfFame, pareto, share);
    }
}
