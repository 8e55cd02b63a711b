package io.gpubot.evolve;

import io.gpubot.core.UserException;
import io.gpubot.core.backtest.Metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a bot's results over the training cycles become one number to maximise. Every function looks at
 * all cycles, so a bot that shines in one window and fails in the others scores below a steady one.
 */
public enum Fitness {

    /**
     * Edge, independent of position size: the Sharpe ratio of the bot's returns across every
     * consecutive window of the training period (mean window return / their standard deviation, per
     * window, not annualised), so doubling every position (which doubles every return) leaves it
     * unchanged; minus half the share of the {@link #minimumTrades minimum trades} it falls short of
     * and one point per liquidation per window. Scored on the same windows every generation, so the
     * elites, the hall of fame and the final ranking all use this one aggregate score.
     */
    EDGE("edge") {
        @Override
        public double score(List<Metrics> windows) {
            double[] returns = windows.stream().mapToDouble(Metrics::returnPct).toArray();
            double mean = mean(returns);
            double sd = standardDeviation(returns, mean);
            double sharpe = sd > 0 ? mean / sd : 0;
            int trades = windows.stream().mapToInt(Metrics::trades).sum();
            int minimum = minimumTrades(windows.size());
            double missing = minimum == 0 ? 0 : Math.max(0, minimum - trades) / (double) minimum;
            double liquidations = windows.stream().mapToInt(Metrics::liquidations).sum() / (double) Math.max(1, windows.size());
            return sharpe - 0.5 * missing - liquidations;
        }

        @Override
        public boolean everyWindow() {
            return true;
        }
    },

    /**
     * {@link #EDGE} asking for consistency: the training windows are cut into three consecutive
     * thirds and the score is the lowest third's window Sharpe ratio (with EDGE's penalties), so a bot
     * that earned in one market regime only ranks low. Size-invariant like EDGE.
     */
    EDGE_CONSISTENT("edge-consistent") {
        @Override
        public double score(List<Metrics> windows) {
            int n = windows.size();
            double worst = Double.POSITIVE_INFINITY;
            for (int part = 0; part < 3; part++) {
                List<Metrics> third = windows.subList(part * n / 3, (part + 1) * n / 3);
                if (third.size() < 2) continue;
                double[] returns = third.stream().mapToDouble(Metrics::returnPct).toArray();
                double mean = mean(returns);
                double sd = standardDeviation(returns, mean);
                worst = Math.min(worst, sd > 0 ? mean / sd : 0);
            }
            double edge = EDGE.score(windows);
            double[] all = windows.stream().mapToDouble(Metrics::returnPct).toArray();
            double mean = mean(all);
            double sd = standardDeviation(all, mean);
            double penalties = edge - (sd > 0 ? mean / sd : 0);
            return (Double.isInfinite(worst) ? edge - penalties : worst) + penalties;
        }

        @Override
        public boolean everyWindow() {
            return true;
        }
    },
    /**
     * {@link #EDGE} with the newer windows counting more: the Sharpe ratio of the window returns under
     * weights that halve every third of the windows back from the newest (weighted mean / weighted
     * standard deviation), so a bot whose edge faded in the later years ranks below one that still has it.
     * EDGE's penalties, unweighted. Doubling every position leaves it unchanged, like EDGE.
     */
    EDGE_RECENT("edge-recent") {
        @Override
        public double score(List<Metrics> windows) {
            double[] returns = windows.stream().mapToDouble(Metrics::returnPct).toArray();
            return recencyWeightedSharpe(returns, Math.max(1, returns.length / 3.0)) - penalties(windows);
        }

        @Override
        public boolean everyWindow() {
            return true;
        }
    },
    /**
     * The default: mean return across cycles, minus half their standard deviation (consistency), minus
     * half the mean drawdown, minus 25 points per liquidation and 5 points per trade missing to reach
     * {@value #MIN_TRADES_PER_CYCLE} trades in a cycle.
     */
    ROBUST("robust") {
        @Override
        public double score(List<Metrics> cycles) {
            double[] returns = cycles.stream().mapToDouble(Metrics::returnPct).toArray();
            double mean = mean(returns);
            double drawdown = cycles.stream().mapToDouble(Metrics::maxDrawdownPct).average().orElse(0);
            int liquidations = cycles.stream().mapToInt(Metrics::liquidations).sum();
            int missingTrades = cycles.stream().mapToInt(m -> Math.max(0, MIN_TRADES_PER_CYCLE - m.trades())).sum();
            return mean - 0.5 * standardDeviation(returns, mean) - 0.5 * drawdown - 25.0 * liquidations - 5.0 * missingTrades;
        }
    },
    /** Mean Sharpe ratio across cycles. */
    SHARPE("sharpe") {
        @Override
        public double score(List<Metrics> cycles) {
            return cycles.stream().mapToDouble(Metrics::sharpe).average().orElse(0);
        }
    },
    /** Mean Sortino ratio across cycles. */
    SORTINO("sortino") {
        @Override
        public double score(List<Metrics> cycles) {
            return cycles.stream().mapToDouble(Metrics::sortino).average().orElse(0);
        }
    },
    /** Mean Calmar ratio across cycles. */
    CALMAR("calmar") {
        @Override
        public double score(List<Metrics> cycles) {
            return cycles.stream().mapToDouble(Metrics::calmar).average().orElse(0);
        }
    },
    /**
     * Mean profit factor across cycles, each capped at {@value #PROFIT_FACTOR_CAP} so that a cycle
     * without a losing trade (an infinite factor) does not drown every other cycle.
     */
    PROFIT_FACTOR("profit-factor") {
        @Override
        public double score(List<Metrics> cycles) {
            return cycles.stream().mapToDouble(m -> Math.min(PROFIT_FACTOR_CAP, m.profitFactor())).average().orElse(0);
        }
    },
    /** Mean return across cycles, in percent. */
    NET_RETURN("net-return") {
        @Override
        public double score(List<Metrics> cycles) {
            return cycles.stream().mapToDouble(Metrics::returnPct).average().orElse(0);
        }
    };

    public static final int MIN_TRADES_PER_CYCLE = 3;
    /** Trades per window {@link #EDGE} asks for on average: one every other window. */
    public static final double MIN_TRADES_PER_WINDOW = 0.5;
    public static final double PROFIT_FACTOR_CAP = 10;

    private final String label;

    Fitness(String label) {
        this.label = label;
    }

    /** The score of one bot's results over the cycles (higher is better; finite). */
    public abstract double score(List<Metrics> cycles);

    /**
     * Whether this fitness scores every generation on all consecutive windows of the training period
     * (the same windows each generation) rather than on a few drawn ones.
     */
    public boolean everyWindow() {
        return false;
    }

    /** The fewest trades over {@code windows} windows that {@link #EDGE} does not penalise; grows with the data. */
    public static int minimumTrades(int windows) {
        return (int) Math.ceil(MIN_TRADES_PER_WINDOW * windows);
    }

    public String label() {
        return label;
    }

    /** The fitness called {@code name} ({@code robust}, {@code sharpe}, ...), ignoring case. */
    public static Fitness named(String name) {
        for (Fitness f : values()) {
            if (f.label.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) return f;
        }
        throw new UserException("unknown fitness '" + name + "'; choose one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Fitness::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }

    /**
     * The weighted mean of {@code returns} over their weighted (population) standard deviation, the
     * weight of return {@code i} being {@code 0.5^((n - 1 - i) / halfLife)}: 1 for the newest; 0 without variance.
     */
    static double recencyWeightedSharpe(double[] returns, double halfLife) {
        int n = returns.length;
        double[] weight = new double[n];
        double total = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = Math.pow(0.5, (n - 1 - i) / halfLife);
            total += weight[i];
            mean += weight[i] * returns[i];
        }
        if (total == 0) return 0;
        mean /= total;
        double variance = 0;
        for (int i = 0; i < n; i++) variance += weight[i] * (returns[i] - mean) * (returns[i] - mean);
        double sd = Math.sqrt(variance / total);
        return sd > 0 ? mean / sd : 0;
    }

    /** EDGE's penalties: half the share of the minimum trades missing, plus the liquidations per window. */
    static double penalties(List<Metrics> windows) {
        int trades = windows.stream().mapToInt(Metrics::trades).sum();
        int minimum = minimumTrades(windows.size());
        double missing = minimum == 0 ? 0 : Math.max(0, minimum - trades) / (double) minimum;
        double liquidations = windows.stream().mapToInt(Metrics::liquidations).sum() / (double) Math.max(1, windows.size());
        return 0.5 * missing + liquidations;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return values.length == 0 ? 0 : sum / values.length;
    }

    private static double standardDeviation(double[] values, double mean) {
        if (values.length < 2) return 0;
        double sum = 0;
        for (double v : values) sum += (v - mean) * (v - mean);
        return Math.sqrt(sum / (values.length - 1));
    }
}
