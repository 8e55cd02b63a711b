package io.gpubot.kucoin;

/** One fill from {@code /api/v1/fills} or {@code /api/v1/recentFills} (same fields); {@code tradeTime} in nanoseconds, {@code createdAt} in ms. */
public record Fill(String symbol, String tradeId, String orderId, String side, String liquidity, double price,
                   long size, double value, double fee, double feeRate, String feeCurrency, String marginMode,
                   String orderType, String tradeType, long tradeTime, long createdAt) {
}
