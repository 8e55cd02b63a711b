package io.gpubot.kucoin.ws;

/**
 * A change of one of the user's orders ({@code tradeOrders}): {@code type} is open, match, filled,
 * canceled or update; sizes in lots; {@code ts} in nanoseconds.
 */
public record OrderChange(String symbol, String orderId, String clientOid, String side, String type, String status,
                          String orderType, Double price, long size, long filledSize, long remainSize, long canceledSize,
                          Double matchPrice, Long matchSize, String tradeId, String liquidity, String marginMode,
                          long orderTime, long ts) {
}
