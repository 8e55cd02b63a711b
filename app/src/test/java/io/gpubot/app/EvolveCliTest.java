package io.gpubot.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.data.BotFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gpubot evolve} on the bundled BTC 4h candles, with a small population. */
class EvolveCliTest {

    static final String[] SMALL = {"evolve", "--data", "bundled:btc-usd-4h", "--population", "30", "--generations", "3", "--cycles", "2",
            "--cycle-days", "20", "--max-indicators", "3", "--max-leverage", "10", "--seed", "5", "--hall-of-fame", "3",
            "--null-bots", "40"};

    @TempDir
    Path home;

    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    String[] small(String... more) {
        // A test that names its own null size replaces the small one.
        boolean ownNull = java.util.Arrays.asList(more).contains("--null-bots");
        Stream<String> base = ownNull ? Stream.of(SMALL).limit(SMALL.length - 2) : Stream.of(SMALL);
        return Stream.concat(base, Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void equalSeedsGiveIdenticalFilesAndAResumedRunEqualsAnUninterruptedOne() throws Exception {
        Cli.Result a = gpubot(small("--out", home.resolve("a").toString()));
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).contains("gen   1/3").contains("gen   3/3").contains("diversity").contains("Saved 3 bots");
        Cli.Result b = gpubot(small("--out", home.resolve("b").toString(), "--threads", "1"));
        assertThat(b.code()).as(b.err()).isZero();
        assertSameRun(home.resolve("a"), home.resolve("b"));

        Cli.Result stopped = gpubot(small("--out", home.resolve("c").toString(), "--stop-after", "1"));
        assertThat(stopped.code()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("Stopped after generation 1; continue with: gpubot evolve --resume");
        assertThat(Files.exists(home.resolve("c").resolve("bots"))).isFalse();
        Cli.Result resumed = gpubot("evolve", "--resume", home.resolve("c").toString(), "--null-bots", "40");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("gen   2/3").doesNotContain("gen   1/3");
        assertSameRun(home.resolve("a"), home.resolve("c"));

        Cli.Result again = gpubot(small("--out", home.resolve("a").toString()));
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("already holds a run; continue it with --resume");
    }

    @Test
    void aRunStartedWithoutRiskLimitsIsResumedWithoutThem() throws Exception {
        Cli.Result free = gpubot(small("--out", home.resolve("free").toString(), "--no-limits"));
        assertThat(free.code()).as(free.err()).isZero();
        Cli.Result limited = gpubot(small("--out", home.resolve("limited").toString()));
        assertThat(limited.code()).as(limited.err()).isZero();
        assertThat(Files.readAllLines(home.resolve("free").resolve("generations.csv")))
                .as("the limits change what this run finds, so resuming with the wrong ones would show")
                .isNotEqualTo(Files.readAllLines(home.resolve("limited").resolve("generations.csv")));

        Cli.Result stopped = gpubot(small("--out", home.resolve("c").toString(), "--no-limits", "--stop-after", "1"));
        assertThat(stopped.code()).as(stopped.err()).isZero();
        assertThat(new ObjectMapper().readTree(home.resolve("c").resolve("run.json").toFile()).get("riskLimits").asText()).isEqualTo("none");
        Cli.Result resumed = gpubot("evolve", "--resume", home.resolve("c").toString(), "--null-bots", "40");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertSameRun(home.resolve("free"), home.resolve("c"));

        Cli.Result limitedStopped = gpubot(small("--out", home.resolve("d").toString(), "--stop-after", "1"));
        assertThat(limitedStopped.code()).as(limitedStopped.err()).isZero();
        Cli.Result loosened = gpubot("evolve", "--resume", home.resolve("d").toString(), "--no-limits");
        assertThat(loosened.code()).isEqualTo(Main.USER_ERROR);
        assertThat(loosened.err()).contains("was started with the risk limits; --no-limits cannot change them half way");
    }

    @Test
    void aTimeBudgetEndsTheRunAfterTheGenerationThatPassesItAndSavesTheBest() throws Exception {
        Cli.Result r = gpubot(small("--out", home.resolve("budget").toString(), "--minutes", "0.00001"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("gen   1/3").doesNotContain("gen   2/3").contains("Best bots").contains("Saved 3 bots");
        assertThat(BotFiles.read(home.resolve("budget").resolve("bots").resolve("bot-001.json")).provenance().outOfSample())
                .as("the hall of fame is evaluated on the held-out data").isNotNull();
        assertThat(gpubot(small("--minutes", "0")).err()).contains("--minutes must be above 0");
    }

    @Test
    void aSavedBotBacktestedSeparatelyGivesTheMetricsInItsFile() throws Exception {
        Cli.Result run = gpubot(small());
        assertThat(run.code()).as(run.err()).isZero();
        Path runs = home.resolve("runs").resolve("XBTUSDTM").resolve("4h");
        Path folder;
        try (Stream<Path> list = Files.list(runs)) {
            folder = list.findFirst().orElseThrow();
        }
        assertThat(folder.getFileName().toString()).startsWith("s5-");
        JsonNode runJson = new ObjectMapper().readTree(folder.resolve("run.json").toFile());
        String holdOutFrom = runJson.get("data").get("holdOutFrom").asText();
        assertThat(runJson.get("options").get("population").intValue()).isEqualTo(30);

        Path file = folder.resolve("bots").resolve("bot-001.json");
        Bot bot = BotFiles.read(file);
        String trainFrom = java.time.Instant.ofEpochMilli(bot.provenance().dataFrom()).toString();
        String trainTo = java.time.Instant.ofEpochMilli(bot.provenance().dataTo()).toString();
        assertThat(trainTo).isEqualTo(holdOutFrom);
        assertThat(backtest(file, "--from", trainFrom, "--to", trainTo)).isEqualTo(bot.provenance().training());
        assertThat(backtest(file, "--from", holdOutFrom)).isEqualTo(bot.provenance().outOfSample());
        assertThat(bot.provenance().outOfSample().bars()).isEqualTo(runJson.get("data").get("holdOutBars").intValue());

        List<String> csv = Files.readAllLines(folder.resolve("generations.csv"));
        assertThat(csv.get(0)).isEqualTo("generation,best,median,mean,diversity,distinct_types,mean_indicators,cycles,best_bot");
        assertThat(csv).hasSize(4);

        Cli.Result list = gpubot("bots", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("held-out return %").contains("bot-001.json").contains("bot-003.json").contains("3 bots");

        String report = Files.readString(folder.resolve("report.html"));
        assertThat(report).contains("Fitness over generations").contains(bot.name()).contains("Held-out data");
        // The fitness chart, then training and held-out charts of each of the three saved bots.
        assertThat(report.split("data:image/png;base64,", -1)).hasSize(1 + 1 + 3 * 2);
    }

    @Test
    void everyRunReportsBuyAndHoldTheNullDsrAndPboAndAFinishedRunExtendsWithResumeAndGenerations() throws Exception {
        Path run = home.resolve("e");
        Cli.Result r = gpubot(small("--out", run.toString(), "--null-bots", "40", "--walk-forward", "2"));
        assertThat(r.code()).as(r.err()).isZero();
        // The default fitness scores every window; breeding sees the older 70% of them.
        assertThat(r.out()).contains("fitness edge-recent, bred on the older ").contains(" are --validation 0.30)")
                .contains("Ranked by the training score").contains("Buy and hold, training: spot +")
                .contains("Null (40 random bots").contains("Deflated Sharpe Ratio of rank 1: ").contains("Probability of Backtest Overfitting: ")
                .contains("fold 2: train").contains("chained out of sample").contains(io.gpubot.evolve.Evidence.HELD_OUT_CAVEAT);
        JsonNode evidence = new ObjectMapper().readTree(run.resolve("evidence.json").toFile());
        assertThat(evidence.get("ranks")).hasSize(3);
        // bot-001 is the best by the score the table shows.
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode rank : evidence.get("ranks")) {
            assertThat(rank.get("score").doubleValue()).isLessThanOrEqualTo(previous);
            previous = rank.get("score").doubleValue();
        }
        assertThat(evidence.get("trials").asLong()).isEqualTo(new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("backtests").asLong());
        assertThat(Files.readString(run.resolve("report.html"))).contains("How sure is this?").contains("Deflated Sharpe Ratio")
                .contains("Walk-forward").contains(io.gpubot.evolve.Evidence.PBO_MEANING);
        Cli.Result show = gpubot("bots", "show", run.resolve("bots").resolve("bot-001.json").toString());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("Rank 1 of 3 by the training score").contains("Deflated Sharpe Ratio: ")
                .contains("Buy and hold over the held-out bars");
        JsonNode first = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(first.get("heldOutUses").asInt()).isEqualTo(1);

        Cli.Result more = gpubot("evolve", "--resume", run.toString(), "--generations", "5", "--null-bots", "0");
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("gen   4/5").contains("gen   5/5").doesNotContain("gen   3/5");
        JsonNode extended = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(extended.get("completedGenerations").asInt()).isEqualTo(5);
        assertThat(extended.get("options").get("generations").asInt()).isEqualTo(5);
        assertThat(extended.get("backtests").asLong()).isGreaterThan(first.get("backtests").asLong());
        assertThat(extended.get("heldOutUses").asInt()).isEqualTo(2);
        Cli.Result fewer = gpubot("evolve", "--resume", run.toString(), "--generations", "4");
        assertThat(fewer.code()).isNotZero();
        assertThat(fewer.err()).contains("has already run 5 generations");
    }

    @Test
    void theNullStudyComparesTheGaWithABudgetMatchedRandomSearch() {
        Cli.Result r = gpubot("research", "null", "--data", "bundled:btc-usd-4h", "--seeds", "2", "--population", "20", "--generations", "2",
                "--max-indicators", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Null study on XBTUSDTM 4h: 2 seeds from 1, population 20 x 2 generations, fitness edge-recent")
                .contains("Buy and hold: training spot +").contains("GA better in").contains("of 2 seeds")
                .contains("Rank correlation of the training score and held-out Sharpe").contains("Repeatability of the held-out order");
    }

    @Test
    void aBacktestOnTooFewDaysIsWarned() throws Exception {
        Cli.Result a = gpubot(small("--out", home.resolve("w").toString(), "--null-bots", "0"));
        assertThat(a.code()).as(a.err()).isZero();
        Cli.Result r = gpubot("backtest", "--bot", home.resolve("w").resolve("bots").resolve("bot-001.json").toString(), "--data",
                "bundled:btc-usd-4h", "--from", "2025-10-22");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("days and").contains("are too few for the Sharpe");

        Path png = home.resolve("check.png");
        Cli.Result check = gpubot("bots", "check", home.resolve("w").resolve("bots").resolve("bot-001.json").toString(), "--data",
                "bundled:btc-usd-4h", "--from", "2024-01-01", "--simulations", "50", "--other", "bundled:eth-usd-4h", "--chart", png.toString());
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("as saved").contains("nudged: ").contains("costs doubled (fees and slippage)")
                .contains("other data: bundled:eth-usd-4h").contains("Monte Carlo (50 resamplings").contains("Verdict: ");
        assertThat(Files.size(png)).isGreaterThan(1000);
    }

    @Test
    void badOptionsGetOneLine() {
        Cli.Result r = gpubot("evolve", "--data", "bundled:btc-usd-4h", "--fitness", "luck");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("unknown fitness 'luck'; choose one of edge, edge-consistent, edge-recent, robust, sharpe");
        Cli.Result cycles = gpubot("evolve", "--data", "bundled:btc-usd-4h", "--cycles", "100", "--cycle-days", "60", "--population", "10");
        assertThat(cycles.code()).isNotZero();
        assertThat(cycles.err()).contains("do not fit in the").contains("lower --cycles or --cycle-days");
    }

    Metrics backtest(Path bot, String... window) throws Exception {
        String[] args = Stream.concat(Stream.of("backtest", "--bot", bot.toString(), "--data", "bundled:btc-usd-4h", "--json"), Stream.of(window))
                .toArray(String[]::new);
        Cli.Result r = gpubot(args);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(r.out()).get("metrics");
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).treeToValue(metrics, Metrics.class);
    }

    static void assertSameRun(Path a, Path b) throws Exception {
        assertThat(Files.readString(b.resolve("generations.csv"))).isEqualTo(Files.readString(a.resolve("generations.csv")));
        assertThat(Files.readString(b.resolve("checkpoint.json"))).isEqualTo(Files.readString(a.resolve("checkpoint.json")));
        for (String name : List.of("bot-001.json", "bot-002.json", "bot-003.json")) {
            assertThat(Files.readString(b.resolve("bots").resolve(name))).as(name).isEqualTo(Files.readString(a.resolve("bots").resolve(name)));
        }
    }
}
