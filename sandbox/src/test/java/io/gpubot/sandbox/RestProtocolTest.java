package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import io.gpubot.kucoin.ContractSpec;
import io.gpubot.kucoin.KucoinApiException;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.MarginMode;
import io.gpubot.kucoin.Order;
import io.gpubot.kucoin.OrderAck;
import io.gpubot.kucoin.OrderRequest;
import io.gpubot.kucoin.RequestSigner;
import io.gpubot.kucoin.Ticker;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KuCoin's envelopes, field types, errors and authentication, seen through our client and raw HTTP. */
class RestProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CandleSeries BARS = TestMarket.BTC_4H;
    private static final String SYMBOL = "XBTUSDTM";
    private static final int FROM_BAR = 300;

    private Sandbox sandbox;
    private KucoinRestClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sandbox = Sandbox.builder(BARS, TestMarket.XBT).from(BARS.time(FROM_BAR)).start();
        client = TestMarket.client(sandbox);
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    @Test
    void klinesServeHistoryBeforeTheStartAndTheFormingBarConsistentWithTheTicker() {
        sandbox.advanceTo(BARS.time(FROM_BAR) + Timeframe.H4.millis() / 4);
        CandleSeries klines = client.klines(SYMBOL, Timeframe.H4, BARS.time(FROM_BAR - 10), BARS.time(FROM_BAR + 10));
        assertThat(klines.size()).isEqualTo(11);
        for (int i = 0; i < 10; i++) {
            assertThat(klines.candle(i)).isEqualTo(BARS.candle(FROM_BAR - 10 + i));
        }
        // A quarter into the bar the path has gone from the open to the low (flat account: low first).
        assertThat(klines.open(10)).isEqualTo(BARS.open(FROM_BAR));
        assertThat(klines.low(10)).isEqualTo(BARS.low(FROM_BAR));
        assertThat(klines.close(10)).isEqualTo(BARS.low(FROM_BAR));
        assertThat(klines.high(10)).isEqualTo(BARS.open(FROM_BAR));
        Ticker ticker = client.ticker(SYMBOL);
        assertThat(ticker.price()).isEqualTo(BARS.low(FROM_BAR));
        assertThat(ticker.ts()).isEqualTo(sandbox.now() * 1_000_000L);

        sandbox.step(1);
        CandleSeries after = client.klines(SYMBOL, Timeframe.H4, BARS.time(FROM_BAR), BARS.time(FROM_BAR + 10));
        assertThat(after.candle(0)).isEqualTo(BARS.candle(FROM_BAR));
        assertThat(after.size()).isEqualTo(2);
        assertThat(client.ticker(SYMBOL).price()).isEqualTo(BARS.open(FROM_BAR + 1));
    }

    @Test
    void contractsFundingAndMarginModeAnswerWithTheReplayedContract() {
        ContractSpec spec = client.contract(SYMBOL);
        assertThat(spec.toContract()).isEqualTo(TestMarket.XBT);
        assertThat(client.activeContracts()).extracting(ContractSpec::symbol).containsExactly(SYMBOL);
        assertThat(client.currentFundingRate(SYMBOL).value()).isEqualTo(0.0001);
        assertThat(client.fundingRateHistory(SYMBOL, sandbox.now() - 86_400_000L, sandbox.now()))
                .as("both ends count: the clock stands on a funding time").hasSize(4);
        assertThat(client.marginMode(SYMBOL)).isEqualTo(MarginMode.ISOLATED);
        assertThatThrownBy(() -> client.changeMarginMode(SYMBOL, MarginMode.CROSS))
                .isInstanceOfSatisfying(KucoinApiException.class, e -> assertThat(e.code()).isEqualTo("400100"));
        assertThatThrownBy(() -> client.contract("NOSUCHUSDTM"))
                .isInstanceOfSatisfying(KucoinApiException.class, e -> assertThat(e.code()).isEqualTo("100001"));
    }

    @Test
    void aDuplicateClientOidOfAnActiveOrderIsRefusedAndOneOfADoneOrderPlacesANewOrder() {
        OrderRequest order = OrderRequest.limit(SYMBOL, OrderRequest.Side.BUY, 3, 5, BigDecimal.valueOf(1000));
        OrderAck first = client.placeOrder(order);
        assertThatThrownBy(() -> client.placeOrder(order))
                .isInstanceOfSatisfying(KucoinApiException.class, e -> assertThat(e.code()).isEqualTo("126044"));
        assertThat(client.openOrders(SYMBOL).items()).hasSize(1);
        Order byClientOid = client.orderByClientOid(order.clientOid()).orElseThrow();
        assertThat(byClientOid.id()).isEqualTo(first.orderId());
        assertThat(byClientOid.isActive()).isTrue();
        assertThat(byClientOid.price()).isEqualTo(1000.0);
        assertThat(client.orderByClientOid("never-sent")).isEmpty();

        // Done, its clientOid promises nothing: KuCoin takes the same clientOid as a new order.
        client.cancelOrder(first.orderId());
        OrderAck second = client.placeOrder(order);
        assertThat(second.orderId()).isNotEqualTo(first.orderId());
        assertThat(client.openOrders(SYMBOL).items()).extracting(Order::id).containsExactly(second.orderId());
    }

    @Test
    void cancelsByIdByClientOidAndAll() {
        OrderAck a = client.placeOrder(OrderRequest.limit(SYMBOL, OrderRequest.Side.BUY, 1, 5, BigDecimal.valueOf(1000)));
        OrderRequest b = OrderRequest.limit(SYMBOL, OrderRequest.Side.BUY, 1, 5, BigDecimal.valueOf(1100));
        client.placeOrder(b);
        OrderAck c = client.placeOrder(OrderRequest.limit(SYMBOL, OrderRequest.Side.BUY, 1, 5, BigDecimal.valueOf(1200)));
        assertThat(client.accountOverview("USDT").orderMargin()).isGreaterThan(0);
        assertThat(client.cancelOrder(a.orderId())).containsExactly(a.orderId());
        assertThat(client.cancelOrderByClientOid(b.clientOid(), SYMBOL)).isEqualTo(b.clientOid());
        assertThat(client.cancelAllOrders(SYMBOL)).containsExactly(c.orderId());
        assertThat(client.openOrders(SYMBOL).items()).isEmpty();
        assertThat(client.order(a.orderId()).cancelExist()).isTrue();
        assertThat(client.accountOverview("USDT").orderMargin()).isZero();
        assertThatThrownBy(() -> client.cancelOrder(a.orderId())).isInstanceOf(KucoinApiException.class);
    }

    @Test
    void aRestingLimitOrderFillsAtItsPriceAsMakerWhenThePriceTradesThrough() {
        int bar = FROM_BAR;
        double limit = Math.floor((BARS.open(bar) + BARS.low(bar)) / 2);
        OrderAck ack = client.placeOrder(OrderRequest.limit(SYMBOL, OrderRequest.Side.BUY, 10, 10, BigDecimal.valueOf(limit)));
        assertThat(client.order(ack.orderId()).isActive()).isTrue();
        sandbox.step(1);
        Order filled = client.order(ack.orderId());
        assertThat(filled.isActive()).isFalse();
        assertThat(filled.avgDealPrice()).isEqualTo(limit);
        assertThat(client.fillsOfOrder(ack.orderId()).items()).singleElement()
                .satisfies(f -> assertThat(f.liquidity()).isEqualTo("maker"))
                .satisfies(f -> assertThat(f.fee()).isEqualTo(10 * 0.001 * limit * 0.0002));
        assertThat(client.position(SYMBOL).currentQty()).isEqualTo(10);

        OrderAck close = client.placeOrder(OrderRequest.closePosition(SYMBOL));
        assertThat(client.order(close.orderId()).filledSize()).isEqualTo(10);
        assertThat(client.position(SYMBOL).isOpen()).isFalse();
        assertThat(client.positions()).isEmpty();
    }

    @Test
    void anOrderTheBalanceCannotCarryIsRefusedWith300003() {
        long tooMany = (long) (10_000 / (BARS.open(FROM_BAR) * 0.001) * 2);
        assertThatThrownBy(() -> client.placeOrder(OrderRequest.market(SYMBOL, OrderRequest.Side.BUY, tooMany, 1)))
                .isInstanceOfSatisfying(KucoinApiException.class, e -> assertThat(e.code()).isEqualTo("300003"));
        assertThat(client.positions()).isEmpty();
    }

    @Test
    void badParametersAndUnknownSymbolsAreRefused() throws Exception {
        HttpResponse<String> badSize = signed("POST", "/api/v1/orders",
                "{\"clientOid\":\"x1\",\"symbol\":\"XBTUSDTM\",\"side\":\"buy\",\"type\":\"market\",\"size\":0,\"leverage\":5}",
                System.currentTimeMillis(), sandbox.credentials());
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(code(badSize)).isEqualTo("400100");
        HttpResponse<String> unknown = signed("POST", "/api/v1/orders",
                "{\"clientOid\":\"x2\",\"symbol\":\"NOPEUSDTM\",\"side\":\"buy\",\"type\":\"market\",\"size\":1,\"leverage\":5}",
                System.currentTimeMillis(), sandbox.credentials());
        assertThat(code(unknown)).isEqualTo("100001");
        HttpResponse<String> granularity = get("/api/v1/kline/query?symbol=XBTUSDTM&granularity=1&from=0&to=1");
        assertThat(code(granularity)).isEqualTo("400100");
    }

    @Test
    void authenticationFailuresCarryKucoinsCodes() throws Exception {
        SandboxCredentials good = sandbox.credentials();
        long now = System.currentTimeMillis();
        assertThat(code(signed("GET", "/api/v1/positions", "", now, good))).isEqualTo("200000");
        assertThat(code(signed("GET", "/api/v1/positions", "", now - 6_000, good))).isEqualTo("400002");
        assertThat(code(signed("GET", "/api/v1/positions", "", now,
                new SandboxCredentials("other-key", good.apiSecret(), good.apiPassphrase())))).isEqualTo("400003");
        assertThat(code(signed("GET", "/api/v1/positions", "", now,
                new SandboxCredentials(good.apiKey(), good.apiSecret(), "wrong")))).isEqualTo("400004");
        // A wrong secret with the right passphrase: the signature is wrong, said as such rather than as a wrong passphrase.
        assertThat(code(signed("GET", "/api/v1/positions", "", now,
                new SandboxCredentials(good.apiKey(), "wrong-secret", good.apiPassphrase())))).isEqualTo("400005");
        RequestSigner signer = new RequestSigner(TestMarket.credentials(good));
        HttpRequest.Builder tampered = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v1/positions")).GET();
        // Signed for another path: the passphrase is right, the signature is not.
        signer.headers(now, "GET", "/api/v1/position", "").forEach(tampered::header);
        assertThat(code(http.send(tampered.build(), HttpResponse.BodyHandlers.ofString()))).isEqualTo("400005");
        HttpResponse<String> unsigned = get("/api/v1/positions");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(code(unsigned)).isEqualTo("400001");

        // Key version 3 signs the passphrase like version 2; sent plain it is refused.
        Map<String, String> headers = signer.headers(now, "GET", "/api/v1/positions", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v1/positions")).GET();
        headers.forEach(request::header);
        request.setHeader("KC-API-KEY-VERSION", "3");
        assertThat(code(http.send(request.build(), HttpResponse.BodyHandlers.ofString()))).isEqualTo("200000");
        request.setHeader("KC-API-PASSPHRASE", good.apiPassphrase());
        HttpResponse<String> plain = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(code(plain)).isEqualTo("400004");
        assertThat(plain.body()).contains("Invalid KC-API-PASSPHRASE.");
        request.setHeader("KC-API-KEY-VERSION", "4");
        assertThat(code(http.send(request.build(), HttpResponse.BodyHandlers.ofString()))).isEqualTo("400009");
    }

    @Test
    void aPoolOverItsQuotaAnswers429WithTheRateLimitHeaders() throws Exception {
        try (Sandbox limited = Sandbox.builder(BARS, TestMarket.XBT).rateLimit(10).start()) {
            HttpRequest ticker = HttpRequest.newBuilder(URI.create(limited.baseUrl() + "/api/v1/ticker?symbol=XBTUSDTM")).GET().build();
            for (int i = 0; i < 5; i++) {
                assertThat(http.send(ticker, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> refused = http.send(ticker, HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(code(refused)).isEqualTo("429000");
            assertThat(refused.headers().firstValue("gw-ratelimit-limit")).contains("10");
            assertThat(refused.headers().firstValue("gw-ratelimit-remaining")).contains("0");
            assertThat(Long.parseLong(refused.headers().firstValue("gw-ratelimit-reset").orElseThrow())).isBetween(0L, 30_000L);
        }
    }

    @Test
    void fieldTypesFollowTheOpenApiExamples() throws Exception {
        JsonNode ticker = JSON.readTree(get("/api/v1/ticker?symbol=XBTUSDTM").body()).path("data");
        assertThat(ticker.path("price").isTextual()).isTrue();
        assertThat(ticker.path("bestBidSize").isIntegralNumber()).isTrue();
        assertThat(ticker.path("ts").isIntegralNumber()).isTrue();
        JsonNode klines = JSON.readTree(get("/api/v1/kline/query?symbol=XBTUSDTM&granularity=240&from=" + BARS.time(0)
                + "&to=" + BARS.time(FROM_BAR)).body()).path("data");
        assertThat(klines.size()).isEqualTo(FROM_BAR + 1);
        assertThat(klines.get(0).get(0).isIntegralNumber()).isTrue();
        assertThat(klines.get(0).get(1).isNumber()).isTrue();
        JsonNode time = JSON.readTree(get("/api/v1/timestamp").body());
        assertThat(time.path("code").asText()).isEqualTo("200000");
        assertThat(time.path("data").isIntegralNumber()).isTrue();
    }

    private HttpResponse<String> get(String pathWithQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathWithQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signed(String method, String pathWithQuery, String body, long timestamp, SandboxCredentials credentials)
            throws Exception {
        RequestSigner signer = new RequestSigner(TestMarket.credentials(credentials));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathWithQuery))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        signer.headers(timestamp, method, pathWithQuery, body).forEach(request::header);
        request.header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("code").asText();
    }
}
