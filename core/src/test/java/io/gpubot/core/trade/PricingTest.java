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
    void fillsMoveAgainstTheTraderAndAreRoundedToTheTickAgainstHim() {
        assertThat(Pricing.entryFill(Side.LONG, 100, 0.001, 0.01)).isEqualTo(100.1);
        assertThat(Pricing.entryFill(Side.SHORT, 100, 0.001, 0.01)).isEqualTo(99.9);
        assertThat(Pricing.exitFill(Side.LONG, 100, 0.001, 0.01)).isEqualTo(99.9);
        assertThat(Pricing.exitFill(Side.SHORT, 100, 0.001, 0.01)).isEqualTo(100.1);
        // 42,288.58 x 1.001 = 42,330.86858: a buy pays the tick above, 42,330.9; a sell at 42,373.0 x 0.999 = 42,330.627 gets 42,330.6.
        assertThat(Pricing.marketFill(true, 42_288.58, 0.001, 0.1)).isEqualTo(42_330.9);
        assertThat(Pricing.marketFill(false, 42_373.0, 0.001, 0.1)).isEqualTo(42_330.6);
        // 40,000 x 1.001 is 40,039.99999999999 in binary: the tick 40,040.0, not 40,040.0 by luck; 40,000.1 x 10 is 400,001.00000000006.
        assertThat(Pricing.marketFill(true, 40_000, 0.001, 0.1)).isEqualTo(40_040.0);
        assertThat(Pricing.marketFill(false, 40_000.1, 0, 0.1)).isEqualTo(40_000.1);
        assertThat(Pricing.tickAbove(101.3, 0.25)).isEqualTo(101.5);
        assertThat(Pricing.tickBelow(101.3, 0.25)).isEqualTo(101.25);
    }

    @Test
    void fundingIsPaidByLongsAndReceivedByShortsAtAPositiveRate() {
        // 249 contracts of 0.001 BTC at 40,200 and 0.03%: 0.249 x 40,200 x 0.0003 = 3.00294
        assertThat(Pricing.funding(Side.LONG, 249, 0.001, 40_200, 0.0003)).isCloseTo(3.00294, within(1e-12));
        assertThat(Pricing.funding(Side.SHORT, 249, 0.001, 40_200, 0.0003)).isCloseTo(-3.00294, within(1e-12));
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
