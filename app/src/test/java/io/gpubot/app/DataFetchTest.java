package io.gpubot.app;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gpubot data fetch} against a KuCoin-shaped server on 127.0.0.1, through the real store. */
class DataFetchTest {

    @TempDir
    Path home;

    static final CandleSeries MARKET = SyntheticMarket.bitcoinLike(5).withTimeframe(Timeframe.M5).generate(3_000);
    static final String FROM = Instant.ofEpochMilli(MARKET.firstTime()).toString();
    static final String TO = Instant.ofEpochMilli(MARKET.endTime()).toString();

    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    @Test
    void fetchesEveryBarAndTheFundingHistoryIntoTheStore() throws Exception {
        try (LocalKucoinServer exchange = new LocalKucoinServer(MARKET)) {
            Cli.Result r = gpubot("data", "fetch", "--symbol", "BTC/USDT", "--timeframe", "5m", "--from", FROM, "--to", TO,
                    "--funding", "--exchange-url", exchange.url().toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Fetched 3,000 bars of kucoin XBTUSDTM 5m in 6 pages")
                    .contains("The store now holds 3,000 bars").contains("gaps: none").contains("Fetched 32 funding settlements")
                    .doesNotContain("gave no rate");
            assertThat(r.err()).contains("XBTUSDTM 5m [##############################] 100% 6/6 pages");
        }
        try (CandleStore store = CandleStore.open(home.resolve("candles.db"))) {
            assertThat(store.load(SeriesKey.kucoin("XBTUSDTM", Timeframe.M5))).isEqualTo(MARKET);
            FundingRates rates = store.loadFunding("kucoin", "XBTUSDTM", MARKET.firstTime(), MARKET.endTime());
            assertThat(rates.size()).isEqualTo(32);
            for (int i = 0; i < rates.size(); i++) {
                assertThat(rates.time(i) % (8 * 3_600_000L)).as("snapped to the settlement time").isZero();
                assertThat(rates.rate(i)).isEqualTo(LocalKucoinServer.rateAt(rates.time(i)));
            }
        }
    }

    @Test
    void fundingHistoryTheExchangeDoesNotGiveIsReportedNotSilentlyDefaulted() throws Exception {
        try (LocalKucoinServer exchange = new LocalKucoinServer(MARKET)) {
            // The exchange serves no settlement before the 11th of the 32 in the span.
            long h8 = 8 * 3_600_000L;
            exchange.fundingHistoryFrom(Math.floorDiv(MARKET.firstTime(), h8) * h8 + 11 * h8);
            Cli.Result r = gpubot("data", "fetch", "--symbol", "XBTUSDTM", "--timeframe", "5m", "--from", FROM, "--to", TO,
                    "--funding", "--exchange-url", exchange.url().toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Fetched 21 funding settlements")
                    .contains("KuCoin gave no rate for 11 of the settlements in this span")
                    .contains("backtests charge the default rate (--funding-rate, 0.01%) there.");
        }
    }

    @Test
    void anInterruptedDownloadResumesWithOnlyWhatIsMissing() throws Exception {
        try (LocalKucoinServer exchange = new LocalKucoinServer(MARKET)) {
            exchange.failKlinesAfter(2);
            Cli.Result first = gpubot("data", "fetch", "--symbol", "XBTUSDTM", "--timeframe", "5m", "--from", FROM, "--to", TO,
                    "--concurrency", "1", "--exchange-url", exchange.url().toString());
            assertThat(first.code()).isEqualTo(Main.USER_ERROR);
            assertThat(first.err()).contains("run the same command again to fetch only what is missing");

            exchange.failKlinesAfter(Integer.MAX_VALUE);
            int callsBefore = exchange.klineCalls();
            Cli.Result second = gpubot("data", "fetch", "--symbol", "XBTUSDTM", "--timeframe", "5m", "--from", FROM, "--to", TO,
                    "--concurrency", "1", "--exchange-url", exchange.url().toString());
            assertThat(second.code()).as(second.err()).isZero();
            assertThat(exchange.klineCalls() - callsBefore).as("only the four missing pages").isEqualTo(4);
            assertThat(second.out()).contains("The store now holds 3,000 bars").contains("gaps: none");
        }
    }

    @Test
    void anUnreachableExchangeGivesOneClearError() {
        Cli.Result r = gpubot("data", "fetch", "--symbol", "XBTUSDTM", "--timeframe", "5m", "--days", "1",
                "--exchange-url", "http://127.0.0.1:9");
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err().strip()).startsWith("error: ").contains("127.0.0.1:9").doesNotContain("Exception").doesNotContain("\n\tat ");
    }
}
