package io.gpubot.app;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.market.TimeRange;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import io.gpubot.kucoin.FundingRatePoint;
import io.gpubot.kucoin.HistoryStore;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;

/**
 * The candle store as the KuCoin downloader's {@link HistoryStore}: KuCoin candles under the exchange
 * {@code kucoin}; funding settlements snapped to the contract's funding grid (KuCoin stamps them a
 * few milliseconds late) so that the trading rules find them at the settlement time.
 */
public final class StoreHistory implements HistoryStore {

    private static final Duration DEFAULT_FUNDING_INTERVAL = Duration.ofHours(8);

    private final CandleStore store;

    public StoreHistory(CandleStore store) {
        this.store = store;
    }

    @Override
    public synchronized List<TimeRange> missingCandles(String symbol, Timeframe timeframe, long fromMillis, long toMillis) {
        return store.missing(SeriesKey.kucoin(symbol, timeframe), fromMillis, toMillis);
    }

    @Override
    public synchronized void saveCandles(String symbol, CandleSeries bars) {
        store.upsert(SeriesKey.kucoin(symbol, bars.timeframe()), bars);
    }

    @Override
    public synchronized List<TimeRange> missingFundingRates(String symbol, long fromMillis, long toMillis) {
        return store.missingFunding(SeriesKey.KUCOIN, symbol, fromMillis, toMillis, fundingInterval(symbol));
    }

    @Override
    public synchronized void saveFundingRates(String symbol, List<FundingRatePoint> points) {
        long interval = fundingInterval(symbol);
        TreeMap<Long, Double> bySettlement = new TreeMap<>();
        for (FundingRatePoint p : points) {
            bySettlement.put(Math.round((double) p.timepoint() / interval) * interval, p.fundingRate());
        }
        long[] time = bySettlement.keySet().stream().mapToLong(Long::longValue).toArray();
        double[] rate = bySettlement.values().stream().mapToDouble(Double::doubleValue).toArray();
        store.upsertFunding(SeriesKey.KUCOIN, symbol, FundingRates.of(time, rate));
    }

    static long fundingInterval(String symbol) {
        return Contracts.find(symbol).map(Contract::fundingInterval).orElse(DEFAULT_FUNDING_INTERVAL).toMillis();
    }
}
