package io.gpubot.evolve;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.evolve.stats.Statistics;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark every bot must beat: buying at the first bar's open and holding to the last close,
 * as spot (no costs) and as a 1x long perpetual that pays the taker fee in and out and the funding
 * of {@link RunSettings} at each settlement (received when the rate is negative).
 *
 * @param spotReturnPct      spot return over the bars, in percent
 * @param spotSharpe         annualised Sharpe ratio of the spot holding's daily returns (365 days)
 * @param spotMaxDrawdownPct deepest fall of the spot holding from a peak, at closes, in percent
 * @param perpReturnPct      1x perpetual return after fees and funding, in percent
 * @param perpSharpe         annualised Sharpe ratio of the perpetual's daily equity
 * @param fundingPct         funding paid by the perpetual as a percentage of the start balance
 */
public record BuyAndHold(double spotReturnPct, double spotSharpe, double spotMaxDrawdownPct, double perpReturnPct, double perpSharpe,
                         double fundingPct) {

    private static final long DAY = 86_400_000L;

    /** Buy and hold over bars {@code [from, to)}. */
    public static BuyAndHold of(CandleSeries series, Contract contract, RunSettings run, int from, int to) {
        if (to <= from) return new BuyAndHold(0, 0, 0, 0, 0, 0);
        double entry = series.open(from);
        double fee = contract.takerFeeRate();
        long interval = contract.fundingInterval().toMillis();
        // 1 unit of balance buys 1/entry of the coin at 1x, less the entry fee.
        double quantity = (1 - fee) / entry;
        double funding = 0;
        long nextFunding = Math.floorDiv(series.time(from), interval) * interval + interval;
        List<Double> spotDaily = new ArrayList<>();
        List<Double> perpDaily = new ArrayList<>();
        double peak = 1;
        double maxDrawdown = 0;
        for (int i = from; i < to; i++) {
            long end = series.time(i) + series.timeframe().millis();
            while (nextFunding < end) {
                // Settles at the price of the bar it falls in; its open is the nearest price known to the bar.
                funding += run.fundingRates().rateAt(nextFunding, run.defaultFundingRate()) * quantity * series.open(i);
                nextFunding += interval;
            }
            double spot = series.close(i) / entry;
            peak = Math.max(peak, spot);
            maxDrawdown = Math.max(maxDrawdown, 1 - spot / peak);
            boolean lastOfDay = i == to - 1 || Math.floorDiv(series.time(i + 1), DAY) != Math.floorDiv(series.time(i), DAY);
            if (lastOfDay) {
                spotDaily.add(spot);
                double perp = quantity * series.close(i) - funding - (i == to - 1 ? quantity * series.close(i) * fee : 0);
                perpDaily.add(perp);
            }
        }
        double perpFinal = perpDaily.get(perpDaily.size() - 1);
        double spotFinal = spotDaily.get(spotDaily.size() - 1);
        return new BuyAndHold(100 * (spotFinal - 1), sharpe(spotDaily, series), 100 * maxDrawdown, 100 * (perpFinal - 1), sharpe(perpDaily, series),
                100 * funding);
    }

    private static double sharpe(List<Double> daily, CandleSeries series) {
        double[] returns = new double[daily.size()];
        double previous = 1;
        for (int i = 0; i < returns.length; i++) {
            returns[i] = daily.get(i) / previous - 1;
            previous = daily.get(i);
        }
        double sd = Statistics.standardDeviation(returns);
        double periodsPerYear = 365.0 * DAY / Math.max(DAY, series.timeframe().millis());
        return sd > 0 ? Statistics.mean(returns) / sd * Math.sqrt(periodsPerYear) : 0;
    }
}
