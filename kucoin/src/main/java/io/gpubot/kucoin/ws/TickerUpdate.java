package io.gpubot.kucoin.ws;

/** Best bid and ask from {@code tickerV2}; {@code ts} in nanoseconds. */
public record TickerUpdate(String symbol, long sequence, double bestBidPrice, long bestBidSize, double bestAskPrice,
                           long bestAskSize, long ts) {
}
