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

    @Option(names = "--days", paramLabel = "N", description = "Use only the newest N days of the data.")
    Integer days;
    @Option(names = "--contract", paramLabel = "SYMBOL", description = "Whose facts apply to a file's candles (default: the data's symbol).")
    String contractSymbol;
    @Option(names = "--no-limits", description = "Research: no risk limits (max notional, daily loss, minimum balance); "
            + "KuCoin's risk-limit tiers still apply (docs/TRADING_RULES.md §11).")
    boolean noLimits;

    @Option(names = "--population", defaultValue = "10000", description = "Bots per generation (default: ${DEFAULT-VALUE}).")
    int population;
    @Option(names = "--generations", defaultValue = "50", description = "Generations (default: ${DEFAULT-VALUE}).")
    int generations;
    @Option(names = "--cycles", defaultValue = "5", description = "Training windows per generation (default: ${DEFAULT-VALUE}).")
    int cycles;
    @Option(names = "--cycle-days", defaultValue = "30", description = "Days per training window (default: ${DEFAULT-VALUE}).")
    double cycleDays;
    @Option(names = "--fixed-cycles", description = "Use the same evenly spaced windows every generation instead of drawing them anew.")
    boolean fixedCycles;
    @Option(names = "--hold-out", defaultValue = "0.2", paramLabel = "SHARE", description = "Newest share of the history never used for selection (default: ${DEFAULT-VALUE}).")
    double holdOut;
    @Option(names = "--min-indicators", defaultValue = "1", description = "Fewest indicators per bot (default: ${DEFAULT-VALUE}).")
    int minIndicators;
    @Option(names = "--max-indicators", defaultValue = "5", description = "Most indicators per bot (default: ${DEFAULT-VALUE}).")
    int maxIndicators;
    @Option(names = "--min-leverage", defaultValue = "1", description = "Lowest leverage (default: ${DEFAULT-VALUE}).")
    int minLeverage;
    @Option(names = "--max-leverage", defaultValue = "20", description = "Highest leverage (default: ${DEFAULT-VALUE}).")
    int maxLeverage;
    @Option(names = "--balance", defaultValue = "1000", paramLabel = "USDT", description = "Starting balance (default: ${DEFAULT-VALUE}).")
    double balance;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--fitness", defaultValue = "robust", paramLabel = "NAME",
            description = "robust, sharpe, sortino, calmar, profit-factor or net-return (default: ${DEFAULT-VALUE}).")
    String fitness;
    @Option(names = "--elites", paramLabel = "N", description = "Best bots copied unchanged into the next generation (default: 2% of the population).")
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
    @Option(names = "--threads", paramLabel = "N", description = "Backtest threads (default: all cores); results do not depend on it.")
    Integer threads;
    @Option(names = "--out", paramLabel = "DIR", description = "The run folder (default: ~/.gpu_bot/runs/<symbol>/<tf>/<run-id>).")
    Path out;
    @Option(names = "--stop-after", paramLabel = "N", description = "Stop cleanly after N generations of this session (continue later with --resume).")
    Integer stopAfter;
    @Option(names = "--minutes", paramLabel = "M",
            description = "Time budget: after the generation that passes M minutes the run ends there and saves its best bots, as if it were the last.")
    Double minutes;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in this folder with its own options and data.")
    Path resume;

    @Override
    public void run() {
        PrintWriter stdout = spec.commandLine().getOut();
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
            JsonNode recorded = run.get("source");
            restoreSource(recorded);
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
        Engine engine = new Engine(series, first, contract, settings, options, cores);
        TrainingPlan plan = engine.plan();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runId", runId);
        details.put("source", sourceRecord);
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
        String firstStart = resume != null ? files.readRun().path("started").asText(null) : null;
        details.put("started", firstStart != null ? firstStart : started.toString());
        details.put("sessionStarted", started.toString());
        files.writeRun(options, details);

        stdout.printf(Locale.ROOT, "Run %s in %s%n", runId, files.dir());
        stdout.printf(Locale.ROOT, "Training %s .. %s UTC (%s bars), held out from %s (%s bars); %d cycles of %d bars, %s; fitness %s; %d threads%n",
                Formats.time(series.time(plan.trainFrom())), Formats.time(series.time(plan.trainTo() - 1)), Formats.count(plan.trainTo() - plan.trainFrom()),
                plan.trainTo() < series.size() ? Formats.time(series.time(plan.trainTo())) : "-", Formats.count(series.size() - plan.trainTo()),
                options.cycles(), options.cycleBars(), options.randomCycles() ? "drawn each generation" : "fixed", options.fitness().label(), cores);
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
            details.put("backtests", engine.evaluations());
            details.put("completedGenerations", outcome.state().nextGeneration());
            files.writeRun(options, details);
            if (!outcome.finished()) {
                stdout.printf("Stopped after generation %d; continue with: gpubot evolve --resume %s%n", outcome.state().nextGeneration(), files.dir());
                stdout.flush();
                return;
            }
            printBest(stdout, outcome.bots());
            Path report = files.dir().resolve("report.html");
            try {
                EvolutionReport.write(report, runId, options, outcome.state().history(), outcome.bots(),
                        new Backtester(series, contract, settings), plan);
                stdout.printf("Report:        %s%n", report);
            } catch (IOException e) {
                err.println("warning: the report could not be written: " + e.getMessage());
            }
            stdout.printf(Locale.ROOT, "Saved %d bots in %s (%.1f s)%n", outcome.files().size(), files.dir().resolve(RunFiles.BOTS),
                    Duration.between(started, ended).toMillis() / 1000.0);
            stdout.flush();
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
        try {
            return new EvolutionRun(engine, files, runId).run(shouldStop, enough, (summary, evaluations, nanos) -> {
                doneThisSession[0]++;
                bar.finish();
                double perSecond = evaluations * cyclesPerBot / Math.max(1e-9, nanos / 1e9);
                stdout.printf(Locale.ROOT, "gen %3d/%d  best %10.3f  median %10.3f  diversity %.3f  %s backtests, %,.0f cycle-backtests/s%n",
                        summary.generation() + 1, total, summary.best(), summary.median(), summary.diversity(), Formats.count(evaluations), perSecond);
                long elapsed = System.nanoTime() - startNanos;
                int done = summary.generation() + 1;
                bar.update(done, total, "gen", doneThisSession[0] / Math.max(1e-9, elapsed / 1e9), done >= total ? null
                        : Duration.ofNanos(elapsed / doneThisSession[0] * (total - done)));
            });
        } finally {
            bar.finish();
        }
    }

    private static void printBest(PrintWriter out, List<Bot> bots) {
        out.println("Best bots (training period | held-out data):");
        out.printf("%-4s %9s %8s %6s | %9s %8s %6s  %s%n", "rank", "return%", "maxDD%", "trades", "return%", "maxDD%", "trades", "genes");
        for (int i = 0; i < Math.min(5, bots.size()); i++) {
            Bot bot = bots.get(i);
            Metrics t = bot.provenance().training();
            Metrics o = bot.provenance().outOfSample();
            out.printf(Locale.ROOT, "%-4d %9.2f %8.2f %6d | %9s %8s %6s  %s%n", i + 1, t.returnPct(), t.maxDrawdownPct(), t.trades(),
                    o == null ? "-" : String.format(Locale.ROOT, "%.2f", o.returnPct()), o == null ? "-" : String.format(Locale.ROOT, "%.2f", o.maxDrawdownPct()),
                    o == null ? "-" : Integer.toString(o.trades()), BotsCommand.summary(bot));
        }
    }

    private EvolveOptions options(CandleSeries series) {
        long tf = series.timeframe().millis();
        int cycleBars = (int) Math.round(cycleDays * DAY / tf);
        int eliteCount = elites != null ? elites : Math.max(1, population / 50);
        return new EvolveOptions(population, generations, cycles, cycleBars, !fixedCycles, holdOut, EvolveOptions.DEFAULT_WARM_UP_BARS,
                Fitness.named(fitness), seed, minIndicators, maxIndicators, minLeverage, maxLeverage, balance, eliteCount, tournament,
                crossoverRate, mutationRate, hallOfFame, pareto);
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
