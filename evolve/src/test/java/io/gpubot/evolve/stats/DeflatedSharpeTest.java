package io.gpubot.evolve.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DeflatedSharpeTest {

    /**
     * The numerical example of Bailey and López de Prado (2014), "The Deflated Sharpe Ratio", section
     * 6: 100 trials whose annualised Sharpe ratios vary by 0.5, a best annualised Sharpe of 2.5 over
     * 5 years of daily returns (T = 1,250, 250 a year), skewness −3, kurtosis 10: SR₀ = 0.1132 per
     * day and DSR = 0.9004.
     */
    @Test
    void reproducesThePapersNumericalExample() {
        double perDay = Math.sqrt(250);
        double trialVariance = 0.5 / 250;
        assertThat(DeflatedSharpe.expectedMaximum(trialVariance, 100)).isCloseTo(0.1132, within(5e-5));
        double dsr = DeflatedSharpe.deflated(2.5 / perDay, 1250, -3, 10, trialVariance, 100);
        assertThat(dsr).isCloseTo(0.9004, within(5e-4));
    }

    @Test
    void psrOfABenchmarkEqualToTheSharpeIsOneHalfAndNormalReturnsUseTheSimpleStandardError() {
        assertThat(DeflatedSharpe.probabilistic(0.1, 0.1, 500, 0, 3)).isCloseTo(0.5, within(1e-9));
        // Normal returns: z = SR √(T−1) / √(1 + SR²/2); SR 0.1, T 101 -> z = 1 / √1.005 = 0.99751, Φ = 0.84073
        assertThat(DeflatedSharpe.probabilistic(0.1, 0, 101, 0, 3)).isCloseTo(0.84073, within(2e-5));
    }

    @Test
    void moreTrialsDeflateMore() {
        double few = DeflatedSharpe.deflated(0.15, 1000, 0, 3, 0.002, 10);
        double many = DeflatedSharpe.deflated(0.15, 1000, 0, 3, 0.002, 100_000);
        assertThat(many).isLessThan(few);
        assertThat(DeflatedSharpe.expectedMaximum(0.002, 1)).isZero();
    }

    @Test
    void normalQuantileAndDistributionAgree() {
        assertThat(Statistics.normalQuantile(0.99)).isCloseTo(2.32635, within(1e-5));
        assertThat(Statistics.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(Statistics.normalCdf(Statistics.normalQuantile(0.3))).isCloseTo(0.3, within(1e-6));
    }

    @Test
    void spearmanIsPearsonOnRanksWithTiesAveraged() {
        assertThat(Statistics.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 400})).isCloseTo(1, within(1e-12));
        assertThat(Statistics.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isCloseTo(-1, within(1e-12));
        assertThat(Statistics.ranks(new double[] {5, 1, 5, 2})).containsExactly(3.5, 1, 3.5, 2);
    }
}
