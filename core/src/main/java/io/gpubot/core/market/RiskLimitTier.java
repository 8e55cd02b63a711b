package io.gpubot.core.market;

/**
 * One step of a contract's risk limit, as KuCoin publishes it at
 * {@code GET /api/v1/contracts/risk-limit/{symbol}}: positions whose value lies in
 * {@code (minPositionValue, maxPositionValue]} USDT may use at most {@code maxLeverage} and are
 * liquidated at {@code maintenanceMarginRate}.
 *
 * @param level                 KuCoin's level, 1 for the smallest positions
 * @param minPositionValue      lower bound of the position value, USDT (excluded)
 * @param maxPositionValue      upper bound of the position value, USDT (included; infinite for an open-ended tier)
 * @param maxLeverage           the highest leverage allowed at this size
 * @param initialMarginRate     KuCoin's initial margin rate ({@code 1 / maxLeverage})
 * @param maintenanceMarginRate the maintenance margin rate of isolated-margin liquidation at this size
 */
public record RiskLimitTier(int level, double minPositionValue, double maxPositionValue, int maxLeverage, double initialMarginRate,
                            double maintenanceMarginRate) {

    public RiskLimitTier {
        if (level < 1) throw new IllegalArgumentException("risk limit level must be at least 1, got " + level);
        if (!(minPositionValue >= 0) || !(maxPositionValue > minPositionValue)) {
            throw new IllegalArgumentException("risk limit tier " + level + " needs 0 <= min < max, got " + minPositionValue + ", " + maxPositionValue);
        }
        if (maxLeverage < 1) throw new IllegalArgumentException("risk limit tier " + level + ": max leverage must be at least 1");
        if (!(maintenanceMarginRate > 0 && maintenanceMarginRate < 1)) {
            throw new IllegalArgumentException("risk limit tier " + level + ": maintenance margin rate must be in (0, 1), got " + maintenanceMarginRate);
        }
    }
}
