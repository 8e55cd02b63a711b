package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.kucoin.Fill;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.Order;
import io.gpubot.kucoin.OrderRequest;
import io.gpubot.kucoin.Page;
import io.gpubot.kucoin.RequestSigner;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KuCoin's paged lists over 127.0.0.1, as its spec pages them (openapi-futures-order.json, Get Trade History,
 * Get Order List, Get Stop Order List): {@code currentPage} "The default currentPage is 1", {@code pageSize}
 * "The default pageSize is 50; the maximum cannot exceed 1000", with {@code totalNum} and {@code totalPage}.
 */
class PagedListsTest {

    private static final String SYMBOL = "XBTUSDTM";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Sandbox.Builder sandbox() {
        return Sandbox.builder(TestMarket.BTC_4H, TestMarket.XBT).from(TestMarket.BTC_4H.time(300));
    }

    /** {@code count} one-lot market orders, buy and sell in turn: one fill each. */
    private static void tradeOneLotAtATime(KucoinRestClient client, int count) {
        for (int i = 0; i < count; i++) {
            client.placeOrder(OrderRequest.market(SYMBOL, i % 2 == 0 ? OrderRequest.Side.BUY : OrderRequest.Side.SELL, 1, 5));
        }
    }

    @Test
    void a120FillHistoryComesFiftyAPageNewestFirstEachFillOnce() {
        try (Sandbox sandbox = sandbox().strictSpec(true).start(); KucoinRestClient client = TestMarket.client(sandbox)) {
            tradeOneLotAtATime(client, 120);
            List<String> newestFirst = new ArrayList<>();
            for (SandboxFill f : sandbox.exchange().fills()) newestFirst.add(0, f.tradeId());
            assertThat(newestFirst).hasSize(120).doesNotHaveDuplicates();

            Page<Fill> byDefault = client.fills(SYMBOL, null);
            assertThat(byDefault.currentPage()).isEqualTo(1);
            assertThat(byDefault.pageSize()).isEqualTo(50);
            assertThat(byDefault.totalNum()).isEqualTo(120);
            assertThat(byDefault.totalPage()).isEqualTo(3);
            assertThat(byDefault.items()).extracting(Fill::tradeId).isEqualTo(newestFirst.subList(0, 50));

            List<String> paged = new ArrayList<>();
            int[] sizes = new int[4];
            for (int page = 1; page <= 4; page++) {
                Page<Fill> p = client.fills(SYMBOL, null, page, 50);
                assertThat(p.currentPage()).isEqualTo(page);
                assertThat(p.totalNum()).isEqualTo(120);
                assertThat(p.totalPage()).isEqualTo(3);
                sizes[page - 1] = p.items().size();
                p.items().forEach(f -> paged.add(f.tradeId()));
            }
            assertThat(sizes).as("50 + 50 + 20, and past the last page nothing").containsExactly(50, 50, 20, 0);
            assertThat(paged).isEqualTo(newestFirst);

            Page<Fill> all = client.fills(SYMBOL, null, 1, 1000);
            assertThat(all.totalPage()).isEqualTo(1);
            assertThat(all.items()).extracting(Fill::tradeId).isEqualTo(newestFirst);
            Page<Fill> sevens = client.fills(SYMBOL, null, 18, 7);
            assertThat(sevens.totalPage()).as("ceil(120 / 7)").isEqualTo(18);
            assertThat(sevens.items()).extracting(Fill::tradeId).as("fills 120 - 7 x 17 = 1").isEqualTo(newestFirst.subList(119, 120));
            assertThat(sandbox.specViolations()).isEmpty();
        }
    }

    @Test
    void anEmptyHistoryHasNoPageAndAPageSizeAboveTheSpecsMaximumIsClampedOrUnderStrictSpecRefused() throws Exception {
        String tooBig = "/api/v1/fills?symbol=" + SYMBOL + "&pageSize=5000&currentPage=0";
        try (Sandbox sandbox = sandbox().strictSpec(false).start(); KucoinRestClient client = TestMarket.client(sandbox)) {
            Page<Fill> none = client.fills(SYMBOL, null);
            assertThat(none.totalNum()).isZero();
            assertThat(none.totalPage()).as("as KuCoin answers an empty history").isZero();
            assertThat(none.items()).isEmpty();

            tradeOneLotAtATime(client, 3);
            JsonNode data = JSON.readTree(signedGet(sandbox, tooBig).body()).path("data");
            assertThat(data.path("pageSize").asInt()).isEqualTo(1000);
            assertThat(data.path("currentPage").asInt()).isEqualTo(1);
            assertThat(data.path("totalPage").asInt()).isEqualTo(1);
            assertThat(data.path("items").size()).isEqualTo(3);
        }
        try (Sandbox sandbox = sandbox().strictSpec(true).start()) {
            JsonNode refused = JSON.readTree(signedGet(sandbox, tooBig).body());
            assertThat(refused.path("code").asText()).isEqualTo("400100");
            assertThat(sandbox.takeSpecViolations()).containsExactly("GET /api/v1/fills: query parameter 'pageSize' must be at most 1000, got '5000'");
        }
    }

    @Test
    void restingAndStopOrdersArePagedTheSameWay() {
        try (Sandbox sandbox = sandbox().strictSpec(true).start(); KucoinRestClient client = TestMarket.client(sandbox)) {
            BigDecimal below = BigDecimal.valueOf(Math.round(sandbox.exchange().price() * 0.9));
            for (int i = 0; i < 60; i++) client.placeOrder(OrderRequest.limit(SYMBOL, OrderRequest.Side.BUY, 1, 5, below));
            Page<Order> first = client.openOrders(SYMBOL);
            assertThat(first.items()).hasSize(50);
            assertThat(first.totalNum()).isEqualTo(60);
            assertThat(first.totalPage()).isEqualTo(2);
            Page<Order> second = client.openOrders(SYMBOL, 2, 50);
            assertThat(second.items()).hasSize(10);
            List<String> ids = new ArrayList<>(first.items().stream().map(Order::id).toList());
            second.items().forEach(o -> ids.add(o.id()));
            assertThat(ids).doesNotHaveDuplicates().hasSize(60);
            assertThat(client.openOrders(SYMBOL, 1, 1000).items()).extracting(Order::id).isEqualTo(ids);

            client.placeOrder(OrderRequest.market(SYMBOL, OrderRequest.Side.BUY, 60, 5));
            for (int i = 0; i < 55; i++) {
                client.placeOrder(new OrderRequest(OrderRequest.newClientOid(), SYMBOL, OrderRequest.Side.SELL, "market", 1, 5, null, null,
                        true, false, OrderRequest.StopDirection.DOWN, below, OrderRequest.StopPriceType.TP, null, false));
            }
            Page<Order> stops = client.stopOrders(SYMBOL);
            assertThat(stops.items()).hasSize(50);
            assertThat(stops.totalNum()).isEqualTo(55);
            assertThat(stops.totalPage()).isEqualTo(2);
            assertThat(client.stopOrders(SYMBOL, 2, 50).items()).hasSize(5);
            assertThat(client.stopOrders(SYMBOL, 1, 1000).items()).hasSize(55);
            assertThat(sandbox.specViolations()).isEmpty();
        }
    }

    private static HttpResponse<String> signedGet(Sandbox sandbox, String pathWithQuery) throws Exception {
        RequestSigner signer = new RequestSigner(TestMarket.credentials(sandbox.credentials()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathWithQuery)).GET();
        signer.headers(System.currentTimeMillis(), "GET", pathWithQuery, "").forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
