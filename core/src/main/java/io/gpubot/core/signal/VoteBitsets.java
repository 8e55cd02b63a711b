package io.gpubot.core.signal;

/**
 * An indicator's votes over a series as two bitsets: bit {@code i} (bit {@code i & 63} of word
 * {@code i >>> 6}) of {@code bullish} is set when the indicator votes {@link SignalRules#BULLISH} at bar
 * {@code i}, of {@code bearish} when it votes {@link SignalRules#BEARISH}; never both. Bits past the last
 * bar are clear, and there is at least one word even for an empty series.
 *
 * @param bullish the bullish bits (owned by this value; read only)
 * @param bearish the bearish bits (owned by this value; read only)
 */
public record VoteBitsets(long[] bullish, long[] bearish) {

    /** The vote at bar {@code i}: +1, -1 or 0. */
    public int voteAt(int i) {
        long bit = 1L << i;
        if ((bullish[i >>> 6] & bit) != 0) return SignalRules.BULLISH;
        if ((bearish[i >>> 6] & bit) != 0) return SignalRules.BEARISH;
        return SignalRules.NEUTRAL;
    }
}
