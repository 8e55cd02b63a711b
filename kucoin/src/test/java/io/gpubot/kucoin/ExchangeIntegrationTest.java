package io.gpubot.kucoin;

import io.gpubot.core.market.TimeRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.Timeframe;
import io.gpubot.kucoin.ws.ClosedCandleStream;
import io.gpubot.kucoin.ws.KucoinWebSocketFeed;
import io.gpubot.kucoin.ws.Topics;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client, the WebSocket feed and the downloader against a local stand-in exchange on 127.0.0.1. */
class ExchangeIntegrationTest {

    private FakeKucoinExchange exchange;
    private KucoinRestClient client;

    @BeforeEach
    void start() throws Exception {
        exchange = new FakeKucoinExchange();
        client = KucoinRestClient.builder(exchange.baseUrl()).credentials(FakeKucoinExchange.credentials())
                .requestTimeout(Duration.ofSeconds(5)).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        exchange.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    // ---- REST ----

    @Test
    void signedCallsAreAcceptedByTheServersSignatureCheck() {
        client.startTimeSync(Duration.ofMinutes(5));
        assertThat(client.timeSync().isRefreshing()).isTrue();
        assertThat(client.accountOverview("USDT").accountEquity()).isEqualTo(394.439280806);
        assertThat(client.position("XBTUSDTM").symbol()).isEqualTo("XBTUSDTM");
        assertThat(client.changeMarginMode("XBTUSDTM", MarginMode.ISOLATED)).isEqualTo(MarginMode.ISOLATED);
        assertThat(client.cancelAllOrders("XBTUSDTM")).hasSize(2);
        OrderAck ack = client.placeOrder(OrderRequest.limit("XBTUSDTM", OrderRequest.Side.BUY, 2, 5, new BigDecimal("30000.5"))
                .withMarginMode(MarginMode.ISOLATED));
        assertThat(exchange.ordersByClientOid).containsKey(ack.clientOid());
        assertThat(exchange.signatureFailures).hasValue(0);
    }

    @Test
    void aWrongSecretIsRejectedWithoutTheSecretInTheError() {
        KucoinRestClient wrong = KucoinRestClient.builder(exchange.baseUrl())
                .credentials(new KucoinCredentials(FakeKucoinExchange.KEY.toCharArray(), "not-the-secret".toCharArray(), FakeKucoinExchange.PASSPHRASE.toCharArray()))
                .build();
        assertThatThrownBy(() -> wrong.positions())
                .isInstanceOfSatisfying(KucoinApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("400005");
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("not-the-secret").doesNotContain(FakeKucoinExchange.PASSPHRASE);
                });
        assertThat(exchange.signatureFailures).hasValue(1);
    }

    @Test
    void a429WaitsForTheResetAndThenSucceeds() {
        exchange.rateLimitedResponses = 2;
        assertThat(client.ticker("XBTUSDTM").price()).isEqualTo(67158.4);
        assertThat(exchange.requests).containsExactly("GET /api/v1/ticker?symbol=XBTUSDTM", "GET /api/v1/ticker?symbol=XBTUSDTM",
                "GET /api/v1/ticker?symbol=XBTUSDTM");
        assertThat(client.rateLimiter().remaining(RateLimiter.Pool.PUBLIC)).isEqualTo(1990);
    }

    @Test
    void a5xxIsRetriedForGets() {
        exchange.serverErrors = 2;
        assertThat(client.activeContracts()).hasSize(1);
        assertThat(exchange.requests).hasSize(3);
    }

    @Test
    void anOrderWhoseAnswerTimesOutIsFoundByClientOidAndNotDuplicated() {
        exchange.hangOnOrder = true;
        KucoinRestClient impatient = KucoinRestClient.builder(exchange.baseUrl()).credentials(FakeKucoinExchange.credentials())
                .requestTimeout(Duration.ofMillis(300)).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
        OrderRequest order = OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 3).withMarginMode(MarginMode.ISOLATED);
        OrderAck ack = impatient.placeOrder(order);
        assertThat(ack.clientOid()).isEqualTo(order.clientOid());
        assertThat(ack.orderId()).isEqualTo(exchange.ordersByClientOid.get(order.clientOid()).path("id").asText());
        assertThat(exchange.orderPosts).hasValue(1);
        assertThat(exchange.ordersByClientOid).hasSize(1);
        assertThat(exchange.requests).contains("GET /api/v1/orders/byClientOid?clientOid=" + order.clientOid());
    }

    // ---- WebSocket ----

    @Test
    void feedSubscribesPingsReceivesCandlesAndResubscribesAfterADrop() throws Exception {
        List<Candle> closed = new CopyOnWriteArrayList<>();
        List<long[]> gaps = new CopyOnWriteArrayList<>();
        List<String> connectionEvents = new CopyOnWriteArrayList<>();
        try (KucoinWebSocketFeed feed = KucoinWebSocketFeed.builder(client::publicWsToken)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100)).handshakeTimeout(Duration.ofSeconds(5)).build()) {
            feed.addConnectionListener(new KucoinWebSocketFeed.ConnectionListener() {
                @Override
                public void connected(boolean reconnect) {
                    connectionEvents.add(reconnect ? "reconnected" : "connected");
                }

                @Override
                public void disconnected(String reason) {
                    connectionEvents.add("disconnected");
                }
            });
            ClosedCandleStream.follow(feed, "XBTUSDTM", Timeframe.M1, 2_000, new ClosedCandleStream.Listener() {
                @Override
                public void closed(Candle bar) {
                    closed.add(bar);
                }

                @Override
                public void gap(long from, long to) {
                    gaps.add(new long[] {from, to});
                }
            });
            var acknowledged = feed.subscribe(Topics.candles("XBTUSDTM", Timeframe.M1), message -> { });
            feed.start();
            acknowledged.get(10, TimeUnit.SECONDS);
            String topic = Topics.candles("XBTUSDTM", Timeframe.M1);
            assertThat(exchange.ws.lastSubscriptions()).containsExactly(topic);
            assertThat(exchange.ws.connectUris.get(0)).startsWith("/endpoint?token=public-1&connectId=");

            long t0 = 1_731_898_200L;
            exchange.ws.push(topic, candle(topic, t0, "100", "101"));
            exchange.ws.push(topic, candle(topic, t0, "100", "102"));
            exchange.ws.push(topic, candle(topic, t0 + 60, "102", "103"));
            await("the first bar to close", () -> closed.size() == 1);
            assertThat(closed.get(0)).isEqualTo(new Candle(t0 * 1000, 100, 102, 100, 102, 5));
            await("two pings", () -> exchange.ws.pings.get() >= 2);

            exchange.ws.dropAll();
            await("a second session", () -> feed.sessionCount() == 2 && feed.isConnected());
            assertThat(exchange.ws.lastSubscriptions()).containsExactly(topic);
            assertThat(exchange.ws.tokens).hasValue(2);
            assertThat(connectionEvents).containsExactly("connected", "disconnected", "reconnected");

            exchange.ws.push(topic, candle(topic, t0 + 180, "104", "105"));
            exchange.ws.push(topic, candle(topic, t0 + 240, "105", "106"));
            await("the bar after the reconnect", () -> closed.size() == 2);
            assertThat(closed.get(1).openTime()).isEqualTo((t0 + 180) * 1000);
            assertThat(gaps).singleElement().isEqualTo(new long[] {(t0 + 60) * 1000, (t0 + 180) * 1000});
        }
    }

    @Test
    void privateFeedRenewsItsTokenAndReportsRefusedTopics() throws Exception {
        try (KucoinWebSocketFeed feed = KucoinWebSocketFeed.builder(client::privateWsToken)
                .tokenLifetime(Duration.ofMillis(400)).backoff(Duration.ofMillis(20), Duration.ofMillis(100)).build()) {
            List<String> wallet = Collections.synchronizedList(new ArrayList<>());
            var acknowledged = feed.subscribeWallet(change -> wallet.add(change.currency()));
            feed.start();
            acknowledged.get(10, TimeUnit.SECONDS);
            assertThat(exchange.ws.connectUris.get(0)).contains("token=private-1");
            await("a token renewal", () -> feed.sessionCount() >= 2 && feed.isConnected());
            assertThat(exchange.ws.connectUris.get(1)).contains("token=private-2");
            assertThat(exchange.ws.lastSubscriptions()).containsExactly(Topics.wallet());
            exchange.ws.push(Topics.wallet(), TestFiles.resource("ws/wallet.json"));
            await("a wallet push", () -> !wallet.isEmpty());
            assertThat(wallet).contains("USDT");

            var refused = feed.subscribeTicker("NOSUCH", t -> { });
            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("not found");
            int sessions = (int) feed.sessionCount();
            await("another token renewal", () -> feed.sessionCount() > sessions && feed.isConnected());
            assertThat(exchange.ws.lastSubscriptions()).containsExactly(Topics.wallet());
        }
    }

    private static String candle(String topic, long startSeconds, String open, String close) {
        double o = Double.parseDouble(open);
        double c = Double.parseDouble(close);
        return "{\"topic\":\"" + topic + "\",\"type\":\"message\",\"subject\":\"candle.stick\",\"data\":{\"symbol\":\"XBTUSDTM\","
                + "\"candles\":[\"" + startSeconds + "\",\"" + open + "\",\"" + close + "\",\"" + Math.max(o, c) + "\",\"" + Math.min(o, c)
                + "\",\"5\",\"500\"],\"time\":" + (startSeconds * 1000 + 1) + "}}";
    }

    // ---- history downloader ----

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Clock NOW = Clock.fixed(Instant.parse("2024-01-04T00:00:30Z"), ZoneOffset.UTC);

    @Test
    void downloaderPagesBy500AndResumesAfterAnInterruption() throws Exception {
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        HistoryDownloader downloader = new HistoryDownloader(client, store, 3, NOW);
        exchange.failKlinesFrom = FROM.toEpochMilli() + 2_000 * 60_000L;
        List<DownloadProgress> progress = new CopyOnWriteArrayList<>();

        DownloadReport interrupted = downloader.downloadCandles("BTC/USDT", Timeframe.M1, FROM, Instant.parse("2024-01-10T00:00:00Z"), progress::add);

        assertThat(interrupted.requested()).isEqualTo(new TimeRange(FROM.toEpochMilli(), Instant.parse("2024-01-04T00:00:00Z").toEpochMilli()));
        assertThat(interrupted.pages()).isEqualTo(9);
        assertThat(interrupted.complete()).isFalse();
        assertThat(interrupted.failed()).hasSize(5);
        assertThat(interrupted.rowsSaved()).isEqualTo(2_000);
        assertThat(progress).hasSize(9);
        assertThat(progress.get(8).donePages()).isEqualTo(9);
        assertThat(progress.get(8).eta()).isEqualTo(Duration.ZERO);

        exchange.failKlinesFrom = Long.MAX_VALUE;
        int callsBefore = exchange.klineCalls.get();
        DownloadReport resumed = downloader.downloadCandles("BTC/USDT", Timeframe.M1, FROM, Instant.parse("2024-01-10T00:00:00Z"), DownloadProgress.Listener.NONE);

        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.pages()).isEqualTo(5);
        assertThat(exchange.klineCalls.get() - callsBefore).isEqualTo(5);
        var bars = store.candles.get("XBTUSDTM/1m");
        assertThat(bars).hasSize(3 * 1440);
        assertThat(bars.firstKey()).isEqualTo(FROM.toEpochMilli());
        assertThat(bars.lastKey()).isEqualTo(Instant.parse("2024-01-03T23:59:00Z").toEpochMilli());
        assertThat(exchange.requests).allMatch(r -> !r.contains("kline") || r.contains("symbol=XBTUSDTM&granularity=1&"));

        int callsAfter = exchange.klineCalls.get();
        assertThat(downloader.downloadCandles("XBTUSDTM", Timeframe.M1, FROM, Instant.parse("2024-01-10T00:00:00Z"), DownloadProgress.Listener.NONE).pages()).isZero();
        assertThat(exchange.klineCalls.get()).isEqualTo(callsAfter);
    }

    @Test
    void downloaderCountsBarsTheExchangeDoesNotHave() throws Exception {
        exchange.dataStart = FROM.toEpochMilli() + 3 * 3_600_000L;
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        DownloadReport report = new HistoryDownloader(client, store, 2, NOW)
                .downloadCandles("ETH/USDT", Timeframe.H1, FROM, Instant.parse("2024-01-02T00:00:00Z"), DownloadProgress.Listener.NONE);
        assertThat(report.pages()).isEqualTo(1);
        assertThat(report.rowsSaved()).isEqualTo(21);
        assertThat(report.emptyAtExchange()).isEqualTo(3);
        assertThat(store.candles.get("ETHUSDTM/1h").firstKey()).isEqualTo(exchange.dataStart);
    }

    @Test
    void downloaderStartsNoEarlierThanTheListing() throws Exception {
        exchange.contractListedAt = FROM.toEpochMilli() + 90 * 60_000L + 1;
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        DownloadReport report = new HistoryDownloader(client, store, 2, NOW)
                .downloadCandles("SOL/USDT", Timeframe.M15, FROM, Instant.parse("2024-01-01T06:00:00Z"), DownloadProgress.Listener.NONE);
        assertThat(report.requested().from()).isEqualTo(FROM.toEpochMilli() + 105 * 60_000L);
        assertThat(report.rowsSaved()).isEqualTo(17);
        assertThat(report.emptyAtExchange()).isZero();
        assertThat(exchange.requests).contains("GET /api/v1/contracts/SOLUSDTM");
    }

    @Test
    void aConnectionThatStopsAnsweringPingsIsReplaced() throws Exception {
        exchange.silent = true;
        try (KucoinWebSocketFeed feed = KucoinWebSocketFeed.builder(client::publicWsToken)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100)).build()) {
            feed.subscribeTrades("XBTUSDTM", t -> { });
            feed.start();
            await("a second session after the pongs stopped", () -> feed.sessionCount() >= 2);
            exchange.silent = false;
            await("a connected session", feed::isConnected);
            assertThat(exchange.ws.lastSubscriptions()).containsExactly(Topics.execution("XBTUSDTM"));
        }
    }

    @Test
    void downloaderFetchesFundingRateHistory() throws Exception {
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        Clock later = Clock.fixed(Instant.parse("2024-03-01T00:00:00Z"), ZoneOffset.UTC);
        DownloadReport report = new HistoryDownloader(client, store, 2, later)
                .downloadFundingRates("BTC/USDT", FROM, Instant.parse("2024-03-01T00:00:00Z"), DownloadProgress.Listener.NONE);
        assertThat(report.complete()).isTrue();
        assertThat(report.pages()).isEqualTo(2);
        assertThat(report.rowsSaved()).isEqualTo(60 * 3);
        assertThat(store.funding.get("XBTUSDTM")).hasSize(180);
    }
}
