package io.gpubot.live.feed;

import static io.gpubot.live.feed.FeedTestKit.BARS;
import static io.gpubot.live.feed.FeedTestKit.NOW;
import static io.gpubot.live.feed.FeedTestKit.await;
import static io.gpubot.live.feed.FeedTestKit.bars;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.CandleSeries;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpubot.kucoin.HttpTransport;
import io.gpubot.kucoin.JdkHttpTransport;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.feed.FeedTestKit.Recorder;
import io.gpubot.sandbox.Faults;
import io.gpubot.sandbox.Sandbox;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exchange feed against the sandbox on 127.0.0.1: every bar after the start point exactly once,
 * in order, with the exchange's REST values, through disconnects, dropped pushes, 429s and 5xx.
 */
class ExchangeFeedTest {

    /** Long enough that only the WebSocket (or a reconnect) can make the feed fetch new bars. */
    private static final Duration NO_POLLING = Duration.ofHours(1);

    @Test
    void backfillsTheMissedBarsThenDeliversEachLiveBarOnceInOrder() throws Exception {
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = FeedTestKit.sandbox().start();
             KucoinRestClient client = FeedTestKit.client(sandbox);
             ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build()) {
            feed.start(BARS.time(250), recorder);
            await("the backfill of bars 251..299", () -> recorder.delivered(NOW - 1));
            await("the live state", () -> recorder.state() == ConnectionState.LIVE);
            assertThat(recorder.bars()).isEqualTo(bars(251, NOW));

            for (int i = 0; i < 10; i++) {
                sandbox.step(1);
                int closedBar = NOW + i;
                await("live bar " + closedBar, () -> recorder.delivered(closedBar));
            }
            assertThat(recorder.bars()).isEqualTo(bars(251, NOW + 10));
            assertThat(recorder.priceCount()).as("tickerV2 prices between bars").isPositive();
            assertThat(recorder.states()).startsWith(ConnectionState.CONNECTING, ConnectionState.BACKFILLING);
        }
        assertThat(recorder.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("market-feed-") && t.isAlive());
    }

    @Test
    void afterAWebSocketDisconnectTheMissedBarsComeFirstAndInOrder() throws Exception {
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = FeedTestKit.sandbox().start();
             KucoinRestClient client = FeedTestKit.client(sandbox);
             ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build()) {
            feed.start(BARS.time(NOW - 3), recorder);
            await("the live state", () -> recorder.state() == ConnectionState.LIVE);
            sandbox.step(2);
            await("bar " + (NOW + 1), () -> recorder.delivered(NOW + 1));

            assertThat(sandbox.disconnectWebSockets()).isEqualTo(1);
            sandbox.step(3); // pushed to nobody: only the backfill after the reconnect can bring these
            await("the bars missed while disconnected", () -> recorder.delivered(NOW + 4));
            await("live again", () -> recorder.state() == ConnectionState.LIVE);
            sandbox.step(2);
            await("bars after the reconnect", () -> recorder.delivered(NOW + 6));

            assertThat(recorder.bars()).isEqualTo(bars(NOW - 2, NOW + 7));
            assertThat(recorder.states()).containsSubsequence(ConnectionState.LIVE, ConnectionState.RECONNECTING,
                    ConnectionState.BACKFILLING, ConnectionState.LIVE);
        }
    }

    @Test
    void droppedPushesStillYieldEveryBarWithTheFinalRestValues() throws Exception {
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = FeedTestKit.sandbox().faults(Faults.parse("drop=0.5,seed=5")).start();
             KucoinRestClient client = FeedTestKit.client(sandbox);
             ExchangeFeed feed = FeedTestKit.feed(client, Duration.ofMillis(250)).build()) {
            feed.start(BARS.time(NOW - 1), recorder);
            await("the live state", () -> recorder.state() == ConnectionState.LIVE);
            for (int i = 0; i < 15; i++) {
                sandbox.step(1);
                Thread.sleep(30); // let pushes go out bar by bar, as on the exchange
            }
            await("bar " + (NOW + 14), () -> recorder.delivered(NOW + 14));
            assertThat(recorder.bars()).isEqualTo(bars(NOW, NOW + 15));
        }
    }

    @Test
    void rateLimitBurstsAndServerErrorsDelayButNeverLoseBars() throws Exception {
        Recorder recorder = new Recorder();
        Faults faults = Faults.parse("errors=0.3,429=2/5,429-reset=100ms,seed=9");
        try (Sandbox sandbox = FeedTestKit.sandbox().faults(faults).start();
             // One attempt per call, so the feed's own retries are what carries it through.
             KucoinRestClient client = FeedTestKit.client(sandbox.baseUrl(), new JdkHttpTransport(), 1);
             ExchangeFeed feed = FeedTestKit.feed(client, Duration.ofMillis(250)).build()) {
            feed.start(BARS.time(NOW - 20), recorder);
            await("the backfill", () -> recorder.delivered(NOW - 1));
            for (int i = 0; i < 10; i++) {
                sandbox.step(1);
                Thread.sleep(30);
            }
            await("bar " + (NOW + 9), () -> recorder.delivered(NOW + 9));
            assertThat(recorder.bars()).isEqualTo(bars(NOW - 19, NOW + 10));
            assertThat(recorder.fatal()).isNull();
            assertThat(recorder.details()).anyMatch(d -> d.startsWith("RECONNECTING: KuCoin did not answer"));
        }
    }

    @Test
    void withNoBarProcessedYetTheFirstBarIsTheOneInProgressAtTheStart() throws Exception {
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = FeedTestKit.sandbox().start();
             KucoinRestClient client = FeedTestKit.client(sandbox);
             ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build()) {
            feed.start(Long.MIN_VALUE, recorder);
            await("the live state", () -> recorder.state() == ConnectionState.LIVE);
            sandbox.step(2);
            await("bar " + (NOW + 1), () -> recorder.delivered(NOW + 1));
            assertThat(recorder.bars()).isEqualTo(bars(NOW, NOW + 2));
        }
    }

    @Test
    void aBackfillOfSeveralPagesCrossesAnExchangeOutage() throws Exception {
        // 700 bars, then 600 bars the exchange never had, then 100 more; the clock starts 50 bars after the outage.
        CandleSeries.Builder gapped = CandleSeries.builder(BARS.timeframe());
        CandleSeries source = io.gpubot.core.market.SyntheticMarket.bitcoinLike(21).generate(800);
        long outage = 600 * BARS.timeframe().millis();
        for (int i = 0; i < source.size(); i++) {
            Candle c = source.candle(i);
            gapped.add(i < 700 ? c.openTime() : c.openTime() + outage, c.open(), c.high(), c.low(), c.close(), c.volume());
        }
        CandleSeries series = gapped.build();
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = Sandbox.builder(series, FeedTestKit.XBT).from(series.time(750)).start();
             KucoinRestClient client = FeedTestKit.client(sandbox);
             ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build()) {
            feed.start(series.time(0), recorder);
            await("the live state", () -> recorder.state() == ConnectionState.LIVE);
            sandbox.step(1); // the WebSocket shows the exchange is past the outage
            await("bar 750", () -> !recorder.bars().isEmpty()
                    && recorder.bars().get(recorder.bars().size() - 1).openTime() == series.time(750));
            List<Candle> expected = new ArrayList<>();
            for (int i = 1; i <= 750; i++) expected.add(series.candle(i));
            assertThat(recorder.bars()).isEqualTo(expected);
        }
    }

    @Test
    void anExchangeWhoseRestNeverListsTheBarInProgressStillDeliversEveryBar() throws Exception {
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = FeedTestKit.sandbox().start();
             KucoinRestClient client = FeedTestKit.client(sandbox.baseUrl(), closedBarsOnly(sandbox), 4);
             ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build()) {
            feed.start(BARS.time(NOW - 5), recorder);
            await("the live state", () -> recorder.state() == ConnectionState.LIVE);
            for (int i = 0; i < 3; i++) {
                sandbox.step(1);
                int closedBar = NOW + i;
                await("bar " + closedBar, () -> recorder.delivered(closedBar));
            }
            assertThat(recorder.bars()).isEqualTo(bars(NOW - 4, NOW + 3));
        }
    }

    @Test
    void aBackfillReportsTheMarketsClockSoOnlyTheBarThatJustClosedIsInTime() throws Exception {
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = FeedTestKit.sandbox().start();
             KucoinRestClient client = FeedTestKit.client(sandbox);
             ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build()) {
            feed.start(BARS.time(270), recorder);   // a session that was down for 30 bars
            await("the backfill", () -> recorder.delivered(NOW - 1));
            await("the live state", () -> recorder.state() == ConnectionState.LIVE);
            sandbox.step(1);
            await("the next live bar", () -> recorder.delivered(NOW));
        }
        long tf = BARS.timeframe().millis();
        List<Candle> bars = recorder.bars();
        List<Long> market = recorder.marketTimes();
        assertThat(bars).isEqualTo(bars(271, NOW + 1));
        for (int i = 0; i < bars.size(); i++) {
            long nextClose = bars.get(i).openTime() + 2 * tf;
            boolean late = market.get(i) >= nextClose;
            // The market is at bar NOW (in progress) while the backfill runs: every bar before NOW - 1 is late.
            assertThat(late).as("bar %s reported with market time %s", bars.get(i).openTime(), market.get(i))
                    .isEqualTo(bars.get(i).openTime() < BARS.time(NOW - 1));
        }
    }

    @Test
    void pagesOfFewerRowsThanAskedForLoseNoBarWhicheverEndTheExchangeKeeps() throws Exception {
        for (boolean newest : new boolean[] {true, false}) {
            Recorder recorder = new Recorder();
            try (Sandbox sandbox = Sandbox.builder(BARS, FeedTestKit.XBT).from(BARS.time(390)).start();
                 KucoinRestClient client = FeedTestKit.client(sandbox.baseUrl(), pageLimit(120, newest), 4);
                 ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build()) {
                feed.start(BARS.time(0), recorder);
                await("the backfill of 389 bars in pages of 120", () -> recorder.delivered(389));
                await("the live state", () -> recorder.state() == ConnectionState.LIVE);
                sandbox.step(1);
                await("the next live bar", () -> recorder.delivered(390));
            }
            assertThat(recorder.bars()).as(newest ? "newest rows kept" : "oldest rows kept").isEqualTo(bars(1, 391));
        }
        // The sandbox's own --kline-limit (the newest rows of a longer window).
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = Sandbox.builder(BARS, FeedTestKit.XBT).from(BARS.time(390)).klineLimit(200).start();
             KucoinRestClient client = FeedTestKit.client(sandbox);
             ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build()) {
            feed.start(BARS.time(0), recorder);
            await("the backfill of 389 bars in pages of 200", () -> recorder.delivered(389));
        }
        assertThat(recorder.bars()).isEqualTo(bars(1, 390));
    }

    /** The sandbox's REST with its kline rows rewritten, as another exchange would answer the same request. */
    private static final class RewrittenKlines implements HttpTransport {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpTransport inner = new JdkHttpTransport();
        private final java.util.function.UnaryOperator<List<com.fasterxml.jackson.databind.JsonNode>> rewrite;

        RewrittenKlines(java.util.function.UnaryOperator<List<com.fasterxml.jackson.databind.JsonNode>> rewrite) {
            this.rewrite = rewrite;
        }

        @Override
        public Response send(String method, URI uri, Map<String, String> headers, String body, Duration timeout)
                throws IOException, InterruptedException {
            Response response = inner.send(method, uri, headers, body, timeout);
            if (!uri.getPath().equals("/api/v1/kline/query") || response.status() != 200) return response;
            ObjectNode envelope = (ObjectNode) JSON.readTree(response.body());
            List<com.fasterxml.jackson.databind.JsonNode> rows = new ArrayList<>();
            envelope.path("data").forEach(rows::add);
            ArrayNode kept = JSON.createArrayNode();
            rewrite.apply(rows).forEach(kept::add);
            envelope.set("data", kept);
            return new Response(response.status(), response.headers(), envelope.toString());
        }
    }

    /** A REST that returns at most {@code limit} kline rows a call: the newest of the window, or the oldest. */
    private static HttpTransport pageLimit(int limit, boolean newest) {
        return new RewrittenKlines(rows -> newest ? rows.subList(Math.max(0, rows.size() - limit), rows.size())
                : rows.subList(0, Math.min(rows.size(), limit)));
    }

    /** A REST whose klines stop at the last closed bar, unlike the sandbox (and KuCoin) that also list the bar in progress. */
    private static HttpTransport closedBarsOnly(Sandbox sandbox) {
        return new RewrittenKlines(rows -> {
            long forming = sandbox.exchange().currentBarTime();
            return rows.stream().filter(row -> row.get(0).asLong() < forming).toList();
        });
    }

    @Test
    void closingAtOnceAfterStartingStopsEveryThreadAndClosedIsTheLastEvent() throws Exception {
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = FeedTestKit.sandbox().start();
             KucoinRestClient client = FeedTestKit.client(sandbox)) {
            ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build();
            feed.start(BARS.time(NOW - 50), recorder);
            feed.close();
            int events = recorder.states().size();
            assertThat(recorder.state()).isEqualTo(ConnectionState.CLOSED);
            await("the feed's and its WebSocket's threads to end", () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && (t.getName().startsWith("market-feed-") || t.getName().startsWith("kucoin-ws"))));
            sandbox.step(2);
            Thread.sleep(200); // anything still running would report within this time
            assertThat(recorder.states()).hasSize(events);
            assertThat(recorder.state()).isEqualTo(ConnectionState.CLOSED);
        }
    }

    @Test
    void anUnknownSymbolIsFatalWithOneClearMessage() throws Exception {
        Recorder recorder = new Recorder();
        try (Sandbox sandbox = FeedTestKit.sandbox().start();
             KucoinRestClient client = FeedTestKit.client(sandbox);
             ExchangeFeed feed = ExchangeFeed.builder(client, "DOGEUSDTM", BARS.timeframe()).build()) {
            feed.start(BARS.time(NOW - 5), recorder);
            await("the fatal report", () -> recorder.fatal() != null);
            assertThat(recorder.fatal()).startsWith("KuCoin at " + sandbox.baseUrl() + " refused the DOGEUSDTM 1m market data");
            assertThat(recorder.bars()).isEmpty();
        }
    }

    @Test
    void anUnreachableExchangeIsFatalNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        Recorder recorder = new Recorder();
        try (KucoinRestClient client = FeedTestKit.client(nowhere, new JdkHttpTransport(), 1);
             ExchangeFeed feed = FeedTestKit.feed(client, NO_POLLING).build()) {
            feed.start(BARS.time(NOW - 5), recorder);
            await("the fatal report", () -> recorder.fatal() != null);
            assertThat(recorder.fatal()).isEqualTo("cannot reach KuCoin at " + nowhere + ": connection refused");
        }
    }
}
