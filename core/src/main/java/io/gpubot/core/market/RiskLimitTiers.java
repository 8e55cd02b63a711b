package io.gpubot.core.market;

import java.util.List;
import java.util.Map;

/**
 * A contract's risk-limit tiers, smallest positions first: the maintenance margin rate and the maximum
 * leverage by position value. The built-in table serves backtests, evolution and the sandbox; live
 * trading can read the exchange's own tiers (same shape, {@code GET /api/v1/contracts/risk-limit/{symbol}}).
 */
public final class RiskLimitTiers {

    /**
     * XBTUSDTM, levels 1-12: KuCoin's response example for {@code GET /api/v1/contracts/risk-limit/{symbol}}
     * in its OpenAPI spec (Kucoin/kucoin-universal-sdk, spec/rest/api/openapi-futures-positions.json, MIT;
     * ../shared/data/kucoin-universal-sdk/rest/openapi-futures-positions.json).
     */
    private static final RiskLimitTiers XBTUSDTM = new RiskLimitTiers("XBTUSDTM", List.of(
            new RiskLimitTier(1, 0, 100_000, 125, 0.008, 0.004),
            new RiskLimitTier(2, 100_000, 500_000, 100, 0.01, 0.005),
            new RiskLimitTier(3, 500_000, 1_000_000, 75, 0.014, 0.007),
            new RiskLimitTier(4, 1_000_000, 2_000_000, 50, 0.02, 0.01),
            new RiskLimitTier(5, 2_000_000, 3_000_000, 30, 0.034, 0.017),
            new RiskLimitTier(6, 3_000_000, 5_000_000, 20, 0.05, 0.025),
            new RiskLimitTier(7, 5_000_000, 8_000_000, 10, 0.1, 0.05),
            new RiskLimitTier(8, 8_000_000, 12_000_000, 5, 0.2, 0.1),
            new RiskLimitTier(9, 12_000_000, 20_000_000, 4, 0.25, 0.125),
            new RiskLimitTier(10, 20_000_000, 30_000_000, 3, 0.334, 0.167),
            new RiskLimitTier(11, 30_000_000, 40_000_000, 2, 0.5, 0.25),
            new RiskLimitTier(12, 40_000_000, 50_000_000, 1, 1.0, 0.5)));

    private static final Map<String, RiskLimitTiers> BUILT_IN = Map.of("XBTUSDTM", XBTUSDTM);

    private final String symbol;
    private final RiskLimitTier[] tiers;

    public RiskLimitTiers(String symbol, List<RiskLimitTier> tiers) {
        if (tiers.isEmpty()) throw new IllegalArgumentException(symbol + ": at least one risk limit tier is needed");
        this.symbol = symbol;
        this.tiers = tiers.toArray(new RiskLimitTier[0]);
        for (int k = 1; k < this.tiers.length; k++) {
            if (this.tiers[k].minPositionValue() != this.tiers[k - 1].maxPositionValue()) {
                throw new IllegalArgumentException(symbol + ": risk limit tier " + this.tiers[k].level() + " does not start where tier "
                        + this.tiers[k - 1].level() + " ends");
            }
        }
    }

    /**
     * The built-in tiers of {@code contract}. Where no published table is built in (every contract but
     * XBTUSDTM today), one open-ended tier with the contract's own maintenance margin rate and maximum
     * leverage: the rules of the first tier, at any size.
     */
    public static RiskLimitTiers of(Contract contract) {
        RiskLimitTiers table = BUILT_IN.get(contract.symbol());
        if (table != null) return table;
        return new RiskLimitTiers(contract.symbol(), List.of(new RiskLimitTier(1, 0, Double.POSITIVE_INFINITY, contract.maxLeverage(),
                1.0 / contract.maxLeverage(), contract.maintenanceMarginRate())));
    }

    /** The tier a position of {@code value} USDT falls in; the last tier for a value above every tier. */
    public RiskLimitTier tierFor(double value) {
        for (RiskLimitTier t : tiers) {
            if (value <= t.maxPositionValue()) return t;
        }
        return tiers[tiers.length - 1];
    }

    /** The largest position value that {@code leverage} is allowed for (0 when no tier allows it). */
    public double maxPositionValue(int leverage) {
        double max = 0;
        for (RiskLimitTier t : tiers) {
            if (t.maxLeverage() >= leverage) max = Math.max(max, t.maxPositionValue());
        }
        return max;
    }

    public List<RiskLimitTier> tiers() {
        return List.of(tiers);
    }

    public String symbol() {
        return symbol;
    }
}
