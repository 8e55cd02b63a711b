package io.gpubot.evolve;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.Parameter;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.Trade;
import io.gpubot.evolve.stats.Statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The pieces of a robustness check of one bot: its neighbours one grid step away in each gene, and a
 * Monte Carlo resampling of its trades.
 */
public final class Robustness {

    /** A bot with one gene nudged, and what was nudged. */
    public record Neighbour(String change, Bot bot) {
    }

    /**
     * Percentiles over resampled trade sequences.
     *
     * @param runs             sequences drawn
     * @param returnPct        5th, 50th and 95th percentile of the final return, in percent
     * @param maxDrawdownPct   5th, 50th and 95th percentile of the deepest drawdown, in percent
     * @param lossProbability  share of sequences that end below the start, in (0, 1)
     */
    public record MonteCarlo(int runs, double[] returnPct, double[] maxDrawdownPct, double lossProbability, double[] finalReturns) {
    }

    private Robustness() {
    }

    /**
     * Every valid bot one grid step from {@code bot} in one gene: each indicator parameter up and down,
     * take-profit and stop-loss up and down, leverage up and down by one.
     */
    public static List<Neighbour> neighbours(Bot bot, Contract contract) {
        List<Neighbour> result = new ArrayList<>();
        List<IndicatorSpec> specs = bot.indicators();
        for (int k = 0; k < specs.size(); k++) {
            IndicatorSpec spec = specs.get(k);
            List<Parameter> parameters = spec.type().parameters();
            for (int p = 0; p < parameters.size(); p++) {
                double[] grid = parameters.get(p).grid();
                int at = nearest(grid, spec.values()[p]);
                for (int d : new int[] {-1, 1}) {
                    if (at + d < 0 || at + d >= grid.length) continue;
                    double[] values = spec.values().clone();
                    values[p] = grid[at + d];
                    if (!spec.type().constraintViolation(values).isEmpty()) continue;
                    List<IndicatorSpec> changed = new ArrayList<>(specs);
                    changed.set(k, IndicatorSpec.of(spec.type(), values));
                    if (changed.stream().distinct().count() < changed.size()) continue;
                    add(result, String.format(Locale.ROOT, "%s %s %s -> %s", spec.type().name(), parameters.get(p).name(), num(spec.values()[p]),
                            num(grid[at + d])), new Bot(bot.name(), changed, bot.consensus(), bot.leverage(), bot.exits(), bot.sizing(), null), contract);
                }
            }
        }
        ExitLevels e = bot.exits();
        boolean atr = e.mode() == ExitLevels.Mode.ATR;
        double[] tps = atr ? GenomeBounds.ATR_TAKE_PROFITS : GenomeBounds.TAKE_PROFITS;
        double[] sls = atr ? GenomeBounds.ATR_STOP_LOSSES : GenomeBounds.STOP_LOSSES;
        for (int d : new int[] {-1, 1}) {
            int tp = nearest(tps, e.takeProfit()) + d;
            if (tp >= 0 && tp < tps.length) {
                add(result, "take-profit " + num(e.takeProfit()) + " -> " + num(tps[tp]), new Bot(bot.name(), specs, bot.consensus(), bot.leverage(),
                        new ExitLevels(e.mode(), tps[tp], e.stopLoss()), bot.sizing(), null), contract);
            }
            int sl = nearest(sls, e.stopLoss()) + d;
            if (sl >= 0 && sl < sls.length) {
                add(result, "stop-loss " + num(e.stopLoss()) + " -> " + num(sls[sl]), new Bot(bot.name(), specs, bot.consensus(), bot.leverage(),
                        new ExitLevels(e.mode(), e.takeProfit(), sls[sl]), bot.sizing(), null), contract);
            }
            int leverage = bot.leverage() + d;
            if (leverage >= 1 && leverage <= Bot.MAX_LEVERAGE) {
                add(result, "leverage " + bot.leverage() + " -> " + leverage, new Bot(bot.name(), specs, bot.consensus(), leverage, e, bot.sizing(), null),
                        contract);
            }
        }
        return result;
    }

    private static void add(List<Neighbour> result, String change, Bot bot, Contract contract) {
        try {
            bot.plan(contract);
            result.add(new Neighbour(change, bot));
        } catch (IllegalArgumentException invalid) {
            // Beyond the contract's leverage or a stop past liquidation: not a bot that could trade.
        }
    }

    /**
     * {@code runs} sequences of the bot's trades drawn with replacement, each trade's return taken
     * relative to the equity it was opened with and compounded in the drawn order.
     */
    public static MonteCarlo monteCarlo(List<Trade> trades, double startBalance, int runs, long seed) {
        double[] returns = new double[trades.size()];
        double equity = startBalance;
        for (int i = 0; i < returns.length; i++) {
            returns[i] = equity > 0 ? trades.get(i).netPnl() / equity : 0;
            equity += trades.get(i).netPnl();
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] finals = new double[runs];
        double[] drawdowns = new double[runs];
        int losses = 0;
        for (int r = 0; r < runs; r++) {
            double e = 1;
            double peak = 1;
            double worst = 0;
            for (int i = 0; i < returns.length; i++) {
                e *= 1 + returns[random.nextInt(returns.length)];
                e = Math.max(e, 0);
                peak = Math.max(peak, e);
                worst = Math.max(worst, 1 - e / peak);
            }
            finals[r] = 100 * (e - 1);
            drawdowns[r] = 100 * worst;
            if (e < 1) losses++;
        }
        return new MonteCarlo(runs, percentiles(finals), percentiles(drawdowns), runs == 0 ? Double.NaN : (double) losses / runs, finals);
    }

    private static double[] percentiles(double[] x) {
        if (x.length == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double[] s = x.clone();
        Arrays.sort(s);
        return new double[] {s[(int) Math.floor(0.05 * (s.length - 1))], Statistics.median(s), s[(int) Math.ceil(0.95 * (s.length - 1))]};
    }

    private static int nearest(double[] grid, double value) {
        int best = 0;
        for (int i = 1; i < grid.length; i++) if (Math.abs(grid[i] - value) < Math.abs(grid[best] - value)) best = i;
        return best;
    }

    private static String num(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
