package io.gpubot.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpubot.app.Home;
import io.gpubot.app.report.EvolutionReport;
import io.gpubot.core.UserException;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.evolve.Engine;
import io.gpubot.evolve.EvolutionRun;
import io.gpubot.evolve.EvolveOptions;
import io.gpubot.evolve.Fitness;
import io.gpubot.evolve.RunFiles;
import io.gpubot.evolve.TrainingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code gpubot evolve}: evolves bots on the training part of a history and tests the best on the held-out rest. */
@Command(name = "evolve", mixinStandardHelpOptions = true,
        description = {"Evolve bots with a genetic algorithm: each generation is backtested over random training windows (cycles);"
                + " the newest part of the history is held out and the best bots (the hall of fame) are re-tested on it.",
                "Writes run.json, generations.csv, a checkpoint and bots/bot-<rank>.json under ~/.gpu_bot/runs/<symbol>/<tf>/<run-id>/."
                        + " Ctrl-C stops after the current generation; --resume RUN_DIR continues.",
                "Example: gpubot evolve --data bundled:btc-usd-4h --population 2000 --generations 20 --seed 42"})
public final class EvolveCommand implements Runnable {

    private static final long DAY = 86_400_000L;

    @ParentCommand
    GpubotCommand root;
    @Spec
    CommandSpec spec;
    @Mixin
    CandleSourceOptions source;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--days", paramLabel = "N", description = "Use only the newest N days of the data.")
    Integer days;
    @Option(names = "--contract", paramLabel = "SYMBOL", description = "Whose facts apply to a file's candles (default: the data's symbol).")
    String contractSymbol;
    @Option(names = "--no-limits", description = "Research: no risk limits (max notional, daily loss, minimum balance); "
            + "KuCoin's risk-limit tiers still apply (docs/TRADING_RULES.md §11).")
    boolean noLimits;

    @Option(names = "--population", paramLabel = "N", defaultValue = "10000", description = "Bots per generation (default: ${DEFAULT-VALUE}).")
    int population;
    @Option(names = "--generations", paramLabel = "N", defaultValue = "50", description = "Generations (default: ${DEFAULT-VALUE}).")
    int generations;
    @Option(names = "--cycles", paramLabel = "N", defaultValue = "5", description = "Training windows per generation (default: ${DEFAULT-VALUE}).")
    int cycles;
    @Option(names = "--cycle-days", paramLabel = "N", defaultValue = "30", description = "Days per training window (default: ${DEFAULT-VALUE}).")
    double cycleDays;
    @Option(names = "--fixed-cycles", description = "Use the same evenly spaced windows every generation instead of drawing them anew.")
    boolean fixedCycles;
    @Option(names = "--hold-out", defaultValue = "0.2", paramLabel = "SHARE", description = "Newest share of the history never used for selection (default: ${DEFAULT-VALUE}).")
    double holdOut;
    @Option(names = "--min-indicators", paramLabel = "N", defaultValue = "1", description = "Fewest indicators per bot (default: ${DEFAULT-VALUE}).")
    int minIndicators;
    @Option(names = "--max-indicators", paramLabel = "N", defaultValue = "" + io.gpubot.evolve.EvolveOptions.DEFAULT_MAX_INDICATORS, description = "Most indicators per bot (default: ${DEFAULT-VALUE}).")
    int maxIndicators;
    @Option(names = "--min-leverage", paramLabel = "N", defaultValue = "1", description = "Lowest leverage (default: ${DEFAULT-VALUE}).")
    int minLeverage;
    @Option(names = "--max-leverage", paramLabel = "N", defaultValue = "20", description = "Highest leverage (default: ${DEFAULT-VALUE}).")
    int maxLeverage;
    @Option(names = "--balance", defaultValue = "1000", paramLabel = "USDT", description = "Starting balance (default: ${DEFAULT-VALUE}).")
    double balance;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--fitness", defaultValue = "edge-recent", paramLabel = "NAME",
            description = "edge-recent, edge, edge-consistent, robust, sharpe, sortino, calmar, profit-factor or net-return (default: ${DEFAULT-VALUE}).")
    String fitness;
    @Option(names = "--elites", paramLabel = "N", description = "Best bots copied unchanged into the next generation (default: 2%% of the population).")
    Integer elites;
    @Option(names = "--tournament", defaultValue = "3", paramLabel = "N", description = "Bots per tournament (default: ${DEFAULT-VALUE}).")
    int tournament;
    @Option(names = "--crossover-rate", defaultValue = "0.7", paramLabel = "P", description = "Chance a child mixes two parents (default: ${DEFAULT-VALUE}).")
    double crossoverRate;
    @Option(names = "--mutation-rate", defaultValue = "0.15", paramLabel = "P", description = "Chance of each kind of mutation (default: ${DEFAULT-VALUE}).")
    double mutationRate;
    @Option(names = "--hall-of-fame", defaultValue = "100", paramLabel = "N", description = "Best bots saved (default: ${DEFAULT-VALUE}).")
    int hallOfFame;
    @Option(names = "--pareto", description = "Select on the Pareto front of return versus drawdown (jenetics.ext) instead of the fitness; the fitness still ranks the saved bots.")
    boolean pareto;
    @Option(names = "--validation", defaultValue = "0.3", paramLabel = "SHARE",
            description = "With edge fitnesses: newest share of the training windows that breeding never sees; the saved bots are admitted and ranked"
                    + " on all of them (default: ${DEFAULT-VALUE}; 0 breeds on every window).")
    double validation;
    @Option(names = "--threads", paramLabel = "N", description = "Backtest threads (default: all cores); results do not depend on it.")
    Integer threads;
    @Option(names = "--out", paramLabel = "DIR", description = "The run folder (default: ~/.gpu_bot/runs/<symbol>/<tf>/<run-id>).")
    Path out;
    @Option(names = "--stop-after", paramLabel = "N", description = "Stop cleanly after N generations of this session (continue later with --resume).")
    Integer stopAfter;
    @Option(names = "--minutes", paramLabel = "M",
            description = "Time budget: after the generation that passes M minutes the run ends there and saves its best bots, as if it were the last.")
    Double minutes;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in this folder with its own options and data; with --generations N a finished run is extended to N generations.")
    Path resume;
    @Option(names = "--null-bots", defaultValue = "2000", paramLabel = "N",
            description = "Random bots scored like the hall of fame, as the null the result is compared with; 0 for none (default: ${DEFAULT-VALUE}).")
    int nullBots;
    @Option(names = "--walk-forward", paramLabel = "K",
            description = "Also evolve K walk-forward folds on the training period (each tested on the part after it) and report the chained out-of-sample result.")
    Integer walkForward;
    @Option(names = "--anchored", description = "Walk-forward folds all train from the first training bar (default: rolling, one part each).")
    boolean anchored;

    @Option(names = "--json", description = "End with one JSON summary on standard output; progress goes to standard error (docs/JSON_OUTPUT.md).")
    boolean json;

    @Override
    public void run() {
        if (nullBots < 0) throw new UserException("--null-bots must be 0 or more");
        // With --json, standard output carries the JSON summary alone.
        PrintWriter stdout = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Home home = Home.resolve(root.homeOption());
        RunFiles files;
        EvolveOptions options;
        Map<String, Object> sourceRecord;
        if (resume != null) {
            files = new RunFiles(resume);
            if (!Files.exists(resume.resolve(RunFiles.RUN))) throw new UserException(resume + " holds no run.json; give the folder of an earlier run");
            JsonNode run = files.readRun();
            options = RunFiles.options(run);
            if (spec.commandLine().getParseResult().hasMatchedOption("--generations")) {
                int done = run.path("completedGenerations").asInt(0);
                if (generations < done) {
                    throw new UserException(resume + " has already run " + done + " generations; give --generations of at least " + done);
                }
                options = options.withGenerations(generations);
            }
            JsonNode recorded = run.get("source");
            restoreSource(recorded);
            restoreRiskLimits(run, resume);
            sourceRecord = sourceRecord();
        } else {
            files = null;
            options = null;
            sourceRecord = sourceRecord();
        }

        CandleSourceOptions.Window window = source.loadWindow(home, err);
        CandleSeries all = window.all();
        int first = window.from();
        if (days != null) {
            if (days < 1) throw new UserException("--days must be at least 1");
            first = Math.max(first, all.ceilingIndex(all.time(window.to() - 1) + all.timeframe().millis() - days * DAY));
        }
        CandleSeries series = all.slice(0, window.to());
        Contract contract = BacktestCommand.contract(contractSymbol, source.contractSymbol(), (String) null);
        if (options == null) options = options(series);
        String fingerprint = fingerprint(series, first);
        String runId = runId(options, fingerprint);
        if (files == null) files = new RunFiles(runFolder(home, contract, series, runId));
        else {
            JsonNode run = files.readRun();
            if (!fingerprint.equals(run.path("data").path("fingerprint").asText())) {
                throw new UserException("the candles differ from those " + resume + " was started on; the run cannot be resumed");
            }
            runId = run.path("runId").asText(runId);
        }

        FundingRates rates = BacktestCommand.fundingRates(home, contract, all);
        RunSettings settings = RunSettings.withBalance(options.balance()).withFunding(rates, RunSettings.DEFAULT_FUNDING_RATE)
                .withLimits(noLimits ? io.gpubot.core.trade.RiskLimits.NONE : io.gpubot.core.trade.RiskLimits.DEFAULT);
        int cores = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        BackendOption.Selected backend = backendOption.select(BackendOption.Choice.auto, stdout);
        try {
            runEvolution(home, files, options, sourceRecord, series, all, first, contract, settings, cores, backend.backend(), runId, fingerprint, stdout, err);
        } finally {
            backend.close();
        }
    }

    private void runEvolution(Home home, RunFiles files, EvolveOptions options, Map<String, Object> sourceRecord, CandleSeries series, CandleSeries all,
                        int first, Contract contract, RunSettings settings, int cores, io.gpubot.core.backtest.Backend backend, String runId,
                        String fingerprint, PrintWriter stdout, PrintWriter err) {
        Engine engine = new Engine(series, first, contract, settings, options, cores, backend);
        TrainingPlan plan = engine.plan();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runId", runId);
        details.put("source", sourceRecord);
        details.put("riskLimits", noLimits ? RISK_LIMITS_NONE : RISK_LIMITS_DEFAULT);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contract", contract.symbol());
        data.put("timeframe", series.timeframe().label());
        data.put("fingerprint", fingerprint);
        data.put("firstBar", Instant.ofEpochMilli(series.time(first)).toString());
        data.put("trainingFrom", Instant.ofEpochMilli(series.time(plan.trainFrom())).toString());
        data.put("holdOutFrom", plan.trainTo() < series.size() ? Instant.ofEpochMilli(series.time(plan.trainTo())).toString() : null);
        data.put("lastBar", Instant.ofEpochMilli(series.lastTime()).toString());
        data.put("trainingBars", plan.trainTo() - plan.trainFrom());
        data.put("holdOutBars", series.size() - plan.trainTo());
        details.put("data", data);
        Instant started = Instant.now();
        // A resumed run keeps its first start; each session's own start and length are recorded too.
        JsonNode previous = resume != null ? files.readRun() : null;
        String firstStart = previous != null ? previous.path("started").asText(null) : null;
        // Backtests and uses of the held-out bars add up over every session of a run.
        long earlierBacktests = previous != null ? previous.path("backtests").asLong(0) : 0;
        int heldOutUses = previous != null ? previous.path("heldOutUses").asInt(0) : 0;
        if (previous != null) details.put("heldOutUses", heldOutUses);
        details.put("started", firstStart != null ? firstStart : started.toString());
        details.put("sessionStarted", started.toString());
        files.writeRun(options, details);

        stdout.printf(Locale.ROOT, "Run %s in %s%n", runId, files.dir());
        stdout.printf(Locale.ROOT, "Training %s .. %s UTC (%s bars), held out from %s (%s bars); %d cycles of %d bars, %s; fitness %s; %d threads%n",
                Formats.time(series.time(plan.trainFrom())), Formats.time(series.time(plan.trainTo() - 1)), Formats.count(plan.trainTo() - plan.trainFrom()),
                plan.trainTo() < series.size() ? Formats.time(series.time(plan.trainTo())) : "-", Formats.count(series.size() - plan.trainTo()),
                options.fitness().everyWindow() ? plan.consecutiveWindows().size() : options.cycles(), options.cycleBars(),
                options.fitness().everyWindow() ? "every training window, each generation" : options.randomCycles() ? "drawn each generation" : "fixed",
                options.fitness().label() + validationText(options, plan.consecutiveWindows().size()), cores);
        stdout.flush();

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "evolve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressBar bar = ProgressBar.forConsole(stdout, "generations");
        try {
            EvolutionRun.Outcome outcome = evolve(engine, files, runId, stop, bar, stdout, options);
            Instant ended = Instant.now();
            details.put("finished", ended.toString());
            details.put("sessionSeconds", Duration.between(started, ended).toMillis() / 1000.0);
            long backtests = earlierBacktests + engine.evaluations();
            details.put("backtests", backtests);
            details.put("completedGenerations", outcome.state().nextGeneration());
            if (outcome.finished() && plan.trainTo() < series.size()) details.put("heldOutUses", heldOutUses + 1);
            files.writeRun(options, details);
            if (!outcome.finished()) {
                stdout.printf("Stopped after generation %d; continue with: gpubot evolve --resume %s%n", outcome.state().nextGeneration(), files.dir());
                stdout.flush();
                return;
            }
            io.gpubot.evolve.Evidence evidence = io.gpubot.evolve.Evidence.of(engine, outcome.ranked(), contract, settings, backtests, nullBots);
            files.writeEvidence(evidence);
            printBest(stdout, outcome.bots(), evidence);
            printEvidence(stdout, evidence);
            io.gpubot.evolve.WalkForward.Result folds = null;
            if (walkForward != null) {
                List<io.gpubot.evolve.WalkForward.Fold> bounds = io.gpubot.evolve.WalkForward.folds(plan.trainFrom(), plan.trainTo(), walkForward, anchored);
                folds = io.gpubot.evolve.WalkForward.run(series, contract, settings, options, bounds, cores, backend);
                files.writeWalkForward(folds, anchored);
                details.put("walkForward", Map.of("folds", walkForward, "anchored", anchored, "returnPct", folds.returnPct(), "sharpe", folds.sharpe(),
                        "maxDrawdownPct", folds.maxDrawdownPct(), "backtests", folds.backtests()));
                files.writeRun(options, details);
                printWalkForward(stdout, series, folds);
            }
            Path report = files.dir().resolve("report.html");
            try {
                EvolutionReport.write(report, runId, options, outcome.state().history(), outcome.bots(),
                        new Backtester(series, contract, settings), plan, evidence, folds);
                stdout.printf("Report:        %s%n", report);
            } catch (IOException e) {
                err.println("warning: the report could not be written: " + e.getMessage());
            }
            stdout.printf(Locale.ROOT, "Saved %d bots in %s (%.1f s)%n", outcome.files().size(), files.dir().resolve(RunFiles.BOTS),
                    Duration.between(started, ended).toMillis() / 1000.0);
            stdout.flush();
            if (json) printJson(spec.commandLine().getOut(), runId, files, outcome, report, Duration.between(started, ended));
        } finally {
            // Only now may a Ctrl-C let the JVM exit: the checkpoint and the last message are out.
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running and has just been released.
            }
        }
    }

    private static final long GENERATION_LINE_INTERVAL_NANOS = 10_000_000_000L;

    private EvolutionRun.Outcome evolve(Engine engine, RunFiles files, String runId, AtomicBoolean stop, ProgressBar bar, PrintWriter stdout,
                                        EvolveOptions options) {
        int total = options.generations();
        long startNanos = System.nanoTime();
        int cyclesPerBot = options.cycles();
        int[] doneThisSession = {0};
        java.util.function.BooleanSupplier shouldStop = () -> stop.get() || (stopAfter != null && doneThisSession[0] >= stopAfter);
        if (minutes != null && !(minutes > 0)) throw new UserException("--minutes must be above 0");
        long budgetNanos = minutes == null ? Long.MAX_VALUE : (long) (minutes * 60e9);
        java.util.function.BooleanSupplier enough = () -> System.nanoTime() - startNanos >= budgetNanos;
        long[] lastLine = {Long.MIN_VALUE};
        try {
            return new EvolutionRun(engine, files, runId).run(shouldStop, enough, (summary, evaluations, nanos) -> {
                doneThisSession[0]++;
                long now = System.nanoTime();
                long elapsed = now - startNanos;
                int done = summary.generation() + 1;
                // A few lines, not one per generation: the session's first, its last, and one every 10 s between
                // (every generation is in generations.csv).
                boolean last = done >= total || elapsed >= budgetNanos || shouldStop.getAsBoolean();
                // The ETA knows the --minutes budget: the run ends at whichever comes first.
                Duration eta = done >= total ? null : Duration.ofNanos(elapsed / doneThisSession[0] * (total - done));
                if (eta != null && budgetNanos != Long.MAX_VALUE) eta = Duration.ofNanos(Math.min(eta.toNanos(), Math.max(0, budgetNanos - elapsed)));
                if (doneThisSession[0] == 1 || last || now - lastLine[0] >= GENERATION_LINE_INTERVAL_NANOS) {
                    lastLine[0] = now;
                    bar.finish();
                    double perSecond = evaluations * cyclesPerBot / Math.max(1e-9, nanos / 1e9);
                    stdout.printf(Locale.ROOT, "gen %3d/%d  best %10.3f  median %10.3f  diversity %.3f  %s backtests, %,.0f cycle-backtests/s%s%n",
                            summary.generation() + 1, total, summary.best(), summary.median(), summary.diversity(), Formats.count(evaluations), perSecond,
                            bar.inPlace() || last ? "" : "  ETA " + ProgressBar.clock(eta));
                }
                // Without a terminal the generation lines carry the ETA; a bar printed as lines would only repeat them.
                if (bar.inPlace()) bar.update(done, total, "gen", doneThisSession[0] / Math.max(1e-9, elapsed / 1e9), eta);
            });
        } finally {
            bar.finish();
        }
    }

    private static void printJson(PrintWriter out, String runId, RunFiles files, EvolutionRun.Outcome outcome, Path report, Duration took) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "gpubot.evolve/1");
        doc.put("run", runId);
        doc.put("dir", files.dir().toAbsolutePath().toString());
        doc.put("completedGenerations", outcome.state().nextGeneration());
        doc.put("seconds", took.toMillis() / 1000.0);
        doc.put("report", java.nio.file.Files.exists(report) ? report.toAbsolutePath().toString() : null);
        List<Object> bots = new java.util.ArrayList<>();
        for (int i = 0; i < outcome.bots().size(); i++) {
            Bot bot = outcome.bots().get(i);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("rank", i + 1);
            b.put("file", i < outcome.files().size() ? outcome.files().get(i).toAbsolutePath().toString() : null);
            b.put("name", bot.name());
            b.put("summary", BotsCommand.summary(bot));
            b.put("training", bot.provenance().training());
            b.put("outOfSample", bot.provenance().outOfSample());
            bots.add(b);
        }
        doc.put("bots", bots);
        JsonOutput.print(out, doc);
    }

    private static void printBest(PrintWriter out, List<Bot> bots, io.gpubot.evolve.Evidence evidence) {
        out.println("Best bots (training period | held-out data):");
        out.println("Ranked by the training score (the fitness over every training window), shown as score; DSR: Deflated Sharpe Ratio.");
        out.printf("%-4s %8s %5s %9s %8s %6s | %9s %8s %6s %7s  %s%n", "rank", "score", "DSR", "return%", "maxDD%", "trades", "return%", "maxDD%",
                "trades", "Sharpe", "genes");
        for (int i = 0; i < Math.min(5, bots.size()); i++) {
            Bot bot = bots.get(i);
            Metrics t = bot.provenance().training();
            Metrics o = bot.provenance().outOfSample();
            out.printf(Locale.ROOT, "%-4d %8.3f %5s %9.2f %8.2f %6d | %9s %8s %6s %7s  %s%n", i + 1, evidence.scores()[i],
                    probability(evidence.deflatedSharpe()[i]), t.returnPct(), t.maxDrawdownPct(), t.trades(),
                    o == null ? "-" : String.format(Locale.ROOT, "%.2f", o.returnPct()), o == null ? "-" : String.format(Locale.ROOT, "%.2f", o.maxDrawdownPct()),
                    o == null ? "-" : Integer.toString(o.trades()), o == null ? "-" : String.format(Locale.ROOT, "%.2f", o.sharpe()), BotsCommand.summary(bot));
        }
        out.println(io.gpubot.evolve.Evidence.HELD_OUT_CAVEAT);
    }

    static String probability(double p) {
        return Double.isFinite(p) ? String.format(Locale.ROOT, "%.2f", p) : "-";
    }

    static void printEvidence(PrintWriter out, io.gpubot.evolve.Evidence e) {
        io.gpubot.evolve.BuyAndHold t = e.trainingHold();
        io.gpubot.evolve.BuyAndHold h = e.heldOutHold();
        out.printf(Locale.ROOT, "Buy and hold, training: spot %+.1f%% (Sharpe %.2f, max DD %.1f%%), 1x perpetual %+.1f%% (Sharpe %.2f)%s%n",
                t.spotReturnPct(), t.spotSharpe(), t.spotMaxDrawdownPct(), t.perpReturnPct(), t.perpSharpe(), h == null ? ""
                        : String.format(Locale.ROOT, "; held out: spot %+.1f%% (Sharpe %.2f, max DD %.1f%%), 1x perpetual %+.1f%% (Sharpe %.2f)",
                        h.spotReturnPct(), h.spotSharpe(), h.spotMaxDrawdownPct(), h.perpReturnPct(), h.perpSharpe()));
        out.println("  " + io.gpubot.evolve.Evidence.HOLD_MEANING);
        if (e.nullBots() > 0) {
            out.printf(Locale.ROOT, "Null (%d random bots, scored the same way; the run tried %s): rank 1's score beats %.1f%% of them,"
                            + " its held-out Sharpe %s%% of theirs; the best random bot scored %.3f, held-out Sharpe %s%n", e.nullBots(), Formats.count(e.trials()),
                    e.scorePercentile(), Double.isFinite(e.heldOutPercentile()) ? String.format(Locale.ROOT, "beats %.1f", e.heldOutPercentile()) : "- (nothing held out)",
                    e.nullBestScore(), Double.isFinite(e.nullBestHeldOutSharpe()) ? String.format(Locale.ROOT, "%.2f", e.nullBestHeldOutSharpe()) : "-");
            out.println("  " + io.gpubot.evolve.Evidence.NULL_MEANING);
        }
        out.printf(Locale.ROOT, "Deflated Sharpe Ratio of rank 1: %s (over %d training windows, %s trials)%n",
                probability(e.deflatedSharpe().length == 0 ? Double.NaN : e.deflatedSharpe()[0]), e.windows(), Formats.count(e.trials()));
        out.println("  " + io.gpubot.evolve.Evidence.DSR_MEANING);
        out.printf(Locale.ROOT, "Probability of Backtest Overfitting: %s (CSCV, %d blocks of the training windows, the hall of fame's %d bots;"
                + " they were chosen on these windows, so this is a lower bound)%n",
                probability(e.pbo()), e.pboBlocks(), e.scores().length);
        out.println("  " + io.gpubot.evolve.Evidence.PBO_MEANING);
    }

    private static void printWalkForward(PrintWriter out, CandleSeries series, io.gpubot.evolve.WalkForward.Result r) {
        out.println("Walk-forward (each fold's rank 1 on the bars after its training):");
        for (int k = 0; k < r.folds().size(); k++) {
            io.gpubot.evolve.WalkForward.FoldResult f = r.folds().get(k);
            out.printf(Locale.ROOT, "  fold %d: train %s .. %s, test %s .. %s: return %+.2f%%, max DD %.2f%%, %d trades, Sharpe %.2f%n", k + 1,
                    Formats.time(series.time(f.fold().trainFrom())), Formats.time(series.time(f.fold().trainTo() - 1)),
                    Formats.time(series.time(f.fold().testFrom())), Formats.time(series.time(f.fold().testTo() - 1)), f.test().returnPct(),
                    f.test().maxDrawdownPct(), f.test().trades(), f.test().sharpe());
        }
        out.printf(Locale.ROOT, "  chained out of sample: return %+.2f%%, Sharpe %.2f, max DD %.2f%% (%s backtests)%n", r.returnPct(), r.sharpe(),
                r.maxDrawdownPct(), Formats.count(r.backtests()));
    }

    /** What the validation share does to this run, for its header; empty when breeding sees every window. */
    static String validationText(EvolveOptions options, int windows) {
        int breeding = options.breedingWindows(windows);
        return breeding == windows ? "" : String.format(Locale.ROOT, ", bred on the older %d windows (the newer %d are --validation %.2f)", breeding,
                windows - breeding, options.validation());
    }

    private EvolveOptions options(CandleSeries series) {
        long tf = series.timeframe().millis();
        int cycleBars = (int) Math.round(cycleDays * DAY / tf);
        int eliteCount = elites != null ? elites : Math.max(1, population / 50);
        return new EvolveOptions(population, generations, cycles, cycleBars, !fixedCycles, holdOut, EvolveOptions.DEFAULT_WARM_UP_BARS,
                Fitness.named(fitness), seed, minIndicators, maxIndicators, minLeverage, maxLeverage, balance, eliteCount, tournament,
                crossoverRate, mutationRate, hallOfFame, pareto, validation);
    }

    private Map<String, Object> sourceRecord() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("data", source.data == null || source.data.startsWith("bundled:") ? source.data : Path.of(source.data).toAbsolutePath().toString());
        map.put("symbol", source.symbol);
        map.put("timeframe", source.timeframe == null ? null : source.timeframe.name());
        map.put("exchange", source.exchange);
        map.put("from", source.from);
        map.put("to", source.to);
        map.put("days", days);
        map.put("contract", contractSymbol);
        return map;
    }

    /**
     * The risk limits decide which trades the bots make, so a resumed run keeps the ones it was started
     * with (a run.json written before they were recorded was started with the default limits).
     */
    private void restoreRiskLimits(JsonNode run, Path resume) {
        boolean startedWithout = RISK_LIMITS_NONE.equals(run.path("riskLimits").asText(RISK_LIMITS_DEFAULT));
        if (spec.commandLine().getParseResult().hasMatchedOption("--no-limits") && !startedWithout) {
            throw new UserException(resume + " was started with the risk limits; --no-limits cannot change them half way. "
                    + "Resume it without --no-limits, or start a new run with it");
        }
        noLimits = startedWithout;
    }

    private static final String RISK_LIMITS_NONE = "none";
    private static final String RISK_LIMITS_DEFAULT = "default";

    private void restoreSource(JsonNode recorded) {
        if (recorded == null) throw new UserException("run.json records no data source; the run cannot be resumed");
        source.data = text(recorded, "data");
        source.symbol = text(recorded, "symbol");
        String tf = text(recorded, "timeframe");
        source.timeframe = tf == null ? null : io.gpubot.core.market.Timeframe.valueOf(tf);
        source.exchange = text(recorded, "exchange");
        source.from = text(recorded, "from");
        source.to = text(recorded, "to");
        days = recorded.hasNonNull("days") ? recorded.get("days").intValue() : null;
        contractSymbol = text(recorded, "contract");
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private Path runFolder(Home home, Contract contract, CandleSeries series, String runId) {
        if (out != null) {
            if (Files.exists(out.resolve(RunFiles.RUN))) {
                throw new UserException(out + " already holds a run; continue it with --resume " + out + " or choose another --out");
            }
            return out;
        }
        Path base = home.dir().resolve("runs").resolve(contract.symbol()).resolve(series.timeframe().label());
        Path folder = base.resolve(runId);
        for (int n = 2; Files.exists(folder); n++) folder = base.resolve(runId + "-" + n);
        return folder;
    }

    /** The candles' identity: a run resumes only on the same bars. */
    private static String fingerprint(CandleSeries series, int first) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder().append(first).append(',').append(series.size());
            for (int i = 0; i < series.size(); i++) {
                text.append(';').append(series.time(i)).append(',').append(series.open(i)).append(',').append(series.high(i)).append(',')
                        .append(series.low(i)).append(',').append(series.close(i)).append(',').append(series.volume(i));
                if (text.length() > 1 << 16) {
                    sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
                    text.setLength(0);
                }
            }
            sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same options on the same candles give the same id, so bots of equal runs are equal files. */
    private static String runId(EvolveOptions options, String fingerprint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((options + "|" + fingerprint).getBytes(StandardCharsets.UTF_8));
            return "s" + options.seed() + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
