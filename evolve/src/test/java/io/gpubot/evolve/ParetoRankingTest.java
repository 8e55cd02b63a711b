package io.gpubot.evolve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ParetoRankingTest {

    @TempDir
    Path dir;

    @Test
    void everyBotOnABetterFrontOutscoresEveryBotOnAWorseOne() {
        double[][] returnAndNegativeDrawdown = {
                {10, -5},   // front 0: best return
                {5, -1},    // front 0: smallest drawdown
                {7, -3},    // front 0: between the two
                {4, -6},    // front 1: dominated by {10, -5} and {5, -1}
                {1, -10},   // front 2: dominated by {4, -6}
        };
        double[] s = ParetoRanking.scores(returnAndNegativeDrawdown);
        assertThat(Math.min(s[0], Math.min(s[1], s[2]))).isGreaterThan(s[3]);
        assertThat(s[3]).isGreaterThan(s[4]);
        assertThat(s[0]).isBetween(0.0, 0.5);
        assertThat(s[3]).isBetween(-1.0, -0.5);
        assertThat(s[4]).isBetween(-2.0, -1.5);
        // The extremes of a front are the least crowded.
        assertThat(s[0]).isGreaterThan(s[2]);
        assertThat(s[1]).isGreaterThan(s[2]);
    }

    @Test
    void aParetoRunIsReproducibleOnAnyThreadCountAndSelectsDifferentlyFromTheFitness() throws Exception {
        EvolveOptions pareto = EngineTest.OPTIONS.withPareto(true);
        EvolutionRun.Outcome one = EngineTest.evolve(dir.resolve("one"), pareto, 1);
        EvolutionRun.Outcome two = EngineTest.evolve(dir.resolve("two"), pareto, 2);
        assertThat(EngineTest.sameFiles(dir.resolve("one"), dir.resolve("two"))).isTrue();
        assertThat(one.bots()).isEqualTo(two.bots());
        EvolutionRun.Outcome plain = EngineTest.evolve(dir.resolve("plain"), EngineTest.OPTIONS, 1);
        assertThat(one.state().history().get(3)).isNotEqualTo(plain.state().history().get(3));
    }
}
