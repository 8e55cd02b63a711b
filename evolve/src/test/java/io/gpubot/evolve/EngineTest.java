package io.gpubot.evolve;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.Cycle;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.data.BotFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EngineTest {

    static final CandleSeries CANDLES = SyntheticMarket.bitcoinLike(11).withTimeframe(Timeframe.H4).generate(2_500);
    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final RunSettings RUN = RunSettings.withBalance(1000);
    static final EvolveOptions OPTIONS = EvolveOptions.of(40, 4, 3, 150, 1, 4, 1, 20, 1000, 42).withHallOfFame(10);

    @TempDir
    Path dir;

    static EvolutionRun.Outcome evolve(Path folder, EvolveOptions options, int threads) {
        Engine engine = new Engine(CANDLES, BTC, RUN, options, threads);
        return new EvolutionRun(engine, new RunFiles(folder), "test").run(() -> false, (s, e, n) -> { });
    }

    @Test
    void theSameSeedGivesIdenticalFilesOnOneThreadAndOnTwo() throws IOException {
        EvolutionRun.Outcome one = evolve(dir.resolve("one"), OPTIONS, 1);
        EvolutionRun.Outcome two = evolve(dir.resolve("two"), OPTIONS, 2);
        assertThat(one.finished()).isTrue();
        assertThat(one.files()).hasSize(10);
        assertThat(sameFiles(dir.resolve("one"), dir.resolve("two"))).isTrue();
        assertThat(Files.readAllLines(dir.resolve("one").resolve(RunFiles.GENERATIONS))).hasSize(1 + 4);

        EvolutionRun.Outcome other = evolve(dir.resolve("other"), new EvolveOptions(40, 4, 3, 150, true, 0.2, 200, Fitness.ROBUST, 43,
                1, 4, 1, 20, 1000, 1, 3, 0.7, 0.15, 10, false, 0), 1);
        assertThat(Files.readString(dir.resolve("other").resolve(RunFiles.GENERATIONS)))
                .isNotEqualTo(Files.readString(dir.resolve("one").resolve(RunFiles.GENERATIONS)));
        assertThat(other.bots()).isNotEqualTo(one.bots());
    }

    @Test
    void aRunStoppedAfterTwoGenerationsAndResumedEqualsAnUninterruptedOne() throws IOException {
        evolve(dir.resolve("straight"), OPTIONS, 1);
        Path stopped = dir.resolve("stopped");
        AtomicInteger done = new AtomicInteger();
        Engine first = new Engine(CANDLES, BTC, RUN, OPTIONS, 1);
        EvolutionRun.Outcome halfway = new EvolutionRun(first, new RunFiles(stopped), "test")
                .run(() -> done.get() >= 2, (s, e, n) -> done.incrementAndGet());
        assertThat(halfway.finished()).isFalse();
        assertThat(halfway.state().nextGeneration()).isEqualTo(2);
        assertThat(Files.exists(stopped.resolve(RunFiles.BOTS))).isFalse();

        // A fresh engine, as after a restart of the program, continues from the checkpoint.
        EvolutionRun.Outcome resumed = evolve(stopped, OPTIONS, 2);
        assertThat(resumed.finished()).isTrue();
        assertThat(sameFiles(dir.resolve("straight"), stopped)).isTrue();
    }

    @Test
    void theEdgeFitnessIsIdenticalOnOneAndTwoThreadsAndResumesExactly() throws IOException {
        EvolveOptions edge = OPTIONS.withFitness(Fitness.EDGE);
        evolve(dir.resolve("one"), edge, 1);
        evolve(dir.resolve("two"), edge, 2);
        assertThat(sameFiles(dir.resolve("one"), dir.resolve("two"))).isTrue();
        Path stopped = dir.resolve("stopped");
        AtomicInteger done = new AtomicInteger();
        new EvolutionRun(new Engine(CANDLES, BTC, RUN, edge, 1), new RunFiles(stopped), "test").run(() -> done.get() >= 2, (s, e, n) -> done.incrementAndGet());
        evolve(stopped, edge, 2);
        assertThat(sameFiles(dir.resolve("one"), stopped)).isTrue();
    }

    /** Without a validation share elites are chosen on the score generations.csv shows (with one, on the earlier windows only). */
    @Test
    void withFixedCyclesAndElitismTheBestFitnessNeverFallsAndRises() {
        EvolveOptions fixed = EvolveOptions.of(60, 6, 2, 200, 1, 4, 1, 10, 1000, 7).withRandomCycles(false).withHallOfFame(5).withValidation(0);
        EvolutionRun.Outcome outcome = evolve(dir, fixed, 2);
        List<GenerationSummary> history = outcome.state().history();
        for (int g = 1; g < history.size(); g++) {
            assertThat(history.get(g).best()).isGreaterThanOrEqualTo(history.get(g - 1).best());
            assertThat(history.get(g).cycles()).isEqualTo(history.get(0).cycles());
        }
        assertThat(history.get(history.size() - 1).best()).isGreaterThan(history.get(0).best());
        assertThat(history.get(history.size() - 1).median()).isGreaterThan(history.get(0).median());
        for (GenerationSummary g : history) assertThat(g.diversity()).isBetween(0.0, 1.0).isPositive();
    }

    @Test
    void cyclesStayInsideTheTrainingPeriodAndNeverOverlap() {
        TrainingPlan plan = TrainingPlan.of(CANDLES.size(), OPTIONS);
        assertThat(plan.trainTo()).isEqualTo(2_000);
        for (int g = 0; g < 50; g++) {
            List<Cycle> cycles = plan.cycles(g);
            assertThat(cycles).hasSize(3);
            for (int i = 0; i < cycles.size(); i++) {
                Cycle c = cycles.get(i);
                assertThat(c.bars()).isEqualTo(150);
                assertThat(c.from()).isGreaterThanOrEqualTo(plan.trainFrom());
                assertThat(c.to()).isLessThanOrEqualTo(plan.trainTo());
                if (i > 0) assertThat(c.from()).isGreaterThanOrEqualTo(cycles.get(i - 1).to());
            }
        }
        assertThat(plan.cycles(0)).isNotEqualTo(plan.cycles(1));
        assertThat(plan.cycles(5)).isEqualTo(TrainingPlan.of(CANDLES.size(), OPTIONS).cycles(5));
    }

    @Test
    void savedBotsCarryTrainingAndOutOfSampleMetricsThatABacktestReproduces() {
        EvolutionRun.Outcome outcome = evolve(dir, OPTIONS, 2);
        TrainingPlan plan = TrainingPlan.of(CANDLES.size(), OPTIONS);
        Backtester fresh = new Backtester(CANDLES, BTC, RUN);
        for (Path file : outcome.files().subList(0, 3)) {
            Bot bot = BotFiles.read(file);
            assertThat(bot.provenance().run()).isEqualTo("test");
            assertThat(bot.provenance().dataFrom()).isEqualTo(CANDLES.time(plan.trainFrom()));
            assertThat(bot.provenance().dataTo()).isEqualTo(CANDLES.time(plan.trainTo()));
            assertThat(fresh.run(bot, plan.trainFrom(), plan.trainTo()).metrics()).isEqualTo(bot.provenance().training());
            assertThat(fresh.run(bot, plan.trainTo(), CANDLES.size()).metrics()).isEqualTo(bot.provenance().outOfSample());
            assertThat(bot.provenance().outOfSample().bars()).isEqualTo(500);
        }
        List<Double> fitness = new ArrayList<>();
        outcome.state().hallOfFame().forEach(f -> fitness.add(f.fitness()));
        assertThat(fitness).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(outcome.state().hallOfFame().stream().map(f -> f.bot().canonical()).distinct()).hasSize(10);

        // Saved bots are ranked by their fitness over every consecutive window of the training period.
        Engine engine = new Engine(CANDLES, BTC, RUN, OPTIONS, 1);
        List<Cycle> windows = plan.consecutiveWindows();
        assertThat(windows).hasSize((plan.trainTo() - plan.trainFrom()) / 150);
        List<Double> trainingFitness = new ArrayList<>();
        for (Bot bot : outcome.bots()) {
            trainingFitness.add(OPTIONS.fitness().score(fresh.runCycles(List.of(bot), windows, 1).get(0).stream().map(r -> r.metrics()).toList()));
        }
        assertThat(trainingFitness).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(engine.rankOnTraining(outcome.state().hallOfFame()).stream().map(f -> f.bot().canonical()).toList())
                .isEqualTo(outcome.bots().stream().map(Bot::canonical).toList());
    }

    static boolean sameFiles(Path a, Path b) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(a)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Path other = b.resolve(a.relativize(file).toString());
            assertThat(Files.readString(other)).as(file.getFileName().toString()).isEqualTo(Files.readString(file));
        }
        try (var walk = Files.walk(b)) {
            assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(files.size());
        }
        return true;
    }
}
