package io.gpubot.kucoin;

import io.gpubot.core.market.TimeRange;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import java.util.List;

/**
 * Where {@link HistoryDownloader} puts what it fetches, and how it learns what is still missing
 * (which is what makes an interrupted download resume). Implemented by the candle store; calls may
 * come from several threads, though the downloader never saves concurrently.
 */
public interface HistoryStore {

    /**
     * The ranges of bar open times in {@code [fromMillis, toMillis)} (both aligned to the timeframe)
     * that the store has no bars for, in time order.
     */
    List<TimeRange> missingCandles(String symbol, Timeframe timeframe, long fromMillis, long toMillis);

    /** Stores validated bars (all of the series' timeframe); bars already stored are replaced. */
    void saveCandles(String symbol, CandleSeries bars);

    /** The ranges in {@code [fromMillis, toMillis)} with no funding-rate settlement stored, in time order. */
    List<TimeRange> missingFundingRates(String symbol, long fromMillis, long toMillis);

    /** Stores settled funding rates; points already stored are replaced. */
    void saveFundingRates(String symbol, List<FundingRatePoint> points);
}
