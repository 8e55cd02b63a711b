package io.gpubot.core.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** KuCoin's published XBTUSDTM tiers (the OpenAPI spec's example) and the one-tier fallback. */
class RiskLimitTiersTest {

    @Test
    void aPositionsValuePicksItsTierUpperBoundIncluded() {
        RiskLimitTiers xbt = RiskLimitTiers.of(Contracts.get("XBTUSDTM"));
        assertThat(xbt.tiers()).hasSize(12);
        assertThat(xbt.tierFor(100_000).level()).isEqualTo(1);
        assertThat(xbt.tierFor(100_000).maintenanceMarginRate()).isEqualTo(0.004);
        assertThat(xbt.tierFor(100_000.01).level()).isEqualTo(2);
        assertThat(xbt.tierFor(100_000.01).maintenanceMarginRate()).isEqualTo(0.005);
        assertThat(xbt.tierFor(100_000.01).maxLeverage()).isEqualTo(100);
        assertThat(xbt.tierFor(9e9).level()).as("beyond the last tier: the last").isEqualTo(12);
    }

    @Test
    void theLargestPositionALeverageIsAllowedFor() {
        RiskLimitTiers xbt = RiskLimitTiers.of(Contracts.get("XBTUSDTM"));
        assertThat(xbt.maxPositionValue(125)).isEqualTo(100_000);
        assertThat(xbt.maxPositionValue(101)).isEqualTo(100_000);
        assertThat(xbt.maxPositionValue(100)).isEqualTo(500_000);
        assertThat(xbt.maxPositionValue(10)).isEqualTo(8_000_000);
        assertThat(xbt.maxPositionValue(1)).isEqualTo(50_000_000);
    }

    @Test
    void aContractWithoutABuiltInTableHasOneOpenEndedTierOfItsOwnFacts() {
        RiskLimitTiers eth = RiskLimitTiers.of(Contracts.get("ETHUSDTM"));
        assertThat(eth.tiers()).singleElement().satisfies(t -> {
            assertThat(t.maintenanceMarginRate()).isEqualTo(0.005);
            assertThat(t.maxLeverage()).isEqualTo(100);
        });
        assertThat(eth.maxPositionValue(100)).isInfinite();
    }
}
