package io.gpubot.core.trade;

import io.gpubot.core.market.FundingRates;

import java.util.Objects;

/**
 * The circumstances a bot trades in, as opposed to its genes: starting balance, slippage, funding,
 * and the equity floor below which it opens nothing new.
 *
 * @param startBalance       USDT at the start
 * @param slippage           rate by which market fills move against the trader (0.001 = 0.1%)
 * @param fundingRates       funding history; settlements it lacks use {@code defaultFundingRate}
 * @param defaultFundingRate rate per settlement when the history has none (0.0001 = 0.01%)
 * @param minEquityFraction  no new position below this share of the starting balance (0.1)
 * @param limits             the risk limits entries must respect ({@link RiskLimits#DEFAULT} unless told otherwise)
 */
public record RunSettings(double startBalance, double slippage, FundingRates fundingRates, double defaultFundingRate,
                          double minEquityFraction, RiskLimits limits) {

    public static final double DEFAULT_SLIPPAGE = 0.001;
    public static final double DEFAULT_FUNDING_RATE = 0.0001;
    public static final double DEFAULT_MIN_EQUITY_FRACTION = 0.1;

    public RunSettings {
        Objects.requireNonNull(fundingRates, "fundingRates");
        Objects.requireNonNull(limits, "limits");
        if (!(startBalance > 0) || !Double.isFinite(startBalance)) throw new IllegalArgumentException("the starting balance must be above 0, got " + startBalance);
        if (!(slippage >= 0 && slippage < 0.1)) throw new IllegalArgumentException("slippage must be in [0, 0.1), got " + slippage);
        if (!Double.isFinite(defaultFundingRate) || Math.abs(defaultFundingRate) > 0.05) throw new IllegalArgumentException("implausible funding rate " + defaultFundingRate);
        if (!(minEquityFraction >= 0 && minEquityFraction < 1)) throw new IllegalArgumentException("the equity floor must be in [0, 1), got " + minEquityFraction);
    }

    /** Settings under the default risk limits. */
    public RunSettings(double startBalance, double slippage, FundingRates fundingRates, double defaultFundingRate, double minEquityFraction) {
        this(startBalance, slippage, fundingRates, defaultFundingRate, minEquityFraction, RiskLimits.DEFAULT);
    }

    /** The defaults of the rules with the given starting balance and no funding history. */
    public static RunSettings withBalance(double startBalance) {
        return new RunSettings(startBalance, DEFAULT_SLIPPAGE, FundingRates.none(), DEFAULT_FUNDING_RATE, DEFAULT_MIN_EQUITY_FRACTION);
    }

    public RunSettings withSlippage(double rate) {
        return new RunSettings(startBalance, rate, fundingRates, defaultFundingRate, minEquityFraction, limits);
    }

    public RunSettings withFunding(FundingRates rates, double defaultRate) {
        return new RunSettings(startBalance, slippage, rates, defaultRate, minEquityFraction, limits);
    }

    public RunSettings withLimits(RiskLimits newLimits) {
        return new RunSettings(startBalance, slippage, fundingRates, defaultFundingRate, minEquityFraction, newLimits);
    }
}
