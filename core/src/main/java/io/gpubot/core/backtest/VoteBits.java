package io.gpubot.core.backtest;

import io.gpubot.core.signal.VoteBitsets;

/**
 * An indicator's votes over a series as two bitsets: bit {@code i} of {@code bullish} is set when the
 * indicator votes +1 at bar {@code i}'s close, of {@code bearish} when it votes -1.
 */
record VoteBits(long[] bullish, long[] bearish) {

    static VoteBits of(byte[] votes) {
        int words = (votes.length + 63) >>> 6;
        long[] up = new long[Math.max(1, words)];
        long[] down = new long[Math.max(1, words)];
        for (int i = 0; i < votes.length; i++) {
            if (votes[i] > 0) up[i >>> 6] |= 1L << i;
            else if (votes[i] < 0) down[i >>> 6] |= 1L << i;
        }
        return new VoteBits(up, down);
    }

    static VoteBits of(VoteBitsets bits) {
        return new VoteBits(bits.bullish(), bits.bearish());
    }

    long bytes() {
        return 16L + 8L * (bullish.length + bearish.length);
    }

    boolean bullishAt(int i) {
        return (bullish[i >>> 6] & (1L << i)) != 0;
    }

    boolean bearishAt(int i) {
        return (bearish[i >>> 6] & (1L << i)) != 0;
    }
}
