package io.gpubot.core.trade;

import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The worst loss at the stop each sizing rule can reach, worked by hand on XBTUSDTM (taker fee 0.06%)
 * with 0.1% slippage. A short stopped at a fractional stop s loses, per USDT of position value,
 * {@code L(s) = (1+s)(1.001)(1.0006) - 0.9994}; a flat account margins at most
 * {@code C = 1 / (1/leverage + 0.0006)} times its equity.
 */
class SizingRiskTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final double SLIPPAGE = 0.001;

    static double worst(SizingMethod method, double parameter, int leverage, ExitLevels levels) {
        return SizingRisk.worstShare(new TradingPlan(BTC, leverage, levels, new Sizing(method, parameter)), SLIPPAGE);
    }

    @Test
    void riskSizingRisksItsOwnShare() {
        assertThat(worst(SizingMethod.RISK, 0.03, 10, ExitLevels.fractions(0.04, 0.02))).isEqualTo(0.03);
    }

    @Test
    void kellyReachesItsCapOfFivePercentWhateverTheFraction() {
        // fraction x Kelly <= fraction (a Kelly bet is at most the win rate, 1); 0.5 clamps to 5%, 0.03 would stay 3% but the
        // base risk of 2% holds until 20 trades.
        assertThat(worst(SizingMethod.KELLY, 0.5, 10, ExitLevels.fractions(0.04, 0.02))).isEqualTo(0.05);
        assertThat(worst(SizingMethod.KELLY, 0.1, 10, ExitLevels.fractions(0.04, 0.02))).isEqualTo(0.05);
    }

    @Test
    void antiMartingaleReachesFourTimesTheBaseRisk() {
        assertThat(worst(SizingMethod.ANTI_MARTINGALE, 0.1, 10, ExitLevels.fractions(0.04, 0.02))).isEqualTo(0.08, within(1e-15));
    }

    @Test
    void fixedMarginRisksShareTimesLeverageTimesTheStopsLoss() {
        // 0.3 x 10 = 3 times equity (C = 9.94 does not cap it) x L(5%) = 1.05168063 - 0.9994 = 0.05228063: 15.684189%
        assertThat(worst(SizingMethod.FIXED_MARGIN, 0.3, 10, ExitLevels.fractions(0.1, 0.05))).isCloseTo(0.15684189, within(1e-12));
        // 0.5 x 3 = 1.5 x L(2%) = 0.022232612: 3.3348918%, within 5%
        assertThat(worst(SizingMethod.FIXED_MARGIN, 0.5, 3, ExitLevels.fractions(0.04, 0.02))).isCloseTo(0.033348918, within(1e-12));
        assertThat(worst(SizingMethod.FIXED_MARGIN, 0.1, 3, ExitLevels.atr(3, 2))).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void fixedNotionalGrowsAsEquityFallsUntilTheMarginCapsIt() {
        // C = 1 / (1/3 + 0.0006) = 2.994609862 x L(2%) = 0.022232612: 6.6577996%, whatever the notional
        assertThat(worst(SizingMethod.FIXED_NOTIONAL, 1000, 3, ExitLevels.fractions(0.04, 0.02))).isCloseTo(0.066577996, within(1e-9));
        assertThat(worst(SizingMethod.FIXED_NOTIONAL, 10, 3, ExitLevels.atr(3, 2))).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void volatilitySizingWithAnAtrStopRisksParameterTimesStopPlusTheCostsAtTheMarginCap() {
        // a = 1.001 x 1.0006 = 1.0016006, b = a - 1 + 0.0006 = 0.0022006, C = 1 / (0.2 + 0.0006) = 4.985044866:
        // 0.01 x 2 x a + C x b = 0.020032012 + 0.010970090 = 3.1002102%
        assertThat(worst(SizingMethod.VOLATILITY, 0.01, 5, ExitLevels.atr(3, 2))).isCloseTo(0.031002102, within(1e-9));
        // with a 1% stop a calm market sizes up to the cap: C x L(1%) = 4.985044866 x 0.0122166... = 6.0900329%
        assertThat(worst(SizingMethod.VOLATILITY, 0.01, 5, ExitLevels.fractions(0.02, 0.01))).isCloseTo(0.060900329, within(1e-9));
    }

    @Test
    void theSizersOwnShortsOverEveryAtrComeWithinATenthOfAPercentOfTheBoundAndNeverPassIt() {
        TradingPlan plan = new TradingPlan(BTC, 5, ExitLevels.atr(3, 2), new Sizing(SizingMethod.VOLATILITY, 0.01));
        double bound = SizingRisk.worstShare(plan, SLIPPAGE);
        double equity = 10_000, fill = 40_000, m = BTC.multiplier(), fee = BTC.takerFeeRate();
        double most = 0;
        for (double atr = 10; atr <= 2_000; atr += 0.25) {
            long q = Sizer.contracts(plan, Side.SHORT, equity, equity, fill, fill + 2 * atr, SLIPPAGE, atr, TradeStats.NONE).contracts();
            double exit = (fill + 2 * atr) * (1 + SLIPPAGE);
            double loss = q * m * ((exit - fill) + fee * (fill + exit));
            most = Math.max(most, loss / equity);
        }
        assertThat(most).isLessThanOrEqualTo(bound).isGreaterThan(bound * 0.999);
    }
}
