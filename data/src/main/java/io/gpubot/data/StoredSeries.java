package io.gpubot.data;

import io.gpubot.core.market.Gaps;

/**
 * What the store holds for one series.
 *
 * @param key   the series
 * @param first open time of the first bar
 * @param last  open time of the last bar
 * @param bars  number of bars
 * @param gaps  missing bars between the first and the last
 */
public record StoredSeries(SeriesKey key, long first, long last, long bars, Gaps gaps) {
}
