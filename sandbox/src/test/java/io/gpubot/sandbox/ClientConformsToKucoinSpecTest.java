package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpubot.core.market.Timeframe;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.MarginMode;
import io.gpubot.kucoin.OrderAck;
import io.gpubot.kucoin.OrderRequest;
import io.gpubot.kucoin.TpSlOrderRequest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Every request gpubot's KuCoin client can send, against a sandbox that checks each one against KuCoin's
 * OpenAPI spec (path, method, required and unknown fields, types): none may be one the spec would refuse.
 */
class ClientConformsToKucoinSpecTest {

    private static final String SYMBOL = "XBTUSDTM";

    @Test
    void everyRequestOfTheClientIsOneKucoinsSpecAccepts() {
        try (Sandbox sandbox = Sandbox.builder(TestMarket.BTC_4H, TestMarket.XBT).from(TestMarket.BTC_4H.time(300))
                .strictSpec(true).start();
             KucoinRestClient client = TestMarket.client(sandbox)) {
            long now = sandbox.now();
            double price = sandbox.exchange().price();
            BigDecimal below = BigDecimal.valueOf(Math.round(price * 0.97));
            BigDecimal above = BigDecimal.valueOf(Math.round(price * 1.03));

            client.serverTime();
            client.activeContracts();
            client.contract(SYMBOL);
            assertThat(client.klines(SYMBOL, Timeframe.H4, now - 20 * Timeframe.H4.millis(), now).size()).isEqualTo(21);
            client.ticker(SYMBOL);
            client.currentFundingRate(SYMBOL);
            client.fundingRateHistory(SYMBOL, now - 7 * 86_400_000L, now);
            client.publicWsToken();
            client.privateWsToken();
            client.accountOverview("USDT");
            client.position(SYMBOL);
            client.positions();
            client.marginMode(SYMBOL);
            client.changeMarginMode(SYMBOL, MarginMode.ISOLATED);

            OrderRequest limit = OrderRequest.limit(SYMBOL, OrderRequest.Side.BUY, 2, 5, below);
            OrderAck resting = client.placeOrder(limit);
            client.placeTestOrder(OrderRequest.market(SYMBOL, OrderRequest.Side.BUY, 1, 5));
            client.order(resting.orderId());
            client.orderByClientOid(limit.clientOid());
            client.openOrders(SYMBOL);
            client.openOrders(SYMBOL, 1, KucoinRestClient.MAX_PAGE_SIZE);
            client.cancelOrder(resting.orderId());
            OrderRequest another = OrderRequest.limit(SYMBOL, OrderRequest.Side.BUY, 1, 5, below);
            client.placeOrder(another);
            client.cancelOrderByClientOid(another.clientOid(), SYMBOL);
            client.placeOrder(OrderRequest.limit(SYMBOL, OrderRequest.Side.BUY, 1, 5, below));
            client.cancelAllOrders(SYMBOL);

            OrderAck bought = client.placeOrder(OrderRequest.market(SYMBOL, OrderRequest.Side.BUY, 3, 5));
            client.fills(SYMBOL, now - 86_400_000L);
            client.fills(SYMBOL, null);
            client.fillsOfOrder(bought.orderId());
            client.fills(SYMBOL, now - 86_400_000L, 2, KucoinRestClient.MAX_PAGE_SIZE);
            client.fillsOfOrder(bought.orderId(), 1, KucoinRestClient.MAX_PAGE_SIZE);
            assertThat(client.recentFills(SYMBOL)).extracting(io.gpubot.kucoin.Fill::orderId).containsExactly(bought.orderId());
            client.placeOrder(new OrderRequest(OrderRequest.newClientOid(), SYMBOL, OrderRequest.Side.SELL, "market", 3, 5, null, null,
                    true, false, OrderRequest.StopDirection.DOWN, below, OrderRequest.StopPriceType.MP, null, false));
            client.stopOrders(SYMBOL);
            client.stopOrders(SYMBOL, 1, KucoinRestClient.MAX_PAGE_SIZE);
            client.cancelAllStopOrders(SYMBOL);
            client.placeOrder(OrderRequest.closePosition(SYMBOL));

            client.placeTpSlOrder(new TpSlOrderRequest(OrderRequest.market(SYMBOL, OrderRequest.Side.BUY, 1, 5), above, below,
                    OrderRequest.StopPriceType.TP, null));
            client.placeOrder(OrderRequest.closePosition(SYMBOL));

            assertThat(sandbox.specViolations()).isEmpty();
            assertThat(sandbox.exchange().position()).isEmpty();
        }
    }

    @Test
    void theValidatorRefusesWhatTheSpecWouldNot() {
        KucoinSpec spec = KucoinSpec.get();
        KucoinSpec.Operation addOrder = spec.find("POST", "/api/v1/orders").orElseThrow();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode()
                .put("clientOid", "x").put("symbol", SYMBOL).put("side", "buy").put("leverage", "5").put("size", 1)
                .put("type", "market").put("colour", "red");
        assertThat(spec.problems(addOrder, java.util.Map.of(), body)).containsExactly(
                "POST /api/v1/orders: body field 'leverage' must be a JSON integer, got \"5\"",
                "POST /api/v1/orders: unknown body field 'colour'");
        KucoinSpec.Operation klines = spec.find("GET", "/api/v1/kline/query").orElseThrow();
        assertThat(spec.problems(klines, java.util.Map.of("symbol", SYMBOL, "granularity", "7", "limit", "5"), null)).containsExactlyInAnyOrder(
                "GET /api/v1/kline/query: query parameter 'granularity' must be one of [1, 5, 15, 30, 60, 120, 240, 480, 720, 1440, 10080], got '7'",
                "GET /api/v1/kline/query: unknown query parameter 'limit'");
        KucoinSpec.Operation fills = spec.find("GET", "/api/v1/fills").orElseThrow();
        assertThat(spec.problems(fills, java.util.Map.of("symbol", SYMBOL, "pageSize", "1001", "currentPage", "2"), null)).containsExactly(
                "GET /api/v1/fills: query parameter 'pageSize' must be at most 1000, got '1001'");
        assertThat(spec.problems(fills, java.util.Map.of("pageSize", "1000"), null)).isEmpty();
        assertThat(spec.find("GET", "/api/v1/orders/byClientOid").orElseThrow().template()).isEqualTo("/api/v1/orders/byClientOid");
        assertThat(spec.find("GET", "/api/v1/orders/123").orElseThrow().template()).isEqualTo("/api/v1/orders/{order-id}");
        assertThat(spec.find("GET", "/api/v9/nothing")).isEmpty();
    }
}
