package io.gpubot.kucoin.ws;

import io.gpubot.core.market.Timeframe;

/** KuCoin Futures WebSocket topic names. */
public final class Topics {

    private Topics() {
    }

    /** Candle updates of the bar in progress; {@code data.candles} = [t_s, open, close, high, low, volume, turnover]. */
    public static String candles(String symbol, Timeframe timeframe) {
        return "/contractMarket/limitCandle:" + symbol + "_" + timeframe.webSocketName();
    }

    /** Best bid and ask. */
    public static String tickerV2(String symbol) {
        return "/contractMarket/tickerV2:" + symbol;
    }

    /** Public trades. */
    public static String execution(String symbol) {
        return "/contractMarket/execution:" + symbol;
    }

    /** Private: changes of the user's orders of one symbol. */
    public static String orders(String symbol) {
        return "/contractMarket/tradeOrders:" + symbol;
    }

    /** Private: changes of all the user's orders. */
    public static String allOrders() {
        return "/contractMarket/tradeOrders";
    }

    /** Private: position changes of one symbol. */
    public static String position(String symbol) {
        return "/contract/position:" + symbol;
    }

    /** Private: position changes of all symbols. */
    public static String allPositions() {
        return "/contract/positionAll";
    }

    /** Private: wallet balance changes. */
    public static String wallet() {
        return "/contractAccount/wallet";
    }

    /** Whether the topic needs a private (signed) session. */
    public static boolean isPrivate(String topic) {
        return topic.startsWith("/contractMarket/tradeOrders") || topic.startsWith("/contract/position")
                || topic.startsWith("/contractAccount/") || topic.startsWith("/contractMarket/advancedOrders")
                || topic.startsWith("/contract/marginMode") || topic.startsWith("/contract/crossLeverage");
    }
}
