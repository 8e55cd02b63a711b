package io.gpubot.sandbox;

import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.RiskLimitTiers;

/**
 * The isolated-margin risk-limit tiers the sandbox serves and enforces: core's XBTUSDTM table (KuCoin's
 * example answer of {@code GET /api/v1/contracts/risk-limit/{symbol}} in openapi-futures-positions.json),
 * applied to whichever contract the sandbox replays, so a client meets KuCoin's published tiers.
 */
final class RiskLimitTable {

    static final RiskLimitTiers TIERS = RiskLimitTiers.of(Contracts.get("XBTUSDTM"));

    private RiskLimitTable() {
    }

    /**
     * The largest position value (USDT) a position at {@code leverage} may reach: the upper bound of the
     * last tier that still allows that leverage; 0 when no tier does.
     */
    static long maxValueAt(int leverage) {
        return (long) TIERS.maxPositionValue(leverage);
    }
}
