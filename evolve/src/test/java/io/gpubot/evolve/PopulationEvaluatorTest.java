package io.gpubot.evolve;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.Cycle;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.Provenance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PopulationEvaluatorTest {

    static final Backtester BACKTESTER = new Backtester(EngineTest.CANDLES, EngineTest.BTC, EngineTest.RUN);
    static final List<Cycle> CYCLES = List.of(new Cycle(300, 600), new Cycle(900, 1200));

    @Test
    void equalGenesAreBacktestedOnceAndScoredAlike() {
        GenomeBounds bounds = new GenomeBounds(EngineTest.BTC, 1, 4, 1, 10);
        SplittableRandom random = new SplittableRandom(3);
        Bot a = bounds.random(random);
        Bot b = bounds.random(random);
        List<io.gpubot.core.indicator.IndicatorSpec> reordered = new ArrayList<>(a.indicators());
        Collections.reverse(reordered);
        // Same genes under another name, provenance and indicator order: the same canonical bot.
        Bot twin = new Bot("twin", reordered, a.consensus(), a.leverage(), a.exits(), a.sizing(), new Provenance("x", 1, null, null, -1, -1, null, null));
        PopulationEvaluator evaluator = new PopulationEvaluator(BACKTESTER, Fitness.ROBUST, 2);

        double[] scores = evaluator.evaluate(List.of(a, b, twin, a), CYCLES);
        assertThat(evaluator.evaluations()).isEqualTo(2);
        assertThat(scores[0]).isEqualTo(scores[2]).isEqualTo(scores[3]);
        List<Metrics> cycles = BACKTESTER.runCycles(List.of(b), CYCLES, 1).get(0).stream().map(r -> r.metrics()).toList();
        assertThat(scores[1]).isEqualTo(Fitness.ROBUST.score(cycles));

        evaluator.evaluate(List.of(b, a), CYCLES);
        assertThat(evaluator.evaluations()).as("cached while the cycles stay").isEqualTo(2);
        evaluator.evaluate(List.of(b, a), List.of(new Cycle(300, 600)));
        assertThat(evaluator.evaluations()).as("new cycles, new scores").isEqualTo(4);
    }

    @Test
    void barsBeforeTheFirstCountAsWarmUpAndTheHoldOutIsAShareOfTheRest() {
        EvolveOptions options = EvolveOptions.of(10, 1, 2, 100, 1, 3, 1, 5, 1000, 1);
        TrainingPlan fromStart = TrainingPlan.of(0, 2_000, options);
        assertThat(fromStart.trainFrom()).isEqualTo(200);
        assertThat(fromStart.trainTo()).isEqualTo(1_600);
        TrainingPlan later = TrainingPlan.of(1_000, 2_000, options);
        assertThat(later.trainFrom()).isEqualTo(1_000);
        assertThat(later.trainTo()).isEqualTo(1_800);
        List<Cycle> windows = later.consecutiveWindows();
        assertThat(windows).hasSize(8);
        assertThat(windows.get(0).from()).isEqualTo(1_000);
        assertThat(windows.get(7).to()).isEqualTo(1_800);
    }
}
