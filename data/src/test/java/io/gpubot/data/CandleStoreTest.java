package io.gpubot.data;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.market.TimeRange;
import io.gpubot.core.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandleStoreTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long M = 60_000;
    static final SeriesKey BTC_1M = SeriesKey.kucoin("BTC/USDT", Timeframe.M1);

    @TempDir
    Path dir;

    /** Minute bars at the given offsets; {@code bump} shifts every price so re-imports can carry new values. */
    static CandleSeries minutes(double bump, int... offsets) {
        CandleSeries.Builder b = CandleSeries.builder(Timeframe.M1);
        for (int k : offsets) {
            double p = 100 + k + bump;
            b.add(T0 + k * M, p, p + 1, p - 1, p + 0.5, k);
        }
        return b.build();
    }

    static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Test
    void roundTripThroughTheRealSqliteFile() {
        CandleSeries bars = minutes(0, range(0, 1000));
        try (CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            assertThat(store.upsert(BTC_1M, bars)).isEqualTo(new UpsertResult(1000, 0, 0));
        }
        assertThat(dir.resolve("candles.db")).isRegularFile();
        try (CandleStore reopened = CandleStore.open(dir.resolve("candles.db"))) {
            assertThat(reopened.load(BTC_1M)).isEqualTo(bars);
            assertThat(reopened.load(BTC_1M, T0 + 10 * M, T0 + 20 * M)).isEqualTo(bars.slice(10, 20));
            assertThat(reopened.load(SeriesKey.kucoin("ETH/USDT", Timeframe.M1)).isEmpty()).isTrue();
        }
    }

    @Test
    void reimportingOverlappingDataNeitherDuplicatesNorLosesBars() {
        try (CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            store.upsert(BTC_1M, minutes(0, range(0, 100)));
            assertThat(store.upsert(BTC_1M, minutes(0, range(0, 100)))).isEqualTo(new UpsertResult(0, 0, 100));
            // 50..149 overlaps 50 stored bars; 90..99 carry revised prices.
            CandleSeries overlap = minutes(0, range(50, 150));
            CandleSeries revised = minutes(0.25, range(90, 100));
            assertThat(store.upsert(BTC_1M, overlap)).isEqualTo(new UpsertResult(50, 0, 50));
            assertThat(store.upsert(BTC_1M, revised)).isEqualTo(new UpsertResult(0, 10, 0));
            CandleSeries all = store.load(BTC_1M);
            assertThat(all.size()).isEqualTo(150);
            assertThat(all.close(95)).isEqualTo(100 + 95 + 0.25 + 0.5);
            assertThat(all.close(100)).isEqualTo(100 + 100 + 0.5);
            assertThat(store.describe(BTC_1M).orElseThrow().bars()).isEqualTo(150);
        }
    }

    @Test
    void missingRangesAreWhatADownloaderStillNeeds() {
        try (CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            assertThat(store.missing(BTC_1M, T0, T0 + 10 * M)).containsExactly(new TimeRange(T0, T0 + 10 * M));
            store.upsert(BTC_1M, minutes(0, 2, 3, 4, 7, 8));
            assertThat(store.missing(BTC_1M, T0, T0 + 10 * M)).containsExactly(
                    new TimeRange(T0, T0 + 2 * M),
                    new TimeRange(T0 + 5 * M, T0 + 7 * M),
                    new TimeRange(T0 + 9 * M, T0 + 10 * M));
            assertThat(store.missing(BTC_1M, T0 + 2 * M, T0 + 5 * M)).isEmpty();
            assertThat(store.missing(BTC_1M, T0 + 3 * M, T0 + 8 * M)).containsExactly(new TimeRange(T0 + 5 * M, T0 + 7 * M));
            // Unaligned bounds widen to whole bars.
            assertThat(store.missing(BTC_1M, T0 + 5 * M + 1, T0 + 6 * M + 1)).containsExactly(new TimeRange(T0 + 5 * M, T0 + 7 * M));
            assertThat(store.missing(BTC_1M, T0 + 10 * M, T0 + 10 * M)).isEmpty();
        }
    }

    @Test
    void listReportsRangeSizeAndGapsPerSeries() {
        try (CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            store.upsert(BTC_1M, minutes(0, 0, 1, 2, 6, 7, 9));
            SeriesKey eth4h = new SeriesKey("KuCoin", "ETHUSDTM", Timeframe.H4);
            store.upsert(eth4h, CandleSeries.builder(Timeframe.H4).add(T0, 1, 2, 0.5, 1.5, 1).build());
            assertThat(store.list()).hasSize(2);
            assertThat(store.list()).extracting(StoredSeries::key).containsExactly(eth4h, BTC_1M);
            StoredSeries btc = store.list().get(1);
            assertThat(btc.key()).isEqualTo(BTC_1M);
            assertThat(btc.first()).isEqualTo(T0);
            assertThat(btc.last()).isEqualTo(T0 + 9 * M);
            assertThat(btc.bars()).isEqualTo(6);
            assertThat(btc.gaps().count()).isEqualTo(2);
            assertThat(btc.gaps().missingBars()).isEqualTo(4);
            assertThat(btc.gaps().largestMissing()).isEqualTo(3);
            assertThat(btc.gaps().largestGapStart()).isEqualTo(T0 + 3 * M);
            assertThat(store.list().get(0).key().exchange()).isEqualTo("kucoin");
        }
    }

    @Test
    void seriesAreKeptApartByExchangeSymbolAndTimeframe() {
        try (CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            store.upsert(BTC_1M, minutes(0, 0, 1));
            store.upsert(new SeriesKey("coinbase", "XBTUSDTM", Timeframe.M1), minutes(5, 0, 1, 2));
            assertThat(store.load(BTC_1M).size()).isEqualTo(2);
            assertThat(store.load(new SeriesKey("coinbase", "BTC/USDT", Timeframe.M1)).close(0)).isEqualTo(105.5);
            assertThatThrownBy(() -> store.upsert(SeriesKey.kucoin("XBTUSDTM", Timeframe.M5), minutes(0, 0)))
                    .hasMessageContaining("cannot store 1m bars as kucoin XBTUSDTM 5m");
        }
    }

    @Test
    void fundingRatesRoundTrip() {
        try (CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            long h8 = 8 * 3_600_000L;
            assertThat(store.upsertFunding("kucoin", "BTC/USDT", FundingRates.of(new long[] {T0, T0 + h8}, new double[] {0.0001, -0.00005})))
                    .isEqualTo(2);
            assertThat(store.upsertFunding("kucoin", "XBTUSDTM", FundingRates.of(new long[] {T0 + h8, T0 + 2 * h8}, new double[] {-0.00004, 0.0002})))
                    .isEqualTo(1);
            FundingRates rates = store.loadFunding("kucoin", "XBTUSDTM", T0, T0 + 3 * h8);
            assertThat(rates).isEqualTo(FundingRates.of(new long[] {T0, T0 + h8, T0 + 2 * h8}, new double[] {0.0001, -0.00004, 0.0002}));
            assertThat(rates.rateAt(T0 + h8, 0.0001)).isEqualTo(-0.00004);
            assertThat(rates.rateAt(T0 + 1, 0.0001)).isEqualTo(0.0001);
        }
    }

    @Test
    void missingFundingIsWhereASettlementWasDueAndNoneIsStored() {
        long h8 = 8 * 3_600_000L;
        try (CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            assertThat(store.missingFunding("kucoin", "XBTUSDTM", T0, T0 + 6 * h8, h8)).containsExactly(new TimeRange(T0, T0 + 6 * h8));
            store.upsertFunding("kucoin", "XBTUSDTM", FundingRates.of(new long[] {T0 + h8, T0 + 2 * h8, T0 + 5 * h8}, new double[] {1e-4, 1e-4, 1e-4}));
            assertThat(store.missingFunding("kucoin", "XBTUSDTM", T0, T0 + 6 * h8, h8)).containsExactly(
                    new TimeRange(T0, T0 + h8), new TimeRange(T0 + 2 * h8 + 1, T0 + 5 * h8));
            // the next settlement after 40h is due at 48h, outside [0h, 48h): nothing is missing at the end
            assertThat(store.missingFunding("kucoin", "XBTUSDTM", T0, T0 + 6 * h8 + 1, h8)).last().isEqualTo(new TimeRange(T0 + 5 * h8 + 1, T0 + 6 * h8 + 1));
            assertThat(store.missingFunding("kucoin", "XBTUSDTM", T0 + h8, T0 + 3 * h8, h8)).isEmpty();
            assertThat(store.missingFunding("kucoin", "XBTUSDTM", T0 + h8, T0 + 4 * h8, h8)).containsExactly(new TimeRange(T0 + 2 * h8 + 1, T0 + 4 * h8));
        }
    }

    @Test
    void aFileFromANewerVersionIsRefusedNotDamaged() throws Exception {
        Path file = dir.resolve("candles.db");
        try (CandleStore store = CandleStore.open(file)) {
            store.upsert(BTC_1M, minutes(0, 0));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> CandleStore.open(file)).isInstanceOf(StoreException.class)
                .hasMessageContaining("written by a newer gpubot (schema 99)");
    }

    @Test
    void aFileThatIsNotADatabaseGivesOneClearError() throws Exception {
        Path file = dir.resolve("candles.db");
        Files.writeString(file, "this is not sqlite, just text that is long enough to be read as a header");
        assertThatThrownBy(() -> CandleStore.open(file)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the candle store " + file);
    }
}
