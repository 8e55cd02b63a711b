package io.gpubot.live.risk;

import java.util.List;

/**
 * The limits the {@link RiskGuard} holds every entry to. Fractions are of the equity (0.05 = 5%).
 *
 * @param maxLeverage              the highest leverage the user allows; the contract's own maximum caps it too
 * @param maxRiskPerTrade          the largest share of equity one trade may lose at its stop-loss, fees included
 * @param maxNotionalUsdt          the largest position value in USDT
 * @param dailyLossLimit           entries stop once equity has fallen this share below the UTC day's starting equity
 * @param maxOrdersPerMinute       entry orders allowed in any 60 s window
 * @param minBalanceUsdt           no entry below this balance
 * @param liquidationWarnings      distances to the liquidation price (share of the price) at which to warn, once each per position
 */
public record RiskLimits(int maxLeverage, double maxRiskPerTrade, double maxNotionalUsdt, double dailyLossLimit,
                         int maxOrdersPerMinute, double minBalanceUsdt, List<Double> liquidationWarnings) {

    /** 20x, 5% per trade, 100 000 USDT, 10% a day, 10 orders a minute, 10 USDT, warnings at 5% and 2%. */
    public static final RiskLimits DEFAULT = new RiskLimits(20, 0.05, 100_000, 0.10, 10, 10, List.of(0.05, 0.02));

    public RiskLimits {
        if (maxLeverage < 1) throw new IllegalArgumentException("max leverage must be at least 1, got " + maxLeverage);
        if (!(maxRiskPerTrade > 0 && maxRiskPerTrade <= 1)) throw new IllegalArgumentException("max risk per trade must be in (0, 1], got " + maxRiskPerTrade);
        if (!(maxNotionalUsdt > 0)) throw new IllegalArgumentException("max notional must be above 0, got " + maxNotionalUsdt);
        if (!(dailyLossLimit > 0 && dailyLossLimit <= 1)) throw new IllegalArgumentException("daily loss limit must be in (0, 1], got " + dailyLossLimit);
        if (maxOrdersPerMinute < 1) throw new IllegalArgumentException("max orders per minute must be at least 1, got " + maxOrdersPerMinute);
        if (!(minBalanceUsdt >= 0)) throw new IllegalArgumentException("minimum balance must be 0 or more, got " + minBalanceUsdt);
        liquidationWarnings = liquidationWarnings.stream().sorted(java.util.Comparator.reverseOrder()).toList();
        for (double d : liquidationWarnings) {
            if (!(d > 0 && d < 1)) throw new IllegalArgumentException("liquidation warning distances must be in (0, 1), got " + d);
        }
    }

    public RiskLimits withMaxLeverage(int leverage) {
        return new RiskLimits(leverage, maxRiskPerTrade, maxNotionalUsdt, dailyLossLimit, maxOrdersPerMinute, minBalanceUsdt, liquidationWarnings);
    }

    public RiskLimits withMaxRiskPerTrade(double risk) {
        return new RiskLimits(maxLeverage, risk, maxNotionalUsdt, dailyLossLimit, maxOrdersPerMinute, minBalanceUsdt, liquidationWarnings);
    }

    public RiskLimits withMaxNotional(double usdt) {
        return new RiskLimits(maxLeverage, maxRiskPerTrade, usdt, dailyLossLimit, maxOrdersPerMinute, minBalanceUsdt, liquidationWarnings);
    }

    public RiskLimits withDailyLossLimit(double share) {
        return new RiskLimits(maxLeverage, maxRiskPerTrade, maxNotionalUsdt, share, maxOrdersPerMinute, minBalanceUsdt, liquidationWarnings);
    }

    public RiskLimits withMaxOrdersPerMinute(int orders) {
        return new RiskLimits(maxLeverage, maxRiskPerTrade, maxNotionalUsdt, dailyLossLimit, orders, minBalanceUsdt, liquidationWarnings);
    }

    public RiskLimits withMinBalance(double usdt) {
        return new RiskLimits(maxLeverage, maxRiskPerTrade, maxNotionalUsdt, dailyLossLimit, maxOrdersPerMinute, usdt, liquidationWarnings);
    }

    public RiskLimits withLiquidationWarnings(List<Double> distances) {
        return new RiskLimits(maxLeverage, maxRiskPerTrade, maxNotionalUsdt, dailyLossLimit, maxOrdersPerMinute, minBalanceUsdt, distances);
    }
}
