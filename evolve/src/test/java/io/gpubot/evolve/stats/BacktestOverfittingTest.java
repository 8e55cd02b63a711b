package io.gpubot.evolve.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacktestOverfittingTest {

    /** Strategies of pure noise: the in-sample winner is a random pick out of sample, so PBO is about one half. */
    @Test
    void pureNoiseStrategiesOverfitHalfTheTime() {
        double total = 0;
        int repeats = 20;
        for (int k = 0; k < repeats; k++) {
            SplittableRandom random = new SplittableRandom(1000 + k);
            double[][] returns = new double[240][50];
            for (double[] row : returns) for (int s = 0; s < row.length; s++) row[s] = random.nextGaussian();
            total += BacktestOverfitting.probability(returns, 10);
        }
        assertThat(total / repeats).isCloseTo(0.5, within(0.06));
    }

    /** One strategy with a real edge among noise: it wins in sample and stays on top out of sample. */
    @Test
    void aDominantTrueStrategyIsNotOverfit() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] returns = new double[240][50];
        for (double[] row : returns) {
            for (int s = 0; s < row.length; s++) row[s] = random.nextGaussian() + (s == 17 ? 1.0 : 0);
        }
        assertThat(BacktestOverfitting.probability(returns, 10)).isZero();
    }

    /** Worked by hand: 2 strategies, 2 blocks; A wins block 0, B wins block 1, so each winner loses out of sample. */
    @Test
    void aHandWorkedReversalIsAlwaysOverfit() {
        double[][] returns = {{1, 0}, {0, 1}};
        assertThat(BacktestOverfitting.probability(returns, 2)).isEqualTo(1.0);
        double[][] steady = {{1, 0}, {1, 0}};
        assertThat(BacktestOverfitting.probability(steady, 2)).isEqualTo(0.0);
    }
}
