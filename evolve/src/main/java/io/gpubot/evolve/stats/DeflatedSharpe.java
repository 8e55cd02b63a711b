package io.gpubot.evolve.stats;

/**
 * The Probabilistic and the Deflated Sharpe Ratio (Bailey and López de Prado, "The Deflated Sharpe
 * Ratio: Correcting for Selection Bias, Backtest Overfitting and Non-Normality", 2014). All Sharpe
 * ratios here are per observation (not annualised), as in the paper's formulas.
 */
public final class DeflatedSharpe {

    private static final double EULER_MASCHERONI = 0.5772156649015329;

    private DeflatedSharpe() {
    }

    /**
     * PSR: the probability that the true Sharpe ratio exceeds {@code benchmark}, given an observed
     * {@code sharpe} over {@code observations} returns of skewness {@code skew} and kurtosis
     * {@code kurtosis} (3 for normal returns).
     */
    public static double probabilistic(double sharpe, double benchmark, int observations, double skew, double kurtosis) {
        if (observations < 2) return Double.NaN;
        double denominator = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (!(denominator > 0)) return Double.NaN;
        return Statistics.normalCdf((sharpe - benchmark) * Math.sqrt(observations - 1) / Math.sqrt(denominator));
    }

    /**
     * The Sharpe ratio the best of {@code trials} independent strategies without skill is expected to
     * reach, when the trials' Sharpe ratios vary by {@code trialVariance}: the paper's SR₀ (eq. 2).
     */
    public static double expectedMaximum(double trialVariance, long trials) {
        if (trials < 2) return 0;
        double n = trials;
        return Math.sqrt(trialVariance) * ((1 - EULER_MASCHERONI) * Statistics.normalQuantile(1 - 1 / n)
                + EULER_MASCHERONI * Statistics.normalQuantile(1 - 1 / (n * Math.E)));
    }

    /** DSR: the PSR against the expected maximum of {@code trials} unskilled trials. */
    public static double deflated(double sharpe, int observations, double skew, double kurtosis, double trialVariance, long trials) {
        return probabilistic(sharpe, expectedMaximum(trialVariance, trials), observations, skew, kurtosis);
    }

    /** DSR of a return series: its per-observation Sharpe ratio, skewness and kurtosis are measured from it. */
    public static double deflated(double[] returns, double trialVariance, long trials) {
        double sd = Statistics.standardDeviation(returns);
        if (!(sd > 0)) return Double.NaN;
        return deflated(Statistics.mean(returns) / sd, returns.length, Statistics.skewness(returns), Statistics.kurtosis(returns), trialVariance,
                trials);
    }
}
