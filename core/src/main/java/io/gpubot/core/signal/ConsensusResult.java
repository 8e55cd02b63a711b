package io.gpubot.core.signal;

import java.util.List;

/** A consensus decision and the readings it was made from (what the dashboard shows). */
public record ConsensusResult(Signal signal, int bullish, int bearish, List<IndicatorReading> breakdown) {

    public ConsensusResult {
        breakdown = List.copyOf(breakdown);
    }

    public int neutral() {
        return breakdown.size() - bullish - bearish;
    }
}
