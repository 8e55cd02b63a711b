package io.gpubot.live.feed;

import static io.gpubot.live.feed.FeedTestKit.BARS;
import static io.gpubot.live.feed.FeedTestKit.NOW;
import static io.gpubot.live.feed.FeedTestKit.SYMBOL;
import static io.gpubot.live.feed.FeedTestKit.bars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.feed.FeedTestKit.CountingTransport;
import io.gpubot.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm-up bars come from the candle store, which is filled from the exchange (the sandbox) only where it has holes. */
class WarmUpHistoryTest {

    private static final String KLINES = "/api/v1/kline/query";
    private static final SeriesKey KEY = SeriesKey.kucoin(SYMBOL, Timeframe.M1);

    @TempDir
    Path dir;

    @Test
    void anEmptyStoreIsFilledFromTheExchangeAndAFullOneAsksNothing() {
        CountingTransport transport = new CountingTransport();
        try (Sandbox sandbox = FeedTestKit.sandbox().start();
             KucoinRestClient client = FeedTestKit.client(sandbox.baseUrl(), transport, 4);
             CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            WarmUpHistory history = new WarmUpHistory(store, client);
            // Mid-bar: the bar in progress at that moment is not history yet.
            long before = BARS.time(NOW) + 30_000;

            CandleSeries first = history.lastBars(SYMBOL, Timeframe.M1, 100, before);
            assertThat(candles(first)).isEqualTo(bars(NOW - 100, NOW));
            assertThat(transport.count(KLINES)).isEqualTo(1);
            assertThat(candles(store.load(KEY))).isEqualTo(bars(NOW - 100, NOW));

            CandleSeries again = history.lastBars("BTC/USDT", Timeframe.M1, 100, before);
            assertThat(candles(again)).isEqualTo(bars(NOW - 100, NOW));
            assertThat(transport.count(KLINES)).as("nothing missing, nothing asked").isEqualTo(1);
        }
    }

    @Test
    void onlyTheHoleIsFetchedAcrossSeveralPages() {
        CountingTransport transport = new CountingTransport();
        CandleSeries many = io.gpubot.core.market.SyntheticMarket.bitcoinLike(3).generate(1_400);
        try (Sandbox sandbox = Sandbox.builder(many, FeedTestKit.XBT).from(many.time(1_300)).start();
             KucoinRestClient client = FeedTestKit.client(sandbox.baseUrl(), transport, 4);
             CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            store.upsert(KEY, many.slice(1_250, 1_300));
            WarmUpHistory history = new WarmUpHistory(store, client);

            CandleSeries warm = history.lastBars(SYMBOL, "1m", 1_200, many.time(1_300));
            assertThat(warm).isEqualTo(many.slice(100, 1_300));
            assertThat(transport.count(KLINES)).as("1150 missing bars, 499 a page").isEqualTo(3);
        }
    }

    @Test
    void anExchangeAnsweringTwoHundredRowsACallStillFillsEveryBar() {
        CountingTransport transport = new CountingTransport();
        CandleSeries many = io.gpubot.core.market.SyntheticMarket.bitcoinLike(3).generate(1_400);
        // The sandbox keeps the newest 200 rows of a longer window, as an exchange with a 200-row page would.
        try (Sandbox sandbox = Sandbox.builder(many, FeedTestKit.XBT).from(many.time(1_300)).klineLimit(200).start();
             KucoinRestClient client = FeedTestKit.client(sandbox.baseUrl(), transport, 4);
             CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            WarmUpHistory history = new WarmUpHistory(store, client);
            CandleSeries warm = history.lastBars(SYMBOL, "1m", 1_200, many.time(1_300));
            assertThat(warm).isEqualTo(many.slice(100, 1_300));
            assertThat(transport.count(KLINES)).as("pages narrowed to what comes back").isLessThan(20);
        }
    }

    @Test
    void anUnsupportedTimeframeNamesTheSupportedOnes() {
        try (Sandbox sandbox = FeedTestKit.sandbox().start();
             KucoinRestClient client = FeedTestKit.client(sandbox);
             CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
            WarmUpHistory history = new WarmUpHistory(store, client);
            assertThatThrownBy(() -> history.lastBars(SYMBOL, "3m", 10, BARS.time(NOW)))
                    .isInstanceOf(UserException.class)
                    .hasMessage("cannot warm up on '3m' bars: KuCoin Futures supports " + Timeframe.supportedLabels());
        }
    }

    private static List<io.gpubot.core.market.Candle> candles(CandleSeries series) {
        List<io.gpubot.core.market.Candle> out = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) out.add(series.candle(i));
        return out;
    }
}
