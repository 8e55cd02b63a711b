package io.gpubot.app;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.Contracts;
import io.gpubot.data.BotFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gpubot paper --replay}: the seed's consistency promise, shown on real candles. */
class PaperCliTest {

    @TempDir
    Path home;

    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    @Test
    void aReplayWritesTheSameTradeFilesAsTheBacktestForEveryBot() throws Exception {
        List<Bot> bots = RandomBots.of(Contracts.get("XBTUSDTM")).draw(6, 77);
        List<String> args = new ArrayList<>(List.of("paper", "--replay", "bundled:btc-usd-4h", "--trades", home.resolve("paper.csv").toString(),
                "--session", "parity"));
        for (Bot bot : bots) {
            Path file = home.resolve(bot.name() + ".json");
            BotFiles.write(bot, file);
            args.add("--bot");
            args.add(file.toString());
        }
        Cli.Result paper = gpubot(args.toArray(String[]::new));
        assertThat(paper.code()).as(paper.err()).isZero();
        assertThat(paper.out()).contains("Replayed 20,695 bars of bundled:btc-usd-4h").contains("for 6 bots");

        int trades = 0;
        for (Bot bot : bots) {
            Path backtest = home.resolve("backtest-" + bot.name() + ".csv");
            Cli.Result r = gpubot("backtest", "--bot", home.resolve(bot.name() + ".json").toString(), "--data", "bundled:btc-usd-4h",
                    "--engine", "fast", "--trades", backtest.toString());
            assertThat(r.code()).as(r.err()).isZero();
            Path replayed = home.resolve("paper-" + bot.name() + ".csv");
            assertThat(Files.readAllBytes(replayed)).as(bot.canonical()).isEqualTo(Files.readAllBytes(backtest));
            trades += Files.readAllLines(backtest).size() - 1;
        }
        assertThat(trades).isGreaterThan(50);

        Cli.Result list = gpubot("sessions", "list");
        assertThat(list.out()).contains("parity").contains("replay").contains("XBTUSDTM").contains("20,695");
        Cli.Result show = gpubot("sessions", "show", "parity");
        assertThat(show.out()).contains("Session parity: replay XBTUSDTM 4h, 20,695 bars").contains("Bot " + bots.get(0).name());
        assertThat(gpubot("paper", "--replay", "bundled:btc-usd-4h", "--bot", home.resolve(bots.get(0).name() + ".json").toString(),
                "--session", "parity").err()).contains("session parity trades other bots; leave out --bot to resume it");
        assertThat(gpubot("sessions", "show", "nope").err()).contains("no session nope");
    }

    @Test
    void aStoppedReplayResumesAndEndsAsTheBacktest() throws Exception {
        Path bot = Path.of("../examples/bots/btc-4h-trend.json");
        Cli.Result first = gpubot("paper", "--bot", bot.toString(), "--replay", "bundled:btc-usd-4h", "--session", "halves", "--until", "2021-01-01");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Stopped at --until; run the same command without it to resume the session.");
        Cli.Result second = gpubot("paper", "--replay", "bundled:btc-usd-4h", "--session", "halves", "--trades", home.resolve("resumed.csv").toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("Resuming session halves after 2020-12-31 20:00 UTC").contains("Replayed 20,695 bars");
        gpubot("backtest", "--bot", bot.toString(), "--data", "bundled:btc-usd-4h", "--trades", home.resolve("backtest.csv").toString());
        assertThat(Files.readAllBytes(home.resolve("resumed.csv"))).isEqualTo(Files.readAllBytes(home.resolve("backtest.csv")));
    }
}
