package io.gpubot.kucoin;

/** What KuCoin returns for an accepted order: its id and the client's id. */
public record OrderAck(String orderId, String clientOid) {
}
