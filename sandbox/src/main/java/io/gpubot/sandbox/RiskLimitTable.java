package io.gpubot.sandbox;

import java.util.List;

/**
 * KuCoin's isolated-margin risk-limit tiers, the one place the sandbox keeps them (issue 15 adds a core
 * table; point {@link #TIERS} at it when they meet). The tiers are those of the example answer of
 * {@code GET /api/v1/contracts/risk-limit/{symbol}} in KuCoin's spec (openapi-futures-positions.json,
 * XBTUSDTM); the sandbox applies them to whichever contract it replays. Immutable.
 */
final class RiskLimitTable {

    /** One tier: positions with a value in ({@code minRiskLimit}, {@code maxRiskLimit}] USDT may use up to {@code maxLeverage}. */
    record Tier(int level, long minRiskLimit, long maxRiskLimit, int maxLeverage, double initialMargin, double maintainMargin) {
    }

    static final List<Tier> TIERS = List.of(
            new Tier(1, 0, 100_000, 125, 0.008, 0.004),
            new Tier(2, 100_000, 500_000, 100, 0.01, 0.005),
            new Tier(3, 500_000, 1_000_000, 75, 0.014, 0.007),
            new Tier(4, 1_000_000, 2_000_000, 50, 0.02, 0.01),
            new Tier(5, 2_000_000, 3_000_000, 30, 0.034, 0.017),
            new Tier(6, 3_000_000, 5_000_000, 20, 0.05, 0.025),
            new Tier(7, 5_000_000, 8_000_000, 10, 0.1, 0.05),
            new Tier(8, 8_000_000, 12_000_000, 5, 0.2, 0.1),
            new Tier(9, 12_000_000, 20_000_000, 4, 0.25, 0.125),
            new Tier(10, 20_000_000, 30_000_000, 3, 0.334, 0.167),
            new Tier(11, 30_000_000, 40_000_000, 2, 0.5, 0.25),
            new Tier(12, 40_000_000, 50_000_000, 1, 1.0, 0.5));

    private RiskLimitTable() {
    }

    /**
     * The largest position value (USDT) a position at {@code leverage} may reach: the upper bound of the
     * last tier that still allows that leverage; 0 when no tier does.
     */
    static long maxValueAt(int leverage) {
        long max = 0;
        for (Tier t : TIERS) if (t.maxLeverage() >= leverage) max = Math.max(max, t.maxRiskLimit());
        return max;
    }

    /** The tier a position of this value falls in (the last one beyond the table). */
    static Tier tierOf(double value) {
        for (Tier t : TIERS) if (value <= t.maxRiskLimit()) return t;
        return TIERS.get(TIERS.size() - 1);
    }
}
