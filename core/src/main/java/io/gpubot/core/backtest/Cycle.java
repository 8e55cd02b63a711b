package io.gpubot.core.backtest;

/**
 * A training window: bars {@code [from, to)} of a series. Bots trade only inside it; their indicators
 * have seen the bars before {@code from}, so they are warm when it starts.
 */
public record Cycle(int from, int to) {

    public Cycle {
        if (from < 0 || to < from) throw new IllegalArgumentException("a cycle runs from bar " + from + " to bar " + to);
    }

    public int bars() {
        return to - from;
    }
}
