package io.gpubot.evolve;

import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.Cycle;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The nested hold-out inside the training period: breeding never sees the newest validation windows. */
class ValidationTest {

    static final EvolveOptions EDGE = EngineTest.OPTIONS.withFitness(Fitness.EDGE);

    @Test
    void breedingSelectsOnAllButTheNewestShareOfTheTrainingWindows() {
        Engine engine = new Engine(EngineTest.CANDLES, EngineTest.BTC, EngineTest.RUN, EDGE.withValidation(0.3), 1);
        // Bars 200..2000 are training (2,500 bars, 20% held out): 12 windows of 150 bars; 70% of 12 rounds to 8.
        List<Cycle> windows = engine.cycles(0);
        assertThat(windows).hasSize(12);
        assertThat(engine.breedingCycles(windows)).isEqualTo(8);
        assertThat(windows.get(7).to()).isEqualTo(1_400);
        // 90 windows (the bundled 4h data's 30-day windows): breeding sees 63, the hall of fame all 90.
        assertThat(EDGE.withValidation(0.3).breedingWindows(90)).isEqualTo(63);
        assertThat(EDGE.withValidation(0).breedingWindows(90)).isEqualTo(90);
        assertThat(new Engine(EngineTest.CANDLES, EngineTest.BTC, EngineTest.RUN, EDGE.withValidation(0), 1).breedingCycles(windows)).isEqualTo(12);
        // A fitness scored on a few drawn cycles has no fixed newest windows to set aside.
        Engine robust = new Engine(EngineTest.CANDLES, EngineTest.BTC, EngineTest.RUN, EDGE.withFitness(Fitness.ROBUST).withValidation(0.3), 1);
        assertThat(robust.breedingCycles(robust.cycles(0))).isEqualTo(3);
    }

    @Test
    void breedingScoresAreTheFitnessOverTheLeadingWindowsAndTheHallOfFameScoreOverAll() {
        Backtester backtester = new Backtester(EngineTest.CANDLES, EngineTest.BTC, EngineTest.RUN).metricsOnly();
        List<Cycle> windows = TrainingPlan.of(EngineTest.CANDLES.size(), EDGE).consecutiveWindows();
        GenomeBounds bounds = new GenomeBounds(EngineTest.BTC, 1, 3, 1, 10);
        SplittableRandom random = new SplittableRandom(5);
        List<Bot> bots = new ArrayList<>();
        for (int i = 0; i < 12; i++) bots.add(bounds.random(random));

        PopulationEvaluator evaluator = new PopulationEvaluator(backtester, Fitness.EDGE, 1);
        double[] all = evaluator.evaluate(bots, windows, 8);
        double[] breeding = evaluator.breedingScores(bots);
        List<List<BacktestResult>> results = backtester.runCycles(bots, windows, 1);
        int differ = 0;
        for (int i = 0; i < bots.size(); i++) {
            List<Metrics> metrics = results.get(i).stream().map(BacktestResult::metrics).toList();
            assertThat(all[i]).isEqualTo(finite(Fitness.EDGE.score(metrics)));
            assertThat(breeding[i]).isEqualTo(finite(Fitness.EDGE.score(metrics.subList(0, 8))));
            if (all[i] != breeding[i]) differ++;
        }
        assertThat(differ).as("the validation windows change some scores").isPositive();
    }

    /**
     * Changing every bar from the first validation window on (validation and held-out alike) cannot change
     * any generation's population, since elites and tournaments see only the earlier windows; the hall
     * of fame, admitted and ranked on all windows, does see them. Without a validation share the same
     * change does reach the population, so the test can fail.
     */
    @Test
    void noValidationBarReachesThePopulation() {
        EvolveOptions options = EDGE.withValidation(0.3);
        CandleSeries changed = WalkForwardTest.scaledFrom(EngineTest.CANDLES, 1_400, 1.7);
        List<EvolutionState> original = states(EngineTest.CANDLES, options);
        List<EvolutionState> other = states(changed, options);
        for (int g = 0; g < original.size(); g++) {
            assertThat(canonical(other.get(g).population())).as("generation %d", g).isEqualTo(canonical(original.get(g).population()));
        }
        List<Double> fameScores = original.get(original.size() - 1).hallOfFame().stream().map(Fame::fitness).toList();
        assertThat(other.get(other.size() - 1).hallOfFame().stream().map(Fame::fitness).toList()).isNotEqualTo(fameScores);

        List<EvolutionState> plain = states(EngineTest.CANDLES, options.withValidation(0));
        List<EvolutionState> plainChanged = states(changed, options.withValidation(0));
        assertThat(canonical(plainChanged.get(plainChanged.size() - 1).population()))
                .isNotEqualTo(canonical(plain.get(plain.size() - 1).population()));
    }

    /** With the default options, changing every held-out bar changes no generation, no saved bot and no score. */
    @Test
    void theDefaultEvolutionNeverSeesTheHeldOutBars() {
        EvolveOptions defaults = EngineTest.OPTIONS;
        assertThat(defaults.fitness()).isEqualTo(Fitness.EDGE_RECENT);
        assertThat(defaults.validation()).isEqualTo(EvolveOptions.DEFAULT_VALIDATION);
        int trainTo = TrainingPlan.of(EngineTest.CANDLES.size(), defaults).trainTo();
        CandleSeries changed = WalkForwardTest.scaledFrom(EngineTest.CANDLES, trainTo, 1.7);
        List<EvolutionState> original = states(EngineTest.CANDLES, defaults);
        List<EvolutionState> other = states(changed, defaults);
        for (int g = 0; g < original.size(); g++) {
            assertThat(canonical(other.get(g).population())).as("generation %d", g).isEqualTo(canonical(original.get(g).population()));
        }
        Engine.Ranked a = new Engine(EngineTest.CANDLES, EngineTest.BTC, EngineTest.RUN, defaults, 1).finishRanked(original.get(original.size() - 1), "a");
        Engine.Ranked b = new Engine(changed, EngineTest.BTC, EngineTest.RUN, defaults, 1).finishRanked(other.get(other.size() - 1), "a");
        assertThat(canonical(b.bots())).isEqualTo(canonical(a.bots()));
        assertThat(b.scores()).isEqualTo(a.scores());
        // The held-out results are what changed.
        assertThat(b.bots().stream().map(bot -> bot.provenance().outOfSample()).toList())
                .isNotEqualTo(a.bots().stream().map(bot -> bot.provenance().outOfSample()).toList());
    }

    private static List<EvolutionState> states(CandleSeries series, EvolveOptions options) {
        Engine engine = new Engine(series, EngineTest.BTC, EngineTest.RUN, options, 1);
        List<EvolutionState> states = new ArrayList<>();
        EvolutionState state = engine.start();
        states.add(state);
        while (!engine.isDone(state)) {
            state = engine.step(state);
            states.add(state);
        }
        return states;
    }

    private static List<String> canonical(List<Bot> bots) {
        return bots.stream().map(Bot::canonical).toList();
    }

    private static double finite(double score) {
        return Double.isFinite(score) ? score : PopulationEvaluator.WORST;
    }
}
