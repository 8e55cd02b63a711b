package io.gpubot.sandbox;

/**
 * The USDT account at one moment.
 *
 * @param walletBalance  deposits plus realised PnL minus fees and funding (KuCoin's marginBalance)
 * @param positionMargin margin held by the open position
 * @param orderMargin    margin reserved by open orders that can increase the position
 * @param unrealisedPnl  of the open position at the current price
 */
public record SandboxAccount(double walletBalance, double positionMargin, double orderMargin, double unrealisedPnl) {

    public double equity() {
        return walletBalance + unrealisedPnl;
    }

    public double available() {
        return walletBalance - positionMargin - orderMargin;
    }
}
