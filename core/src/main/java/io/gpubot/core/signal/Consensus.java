package io.gpubot.core.signal;

import java.util.List;

/**
 * How a bot turns its indicators' votes into a signal. With the default share 1.0 (the seed's rule): BUY
 * only when every indicator is bullish, SELL only when every one is bearish; a neutral or warming-up
 * indicator blocks the signal. A lower share asks for at least {@code ceil(share x n)} indicators on one
 * side and more on that side than on the other.
 *
 * @param requiredShare the share of indicators that must agree, in (0, 1]
 */
public record Consensus(double requiredShare) {

    public static final Consensus UNANIMOUS = new Consensus(1.0);

    public Consensus {
        if (!(requiredShare > 0.0 && requiredShare <= 1.0)) {
            throw new IllegalArgumentException("consensus share must be in (0, 1], got " + requiredShare);
        }
    }

    /** Votes needed out of {@code n} indicators. */
    public int required(int n) {
        return (int) Math.ceil(requiredShare * n - 1e-9);
    }

    /** The signal of a set of votes (+1, -1, 0); none for an empty set. */
    public Signal decide(int bullish, int bearish, int total) {
        if (total == 0) return Signal.NONE;
        int needed = Math.max(1, required(total));
        if (bullish >= needed && bullish > bearish) return Signal.BUY;
        if (bearish >= needed && bearish > bullish) return Signal.SELL;
        return Signal.NONE;
    }

    /**
     * The signal at every bar from each indicator's votes over the same bars (as {@link SignalRules#votes}
     * produces them): +1 BUY, -1 SELL, 0 none.
     */
    public byte[] signals(List<byte[]> votesPerIndicator) {
        int indicators = votesPerIndicator.size();
        if (indicators == 0) throw new IllegalArgumentException("no indicators");
        int bars = votesPerIndicator.get(0).length;
        for (byte[] votes : votesPerIndicator) {
            if (votes.length != bars) throw new IllegalArgumentException("vote arrays differ in length");
        }
        byte[] signals = new byte[bars];
        for (int i = 0; i < bars; i++) {
            int bullish = 0;
            int bearish = 0;
            for (byte[] votes : votesPerIndicator) {
                if (votes[i] > 0) bullish++;
                else if (votes[i] < 0) bearish++;
            }
            signals[i] = (byte) decide(bullish, bearish, indicators).direction();
        }
        return signals;
    }

    /** The signal with its per-indicator breakdown. */
    public ConsensusResult decide(List<IndicatorReading> readings) {
        int bullish = 0;
        int bearish = 0;
        for (IndicatorReading reading : readings) {
            if (reading.vote() > 0) bullish++;
            else if (reading.vote() < 0) bearish++;
        }
        return new ConsensusResult(decide(bullish, bearish, readings.size()), bullish, bearish, List.copyOf(readings));
    }
}
