package io.gpubot.core.trade;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PricingTest {

    @Test
    void roundsToTheTickWithoutBinaryNoise() {
        assertThat(Pricing.roundToTick(40_000.06, 0.1)).isEqualTo(40_000.1);
        assertThat(Pricing.roundToTick(40_000.04, 0.1)).isEqualTo(40_000.0);
        assertThat(Pricing.roundToTick(0.123456, 0.00001)).isEqualTo(0.12346);
        assertThat(Pricing.roundToTick(2.345, 0.0001)).isEqualTo(2.345);
        assertThat(Pricing.roundToTick(101.3, 0.25)).isEqualTo(101.25);
        assertThat(Pricing.roundToTick(12.5, 1)).as("half to even").isEqualTo(12.0);
    }

    @Test
    void kucoinIsolatedLiquidationPrices() {
        // 10x with 0.4% maintenance: a long is liquidated 9.6% below entry, a short 9.6% above.
        assertThat(Pricing.liquidationPrice(Side.LONG, 50_000, 10, 0.004)).isCloseTo(45_200, within(1e-9));
        assertThat(Pricing.liquidationPrice(Side.SHORT, 50_000, 10, 0.004)).isCloseTo(54_800, within(1e-9));
        assertThat(Pricing.liquidationPrice(Side.LONG, 2_000, 1, 0.01)).isCloseTo(20, within(1e-9));
    }

    @Test
    void fillsMoveAgainstTheTrader() {
        assertThat(Pricing.entryFill(Side.LONG, 100, 0.001)).isCloseTo(100.1, within(1e-12));
        assertThat(Pricing.entryFill(Side.SHORT, 100, 0.001)).isCloseTo(99.9, within(1e-12));
        assertThat(Pricing.exitFill(Side.LONG, 100, 0.001)).isCloseTo(99.9, within(1e-12));
        assertThat(Pricing.exitFill(Side.SHORT, 100, 0.001)).isCloseTo(100.1, within(1e-12));
    }

    @Test
    void pnlAndLevelsMirrorForShorts() {
        assertThat(Pricing.pnl(Side.SHORT, 100, 90, 3, 10)).isEqualTo(300.0);
        assertThat(Pricing.pnl(Side.LONG, 100, 90, 3, 10)).isEqualTo(-300.0);
        assertThat(Pricing.takeProfit(Side.SHORT, 100, 3, 0.01)).isEqualTo(97.0);
        assertThat(Pricing.stopLoss(Side.SHORT, 100, 1.5, 0.01)).isEqualTo(101.5);
        assertThat(Pricing.fee(249, 0.001, 40_040, 0.0006)).isCloseTo(5.981976, within(1e-12));
    }
}
