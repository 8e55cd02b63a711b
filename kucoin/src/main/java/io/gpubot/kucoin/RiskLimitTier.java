package io.gpubot.kucoin;

/**
 * One isolated-margin risk-limit tier of {@code GET /api/v1/contracts/risk-limit/{symbol}}: a position whose
 * value (USDT) lies in ({@code minRiskLimit}, {@code maxRiskLimit}] may use up to {@code maxLeverage}, with
 * these initial and maintenance margin rates.
 */
public record RiskLimitTier(String symbol, int level, double maxRiskLimit, double minRiskLimit, int maxLeverage,
                            double initialMargin, double maintainMargin) {

    /**
     * The largest position value a position at {@code leverage} may reach under {@code tiers}: the upper bound
     * of the highest tier that still allows that leverage; 0 when none does.
     */
    public static double maxValueAt(java.util.List<RiskLimitTier> tiers, int leverage) {
        double max = 0;
        for (RiskLimitTier t : tiers) if (t.maxLeverage() >= leverage) max = Math.max(max, t.maxRiskLimit());
        return max;
    }
}
