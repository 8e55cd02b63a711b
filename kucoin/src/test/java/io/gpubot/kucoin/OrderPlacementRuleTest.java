package io.gpubot.kucoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An order whose answer is lost is looked up by clientOid before anything is sent again. */
class OrderPlacementRuleTest {

    private static final String NOT_FOUND = "{\"code\":\"200000\",\"data\":null}";

    private KucoinRestClient client(FakeTransport transport) {
        return KucoinRestClient.builder(URI.create("http://127.0.0.1:1"))
                .credentials(new KucoinCredentials("key".toCharArray(), "secret".toCharArray(), "pass".toCharArray()))
                .transport(transport).sleeper(d -> { }).orderLookupAttempts(3).build();
    }

    private static String foundOrder(String clientOid) {
        return TestFiles.openapi("order-by-client-oid").replace("5c52e11203aa677f33e493fb", clientOid);
    }

    @Test
    void aTimedOutOrderThatWasPlacedIsFoundAndNotSentAgain() {
        FakeTransport transport = new FakeTransport((s, i) -> {
            if (s.method().equals("POST")) throw new HttpTimeoutException("request timed out");
            return FakeTransport.ok(foundOrder(s.uri().getQuery().replace("clientOid=", "")));
        });
        OrderRequest order = OrderRequest.limit("XBTUSDTM", OrderRequest.Side.BUY, 1, 3, new BigDecimal("0.1"));
        OrderAck ack = client(transport).placeOrder(order);
        assertThat(ack).isEqualTo(new OrderAck("250444645610336256", order.clientOid()));
        assertThat(transport.count("POST", "/api/v1/orders")).isEqualTo(1);
        assertThat(transport.sent.get(1).uri().getPath()).isEqualTo("/api/v1/orders/byClientOid");
        assertThat(transport.sent.get(1).uri().getQuery()).isEqualTo("clientOid=" + order.clientOid());
    }

    @Test
    void aTimedOutOrderTheExchangeDoesNotKnowIsSentOnceMoreWithTheSameClientOid() {
        FakeTransport transport = new FakeTransport((s, i) -> {
            if (s.method().equals("POST")) {
                if (i == 0) throw new HttpTimeoutException("request timed out");
                return FakeTransport.ok(TestFiles.openapi("add-order"));
            }
            return FakeTransport.ok(NOT_FOUND);
        });
        OrderRequest order = OrderRequest.market("XBTUSDTM", OrderRequest.Side.SELL, 2, 5);
        client(transport).placeOrder(order);
        assertThat(transport.count("POST", "/api/v1/orders")).isEqualTo(2);
        assertThat(transport.count("GET", "/api/v1/orders/byClientOid")).isEqualTo(3);
        assertThat(transport.sent.stream().filter(s -> s.method().equals("POST")).map(FakeTransport.Sent::body).distinct())
                .singleElement().asString().contains(order.clientOid());
    }

    @Test
    void atMostOnceALostAnswerTheExchangeDoesNotShowYetIsNeverSentAgain() {
        // KuCoin documents no idempotency for a done order's clientOid: a market order filled at once and not shown
        // by the lookup yet would be doubled by a second send.
        FakeTransport transport = new FakeTransport((s, i) -> {
            if (s.method().equals("POST")) throw new HttpTimeoutException("request timed out");
            return FakeTransport.ok(NOT_FOUND);
        });
        OrderRequest order = OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 2);
        assertThatThrownBy(() -> client(transport).placeOrderAtMostOnce(order))
                .isInstanceOfSatisfying(OrderOutcomeUnknownException.class, e -> assertThat(e.clientOid()).isEqualTo(order.clientOid()));
        assertThat(transport.count("POST", "/api/v1/orders")).isEqualTo(1);
        assertThat(transport.count("GET", "/api/v1/orders/byClientOid")).isEqualTo(3);

        FakeTransport tpSl = new FakeTransport((s, i) -> {
            if (s.method().equals("POST")) return new HttpTransport.Response(502, Map.of(), "<html>bad gateway</html>");
            return FakeTransport.ok(NOT_FOUND);
        });
        TpSlOrderRequest withStop = new TpSlOrderRequest(OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 2), null,
                new BigDecimal("39439.4"), OrderRequest.StopPriceType.TP, null);
        assertThatThrownBy(() -> client(tpSl).placeTpSlOrderAtMostOnce(withStop)).isInstanceOf(OrderOutcomeUnknownException.class);
        assertThat(tpSl.count("POST", "/api/v1/st-orders")).isEqualTo(1);
    }

    @Test
    void twoLostAnswersAndNoTraceOfTheOrderLeaveTheOutcomeUnknown() {
        FakeTransport transport = new FakeTransport((s, i) -> {
            if (s.method().equals("POST")) throw new HttpTimeoutException("request timed out");
            return FakeTransport.ok(NOT_FOUND);
        });
        OrderRequest order = OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 2);
        assertThatThrownBy(() -> client(transport).placeOrder(order))
                .isInstanceOfSatisfying(OrderOutcomeUnknownException.class, e -> assertThat(e.clientOid()).isEqualTo(order.clientOid()));
        assertThat(transport.count("POST", "/api/v1/orders")).isEqualTo(2);
    }

    @Test
    void aLookupThatFailsLeavesTheOutcomeUnknownWithoutResending() {
        FakeTransport transport = new FakeTransport((s, i) -> {
            if (s.method().equals("POST")) throw new HttpTimeoutException("request timed out");
            return new HttpTransport.Response(503, Map.of(), "");
        });
        assertThatThrownBy(() -> client(transport).placeOrder(OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 2)))
                .isInstanceOf(OrderOutcomeUnknownException.class);
        assertThat(transport.count("POST", "/api/v1/orders")).isEqualTo(1);
    }

    @Test
    void a5xxOnAnOrderIsTreatedAsALostAnswer() {
        FakeTransport transport = new FakeTransport((s, i) -> {
            if (s.method().equals("POST")) return new HttpTransport.Response(502, Map.of(), "<html>bad gateway</html>");
            return FakeTransport.ok(foundOrder(s.uri().getQuery().replace("clientOid=", "")));
        });
        OrderRequest order = OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 2);
        assertThat(client(transport).placeOrder(order).clientOid()).isEqualTo(order.clientOid());
        assertThat(transport.count("POST", "/api/v1/orders")).isEqualTo(1);
    }

    @Test
    void anOrderThatCouldNotConnectIsSafeToReportAsNotSent() {
        FakeTransport transport = new FakeTransport((s, i) -> { throw new HttpConnectTimeoutException("connect timed out"); });
        assertThatThrownBy(() -> client(transport).placeOrder(OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 2)))
                .isInstanceOfSatisfying(KucoinTransportException.class, e -> {
                    assertThat(e.mayHaveReachedExchange()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("cannot connect to http://127.0.0.1:1 (place order, 4 attempts)");
                });
        assertThat(transport.count("GET", "/api/v1/orders/byClientOid")).isZero();
    }

    @Test
    void aRejectedOrderIsNotRetried() {
        FakeTransport transport = new FakeTransport((s, i) -> FakeTransport.ok("{\"code\":\"300003\",\"msg\":\"Balance insufficient\"}"));
        assertThatThrownBy(() -> client(transport).placeOrder(OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 2)))
                .isInstanceOfSatisfying(KucoinApiException.class, e -> assertThat(e.code()).isEqualTo("300003"));
        assertThat(transport.sent).hasSize(1);
    }
}
