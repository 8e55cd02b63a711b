package io.gpubot.core.backtest;

import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.EquityRecorder;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Trade;

import java.util.List;

/**
 * How a bot did over a run. Ratios use daily returns (equity at each UTC day's last close) and a
 * 365-day year; on weekly bars, weekly returns and 52 weeks. Undefined ratios (no trades, no
 * variance, no drawdown) are 0; a profit factor with no losing trade is infinite.
 *
 * @param startBalance         USDT at the start
 * @param finalEquity          equity after the last bar (all positions closed)
 * @param netProfit            {@code finalEquity − startBalance}
 * @param returnPct            net profit as a percentage of the starting balance
 * @param maxDrawdownPct       deepest fall of equity from a peak, measured at closes, in percent
 * @param maxDrawdownDuration  longest time under a previous peak, in ms
 * @param winRatePct           share of trades with a positive net PnL, in percent
 * @param profitFactor         sum of winning net PnL / sum of losing net PnL (absolute)
 * @param sharpe               annualised mean / standard deviation of period returns
 * @param sortino              annualised mean / downside deviation of period returns
 * @param calmar               annualised return / max drawdown
 * @param trades               closed trades
 * @param averageTrade         mean net PnL per trade
 * @param exposurePct          share of bars that closed with a position open, in percent
 * @param fees                 all fees paid
 * @param slippage             cost of slippage
 * @param funding              funding paid (negative when received)
 * @param liquidations         trades that ended in liquidation
 * @param bars                 bars processed
 * @param maxIntrabarDrawdownPct deepest fall from a peak of closing equity to the worst equity inside a bar
 *                             (a long's low, a short's high) or at a close, in percent
 */
public record Metrics(
        double startBalance,
        double finalEquity,
        double netProfit,
        double returnPct,
        double maxDrawdownPct,
        long maxDrawdownDuration,
        double winRatePct,
        double profitFactor,
        double sharpe,
        double sortino,
        double calmar,
        int trades,
        double averageTrade,
        double exposurePct,
        double fees,
        double slippage,
        double funding,
        int liquidations,
        int bars,
        double maxIntrabarDrawdownPct) {

    /** Metrics without an intrabar drawdown (files written before it was measured): the close-based one stands in. */
    public Metrics(double startBalance, double finalEquity, double netProfit, double returnPct, double maxDrawdownPct, long maxDrawdownDuration,
                   double winRatePct, double profitFactor, double sharpe, double sortino, double calmar, int trades, double averageTrade,
                   double exposurePct, double fees, double slippage, double funding, int liquidations, int bars) {
        this(startBalance, finalEquity, netProfit, returnPct, maxDrawdownPct, maxDrawdownDuration, winRatePct, profitFactor, sharpe, sortino,
                calmar, trades, averageTrade, exposurePct, fees, slippage, funding, liquidations, bars, maxDrawdownPct);
    }

    private static final double DAYS_PER_YEAR = 365.0;
    private static final long DAY = 86_400_000L;

    /**
     * Metrics from a run's trades and equity record.
     *
     * @param timeframe      the bars' timeframe (for the length of the run and the return period)
     * @param bars           bars processed
     * @param barsInPosition bars that closed with a position open
     */
    public static Metrics of(List<Trade> trades, EquityRecorder equity, Timeframe timeframe, int bars, int barsInPosition) {
        int wins = 0;
        int liquidations = 0;
        double sumWins = 0;
        double sumLosses = 0;
        double fees = 0;
        double slippage = 0;
        double funding = 0;
        for (Trade t : trades) {
            if (t.netPnl() > 0) {
                wins++;
                sumWins += t.netPnl();
            } else {
                sumLosses -= t.netPnl();
            }
            if (t.reason() == ExitReason.LIQUIDATION) liquidations++;
            fees += t.entryFee() + t.exitFee();
            slippage += t.slippage();
            funding += t.funding();
        }
        return of(new TradeTotals(trades.size(), wins, liquidations, sumWins, sumLosses, fees, slippage, funding),
                new EquitySummary(equity.startBalance(), equity.lastEquity(), equity.dailyEquity(), equity.firstTime(), equity.lastTime(),
                        equity.maxDrawdown(), equity.maxDrawdownDuration(), equity.maxIntrabarDrawdown()), timeframe, bars, barsInPosition);
    }

    /**
     * The sums over a run's trades, in trade order, as {@link #of(List, EquityRecorder, Timeframe, int, int)} adds them
     * (for engines that add them where they run the trades, such as an OpenCL device).
     *
     * @param sumWins   the sum of the winning trades' net PnL
     * @param sumLosses minus the sum of the other trades' net PnL
     * @param fees      the sum of {@code entryFee + exitFee} per trade
     */
    public record TradeTotals(int trades, int wins, int liquidations, double sumWins, double sumLosses, double fees, double slippage,
                              double funding) {
    }

    /** What the metrics read of an {@link EquityRecorder}; {@code maxIntrabarDrawdown} as {@link EquityRecorder#maxIntrabarDrawdown()} gives it. */
    public record EquitySummary(double startBalance, double lastEquity, double[] dailyEquity, long firstTime, long lastTime, double maxDrawdown,
                                long maxDrawdownDuration, double maxIntrabarDrawdown) {
    }

    /** Metrics from a run's trade sums and equity record: the same arithmetic as {@link #of(List, EquityRecorder, Timeframe, int, int)}. */
    public static Metrics of(TradeTotals totals, EquitySummary equity, Timeframe timeframe, int bars, int barsInPosition) {
        double start = equity.startBalance();
        double end = bars == 0 ? start : equity.lastEquity();
        double net = end - start;
        int wins = totals.wins();
        int liquidations = totals.liquidations();
        double sumWins = totals.sumWins();
        double sumLosses = totals.sumLosses();
        double fees = totals.fees();
        double slippage = totals.slippage();
        double funding = totals.funding();
        int n = totals.trades();
        double profitFactor = sumLosses > 0 ? sumWins / sumLosses : (sumWins > 0 ? Double.POSITIVE_INFINITY : 0);

        double periodsPerYear = DAYS_PER_YEAR * DAY / Math.max(DAY, timeframe.millis());
        double[] daily = equity.dailyEquity();
        double[] returns = new double[daily.length];
        double previous = start;
        for (int i = 0; i < daily.length; i++) {
            returns[i] = daily[i] / previous - 1;
            previous = daily[i];
        }
        double mean = 0;
        for (double r : returns) mean += r;
        mean = returns.length == 0 ? 0 : mean / returns.length;
        double variance = 0;
        double downside = 0;
        for (double r : returns) {
            variance += (r - mean) * (r - mean);
            if (r < 0) downside += r * r;
        }
        double std = returns.length > 1 ? Math.sqrt(variance / (returns.length - 1)) : 0;
        double downsideDeviation = returns.length > 0 ? Math.sqrt(downside / returns.length) : 0;
        double sharpe = std > 0 ? mean / std * Math.sqrt(periodsPerYear) : 0;
        double sortino = downsideDeviation > 0 ? mean / downsideDeviation * Math.sqrt(periodsPerYear) : 0;

        double years = bars == 0 ? 0 : (equity.lastTime() + timeframe.millis() - equity.firstTime()) / (DAYS_PER_YEAR * DAY);
        double annualReturn = years > 0 && end > 0 ? Math.pow(end / start, 1 / years) - 1 : (end <= 0 ? -1 : 0);
        double maxDrawdown = equity.maxDrawdown();
        double calmar = maxDrawdown > 0 ? annualReturn / maxDrawdown : 0;

        return new Metrics(start, end, net, net / start * 100, maxDrawdown * 100, equity.maxDrawdownDuration(),
                n == 0 ? 0 : 100.0 * wins / n, profitFactor, sharpe, sortino, calmar, n, n == 0 ? 0 : (sumWins - sumLosses) / n,
                bars == 0 ? 0 : 100.0 * barsInPosition / bars, fees, slippage, funding, liquidations, bars, equity.maxIntrabarDrawdown() * 100);
    }
}
