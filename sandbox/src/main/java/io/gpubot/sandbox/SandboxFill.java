package io.gpubot.sandbox;

/**
 * One execution in the sandbox.
 *
 * @param tradeId   the execution's id
 * @param orderId   the order it filled ({@code "liquidation"} for a liquidation)
 * @param buy       whether the account bought
 * @param liquidity {@code taker} or {@code maker}
 * @param price     the fill price (after slippage for taker fills)
 * @param size      contracts
 * @param fee       fee paid in USDT
 * @param feeRate   the rate the fee was computed with
 * @param orderType {@code market}, {@code limit} or {@code liquidation}
 * @param time      replay time of the fill in epoch milliseconds
 */
public record SandboxFill(String tradeId, String orderId, boolean buy, String liquidity, double price, long size,
                          double fee, double feeRate, String orderType, long time) {
}
