package io.gpubot.kucoin.ws;

/** A wallet balance change ({@code /contractAccount/wallet}); {@code timestamp} in ms. */
public record WalletChange(String currency, double walletBalance, double availableBalance, double equity,
                           double isolatedPosMargin, double isolatedOrderMargin, double isolatedUnPnl,
                           double holdBalance, long timestamp) {
}
