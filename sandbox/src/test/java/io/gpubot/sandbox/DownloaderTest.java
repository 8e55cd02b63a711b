package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.TimeRange;
import io.gpubot.core.market.Timeframe;
import io.gpubot.kucoin.DownloadProgress;
import io.gpubot.kucoin.DownloadReport;
import io.gpubot.kucoin.FundingRatePoint;
import io.gpubot.kucoin.HistoryDownloader;
import io.gpubot.kucoin.HistoryStore;
import io.gpubot.kucoin.KucoinRestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Our history downloader fetches the sandbox's history in pages, also through server errors. */
class DownloaderTest {

    private static final CandleSeries BARS = TestMarket.BTC_4H;
    private static final int FROM = 560;

    /** Bars and funding points in memory. */
    private static final class MemoryHistory implements HistoryStore {
        final TreeMap<Long, double[]> bars = new TreeMap<>();
        final TreeMap<Long, Double> funding = new TreeMap<>();

        @Override
        public synchronized List<TimeRange> missingCandles(String symbol, Timeframe timeframe, long fromMillis, long toMillis) {
            return missing(fromMillis, toMillis, timeframe.millis(), bars);
        }

        @Override
        public synchronized void saveCandles(String symbol, CandleSeries series) {
            for (int i = 0; i < series.size(); i++) {
                bars.put(series.time(i), new double[] {series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i)});
            }
        }

        @Override
        public synchronized List<TimeRange> missingFundingRates(String symbol, long fromMillis, long toMillis) {
            return funding.isEmpty() ? List.of(new TimeRange(fromMillis, toMillis)) : List.of();
        }

        @Override
        public synchronized void saveFundingRates(String symbol, List<FundingRatePoint> points) {
            for (FundingRatePoint p : points) funding.put(p.timepoint(), p.fundingRate());
        }

        private static List<TimeRange> missing(long from, long to, long step, TreeMap<Long, ?> stored) {
            List<TimeRange> missing = new ArrayList<>();
            long gapStart = -1;
            for (long t = from; t < to; t += step) {
                boolean have = stored.containsKey(t);
                if (!have && gapStart < 0) gapStart = t;
                if (have && gapStart >= 0) {
                    missing.add(new TimeRange(gapStart, t));
                    gapStart = -1;
                }
            }
            if (gapStart >= 0) missing.add(new TimeRange(gapStart, to));
            return missing;
        }
    }

    @Test
    void theWholeHistoryBeforeTheReplayClockArrivesInPagesDespiteServerErrors() throws Exception {
        Faults errors = new Faults(Duration.ZERO, 0.2, 0, 0, Duration.ofMillis(10), Duration.ZERO, 0, Duration.ZERO, Duration.ZERO, 3);
        try (Sandbox sandbox = Sandbox.builder(BARS, TestMarket.XBT).from(BARS.time(FROM)).faults(errors).start();
             KucoinRestClient client = KucoinRestClient.builder(sandbox.baseUrl()).requestTimeout(Duration.ofSeconds(5))
                     .maxAttempts(10).backoff(Duration.ofMillis(1), Duration.ofMillis(4)).build()) {
            MemoryHistory store = new MemoryHistory();
            Clock replayNow = Clock.fixed(Instant.ofEpochMilli(sandbox.now()), ZoneOffset.UTC);
            HistoryDownloader downloader = new HistoryDownloader(client, store, 2, replayNow);

            DownloadReport report = downloader.downloadCandles("BTC/USDT", Timeframe.H4, Instant.ofEpochMilli(BARS.time(0)),
                    Instant.ofEpochMilli(sandbox.now()), DownloadProgress.Listener.NONE);

            assertThat(report.failed()).isEmpty();
            assertThat(report.pages()).isGreaterThan(1);
            assertThat(store.bars).hasSize(FROM);
            for (int i = 0; i < FROM; i++) {
                assertThat(store.bars.get(BARS.time(i)))
                        .containsExactly(BARS.open(i), BARS.high(i), BARS.low(i), BARS.close(i), BARS.volume(i));
            }

            DownloadReport funding = downloader.downloadFundingRates("BTC/USDT", Instant.ofEpochMilli(BARS.time(0)),
                    Instant.ofEpochMilli(sandbox.now()), DownloadProgress.Listener.NONE);
            assertThat(funding.failed()).isEmpty();
            long expectedPoints = (sandbox.now() - BARS.time(0)) / Duration.ofHours(8).toMillis();
            assertThat(store.funding).hasSize((int) expectedPoints);
            assertThat(store.funding.values()).containsOnly(0.0001);
        }
    }
}
