package io.gpubot.core.bot;

import io.gpubot.core.backtest.Metrics;

/**
 * Where a bot came from: the evolution run and generation, the data it was trained on, and the
 * metrics it reached there and on data the evolution never saw. Every field may be empty
 * ({@code null}, or -1 for numbers) for a bot written by hand.
 *
 * @param run          the evolution run's id
 * @param generation   the generation it was found in
 * @param symbol       the contract of the training data
 * @param timeframe    the timeframe of the training data
 * @param dataFrom     open time of the first training bar (ms)
 * @param dataTo       close time of the last training bar (ms)
 * @param training     metrics on the training data
 * @param outOfSample  metrics on the held-out data
 */
public record Provenance(String run, int generation, String symbol, String timeframe, long dataFrom, long dataTo,
                         Metrics training, Metrics outOfSample) {

    public static final Provenance NONE = new Provenance(null, -1, null, null, -1, -1, null, null);
}
