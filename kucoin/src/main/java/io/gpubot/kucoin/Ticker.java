package io.gpubot.kucoin;

/** {@code /api/v1/ticker}: last trade and best bid/ask. {@code ts} is in nanoseconds. */
public record Ticker(String symbol, long sequence, String side, long size, String tradeId, double price,
                     double bestBidPrice, long bestBidSize, double bestAskPrice, long bestAskSize, long ts) {
}
