package io.gpubot.kucoin;

/** {@code GET /api/v1/trade-fees?symbol=}: the account's actual fee rates on a contract (its VIP level's). */
public record TradeFees(String symbol, double takerFeeRate, double makerFeeRate) {
}
