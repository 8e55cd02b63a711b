package io.gpubot.app;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 1m history becoming 15m/1h/4h bars, indicators warmed up before --from, and data that explains itself. */
class DataResampleCliTest {

    static final String NL = System.lineSeparator();
    /** 2024-01-01 00:00 UTC. */
    static final long T0 = 1_704_067_200_000L;

    @TempDir
    Path home;

    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    /** Three hours of 1m bars with the whole second hour missing; bar i opens at T0 + i min at price 100 + i. */
    Path minuteFile() throws IOException {
        StringBuilder csv = new StringBuilder("timestamp_ms,open,high,low,close,volume\n");
        for (int i = 0; i < 180; i++) {
            if (i >= 60 && i < 120) continue;
            double p = 100 + i;
            csv.append(T0 + i * 60_000L).append(',').append(p).append(',').append(p + 0.5).append(',').append(p - 0.25)
                    .append(',').append(p + 0.25).append(",2\n");
        }
        Path file = home.resolve("minutes.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void resampleBuildsWholeHoursAndKeepsTheEmptyHourAGap() throws Exception {
        assertThat(gpubot("data", "import", minuteFile().toString(), "--symbol", "BTC/USDT", "--timeframe", "1m").code()).isZero();
        Cli.Result r = gpubot("data", "resample", "--symbol", "BTC/USDT", "--from-timeframe", "1m", "--timeframe", "1h");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Resampled 120 1m bars of kucoin XBTUSDTM 1m into 2 1h bars." + NL
                + "Stored kucoin XBTUSDTM 1h: 2 new, 0 updated, 0 unchanged. It now holds 2 bars, 2024-01-01 00:00 .. 2024-01-01 02:00 UTC;"
                + " gaps: 1 gap, 1 bars missing, largest 1 bars (1h) from 2024-01-01T01:00:00Z." + NL);
        try (CandleStore store = CandleStore.open(home.resolve("candles.db"))) {
            CandleSeries hours = store.load(SeriesKey.kucoin("XBTUSDTM", Timeframe.H1));
            // Hour 0: open of minute 0, high of minute 59, low of minute 0, close of minute 59, 60 x 2 volume.
            assertThat(List.of(hours.time(0), hours.open(0), hours.high(0), hours.low(0), hours.close(0), hours.volume(0)))
                    .isEqualTo(List.of(T0, 100.0, 159.5, 99.75, 159.25, 120.0));
            assertThat(List.of(hours.time(1), hours.open(1), hours.close(1))).isEqualTo(List.of(T0 + 7_200_000L, 220.0, 279.25));
        }
        Cli.Result same = gpubot("data", "resample", "--symbol", "BTC/USDT", "--from-timeframe", "1m", "--timeframe", "1m");
        assertThat(same.code()).isEqualTo(Main.USER_ERROR);
        Cli.Result odd = gpubot("data", "resample", "--symbol", "BTC/USDT", "--from-timeframe", "1h", "--timeframe", "30m");
        assertThat(odd.err()).isEqualTo("error: kucoin XBTUSDTM 1h holds 1h bars, which cannot make 30m bars (30m is not a whole multiple"
                + " of 1h); pick a timeframe such as 2h, 4h, 8h, 12h, 1d, 1w" + NL);
    }

    @Test
    void aFinerFileImportsAtTheAskedTimeframe() throws Exception {
        Cli.Result r = gpubot("data", "import", minuteFile().toString(), "--symbol", "BTC/USDT", "--timeframe", "1h");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Resampled 120 1m bars of " + home.resolve("minutes.csv") + " into 2 1h bars." + NL)
                .contains("Imported 2 bars into kucoin XBTUSDTM 1h");
    }

    @Test
    void aBacktestOnACoarserTimeframeResamplesTheStoredBarsAndSaysSo() {
        CandleSeries minutes = SyntheticMarket.bitcoinLike(3).withTimeframe(Timeframe.M1).generate(6_000);
        try (CandleStore store = CandleStore.open(home.resolve("candles.db"))) {
            store.upsert(SeriesKey.kucoin("XBTUSDTM", Timeframe.M1), minutes);
        }
        Cli.Result r = gpubot("backtest", "--bot", "../examples/bots/btc-4h-trend.json", "--symbol", "BTC/USDT", "--timeframe", "15m");
        assertThat(r.code()).as(r.err()).isZero();
        int built = io.gpubot.core.market.Resampler.resample(minutes, Timeframe.M15).size();
        assertThat(r.err()).contains("Resampled 6,000 1m bars of kucoin XBTUSDTM 1m into " + built + " 15m bars on load.");
        assertThat(r.out()).contains(built + " bars (15m)");
    }

    @Test
    void indicatorsFromADateAreWarmedUpOnTheBarsBefore() {
        Cli.Result all = gpubot("indicators", "compute", "--data", "bundled:btc-usd-4h", "--indicator", "RSI(period=14)");
        Cli.Result window = gpubot("indicators", "compute", "--data", "bundled:btc-usd-4h", "--indicator", "RSI(period=14)",
                "--from", "2025-10-27", "--to", "2025-10-28");
        assertThat(window.code()).as(window.err()).isZero();
        List<String> rows = window.out().lines().toList();
        assertThat(rows).hasSize(7);  // the header and six 4h bars
        long first = Instant.parse("2025-10-27T00:00:00Z").toEpochMilli();
        assertThat(rows.get(1)).startsWith(first + ",").doesNotContain(",,");
        String same = all.out().lines().filter(l -> l.startsWith(first + ",")).findFirst().orElseThrow();
        assertThat(rows.get(1)).isEqualTo(same);
        assertThat(window.err()).doesNotContain("warning");
    }

    @Test
    void anExchangeWithNoBarsForTheSpanSaysWhy() throws Exception {
        CandleSeries market = SyntheticMarket.bitcoinLike(5).withTimeframe(Timeframe.M5).generate(300);
        try (LocalKucoinServer exchange = new LocalKucoinServer(market)) {
            String from = Instant.ofEpochMilli(market.endTime() + 86_400_000L).toString();
            String to = Instant.ofEpochMilli(market.endTime() + 2 * 86_400_000L).toString();
            Cli.Result r = gpubot("data", "fetch", "--symbol", "XBTUSDTM", "--timeframe", "5m", "--from", from, "--to", to,
                    "--exchange-url", exchange.url().toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Fetched 0 bars").contains("No bars came back for ")
                    .contains("for a gpubot sandbox, its replay clock has not reached that span");
        }
    }

    @Test
    void theBundledGapsAreExplainedOnceNotWarnedOnEveryCommand() {
        Cli.Result backtest = gpubot("backtest", "--bot", "../examples/bots/btc-4h-trend.json", "--data", "bundled:btc-usd-4h");
        assertThat(backtest.code()).as(backtest.err()).isZero();
        assertThat(backtest.out() + backtest.err()).doesNotContain("warning");
        Cli.Result imported = gpubot("data", "import", "--bundled", "btc-usd-4h");
        assertThat(imported.out()).doesNotContain("warning").contains("gaps: 3 gaps, 5 bars missing");
        assertThat(gpubot("data", "list").out()).contains("The coinbase series are gpubot's bundled data");
    }
}
