package io.gpubot.app.cli;

import io.gpubot.core.UserException;
import io.gpubot.live.risk.RiskLimits;
import picocli.CommandLine.Option;

/** The risk guard's limits as options of the session commands; each defaults to {@link RiskLimits#DEFAULT}. */
final class RiskOptions {

    @Option(names = "--max-leverage", paramLabel = "X", description = "Refuse entries above this leverage (default: 20; the contract's maximum caps it too).")
    Integer maxLeverage;

    @Option(names = "--max-risk", paramLabel = "SHARE", description = "Refuse entries that would lose more than this share of equity at the stop (default: 0.05).")
    Double maxRisk;

    @Option(names = "--max-notional", paramLabel = "USDT", description = "Refuse positions worth more than this (default: 100000).")
    Double maxNotional;

    @Option(names = "--daily-loss-limit", paramLabel = "SHARE", description = "No entries once equity is this share below the UTC day's start (default: 0.10).")
    Double dailyLossLimit;

    @Option(names = "--max-orders-per-minute", paramLabel = "N", description = "Entry orders allowed in any minute (default: 10).")
    Integer maxOrdersPerMinute;

    @Option(names = "--min-balance", paramLabel = "USDT", description = "No entries below this balance (default: 10).")
    Double minBalance;

    /** The trading rules' limits (docs/TRADING_RULES.md §11) from the same options, so the model and the guard apply the same. */
    io.gpubot.core.trade.RiskLimits modelLimits() {
        RiskLimits l = limits();
        try {
            return new io.gpubot.core.trade.RiskLimits(l.maxNotionalUsdt(), l.dailyLossLimit(), l.maxOrdersPerMinute(), l.minBalanceUsdt());
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** Whether a limit only the live guard holds (and no backtest) was given: --max-risk or --max-leverage. */
    boolean namesGuardLimits() {
        return maxRisk != null || maxLeverage != null;
    }

    /**
     * The guard's leverage and risk-per-trade limits with its others opened wide: for a replay, whose model already
     * holds the notional, daily-loss, order-rate and balance limits exactly as the backtest does.
     */
    RiskLimits guardOnlyLimits() {
        RiskLimits l = limits();
        return new RiskLimits(l.maxLeverage(), l.maxRiskPerTrade(), Double.MAX_VALUE, 1, Integer.MAX_VALUE, 0, l.liquidationWarnings());
    }

    RiskLimits limits() {
        RiskLimits l = RiskLimits.DEFAULT;
        try {
            if (maxLeverage != null) l = l.withMaxLeverage(maxLeverage);
            if (maxRisk != null) l = l.withMaxRiskPerTrade(maxRisk);
            if (maxNotional != null) l = l.withMaxNotional(maxNotional);
            if (dailyLossLimit != null) l = l.withDailyLossLimit(dailyLossLimit);
            if (maxOrdersPerMinute != null) l = l.withMaxOrdersPerMinute(maxOrdersPerMinute);
            if (minBalance != null) l = l.withMinBalance(minBalance);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        return l;
    }
}
