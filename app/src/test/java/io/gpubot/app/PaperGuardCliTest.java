package io.gpubot.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gpubot paper --replay} with the live guard's own limits: without them a replay is the backtest; with
 * {@code --max-risk} or {@code --max-leverage} it refuses what live would refuse.
 */
class PaperGuardCliTest {

    @TempDir
    Path home;

    static final String BOT = "../examples/bots/btc-4h-trend.json";

    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    @Test
    void probe() throws Exception {
        for (String[] extra : new String[][]{{}, {"--max-risk", "0.0001"}, {"--max-leverage", "1"}, {"--max-risk", "0.0199"}, {"--max-risk", "0.0195"}, {"--no-limits", "--max-risk", "0.01"}}) {
            java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("paper", "--replay", "bundled:btc-usd-4h", "--bot", BOT, "--until", "2018-01-01", "--session", "s" + System.nanoTime()));
            a.addAll(java.util.List.of(extra));
            Cli.Result r = gpubot(a.toArray(String[]::new));
            System.out.println("### " + String.join(" ", extra) + " code " + r.code() + "\n" + r.out() + "\nERR " + r.err());
        }
        Path margin = home.resolve("margin.json");
        Files.writeString(margin, Files.readString(Path.of(BOT)).replace("\"name\" : \"btc-4h-trend\"", "\"name\" : \"margin-bot\"")
                .replace("\"method\" : \"risk\"", "\"method\" : \"fixed_margin\"").replace("\"parameter\" : 0.02", "\"parameter\" : 0.3"));
        for (String[] extra : new String[][]{{}, {"--max-risk", "0.05"}}) {
            java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("paper", "--replay", "bundled:btc-usd-4h", "--bot", margin.toString(), "--until", "2018-01-01", "--session", "s" + System.nanoTime()));
            a.addAll(java.util.List.of(extra));
            Cli.Result r = gpubot(a.toArray(String[]::new));
            System.out.println("### margin " + String.join(" ", extra) + " code " + r.code() + "\n" + r.out() + "\nERR " + r.err());
        }
    }
}
