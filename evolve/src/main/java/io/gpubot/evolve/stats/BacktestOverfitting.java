package io.gpubot.evolve.stats;

import java.util.Arrays;

/**
 * The Probability of Backtest Overfitting by Combinatorially Symmetric Cross-Validation (Bailey,
 * Borwein, López de Prado and Zhu, "The Probability of Backtest Overfitting", 2015): the rows
 * (periods) of a performance matrix are cut into S blocks; for every way of choosing S/2 blocks as
 * "in sample", the strategy best in sample is located in the out-of-sample ranking; PBO is the share
 * of choices in which it ranks at or below the out-of-sample median (logit ≤ 0).
 */
public final class BacktestOverfitting {

    private BacktestOverfitting() {
    }

    /**
     * PBO of {@code returns[period][strategy]}, performance measured as the mean return of a
     * strategy over a block set; {@code blocks} must be even and at most the periods. NaN with fewer
     * than two strategies.
     */
    public static double probability(double[][] returns, int blocks) {
        int periods = returns.length;
        if (blocks < 2 || blocks % 2 != 0) throw new IllegalArgumentException("blocks must be even and at least 2, got " + blocks);
        if (periods < blocks) throw new IllegalArgumentException(periods + " periods cannot fill " + blocks + " blocks");
        int strategies = returns[0].length;
        if (strategies < 2) return Double.NaN;
        // Per block, each strategy's return sum and the block's length.
        double[][] blockSum = new double[blocks][strategies];
        int[] blockLength = new int[blocks];
        for (int t = 0; t < periods; t++) {
            int b = (int) ((long) t * blocks / periods);
            blockLength[b]++;
            for (int s = 0; s < strategies; s++) blockSum[b][s] += returns[t][s];
        }
        int half = blocks / 2;
        int combinations = 0;
        int overfit = 0;
        double[] inSample = new double[strategies];
        double[] outOfSample = new double[strategies];
        for (int mask = 0; mask < 1 << blocks; mask++) {
            if (Integer.bitCount(mask) != half) continue;
            Arrays.fill(inSample, 0);
            Arrays.fill(outOfSample, 0);
            int inLength = 0;
            int outLength = 0;
            for (int b = 0; b < blocks; b++) {
                boolean in = (mask >>> b & 1) == 1;
                double[] target = in ? inSample : outOfSample;
                for (int s = 0; s < strategies; s++) target[s] += blockSum[b][s];
                if (in) inLength += blockLength[b];
                else outLength += blockLength[b];
            }
            int best = 0;
            for (int s = 1; s < strategies; s++) if (inSample[s] / inLength > inSample[best] / inLength) best = s;
            // Relative rank of the in-sample winner out of sample, in (0, 1): ω = rank / (N + 1).
            double value = outOfSample[best];
            int below = 0;
            int equal = 0;
            for (int s = 0; s < strategies; s++) {
                if (outOfSample[s] < value) below++;
                else if (outOfSample[s] == value) equal++;
            }
            double rank = below + (equal + 1) / 2.0;
            double omega = rank / (strategies + 1);
            if (Math.log(omega / (1 - omega)) <= 0) overfit++;
            combinations++;
        }
        return (double) overfit / combinations;
    }
}
