package io.gpubot.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.app.BundledDataset;
import io.gpubot.app.Home;
import io.gpubot.app.Main;
import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contracts;
import io.gpubot.sandbox.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code gpubot demo}: the whole system on bundled real candles, with no network and no set-up. Evolves
 * bots for a minute, shows the best, backtests the best with a chart, then starts a local exchange on the
 * held-out candles and paper-trades the best bot against it on the dashboard at high replay speed.
 * Each step is one of the ordinary subcommands, printed as the command line that would do it alone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Evolve, backtest and paper-trade on bundled real BTC candles in about 90 seconds, offline.",
                "Every step is printed as the gpubot command that does it on its own."})
public final class DemoCommand implements Runnable {

    @ParentCommand
    GpubotCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "1", paramLabel = "M", description = "Time for the evolution (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--population", paramLabel = "N", defaultValue = "1000", description = "Bots per generation (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--paper-bars", defaultValue = "600", paramLabel = "N",
            description = "Held-out 4h bars to paper-trade against the local exchange (default: ${DEFAULT-VALUE}, about 100 days).")
    int paperBars;

    @Option(names = "--speed", defaultValue = "25", paramLabel = "BARS_PER_S", description = "Replay speed of the local exchange (default: ${DEFAULT-VALUE} bars a second).")
    double barsPerSecond;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the evolution (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-tui", description = "Plain line output instead of the full-screen dashboard.")
    boolean noTui;

    private static final String DATA = "bundled:btc-usd-4h";

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(minutes > 0)) throw new UserException("--minutes must be above 0");
        if (paperBars < 1) throw new UserException("--paper-bars must be at least 1");
        if (!(barsPerSecond > 0)) throw new UserException("--speed must be above 0");
        Home home = Home.resolve(root.homeOption()).ensureExists();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now(ZoneOffset.UTC));
        Path runDir = home.dir().resolve("runs").resolve("demo-" + stamp);
        long started = System.nanoTime();

        step(out, 1, "Evolve bots on the training 80% of " + DATA + " for " + Formats.count((long) (minutes * 60)) + " s");
        run(out, err, home, "evolve", "--data", DATA, "--population", Integer.toString(population), "--generations", "1000",
                "--minutes", Double.toString(minutes), "--cycles", "4", "--cycle-days", "90", "--max-indicators", "4",
                "--seed", Long.toString(seed), "--hall-of-fame", "20", "--out", runDir.toString());
        Path best = runDir.resolve("bots").resolve("bot-001.json");
        if (!Files.exists(best)) throw new UserException("the evolution saved no bot in " + runDir.resolve("bots"));

        Path chart = runDir.resolve("best-bot.png");
        step(out, 2, "Backtest the best bot on all of " + DATA + ", chart to " + chart);
        run(out, err, home, "backtest", "--bot", best.toString(), "--data", DATA, "--chart", chart.toString());

        Instant holdOut = holdOutStart(runDir);
        CandleSeries candles = BundledDataset.named(DATA).read().series();
        int from = candles.ceilingIndex(holdOut.toEpochMilli());
        int bars = Math.min(paperBars, candles.size() - from - 1);
        step(out, 3, String.format(Locale.ROOT, "Paper-trade it against a local exchange replaying %d held-out bars from %s UTC at %.0f bars/s",
                bars, Formats.time(candles.time(from)), barsPerSecond));
        // The sandbox's candles go into a store of their own, not the user's: they are a replay, not KuCoin's.
        Path sandboxHome = home.dir().resolve("demo");
        String session = "demo-" + stamp;
        try (Sandbox sandbox = Sandbox.builder(candles, Contracts.get(BundledDataset.named(DATA).key().symbol())).from(candles.time(from)).start()) {
            // Runs until the session has its bars (it may start a few bars late while it warms up) or the data ends.
            Thread clock = new Thread(() -> pace(sandbox, candles, candles.size() - 1), "demo-exchange-clock");
            clock.setDaemon(true);
            clock.start();
            List<String> paper = new ArrayList<>(List.of("paper", "--bot", best.toString(), "--symbol", BundledDataset.named(DATA).key().symbol(),
                    "--timeframe", candles.timeframe().label(), "--exchange-url", sandbox.baseUrl().toString(), "--bars", Integer.toString(bars),
                    "--session", session, "--no-resume-hint"));
            if (noTui) paper.add("--no-tui");
            run(out, err, Home.resolve(sandboxHome).ensureExists(), paper.toArray(String[]::new));
            clock.interrupt();
        }
        out.println();
        out.printf(Locale.ROOT, "Demo finished in %.0f s.%n", (System.nanoTime() - started) / 1e9);
        // Each line works as printed: the paper session lives in the demo's own home (its candles are a replay, not
        // KuCoin's), so its command names that home.
        out.println("  Evolution report: " + runDir.resolve("report.html"));
        out.println("  Backtest chart:   " + chart);
        out.println("  Best bot:         gpubot " + homeOption(home) + "bots show " + best);
        out.println("  Paper session:    gpubot --home " + sandboxHome + " sessions show " + session);
        out.println("  All bots of run:  gpubot " + homeOption(home) + "bots list " + runDir);
        out.flush();
    }

    /** {@code --home DIR } when the demo ran outside the default home, so a printed command finds the same files. */
    private String homeOption(Home home) {
        return root.homeOption() == null ? "" : "--home " + home.dir() + " ";
    }

    /** Moves the local exchange's clock forward at the chosen pace until {@code endBar} has opened. */
    private void pace(Sandbox sandbox, CandleSeries candles, int endBar) {
        long pauseNanos = (long) (1e9 / barsPerSecond);
        long endTime = candles.time(Math.min(endBar, candles.size() - 1));
        try {
            while (sandbox.now() < endTime) {
                Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
                sandbox.step(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Instant holdOutStart(Path runDir) {
        try {
            JsonNode run = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
            String from = run.path("data").path("holdOutFrom").asText(null);
            if (from == null) throw new UserException(runDir + "/run.json records no held-out period");
            return Instant.parse(from);
        } catch (IOException e) {
            throw new UserException("cannot read " + runDir.resolve("run.json") + ": " + e.getMessage(), e);
        }
    }

    private static void step(PrintWriter out, int n, String what) {
        out.println();
        out.printf("== %d/3  %s%n", n, what);
        out.flush();
    }

    /** Runs one subcommand as a user would, showing its command line; a failure ends the demo with its message. */
    private void run(PrintWriter out, PrintWriter err, Home home, String... args) {
        out.println("$ gpubot " + String.join(" ", args));
        out.flush();
        List<String> all = new ArrayList<>(List.of("--home", home.dir().toString()));
        all.addAll(List.of(args));
        int code = Main.run(out, err, all.toArray(String[]::new));
        if (code != 0) throw new UserException("the demo stopped: gpubot " + args[0] + " failed (exit code " + code + ")");
    }
}
