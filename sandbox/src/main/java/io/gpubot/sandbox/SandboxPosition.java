package io.gpubot.sandbox;

/**
 * The open isolated position of the account, as seen at one moment.
 *
 * @param quantity         signed contracts: positive long, negative short
 * @param entryPrice       average entry price
 * @param leverage         leverage it was opened with
 * @param margin           isolated margin held
 * @param liquidationPrice from {@code Pricing.liquidationPrice}
 * @param markPrice        the current price
 * @param unrealisedPnl    at the mark price
 * @param realisedPnl      price PnL realised so far minus fees and funding
 * @param funding          funding paid since it opened (negative when received)
 * @param openedAt         replay time it opened
 */
public record SandboxPosition(long quantity, double entryPrice, int leverage, double margin, double liquidationPrice,
                              double markPrice, double unrealisedPnl, double realisedPnl, double funding, long openedAt) {
}
