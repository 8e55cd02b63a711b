package io.gpubot.kucoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Timeframe;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every response example from KuCoin's OpenAPI spec parses into the typed records. */
class ResponseParsingTest {

    private final FakeTransport transport = new FakeTransport((s, i) -> FakeTransport.ok(OpenApiExamples.forRequest(s.method(), s.uri().getPath())));
    private final KucoinRestClient client = KucoinRestClient.builder(URI.create("https://api-futures.kucoin.com"))
            .credentials(new KucoinCredentials("key".toCharArray(), "secret".toCharArray(), "pass".toCharArray()))
            .transport(transport).sleeper(d -> { }).build();

    @Test
    void serverTime() {
        assertThat(client.serverTime()).isEqualTo(1729260030774L);
    }

    @Test
    void contractsBecomeCoreContracts() {
        List<ContractSpec> contracts = client.activeContracts();
        assertThat(contracts).hasSize(1);
        Contract xbt = contracts.get(0).toContract();
        assertThat(xbt.symbol()).isEqualTo("XBTUSDTM");
        assertThat(xbt.multiplier()).isEqualTo(0.001);
        assertThat(xbt.tickSize()).isEqualTo(0.1);
        assertThat(xbt.maxLeverage()).isEqualTo(125);
        assertThat(xbt.makerFeeRate()).isEqualTo(0.0002);
        assertThat(xbt.takerFeeRate()).isEqualTo(0.0006);
        assertThat(xbt.maintenanceMarginRate()).isEqualTo(0.004);
        assertThat(xbt.fundingInterval()).isEqualTo(Duration.ofHours(8));
        assertThat(client.contract("XBTUSDTM").markPrice()).isEqualTo(86378.69);
    }

    @Test
    void klinesInRestOrderTimeOpenHighLowClose() {
        CandleSeries bars = client.klines("XBTUSDTM", Timeframe.H8, 1728576000000L, 1728633600000L);
        assertThat(bars.size()).isEqualTo(3);
        assertThat(bars.time(0)).isEqualTo(1728576000000L);
        assertThat(bars.open(0)).isEqualTo(60791.1);
        assertThat(bars.high(0)).isEqualTo(61035);
        assertThat(bars.low(0)).isEqualTo(58940);
        assertThat(bars.close(0)).isEqualTo(60300);
        assertThat(bars.volume(0)).isEqualTo(5501167);
        assertThat(transport.sent.get(0).pathWithQuery())
                .isEqualTo("/api/v1/kline/query?symbol=XBTUSDTM&granularity=480&from=1728576000000&to=1728633600000");
    }

    @Test
    void tickerPricesSentAsStrings() {
        Ticker ticker = client.ticker("XBTUSDM");
        assertThat(ticker.price()).isEqualTo(67158.4);
        assertThat(ticker.bestBidPrice()).isEqualTo(67169.6);
        assertThat(ticker.bestAskSize()).isEqualTo(7251);
        assertThat(ticker.ts()).isEqualTo(1729163001780000000L);
    }

    @Test
    void fundingRates() {
        FundingRate current = client.currentFundingRate("XBTUSDTM");
        assertThat(current.value()).isEqualTo(6.1E-5);
        assertThat(current.granularity()).isEqualTo(28800000L);
        List<FundingRatePoint> history = client.fundingRateHistory("XBTUSDTM", 1700310700000L, 1702310700000L);
        assertThat(history).hasSize(69);
        assertThat(history.get(0).timepoint()).isEqualTo(1700337600000L);
        assertThat(history.get(0).fundingRate()).isEqualTo(1.32E-4);
        assertThat(history.get(68).fundingRate()).isEqualTo(2.1E-4);
    }

    @Test
    void accountAndPositions() {
        AccountOverview account = client.accountOverview("USDT");
        assertThat(account.accountEquity()).isEqualTo(394.439280806);
        assertThat(account.availableBalance()).isEqualTo(290.326799096);
        Position position = client.position("XBTUSDTM");
        assertThat(position.currentQty()).isEqualTo(1);
        assertThat(position.avgEntryPrice()).isEqualTo(67430.9);
        assertThat(position.liquidationPrice()).isEqualTo(45314.33);
        assertThat(position.marginMode()).isEqualTo("ISOLATED");
        assertThat(position.isOpen()).isTrue();
        assertThat(position.crossMode()).isFalse();
        assertThat(position.posMaint()).isEqualTo(0.3931320569);
        assertThat(client.positions()).extracting(Position::symbol).containsExactly("ETHUSDM", "XBTUSDTM");
        assertThat(client.marginMode("XBTUSDTM")).isEqualTo(MarginMode.ISOLATED);
        assertThat(client.changeMarginMode("XBTUSDTM", MarginMode.ISOLATED)).isEqualTo(MarginMode.ISOLATED);
        assertThat(transport.sent.get(transport.sent.size() - 1).body()).isEqualTo("{\"symbol\":\"XBTUSDTM\",\"marginMode\":\"ISOLATED\"}");
    }

    @Test
    void ordersWithStringNumbers() {
        Order order = client.order("236655147005071361");
        assertThat(order.price()).isEqualTo(0.1);
        assertThat(order.value()).isEqualTo(0.0001);
        assertThat(order.leverage()).isEqualTo(3);
        assertThat(order.stopPrice()).isNull();
        assertThat(order.clientOid()).isEqualTo("5c52e11203aa677f33e493fb");
        assertThat(order.isActive()).isTrue();
        assertThat(order.createdAt()).isEqualTo(1729236185949L);
        assertThat(client.orderByClientOid("5c52e11203aa677f33e493fb")).get().extracting(Order::id).isEqualTo("250444645610336256");
        Page<Order> open = client.openOrders("PEOPLEUSDTM");
        assertThat(open.totalNum()).isEqualTo(1);
        assertThat(open.items().get(0).status()).isEqualTo("open");
        assertThat(client.stopOrders("XBTUSDTM").items()).hasSize(1);
        Page<Fill> fills = client.fills("XBTUSDTM", null);
        assertThat(fills.items().get(0).price()).isEqualTo(86275.1);
        assertThat(fills.items().get(0).fee()).isEqualTo(0.05176506);
        assertThat(fills.items().get(0).liquidity()).isEqualTo("taker");
    }

    @Test
    void recentFillsAreAListNotAPageAndAskForTheSymbolOnly() {
        List<Fill> recent = client.recentFills("XBTUSDTM");
        assertThat(transport.sent.get(0).method()).isEqualTo("GET");
        assertThat(transport.sent.get(0).pathWithQuery()).isEqualTo("/api/v1/recentFills?symbol=XBTUSDTM");
        assertThat(recent).extracting(Fill::orderId).containsExactly("236317213710184449", "236317094436728832");
        Fill newest = recent.get(0);
        assertThat(newest.tradeId()).isEqualTo("1784277229880");
        assertThat(newest.side()).isEqualTo("buy");
        assertThat(newest.price()).isEqualTo(67430.9);
        assertThat(newest.size()).isEqualTo(1);
        // the fee is the example's opening fee: 1 lot x 0.001 x 67430.9 x 0.0006 = 0.04045854
        assertThat(newest.fee()).isEqualTo(0.04045854);
        assertThat(newest.feeRate()).isEqualTo(0.0006);
        assertThat(newest.tradeType()).isEqualTo("trade");
        assertThat(newest.tradeTime()).isEqualTo(1729155616320000000L);
        assertThat(newest.createdAt()).isEqualTo(1729155616493L);
        assertThat(recent.get(1).fee()).isEqualTo(0.040467);
    }

    @Test
    void placingAndCancelling() {
        OrderAck ack = client.placeOrder(OrderRequest.limit("XBTUSDTM", OrderRequest.Side.BUY, 1, 3, new BigDecimal("0.1")));
        assertThat(ack.orderId()).isEqualTo("234125150956625920");
        assertThat(client.cancelOrder("235303670076489728")).containsExactly("235303670076489728");
        assertThat(client.cancelOrderByClientOid("017485b0-2957-4681-8a14-5d46b35aee0d", "XBTUSDTM")).isEqualTo("017485b0-2957-4681-8a14-5d46b35aee0d");
        assertThat(client.cancelAllOrders("XBTUSDTM")).containsExactly("235919172150824960", "235919172150824961");
    }

    @Test
    void tpSlOrderBodyMatchesTheSpecExample() throws Exception {
        OrderRequest order = new OrderRequest("5c52e11203aa677f33e493fb", "XBTUSDTM", OrderRequest.Side.BUY, "limit", 1, 3,
                new BigDecimal("0.2"), "GTC", false, false, null, null, null, MarginMode.ISOLATED, false);
        OrderAck ack = client.placeTpSlOrder(new TpSlOrderRequest(order, new BigDecimal("0.3"), new BigDecimal("0.1"),
                OrderRequest.StopPriceType.TP, "order remarks"));
        assertThat(ack.orderId()).isEqualTo("234125150956625920");
        String specExample = "{\"clientOid\": \"5c52e11203aa677f33e493fb\", \"side\": \"buy\", \"symbol\": \"XBTUSDTM\", \"leverage\": 3, "
                + "\"type\": \"limit\", \"remark\": \"order remarks\", \"reduceOnly\": false, \"marginMode\": \"ISOLATED\", \"price\": \"0.2\", "
                + "\"size\": 1, \"timeInForce\": \"GTC\", \"triggerStopUpPrice\": \"0.3\", \"triggerStopDownPrice\": \"0.1\", \"stopPriceType\": \"TP\"}";
        assertThat(KucoinRestClient.JSON.readTree(transport.sent.get(0).body())).isEqualTo(KucoinRestClient.JSON.readTree(specExample));
        assertThat(transport.sent.get(0).uri().getPath()).isEqualTo("/api/v1/st-orders");
    }

    @Test
    void webSocketTokens() {
        WsToken token = client.publicWsToken();
        assertThat(token.instanceServers()).singleElement().satisfies(s -> {
            assertThat(s.endpoint()).isEqualTo("wss://ws-api-futures.kucoin.com/");
            assertThat(s.pingInterval()).isEqualTo(18000);
            assertThat(s.pingTimeout()).isEqualTo(10000);
        });
        assertThat(token.toString()).doesNotContain(token.token());
        assertThat(client.privateWsToken().token()).startsWith("2neAiuYvAU737");
        assertThat(transport.sent.get(1).headers()).containsKey("KC-API-SIGN");
        assertThat(transport.sent.get(0).headers()).doesNotContainKey("KC-API-SIGN");
    }

    @Test
    void aNon200000CodeBecomesATypedException() {
        KucoinRestClient failing = KucoinRestClient.builder(URI.create("http://x"))
                .transport(new FakeTransport((s, i) -> FakeTransport.ok("{\"code\":\"300000\",\"msg\":\"Contract does not exist\"}")))
                .sleeper(d -> { }).build();
        assertThatThrownBy(() -> failing.contract("NOPEUSDTM"))
                .isInstanceOfSatisfying(KucoinApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("300000");
                    assertThat(e.exchangeMessage()).isEqualTo("Contract does not exist");
                    assertThat(e.httpStatus()).isEqualTo(200);
                });
    }

    @Test
    void klineRowsAsStringsAndOutOfOrderAreAccepted() throws Exception {
        String body = "{\"code\":\"200000\",\"data\":[[\"1728604800000\",\"2\",\"3\",\"1\",\"2.5\",\"7\"],[1728576000000,1,2,0.5,1.5,4],[1728576000000,1,2,0.5,1.5,4]]}";
        KucoinRestClient c = KucoinRestClient.builder(URI.create("http://x")).transport(new FakeTransport((s, i) -> FakeTransport.ok(body))).build();
        CandleSeries bars = c.klines("XBTUSDTM", Timeframe.H8, 0, Long.MAX_VALUE);
        assertThat(bars.size()).isEqualTo(2);
        assertThat(bars.time(0)).isEqualTo(1728576000000L);
        assertThat(bars.close(1)).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void anInvalidKlineRowIsRejectedWithItsIndexAndField() {
        String body = "{\"code\":\"200000\",\"data\":[[1728576000000,1,2,0.5,1.5,4],[1728604800000,2,1,1.5,2,4]]}";
        KucoinRestClient c = KucoinRestClient.builder(URI.create("http://x")).transport(new FakeTransport((s, i) -> FakeTransport.ok(body))).build();
        assertThatThrownBy(() -> c.klines("XBTUSDTM", Timeframe.H8, 0, Long.MAX_VALUE))
                .isInstanceOf(KucoinApiException.class).hasMessageContaining("row 1").hasMessageContaining("high");
    }
}
