package io.gpubot.kucoin;

import io.gpubot.core.market.TimeRange;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link HistoryStore} in memory, standing in for the SQLite candle store. */
final class InMemoryHistoryStore implements HistoryStore {

    final Map<String, TreeMap<Long, double[]>> candles = new ConcurrentHashMap<>();
    final Map<String, TreeMap<Long, Double>> funding = new ConcurrentHashMap<>();
    volatile int saves;

    private TreeMap<Long, double[]> bars(String symbol, Timeframe timeframe) {
        return candles.computeIfAbsent(symbol + "/" + timeframe.label(), k -> new TreeMap<>());
    }

    @Override
    public synchronized List<TimeRange> missingCandles(String symbol, Timeframe timeframe, long fromMillis, long toMillis) {
        TreeMap<Long, double[]> stored = bars(symbol, timeframe);
        List<TimeRange> missing = new ArrayList<>();
        long gapStart = -1;
        for (long t = fromMillis; t < toMillis; t += timeframe.millis()) {
            boolean have = stored.containsKey(t);
            if (!have && gapStart < 0) gapStart = t;
            if (have && gapStart >= 0) {
                missing.add(new TimeRange(gapStart, t));
                gapStart = -1;
            }
        }
        if (gapStart >= 0) missing.add(new TimeRange(gapStart, toMillis));
        return missing;
    }

    @Override
    public synchronized void saveCandles(String symbol, CandleSeries bars) {
        saves++;
        TreeMap<Long, double[]> stored = bars(symbol, bars.timeframe());
        for (int i = 0; i < bars.size(); i++) {
            stored.put(bars.time(i), new double[] {bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i)});
        }
    }

    @Override
    public synchronized List<TimeRange> missingFundingRates(String symbol, long fromMillis, long toMillis) {
        TreeMap<Long, Double> stored = funding.computeIfAbsent(symbol, k -> new TreeMap<>());
        if (stored.isEmpty()) return List.of(new TimeRange(fromMillis, toMillis));
        List<TimeRange> missing = new ArrayList<>();
        if (stored.firstKey() > fromMillis) missing.add(new TimeRange(fromMillis, Math.min(toMillis, stored.firstKey())));
        if (stored.lastKey() + 1 < toMillis) missing.add(new TimeRange(Math.max(fromMillis, stored.lastKey() + 1), toMillis));
        return missing;
    }

    @Override
    public synchronized void saveFundingRates(String symbol, List<FundingRatePoint> points) {
        TreeMap<Long, Double> stored = funding.computeIfAbsent(symbol, k -> new TreeMap<>());
        points.forEach(p -> stored.put(p.timepoint(), p.fundingRate()));
    }
}
