package io.gpubot.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gpubot demo}, shortened: every step runs as its own command, and the outputs it names exist. */
class DemoCliTest {

    @TempDir
    Path home;

    @Test
    void theDemoEvolvesBacktestsAndPaperTradesOfflineAndNamesItsOutputs() throws Exception {
        Cli.Result r = Cli.run(home, "demo", "--minutes", "0.05", "--population", "100", "--paper-bars", "40", "--speed", "80", "--no-tui");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("== 1/3", "$ gpubot evolve --data bundled:btc-usd-4h", "Best bots (training period | held-out data):",
                "== 2/3", "$ gpubot backtest --bot ", "Net profit:", "== 3/3", "$ gpubot paper --bot ",
                "ended: stopped after 40 bars", "Demo finished in").doesNotContain("Resume:");
        Path run;
        try (Stream<Path> runs = Files.list(home.resolve("runs"))) {
            run = runs.filter(p -> p.getFileName().toString().startsWith("demo-")).findFirst().orElseThrow();
        }
        assertThat(run.resolve("report.html")).isNotEmptyFile();
        assertThat(run.resolve("best-bot.png")).isNotEmptyFile();
        assertThat(run.resolve("bots").resolve("bot-001.json")).isNotEmptyFile();
        assertThat(r.out()).contains("Evolution report: " + run.resolve("report.html"), "Backtest chart:   " + run.resolve("best-bot.png"));
        try (Stream<Path> sessions = Files.list(home.resolve("demo").resolve("sessions"))) {
            assertThat(sessions.filter(p -> p.toString().endsWith(".db"))).hasSize(1);
        }
        // A few progress lines, not one per generation; the bundled data's gaps are not warned of.
        assertThat(r.out().lines().filter(l -> l.startsWith("gen ")).count()).isBetween(1L, 3L);
        // The one warning allowed is the guard check's: an evolved bot's sizing that can risk more than --max-risk at its stop.
        assertThat((r.out() + r.err()).lines().filter(l -> l.contains("warning") && !l.contains("the risk guard refuses"))).isEmpty();

        // Every closing hint works as printed.
        List<String> hints = r.out().lines().filter(l -> l.matches("  [A-Z][a-z ]+: +gpubot .*"))
                .map(l -> l.substring(l.indexOf("gpubot ") + "gpubot ".length())).toList();
        assertThat(hints).hasSize(3);
        for (String hint : hints) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), hint.split(" "));
            assertThat(code).as(hint + "\n" + err).isZero();
            assertThat(out.toString()).as(hint).isNotBlank();
        }
        assertThat(hints.get(1)).contains("sessions show demo-");
    }
}
