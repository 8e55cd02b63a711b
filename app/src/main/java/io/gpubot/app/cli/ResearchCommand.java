package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.evolve.BuyAndHold;
import io.gpubot.evolve.EvolveOptions;
import io.gpubot.evolve.Fitness;
import io.gpubot.evolve.NullStudy;
import io.gpubot.evolve.TrainingPlan;
import io.gpubot.evolve.stats.Statistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code gpubot research}: studies of the method itself rather than of one run. */
@Command(name = "research", mixinStandardHelpOptions = true, subcommands = ResearchCommand.Null.class,
        description = "Studies that check whether evolution finds anything (gpubot research null --help).")
public final class ResearchCommand implements Runnable {

    @ParentCommand
    GpubotCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code gpubot research null}: the GA against a budget-matched random search, seed by seed. */
    @Command(name = "null", mixinStandardHelpOptions = true,
            description = {"Runs the evolution and a random search with the same budget (as many random bots as the GA backtested,"
                    + " through the same fitness, hall of fame and held-out test) on several seeds and compares their held-out Sharpe.",
                    "Example: gpubot research null --data bundled:btc-usd-4h --seeds 5 --population 500 --generations 20"})
    public static final class Null implements Runnable {

        private static final long DAY = 86_400_000L;

        @ParentCommand
        ResearchCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        CandleSourceOptions source;

        @Option(names = "--contract", paramLabel = "SYMBOL", description = "Whose facts apply to a file's candles (default: the data's symbol).")
        String contractSymbol;
        @Option(names = "--seeds", defaultValue = "5", paramLabel = "N", description = "Seeds to run, from --seed on (default: ${DEFAULT-VALUE}).")
        int seeds;
        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "First seed (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--population", paramLabel = "N", defaultValue = "500", description = "Bots per generation (default: ${DEFAULT-VALUE}).")
        int population;
        @Option(names = "--generations", paramLabel = "N", defaultValue = "20", description = "Generations (default: ${DEFAULT-VALUE}).")
        int generations;
        @Option(names = "--cycles", paramLabel = "N", defaultValue = "5", description = "Training windows per generation for the windowed fitnesses (default: ${DEFAULT-VALUE}).")
        int cycles;
        @Option(names = "--cycle-days", paramLabel = "DAYS", defaultValue = "30", description = "Days per training window (default: ${DEFAULT-VALUE}).")
        double cycleDays;
        @Option(names = "--fitness", paramLabel = "NAME", description = "The fitness (default: evolve's default).")
        String fitness;
        @Option(names = "--hold-out", defaultValue = "0.2", paramLabel = "SHARE", description = "Newest share held out (default: ${DEFAULT-VALUE}).")
        double holdOut;
        @Option(names = "--max-indicators", paramLabel = "N", defaultValue = "" + io.gpubot.evolve.EvolveOptions.DEFAULT_MAX_INDICATORS, description = "Most indicators per bot (default: ${DEFAULT-VALUE}).")
        int maxIndicators;
        @Option(names = "--max-leverage", paramLabel = "X", defaultValue = "20", description = "Highest leverage (default: ${DEFAULT-VALUE}).")
        int maxLeverage;
        @Option(names = "--validation", defaultValue = "0.3", paramLabel = "SHARE",
                description = "Newest share of the training windows the GA's breeding never sees (default: ${DEFAULT-VALUE}; 0: none).")
        double validation;
        @Option(names = "--threads", paramLabel = "N", description = "Backtest threads (default: all cores).")
        Integer threads;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (seeds < 1) throw new UserException("--seeds must be at least 1");
            Home home = Home.resolve(parent.root.homeOption());
            CandleSourceOptions.Window window = source.loadWindow(home, err);
            CandleSeries all = window.all();
            CandleSeries series = all.slice(0, window.to());
            Contract contract = BacktestCommand.contract(contractSymbol, source.contractSymbol(), (String) null);
            FundingRates rates = BacktestCommand.fundingRates(home, contract, all);
            RunSettings settings = RunSettings.withBalance(1000).withFunding(rates, RunSettings.DEFAULT_FUNDING_RATE);
            int cores = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
            int cycleBars = (int) Math.round(cycleDays * DAY / series.timeframe().millis());
            Fitness chosen = fitness == null ? EvolveOptions.DEFAULT_FITNESS : Fitness.named(fitness);
            EvolveOptions base = new EvolveOptions(population, generations, cycles, cycleBars, true, holdOut, EvolveOptions.DEFAULT_WARM_UP_BARS,
                    chosen, seed, 1, maxIndicators, 1, maxLeverage, 1000, Math.max(1, population / 50), EvolveOptions.DEFAULT_TOURNAMENT_SIZE,
                    0.7, 0.15, EvolveOptions.DEFAULT_HALL_OF_FAME, false, validation);
            TrainingPlan plan = TrainingPlan.of(window.from(), series.size(), base);
            BuyAndHold trainHold = BuyAndHold.of(series, contract, settings, plan.trainFrom(), plan.trainTo());
            BuyAndHold heldHold = BuyAndHold.of(series, contract, settings, plan.trainTo(), series.size());
            out.printf(Locale.ROOT, "Null study on %s %s: %d seeds from %d, population %d x %d generations, fitness %s, validation %.2f, hall of fame %d, %d threads%n",
                    contract.symbol(), series.timeframe().label(), seeds, seed, population, generations, chosen.label(), validation,
                    EvolveOptions.DEFAULT_HALL_OF_FAME, cores);
            out.printf(Locale.ROOT, "Training %s .. %s (%s bars), held out %s .. %s (%s bars)%n", Formats.time(series.time(plan.trainFrom())),
                    Formats.time(series.time(plan.trainTo() - 1)), Formats.count(plan.trainTo() - plan.trainFrom()),
                    Formats.time(series.time(plan.trainTo())), Formats.time(series.lastTime()), Formats.count(series.size() - plan.trainTo()));
            out.printf(Locale.ROOT, "Buy and hold: training spot %+.1f%% (Sharpe %.2f), 1x perpetual %+.1f%% (Sharpe %.2f); held out spot %+.1f%% (Sharpe %.2f),"
                            + " 1x perpetual %+.1f%% (Sharpe %.2f)%n", trainHold.spotReturnPct(), trainHold.spotSharpe(), trainHold.perpReturnPct(),
                    trainHold.perpSharpe(), heldHold.spotReturnPct(), heldHold.spotSharpe(), heldHold.perpReturnPct(), heldHold.perpSharpe());
            out.printf("%-6s %9s | %8s %8s %8s %8s | %8s %8s %8s %8s | %6s%n", "seed", "backtests", "GA #1", "GA top10", "GA rho", "GA self", "RS #1",
                    "RS top10", "RS rho", "RS self", "secs");
            out.flush();
            List<NullStudy.Result> results = new ArrayList<>();
            long started = System.nanoTime();
            for (int s = 0; s < seeds; s++) {
                long t0 = System.nanoTime();
                NullStudy.Result r = NullStudy.run(series, window.from(), contract, settings, withSeed(base, seed + s), cores);
                results.add(r);
                out.printf(Locale.ROOT, "%-6d %9s | %8.2f %8.2f %8.2f %8.2f | %8.2f %8.2f %8.2f %8.2f | %6.1f%n", r.seed(),
                        Formats.count(r.ga().backtests()), r.ga().bestHeldOut(), r.ga().top10HeldOut(), r.ga().rankCorrelation(),
                        r.ga().heldOutSelfCorrelation(), r.random().bestHeldOut(), r.random().top10HeldOut(), r.random().rankCorrelation(),
                        r.random().heldOutSelfCorrelation(), (System.nanoTime() - t0) / 1e9);
                out.flush();
            }
            int bestWins = 0;
            int top10Wins = 0;
            for (NullStudy.Result r : results) {
                if (r.ga().bestHeldOut() > r.random().bestHeldOut()) bestWins++;
                if (r.ga().top10HeldOut() >= r.random().top10HeldOut()) top10Wins++;
            }
            out.printf(Locale.ROOT, "Held-out Sharpe of #1: GA mean %.2f, random search mean %.2f; GA better in %d of %d seeds%n",
                    mean(results, r -> r.ga().bestHeldOut()), mean(results, r -> r.random().bestHeldOut()), bestWins, results.size());
            out.printf(Locale.ROOT, "Top-10 median held-out Sharpe: GA mean %.2f, random search mean %.2f; GA at least as good in %d of %d seeds%n",
                    mean(results, r -> r.ga().top10HeldOut()), mean(results, r -> r.random().top10HeldOut()), top10Wins, results.size());
            out.printf(Locale.ROOT, "Rank correlation of the training score and held-out Sharpe over the hall of fame: GA mean %.2f, random search mean %.2f%n",
                    mean(results, r -> r.ga().rankCorrelation()), mean(results, r -> r.random().rankCorrelation()));
            double repeat = mean(results, r -> r.ga().heldOutSelfCorrelation());
            out.printf(Locale.ROOT, "Repeatability of the held-out order over the hall of fame (rank correlation of the held-out Sharpe in the first"
                            + " and the second half of the held-out bars): GA mean %.2f, random search mean %.2f. Even a score that knew the repeatable"
                            + " part of each GA bot's held-out Sharpe would correlate with it at about %.2f at best (Spearman-Brown: sqrt(2r / (1 + r)),"
                            + " 0 when the order does not repeat)%n",
                    repeat, mean(results, r -> r.random().heldOutSelfCorrelation()), repeat > 0 ? Math.sqrt(2 * repeat / (1 + repeat)) : 0.0);
            out.printf(Locale.ROOT, "Time: %.0f s. Held-out Sharpe ratios are each the best of many tried bots; compare them with each other and with"
                    + " buy and hold, not with zero.%n", (System.nanoTime() - started) / 1e9);
            out.flush();
        }

        private static double mean(List<NullStudy.Result> results, java.util.function.ToDoubleFunction<NullStudy.Result> f) {
            return Statistics.mean(results.stream().mapToDouble(f).filter(Double::isFinite).toArray());
        }

        private static EvolveOptions withSeed(EvolveOptions o, long seed) {
            return new EvolveOptions(o.population(), o.generations(), o.cycles(), o.cycleBars(), o.randomCycles(), o.holdOut(), o.warmUpBars(),
                    o.fitness(), seed, o.minIndicators(), o.maxIndicators(), o.minLeverage(), o.maxLeverage(), o.balance(), o.elites(),
                    o.tournamentSize(), o.crossoverRate(), o.mutationRate(), o.hallOfFame(), o.pareto(), o.validation());
        }
    }
}
