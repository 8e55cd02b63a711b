package io.gpubot.kucoin.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.core.market.Candle;
import io.gpubot.core.market.Timeframe;
import io.gpubot.kucoin.Position;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The example pushes of KuCoin's WebSocket spec parse into typed events. */
class WsEventsTest {

    static WsMessage example(String name) {
        try (InputStream in = WsEventsTest.class.getResourceAsStream("/kucoin/ws/" + name + ".json")) {
            JsonNode node = new ObjectMapper().readTree(in);
            return new WsMessage(node.path("topic").asText(), node.path("subject").asText(null), node.path("data"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void candleRowsAreTimeOpenCloseHighLowInSeconds() {
        WsMessage message = new WsMessage("/contractMarket/limitCandle:XBTUSDTM_1hour", "candle.stick",
                new ObjectMapper().createObjectNode().put("symbol", "XBTUSDTM").put("time", 1731898208357L)
                        .set("candles", new ObjectMapper().valueToTree(new String[] {"1731895200", "100.5", "101.5", "102", "99", "12.5", "1250"})));
        CandleUpdate update = WsEvents.candle(message);
        assertThat(update.symbol()).isEqualTo("XBTUSDTM");
        assertThat(update.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(update.candle()).isEqualTo(new Candle(1731895200000L, 100.5, 102, 99, 101.5, 12.5));
        assertThat(update.eventTime()).isEqualTo(1731898208357L);
    }

    @Test
    void specCandleExample() {
        CandleUpdate update = WsEvents.candle(example("candle"));
        assertThat(update.timeframe()).isEqualTo(Timeframe.M1);
        assertThat(update.candle().openTime()).isEqualTo(1731898200000L);
        assertThat(update.candle().close()).isEqualTo(90638.6);
        assertThat(update.candle().volume()).isEqualTo(21.0);
    }

    @Test
    void otherTopics() {
        TickerUpdate ticker = WsEvents.ticker(example("ticker-v2"));
        assertThat(ticker.bestBidPrice()).isEqualTo(88987.4);
        assertThat(ticker.bestAskSize()).isEqualTo(1037);
        TradeExecution trade = WsEvents.trade(example("execution"));
        assertThat(trade.price()).isEqualTo(90503.9);
        assertThat(trade.size()).isEqualTo(2);
        OrderChange order = WsEvents.orderChange(example("order-change"));
        assertThat(order.orderId()).isEqualTo("247899236673269761");
        assertThat(order.price()).isEqualTo(91670.0);
        assertThat(order.remainSize()).isEqualTo(1);
        assertThat(order.status()).isEqualTo("open");
        Position position = WsEvents.position(example("position-change"));
        assertThat(position.currentQty()).isEqualTo(1);
        assertThat(position.liquidationPrice()).isEqualTo(73853.0426625);
        assertThat(position.changeReason()).isEqualTo("positionChange");
        WalletChange wallet = WsEvents.wallet(example("wallet"));
        assertThat(wallet.availableBalance()).isEqualTo(26.144281178);
        assertThat(wallet.timestamp()).isEqualTo(1731916996764L);
    }

    @Test
    void aMalformedCandlePushIsRejected() {
        assertThatThrownBy(() -> WsEvents.candle(new WsMessage("/contractMarket/limitCandle:XBTUSDTM_3min", "candle.stick",
                new ObjectMapper().createObjectNode()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3min");
    }

    @Test
    void topicNames() {
        assertThat(Topics.candles("XBTUSDTM", Timeframe.H4)).isEqualTo("/contractMarket/limitCandle:XBTUSDTM_4hour");
        assertThat(Topics.isPrivate(Topics.orders("XBTUSDTM"))).isTrue();
        assertThat(Topics.isPrivate(Topics.wallet())).isTrue();
        assertThat(Topics.isPrivate(Topics.position("XBTUSDTM"))).isTrue();
        assertThat(Topics.isPrivate(Topics.tickerV2("XBTUSDTM"))).isFalse();
    }
}
