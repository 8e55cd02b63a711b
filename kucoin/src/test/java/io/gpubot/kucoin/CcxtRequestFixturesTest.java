package io.gpubot.kucoin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Our requests match what ccxt sends for the same calls: same URL, same JSON body apart from clientOid. */
class CcxtRequestFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode FIXTURES = read();

    private static JsonNode read() {
        try {
            return JSON.readTree(TestFiles.resource("ccxt/request-kucoinfutures.json")).path("methods");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(String method, int index, Consumer<KucoinRestClient> call) throws Exception {
        JsonNode fixture = FIXTURES.path(method).get(index);
        FakeTransport transport = new FakeTransport((s, i) -> FakeTransport.ok(OpenApiExamples.forRequest(s.method(), s.uri().getPath())));
        KucoinRestClient client = KucoinRestClient.builder(URI.create("https://api-futures.kucoin.com"))
                .credentials(new KucoinCredentials("key".toCharArray(), "secret".toCharArray(), "pass".toCharArray()))
                .transport(transport).sleeper(d -> { }).build();
        call.accept(client);
        assertThat(transport.sent).hasSize(1);
        FakeTransport.Sent sent = transport.sent.get(0);
        assertThat(sent.uri().toString()).as(method + "[" + index + "] url").isEqualTo(fixture.path("url").asText());
        JsonNode output = fixture.get("output");
        if (output != null && !output.isNull()) {
            ObjectNode expected = (ObjectNode) JSON.readTree(output.asText());
            ObjectNode actual = (ObjectNode) JSON.readTree(sent.body());
            assertThat(actual.path("clientOid").asText()).isNotBlank();
            expected.remove("clientOid");
            actual.remove("clientOid");
            assertThat(actual).as(method + "[" + index + "] body").isEqualTo(expected);
        }
    }

    @Test
    void marketOrders() throws Exception {
        check("createOrder", 0, c -> c.placeOrder(OrderRequest.market("LTCUSDTM", OrderRequest.Side.BUY, 1, 1)));
        check("createOrder", 1, c -> c.placeOrder(OrderRequest.market("LTCUSDTM", OrderRequest.Side.SELL, 1, 1)));
    }

    @Test
    void limitOrder() throws Exception {
        check("createOrder", 2, c -> c.placeOrder(OrderRequest.limit("LTCUSDTM", OrderRequest.Side.BUY, 1, 1, new BigDecimal("50"))));
    }

    @Test
    void stopOrders() throws Exception {
        check("createOrder", 3, c -> c.placeTestOrder(OrderRequest.market("LTCUSDTM", OrderRequest.Side.BUY, 1, 1)
                .withStop(OrderRequest.StopDirection.UP, new BigDecimal("90"), OrderRequest.StopPriceType.MP)));
        check("createOrder", 4, c -> c.placeTestOrder(OrderRequest.market("LTCUSDTM", OrderRequest.Side.SELL, 1, 1)
                .withStop(OrderRequest.StopDirection.DOWN, new BigDecimal("40"), OrderRequest.StopPriceType.MP).withReduceOnly()));
        check("createOrder", 5, c -> c.placeTestOrder(OrderRequest.market("LTCUSDTM", OrderRequest.Side.SELL, 1, 1)
                .withStop(OrderRequest.StopDirection.UP, new BigDecimal("100"), OrderRequest.StopPriceType.MP).withReduceOnly()));
    }

    @Test
    void closePosition() throws Exception {
        check("closePosition", 0, c -> c.placeOrder(OrderRequest.closePosition("ADAUSDTM")));
    }

    @Test
    void ordersFillsAndCancels() throws Exception {
        check("fetchMyTrades", 0, c -> c.fills("LTCUSDTM", 1699457638000L));
        check("fetchOpenOrders", 0, c -> c.openOrders("LTCUSDTM"));
        check("cancelAllOrders", 1, c -> c.cancelAllStopOrders("LTCUSDTM"));
        check("cancelOrder", 0, c -> c.cancelOrder("126611245292855296"));
        check("cancelOrder", 1, c -> c.cancelOrderByClientOid("order2", "LTCUSDTM"));
        check("fetchOrder", 0, c -> c.order("1234567890"));
    }

    @Test
    void cancelAllUsesTheLightV3EndpointInsteadOfCcxtsV1() throws Exception {
        // ccxt calls DELETE /api/v1/orders?symbol=.. (weight 800); we call v3 (weight 10) with the same query.
        String ccxtUrl = FIXTURES.path("cancelAllOrders").get(0).path("url").asText();
        FakeTransport transport = new FakeTransport((s, i) -> FakeTransport.ok(TestFiles.openapi("cancel-all-orders")));
        KucoinRestClient client = KucoinRestClient.builder(URI.create("https://api-futures.kucoin.com"))
                .credentials(new KucoinCredentials("key".toCharArray(), "secret".toCharArray(), "pass".toCharArray()))
                .transport(transport).build();
        client.cancelAllOrders("LTCUSDTM");
        assertThat(transport.sent.get(0).method()).isEqualTo("DELETE");
        assertThat(transport.sent.get(0).uri().toString()).isEqualTo(ccxtUrl.replace("/api/v1/orders", "/api/v3/orders"));
    }

    @Test
    void positionsAndMarketData() throws Exception {
        check("fetchPositionsForSymbol", 0, c -> c.position("XBTUSDTM"));
        check("fetchPositions", 0, KucoinRestClient::positions);
        check("fetchFundingRateHistory", 0, c -> c.fundingRateHistory("XBTUSDTM", 1702209600000L, 1704283200000L));
        check("fetchFundingRate", 0, c -> c.currentFundingRate("XBTUSDTM"));
        check("fetchTime", 0, KucoinRestClient::serverTime);
        check("fetchTicker", 0, c -> c.ticker("XBTUSDTM"));
        check("fetchTickers", 0, KucoinRestClient::activeContracts);
    }
}
