package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Resampler;
import io.gpubot.core.market.Timeframe;
import io.gpubot.kucoin.RequestSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The sandbox answers and refuses as KuCoin does: its routes, codes and messages, its modes, over raw
 * HTTP on 127.0.0.1 (KucoinErrors names the source of each code).
 */
class KucoinBehaviourTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CandleSeries BARS = TestMarket.BTC_4H;
    private static final int FROM_BAR = 300;
    private static final String SYMBOL = "XBTUSDTM";

    private final HttpClient http = HttpClient.newHttpClient();
    /** Added to the real clock: the wall clock the sandbox checks signatures and fill delays against. */
    private final AtomicLong wallOffset = new AtomicLong();

    private Sandbox start(Consumer<Sandbox.Builder> options) {
        Sandbox.Builder b = Sandbox.builder(BARS, TestMarket.XBT).from(BARS.time(FROM_BAR))
                .wallClock(() -> System.currentTimeMillis() + wallOffset.get());
        options.accept(b);
        return b.start();
    }

    private Sandbox start() {
        return start(b -> { });
    }

    // ---- routing and endpoints ----

    @Test
    void anUnknownPathIs404000BeforeAnyAuthentication() throws Exception {
        try (Sandbox sandbox = start()) {
            HttpResponse<String> unsigned = raw(sandbox, "GET", "/api/v1/no-such-thing", "", null);
            assertThat(unsigned.statusCode()).isEqualTo(404);
            assertThat(code(unsigned)).isEqualTo("404000");
            assertThat(JSON.readTree(unsigned.body()).path("msg").asText()).startsWith("Url Not Found");
            // A private-looking unknown path, signed with the wrong key: still 404000, never an auth error.
            SandboxCredentials wrong = new SandboxCredentials("nobody", "nothing", "none");
            assertThat(code(raw(sandbox, "POST", "/api/v1/orders/unknown", "{}", wrong))).isEqualTo("404000");
            // A known path with a method KuCoin does not serve there.
            assertThat(code(raw(sandbox, "PUT", "/api/v1/orders", "{}", sandbox.credentials()))).isEqualTo("404000");
        }
    }

    @Test
    void accountModeIsClassicOrUnifiedAsAsked() throws Exception {
        try (Sandbox classic = start()) {
            assertThat(data(call(classic, "GET", "/api/ua/v1/account/mode", "")).path("selfAccountMode").asText()).isEqualTo("CLASSIC");
        }
        try (Sandbox unified = start(b -> b.unifiedAccount(true))) {
            assertThat(data(call(unified, "GET", "/api/ua/v1/account/mode", "")).path("selfAccountMode").asText()).isEqualTo("UNIFIED");
        }
    }

    @Test
    void positionModeSwitchesWhenFlatAndIsRefusedWithAPositionOrAnOpenOrder() throws Exception {
        try (Sandbox sandbox = start()) {
            assertThat(data(call(sandbox, "GET", "/api/v2/position/getPositionMode", "")).path("positionMode").asInt()).isZero();
            assertThat(data(call(sandbox, "POST", "/api/v2/position/switchPositionMode", "{\"positionMode\":\"1\"}"))
                    .path("positionMode").asInt()).isEqualTo(1);
            assertThat(data(call(sandbox, "POST", "/api/v2/position/switchPositionMode", "{\"positionMode\":\"0\"}"))
                    .path("positionMode").asInt()).isZero();

            ok(call(sandbox, "POST", "/api/v1/orders", limitBuy("resting", 1, 30_000.0)));
            HttpResponse<String> withOrder = call(sandbox, "POST", "/api/v2/position/switchPositionMode", "{\"positionMode\":\"1\"}");
            assertThat(code(withOrder)).isEqualTo("400100");
            assertThat(JSON.readTree(withOrder.body()).path("msg").asText()).contains("position mode cannot be switched");
            ok(call(sandbox, "DELETE", "/api/v1/orders/client-order/resting?symbol=XBTUSDTM", ""));

            ok(call(sandbox, "POST", "/api/v1/orders", marketBuy("open", 2)));
            assertThat(code(call(sandbox, "POST", "/api/v2/position/switchPositionMode", "{\"positionMode\":\"1\"}"))).isEqualTo("400100");
            assertThat(sandbox.exchange().positionMode()).isZero();
        }
    }

    @Test
    void riskLimitTiersTradeFeesAndTheLookUpsOfAFuturesOnlyAccount() throws Exception {
        try (Sandbox sandbox = start()) {
            JsonNode tiers = data(call(sandbox, "GET", "/api/v1/contracts/risk-limit/XBTUSDTM", ""));
            assertThat(tiers).hasSize(12);
            assertThat(tiers.get(0).path("maxRiskLimit").asLong()).isEqualTo(100_000);
            assertThat(tiers.get(0).path("maxLeverage").asInt()).isEqualTo(125);
            assertThat(tiers.get(11).path("maxLeverage").asInt()).isEqualTo(1);

            JsonNode fees = data(call(sandbox, "GET", "/api/v1/trade-fees?symbol=XBTUSDTM", ""));
            assertThat(fees.path("takerFeeRate").asText()).isEqualTo("0.0006");
            assertThat(fees.path("makerFeeRate").asText()).isEqualTo("0.0002");

            assertThat(data(call(sandbox, "GET", "/api/v1/hf/accounts/opened", "")).asBoolean(true)).isFalse();
            assertThat(data(call(sandbox, "GET", "/api/v3/margin/symbols", "")).path("items")).isEmpty();
            assertThat(data(call(sandbox, "GET", "/api/v1/isolated/symbols", ""))).isEmpty();
        }
    }

    @Test
    void klinesIgnoreOptionalParametersThatAreNotNumbersAndServeEveryGranularityFromTheReplay() throws Exception {
        // Not strict: from=undefined is what KuCoin accepts but its spec (integer) does not describe.
        try (Sandbox sandbox = start(b -> b.klineLimit(200).strictSpec(false))) {
            sandbox.step(1);
            // Only symbol and granularity (and KuCoin's SDK's from=undefined&to=undefined): the newest rows, up to the limit.
            for (String query : new String[] {"", "&from=undefined&to=undefined", "&from=&to="}) {
                JsonNode rows = data(JSON.readTree(publicGet(sandbox, "/api/v1/kline/query?symbol=XBTUSDTM&granularity=240" + query).body()));
                assertThat(rows).hasSize(200);
                assertThat(rows.get(199).get(0).asLong()).isEqualTo(BARS.time(FROM_BAR + 1));
                assertThat(rows.get(198).get(0).asLong()).isEqualTo(BARS.time(FROM_BAR));
                assertThat(rows.get(0).get(0).asLong()).isEqualTo(BARS.time(FROM_BAR - 198));
            }
            // A window longer than the limit: its newest rows.
            JsonNode window = data(JSON.readTree(publicGet(sandbox, "/api/v1/kline/query?symbol=XBTUSDTM&granularity=240&from="
                    + BARS.time(0) + "&to=" + BARS.time(FROM_BAR - 1)).body()));
            assertThat(window).hasSize(200);
            assertThat(window.get(199).get(0).asLong()).isEqualTo(BARS.time(FROM_BAR - 1));

            // Daily candles resampled from the 4-hour replay with core's Resampler; the day in progress built so far.
            CandleSeries daily = Resampler.resample(BARS, Timeframe.D1);
            JsonNode days = data(JSON.readTree(publicGet(sandbox, "/api/v1/kline/query?symbol=XBTUSDTM&granularity=1440").body()));
            JsonNode lastClosed = days.get(days.size() - 2);
            int index = daily.indexOf(lastClosed.get(0).asLong());
            assertThat(index).isGreaterThanOrEqualTo(0);
            assertThat(lastClosed.get(1).asDouble()).isEqualTo(daily.open(index));
            assertThat(lastClosed.get(2).asDouble()).isEqualTo(daily.high(index));
            assertThat(lastClosed.get(3).asDouble()).isEqualTo(daily.low(index));
            assertThat(lastClosed.get(4).asDouble()).isEqualTo(daily.close(index));
            JsonNode forming = days.get(days.size() - 1);
            assertThat(forming.get(0).asLong()).isEqualTo(Timeframe.D1.floor(sandbox.now()));
            assertThat(forming.get(4).asDouble()).isEqualTo(sandbox.exchange().price());

            HttpResponse<String> finer = publicGet(sandbox, "/api/v1/kline/query?symbol=XBTUSDTM&granularity=60");
            assertThat(code(finer)).isEqualTo("400100");
            assertThat(code(publicGet(sandbox, "/api/v1/kline/query?symbol=XBTUSDTM&granularity=7"))).isEqualTo("400100");
        }
    }

    @Test
    void fundingHistoryPagesByItsLimitNewestFirst() throws Exception {
        try (Sandbox sandbox = start(b -> b.fundingHistoryLimit(10))) {
            JsonNode rows = data(JSON.readTree(publicGet(sandbox, "/api/v1/contract/funding-rates?symbol=XBTUSDTM&from="
                    + BARS.time(0) + "&to=" + sandbox.now()).body()));
            assertThat(rows).hasSize(10);
            long eightHours = Duration.ofHours(8).toMillis();
            assertThat(rows.get(0).path("timepoint").asLong()).isEqualTo(Math.floorDiv(sandbox.now(), eightHours) * eightHours);
            assertThat(rows.get(0).path("timepoint").asLong() - rows.get(1).path("timepoint").asLong()).isEqualTo(eightHours);
        }
    }

    @Test
    void rateLimitWeightsAreTheSpecs() throws Exception {
        try (Sandbox sandbox = start()) {
            assertThat(weightOf(sandbox, "GET", "/api/v1/stopOrders?symbol=XBTUSDTM")).isEqualTo(6);
            assertThat(weightOf(sandbox, "DELETE", "/api/v1/stopOrders?symbol=XBTUSDTM")).isEqualTo(15);
            assertThat(weightOf(sandbox, "DELETE", "/api/v3/orders?symbol=XBTUSDTM")).isEqualTo(10);
            assertThat(weightOf(sandbox, "GET", "/api/v1/recentDoneOrders")).isEqualTo(5);
            assertThat(weightOf(sandbox, "GET", "/api/v1/account-overview?currency=USDT")).isEqualTo(5);
            assertThat(weightOf(sandbox, "GET", "/api/v1/recentFills")).isEqualTo(3);
        }
    }

    // ---- refusals ----

    @Test
    void ordersOffTheTickOffTheLotOverTheMaximumOrOutsideThePriceBandAreRefused() throws Exception {
        Contract lots = new Contract(SYMBOL, "XBT", "USDT", 0.001, 10, 0.1, 125, 0.0002, 0.0006, 0.004, Duration.ofHours(8));
        try (Sandbox sandbox = Sandbox.builder(BARS, lots).from(BARS.time(FROM_BAR)).start()) {
            double price = sandbox.exchange().price();
            assertRefused(sandbox, limitBuy("tick", 10, 30_000.05), "300000", "tick size");
            assertRefused(sandbox, stopOrder("stop-tick", 10, "down", 30_000.03), "300000", "tick size");
            assertRefused(sandbox, limitBuy("lot", 15, 30_000.0), "300000", "lot size");
            assertRefused(sandbox, marketBuy("max", 1_000_010), "300000", "maximum order quantity");
            double tooHigh = Math.round(price * 1.10 * 10) / 10.0;
            assertRefused(sandbox, limitBuy("band", 10, tooHigh), "300000", "cannot be higher than");
            double tooLow = Math.round(price * 0.90 * 10) / 10.0;
            assertRefused(sandbox, "{\"clientOid\":\"band-sell\",\"symbol\":\"XBTUSDTM\",\"side\":\"sell\",\"type\":\"limit\",\"leverage\":5,"
                    + "\"size\":10,\"price\":\"" + tooLow + "\"}", "300000", "cannot be lower than");
            JsonNode contract = data(publicGet(sandbox, "/api/v1/contracts/XBTUSDTM"));
            assertThat(contract.path("buyLimit").asDouble()).isEqualTo(sandbox.exchange().buyLimit());
            assertThat(contract.path("sellLimit").asDouble()).isLessThan(price).isGreaterThan(tooLow);
            assertThat(sandbox.exchange().fills()).isEmpty();
        }
    }

    @Test
    void aPositionBeyondTheRiskLimitItsLeverageAllowsIsRefused() throws Exception {
        try (Sandbox sandbox = start(b -> b.startBalance(1_000_000))) {
            double price = sandbox.exchange().price();
            // At 125x only tier 1 applies: 100 000 USDT. 4 000 lots of 0.001 BTC at ~40 000 USDT is ~160 000.
            long lots = (long) Math.ceil(100_001 / (0.001 * price));
            assertRefused(sandbox, "{\"clientOid\":\"big\",\"symbol\":\"XBTUSDTM\",\"side\":\"buy\",\"type\":\"market\",\"leverage\":125,\"size\":"
                    + lots + "}", "300005", "100000 risk limit exceeded");
            // At 100x tier 2 applies (500 000 USDT): the same order is accepted.
            ok(call(sandbox, "POST", "/api/v1/orders", "{\"clientOid\":\"big-100x\",\"symbol\":\"XBTUSDTM\",\"side\":\"buy\",\"type\":\"market\","
                    + "\"leverage\":100,\"size\":" + lots + "}"));
        }
    }

    @Test
    void marginModeMismatchAndASwitchWithAnOpenPositionAreRefused() throws Exception {
        try (Sandbox sandbox = start()) {
            assertRefused(sandbox, "{\"clientOid\":\"cross\",\"symbol\":\"XBTUSDTM\",\"side\":\"buy\",\"type\":\"market\",\"leverage\":5,"
                    + "\"size\":1,\"marginMode\":\"CROSS\"}", "330005", "margin mode does not match");
            ok(call(sandbox, "POST", "/api/v1/orders", marketBuy("open", 1)));
            HttpResponse<String> change = call(sandbox, "POST", "/api/v2/position/changeMarginMode",
                    "{\"symbol\":\"XBTUSDTM\",\"marginMode\":\"CROSS\"}");
            assertThat(code(change)).isEqualTo("400100");
            assertThat(JSON.readTree(change.body()).path("msg").asText()).contains("margin mode cannot be switched");
        }
    }

    @Test
    void positionModesRequireTheirOwnKindOfOrder() throws Exception {
        try (Sandbox oneWay = start()) {
            assertRefused(oneWay, "{\"clientOid\":\"long\",\"symbol\":\"XBTUSDTM\",\"side\":\"buy\",\"type\":\"market\",\"leverage\":5,"
                    + "\"size\":1,\"positionSide\":\"LONG\"}", "330011", "Hedge Mode");
        }
        try (Sandbox hedge = start(b -> b.hedgeMode(true))) {
            assertThat(data(call(hedge, "GET", "/api/v2/position/getPositionMode", "")).path("positionMode").asInt()).isEqualTo(1);
            assertRefused(hedge, marketBuy("no-side", 1), "330012", "One-Way Mode");
            ok(call(hedge, "POST", "/api/v1/orders", "{\"clientOid\":\"long\",\"symbol\":\"XBTUSDTM\",\"side\":\"buy\",\"type\":\"market\","
                    + "\"leverage\":5,\"size\":2,\"positionSide\":\"LONG\"}"));
            assertThat(data(call(hedge, "GET", "/api/v1/position?symbol=XBTUSDTM", "")).path("positionSide").asText()).isEqualTo("LONG");
            // A sell on the LONG side reduces it.
            ok(call(hedge, "POST", "/api/v1/orders", "{\"clientOid\":\"reduce\",\"symbol\":\"XBTUSDTM\",\"side\":\"sell\",\"type\":\"market\","
                    + "\"leverage\":5,\"size\":2,\"positionSide\":\"LONG\"}"));
            assertThat(hedge.exchange().position()).isEmpty();
        }
    }

    @Test
    void aMissingRequiredSymbolIsAParameterError() throws Exception {
        try (Sandbox strict = start()) {
            HttpResponse<String> position = call(strict, "GET", "/api/v1/position", "");
            assertThat(code(position)).isEqualTo("400100");
            assertThat(strict.takeSpecViolations()).containsExactly("GET /api/v1/position: query parameter 'symbol' is required");
        }
        try (Sandbox lenient = start(b -> b.strictSpec(false))) {
            assertThat(code(call(lenient, "GET", "/api/v1/position", ""))).isEqualTo("400100");
            assertThat(code(publicGet(lenient, "/api/v1/ticker"))).isEqualTo("400100");
            assertThat(lenient.specViolations()).isEmpty();
        }
    }

    @Test
    void aStrictSandboxFailsOnCloseWhenARequestOutsideTheSpecWasSwallowed() throws Exception {
        Sandbox sandbox = start();
        call(sandbox, "GET", "/api/v1/positions?colour=red", "");
        org.assertj.core.api.Assertions.assertThatThrownBy(sandbox::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /api/v1/positions: unknown query parameter 'colour'");
    }

    // ---- modes ----

    @Test
    void withAFillDelayOrdersMatchLaterAndFillsReachTheFillsEndpointLaterStill() throws Exception {
        try (Sandbox sandbox = start(b -> b.fillDelay(Duration.ofMillis(200)))) {
            ok(call(sandbox, "POST", "/api/v1/orders", marketBuy("async", 2)));
            JsonNode recent = data(call(sandbox, "GET", "/api/v1/recentFills", ""));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (recent.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                recent = data(call(sandbox, "GET", "/api/v1/recentFills", ""));
            }
            assertThat(recent).hasSize(1);
            assertThat(recent.get(0).path("size").asLong()).isEqualTo(2);
            // The sandbox's wall clock stands still here: /fills has not caught up yet.
            wallOffset.addAndGet(-1);
            assertThat(data(call(sandbox, "GET", "/api/v1/fills?symbol=XBTUSDTM", "")).path("items")).isEmpty();
            wallOffset.addAndGet(1_000);
            JsonNode fills = data(call(sandbox, "GET", "/api/v1/fills?symbol=XBTUSDTM", "")).path("items");
            assertThat(fills).hasSize(1);
            assertThat(fills.get(0).path("tradeId").asText()).isEqualTo(recent.get(0).path("tradeId").asText());
        }
    }

    @Test
    void aLostOrderAnswerStillPlacesTheOrder() throws Exception {
        Faults lose = new Faults(Duration.ZERO, 0, 0, 0, Duration.ofMillis(10), Duration.ZERO, 0, Duration.ZERO, Duration.ZERO, 5, 1.0);
        try (Sandbox sandbox = start(b -> b.faults(lose))) {
            HttpResponse<String> answer = call(sandbox, "POST", "/api/v1/orders", marketBuy("lost", 3));
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(sandbox.exchange().position().orElseThrow().quantity()).isEqualTo(3);
            JsonNode order = data(call(sandbox, "GET", "/api/v1/orders/byClientOid?clientOid=lost", ""));
            assertThat(order.path("filledSize").asLong()).isEqualTo(3);
        }
        assertThat(Faults.parse("lost-order=0.25").lostOrderShare()).isEqualTo(0.25);
    }

    @Test
    void aMarketOrderOnAThinBookFillsHalfAndTheRestIsCancelled() throws Exception {
        Faults thin = new Faults(Duration.ZERO, 0, 0, 0, Duration.ofMillis(10), Duration.ZERO, 0, Duration.ZERO, Duration.ZERO, 5, 0, 1.0);
        try (Sandbox sandbox = start(b -> b.faults(thin))) {
            assertThat(call(sandbox, "POST", "/api/v1/orders", marketBuy("thin", 7)).statusCode()).isEqualTo(200);
            assertThat(sandbox.exchange().position().orElseThrow().quantity()).isEqualTo(3);
            JsonNode order = data(call(sandbox, "GET", "/api/v1/orders/byClientOid?clientOid=thin", ""));
            assertThat(order.path("isActive").asBoolean()).isFalse();
            assertThat(order.path("filledSize").asLong()).isEqualTo(3);
            assertThat(order.path("size").asLong()).isEqualTo(7);
            assertThat(order.path("cancelExist").asBoolean()).isTrue();
        }
        assertThat(Faults.parse("partial-fill=0.3").partialFillShare()).isEqualTo(0.3);
    }

    // ---- helpers ----

    private static String limitBuy(String clientOid, long size, double price) {
        return "{\"clientOid\":\"" + clientOid + "\",\"symbol\":\"XBTUSDTM\",\"side\":\"buy\",\"type\":\"limit\",\"leverage\":5,\"size\":"
                + size + ",\"price\":\"" + price + "\"}";
    }

    private static String marketBuy(String clientOid, long size) {
        return "{\"clientOid\":\"" + clientOid + "\",\"symbol\":\"XBTUSDTM\",\"side\":\"buy\",\"type\":\"market\",\"leverage\":5,\"size\":"
                + size + "}";
    }

    private static String stopOrder(String clientOid, long size, String direction, double stopPrice) {
        return "{\"clientOid\":\"" + clientOid + "\",\"symbol\":\"XBTUSDTM\",\"side\":\"sell\",\"type\":\"market\",\"leverage\":5,\"size\":"
                + size + ",\"stop\":\"" + direction + "\",\"stopPriceType\":\"TP\",\"stopPrice\":\"" + stopPrice + "\"}";
    }

    private void assertRefused(Sandbox sandbox, String orderBody, String code, String messagePart) throws Exception {
        HttpResponse<String> answer = call(sandbox, "POST", "/api/v1/orders", orderBody);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("code").asText()).as(answer.body()).isEqualTo(code);
        assertThat(body.path("msg").asText()).contains(messagePart);
    }

    private int weightOf(Sandbox sandbox, String method, String pathWithQuery) throws Exception {
        int before = Integer.parseInt(call(sandbox, "GET", "/api/v1/position?symbol=XBTUSDTM", "").headers()
                .firstValue("gw-ratelimit-remaining").orElseThrow());
        HttpResponse<String> answer = call(sandbox, method, pathWithQuery, "");
        ok(answer);
        String pool = answer.headers().firstValue("gw-ratelimit-remaining").orElseThrow();
        return before - Integer.parseInt(pool);
    }

    private static void ok(HttpResponse<String> answer) throws Exception {
        assertThat(code(answer)).as(answer.body()).isEqualTo("200000");
    }

    private HttpResponse<String> call(Sandbox sandbox, String method, String pathWithQuery, String body) throws Exception {
        return raw(sandbox, method, pathWithQuery, body, sandbox.credentials());
    }

    private HttpResponse<String> publicGet(Sandbox sandbox, String pathWithQuery) throws Exception {
        return raw(sandbox, "GET", pathWithQuery, "", null);
    }

    private HttpResponse<String> raw(Sandbox sandbox, String method, String pathWithQuery, String body, SandboxCredentials credentials)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathWithQuery))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            new RequestSigner(TestMarket.credentials(credentials))
                    .headers(System.currentTimeMillis() + wallOffset.get(), method, pathWithQuery, body).forEach(request::header);
        }
        request.header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).path("code").asText();
    }

    private static JsonNode data(HttpResponse<String> answer) throws Exception {
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("code").asText()).as(answer.body()).isEqualTo("200000");
        return body.path("data");
    }

    private static JsonNode data(JsonNode body) {
        assertThat(body.path("code").asText()).as(body.toString()).isEqualTo("200000");
        return body.path("data");
    }
}
