package io.gpubot.kucoin.ws;

/** A public trade from {@code execution}; {@code ts} in nanoseconds, {@code size} in lots. */
public record TradeExecution(String symbol, long sequence, String side, long size, double price, String takerOrderId,
                             String makerOrderId, String tradeId, long ts) {
}
