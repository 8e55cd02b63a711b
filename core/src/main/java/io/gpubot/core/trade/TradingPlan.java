package io.gpubot.core.trade;

import io.gpubot.core.market.Contract;

import java.util.Objects;

/**
 * A bot's trading genes: the contract it trades, its leverage, where it takes profit and stops
 * losses, and how it sizes positions. Valid by construction: leverage within the contract's
 * maximum, and a fractional stop-loss nearer than the liquidation price.
 */
public record TradingPlan(Contract contract, int leverage, ExitLevels levels, Sizing sizing) {

    public TradingPlan {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(sizing, "sizing");
        if (leverage < 1 || leverage > contract.maxLeverage()) {
            throw new IllegalArgumentException("leverage must be between 1 and " + contract.maxLeverage() + " for "
                    + contract.symbol() + ", got " + leverage);
        }
        if (levels.mode() == ExitLevels.Mode.FRACTION) {
            double liquidationDistance = 1.0 / leverage - contract.maintenanceMarginRate();
            if (levels.stopLoss() >= liquidationDistance) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "stop-loss %.2f%% lies beyond the liquidation price at %dx leverage (%.2f%% from entry); "
                                + "lower the stop-loss or the leverage", levels.stopLoss() * 100, leverage, liquidationDistance * 100));
            }
        }
    }
}
