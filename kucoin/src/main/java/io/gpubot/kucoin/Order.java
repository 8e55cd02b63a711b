package io.gpubot.kucoin;

/**
 * An order as {@code /api/v1/orders...} returns it. Prices and values arrive as strings; sizes are
 * in lots. {@code status} is {@code open} or {@code done}.
 */
public record Order(String id, String symbol, String type, String side, Double price, long size, double value,
                    double dealValue, long dealSize, String stop, String stopPriceType, boolean stopTriggered,
                    Double stopPrice, String timeInForce, boolean postOnly, double leverage, boolean closeOrder,
                    String clientOid, boolean isActive, boolean cancelExist, long createdAt, long updatedAt,
                    Long endAt, String marginMode, double avgDealPrice, long filledSize, double filledValue,
                    String status, boolean reduceOnly) {
}
