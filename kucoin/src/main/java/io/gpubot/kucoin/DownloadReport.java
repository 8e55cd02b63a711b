package io.gpubot.kucoin;

import io.gpubot.core.market.TimeRange;
import java.util.List;

/**
 * The outcome of a download.
 *
 * @param symbol            KuCoin contract symbol
 * @param what              e.g. {@code 1m candles} or {@code funding rates}
 * @param requested         the range asked for, after alignment
 * @param missingBefore     what the store lacked before the download
 * @param pages             pages fetched
 * @param rowsSaved         rows saved
 * @param emptyAtExchange   expected bars the exchange has no data for (candles only; 0 for funding)
 * @param failed            ranges that could not be fetched (the error of each is logged); empty when complete
 */
public record DownloadReport(String symbol, String what, TimeRange requested, List<TimeRange> missingBefore, long pages,
                             long rowsSaved, long emptyAtExchange, List<TimeRange> failed) {

    public DownloadReport {
        missingBefore = List.copyOf(missingBefore);
        failed = List.copyOf(failed);
    }

    public boolean complete() {
        return failed.isEmpty();
    }
}
