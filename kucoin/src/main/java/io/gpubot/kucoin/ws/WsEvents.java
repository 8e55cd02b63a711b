package io.gpubot.kucoin.ws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.core.market.Candle;
import io.gpubot.core.market.Timeframe;
import io.gpubot.kucoin.Position;
import java.util.Optional;

/** Turns pushed messages into typed events. */
public final class WsEvents {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WsEvents() {
    }

    /**
     * A {@code limitCandle} push. Its row order is {@code [t_s, open, close, high, low, volume, turnover]},
     * as strings, unlike the REST rows; the start time is in seconds.
     *
     * @throws IllegalArgumentException when the message is not a well-formed candle push
     */
    public static CandleUpdate candle(WsMessage message) {
        String topic = message.topic();
        int colon = topic.indexOf(':');
        int underscore = topic.lastIndexOf('_');
        if (!topic.startsWith("/contractMarket/limitCandle:") || underscore < colon) {
            throw new IllegalArgumentException("not a candle topic: " + topic);
        }
        String symbol = topic.substring(colon + 1, underscore);
        Timeframe timeframe = timeframeOf(topic.substring(underscore + 1))
                .orElseThrow(() -> new IllegalArgumentException("unknown candle type in " + topic));
        JsonNode row = message.data().path("candles");
        if (!row.isArray() || row.size() < 6) throw new IllegalArgumentException("candle push without [t, o, c, h, l, v]: " + message.data());
        long openTime = Long.parseLong(row.get(0).asText().trim()) * 1000L;
        double open = number(row.get(1));
        double close = number(row.get(2));
        double high = number(row.get(3));
        double low = number(row.get(4));
        double volume = number(row.get(5));
        return new CandleUpdate(symbol, timeframe, new Candle(openTime, open, high, low, close, volume),
                message.data().path("time").asLong(0));
    }

    public static TickerUpdate ticker(WsMessage message) {
        return JSON.convertValue(message.data(), TickerUpdate.class);
    }

    public static TradeExecution trade(WsMessage message) {
        return JSON.convertValue(message.data(), TradeExecution.class);
    }

    public static OrderChange orderChange(WsMessage message) {
        return JSON.convertValue(message.data(), OrderChange.class);
    }

    public static Position position(WsMessage message) {
        return JSON.convertValue(message.data(), Position.class);
    }

    public static WalletChange wallet(WsMessage message) {
        return JSON.convertValue(message.data(), WalletChange.class);
    }

    static Optional<Timeframe> timeframeOf(String webSocketName) {
        for (Timeframe t : Timeframe.values()) {
            if (t.webSocketName().equals(webSocketName)) return Optional.of(t);
        }
        return Optional.empty();
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText().trim());
    }
}
