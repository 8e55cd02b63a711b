package io.gpubot.core.trade;

/**
 * The limits every engine applies to entries the same way — backtest, evolution, paper replay, paper
 * and live (docs/TRADING_RULES.md §11). The defaults are a trader's, set where KuCoin's own limits
 * bite: the first risk-limit tier of XBTUSDTM ends at 100,000 USDT of position value.
 *
 * @param maxNotionalUsdt    largest position value; a bigger entry is cut to it (and marked capped)
 * @param dailyLossLimit     no new position once equity has fallen this share below the equity at the
 *                           start of the UTC day (0.10 = 10%)
 * @param maxOrdersPerMinute the live order-rate limit. A bar of one minute or more sends at most four orders
 *                           (close, entry, stop-loss, take-profit), so the model needs at least 4 and is
 *                           then never limited by it; the live guard counts real orders
 * @param minBalanceUsdt     no new position while the balance is below this
 */
public record RiskLimits(double maxNotionalUsdt, double dailyLossLimit, int maxOrdersPerMinute, double minBalanceUsdt) {

    /** 100,000 USDT, 10% a day, 10 orders a minute, 10 USDT: the live guard's defaults. */
    public static final RiskLimits DEFAULT = new RiskLimits(100_000, 0.10, 10, 10);

    /** No limits (research: {@code --no-limits}); KuCoin's risk-limit tiers still apply. */
    public static final RiskLimits NONE = new RiskLimits(Double.POSITIVE_INFINITY, 1, Integer.MAX_VALUE, 0);

    public RiskLimits {
        if (!(maxNotionalUsdt > 0)) throw new IllegalArgumentException("max notional must be above 0, got " + maxNotionalUsdt);
        if (!(dailyLossLimit > 0 && dailyLossLimit <= 1)) throw new IllegalArgumentException("daily loss limit must be in (0, 1], got " + dailyLossLimit);
        if (maxOrdersPerMinute < 4) {
            throw new IllegalArgumentException("max orders per minute must be at least 4 (a reversal sends four), got " + maxOrdersPerMinute);
        }
        if (!(minBalanceUsdt >= 0)) throw new IllegalArgumentException("minimum balance must be 0 or more, got " + minBalanceUsdt);
    }
}
