package io.gpubot.kucoin;

/** {@code /api/v1/account-overview}: the futures account in one settlement currency. */
public record AccountOverview(String currency, double accountEquity, double unrealisedPNL, double marginBalance,
                              double positionMargin, double orderMargin, double frozenFunds, double availableBalance,
                              double riskRatio, double maxWithdrawAmount) {
}
