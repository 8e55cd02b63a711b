package io.gpubot.live.risk;

import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.EntryGate;
import io.gpubot.core.trade.Side;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds entries to the {@link RiskLimits}: leverage (the user's limit and the contract's), value,
 * risk per trade, daily loss, order rate and minimum balance. Paper trading passes it to the engine as
 * its {@link EntryGate}; the live executor asks {@link #check} before every entry order. Exits are
 * never asked about: reducing risk is always allowed. Every refusal is one line saying which limit
 * and by how much. Also watches the distance to the liquidation price.
 *
 * <p>Not thread-safe: the engine thread owns it.
 */
public final class RiskGuard implements EntryGate {

    private static final long MINUTE = 60_000;
    private static final long DAY = 86_400_000;

    private final RiskLimits limits;
    private final int leverageCap;
    private final Deque<Long> orderTimes = new ArrayDeque<>();
    private final Map<String, Set<Double>> warned = new HashMap<>();
    private long day = Long.MIN_VALUE;
    private double dayStartEquity = Double.NaN;

    public RiskGuard(RiskLimits limits, Contract contract) {
        this.limits = limits;
        this.leverageCap = Math.min(limits.maxLeverage(), contract.maxLeverage());
    }

    public RiskLimits limits() {
        return limits;
    }

    /** The highest leverage allowed: the user's limit, capped by the contract's maximum. */
    public int leverageCap() {
        return leverageCap;
    }

    /**
     * The engine's entries (paper trading): every limit, the risk at the stop included, measured as the live
     * executor measures it, so a paper session refuses what the live one would. An allowed entry counts as an
     * order.
     */
    @Override
    public String refusal(long time, Side side, long contracts, double price, double notional, double margin, double balance,
                          double lossAtStop) {
        int leverage = (int) Math.round(notional / margin);
        String refused = check(time, leverage, notional, lossAtStop, balance);
        if (refused == null) recordOrder(time);
        return refused;
    }

    /**
     * Whether an entry may be sent; does not count it as an order ({@link #recordOrder} does, once sent).
     *
     * @param time       epoch ms (the clock the order rate and the trading day are measured on)
     * @param lossAtStop what the trade loses at its stop-loss, fees and slippage included, in USDT (NaN: not checked)
     * @param equity     the account's equity now
     * @return null to allow, else the reason, one line
     */
    public String check(long time, int leverage, double notional, double lossAtStop, double equity) {
        onEquity(time, equity);
        if (equity < limits.minBalanceUsdt()) {
            return String.format(Locale.ROOT, "balance %.2f USDT is below the minimum of %.2f USDT", equity, limits.minBalanceUsdt());
        }
        if (leverage > leverageCap) {
            return String.format(Locale.ROOT, "leverage %dx exceeds the limit of %dx", leverage, leverageCap);
        }
        if (notional > limits.maxNotionalUsdt()) {
            return String.format(Locale.ROOT, "position value %.2f USDT exceeds the limit of %.2f USDT", notional, limits.maxNotionalUsdt());
        }
        if (!Double.isNaN(lossAtStop) && lossAtStop > limits.maxRiskPerTrade() * equity) {
            return String.format(Locale.ROOT, "risk %.2f%% of equity at the stop-loss (%.2f USDT) exceeds the limit of %.2f%% per trade",
                    100 * lossAtStop / equity, lossAtStop, 100 * limits.maxRiskPerTrade());
        }
        double dayLoss = (dayStartEquity - equity) / dayStartEquity;
        if (dayLoss >= limits.dailyLossLimit()) {
            return String.format(Locale.ROOT, "daily loss limit reached: equity %.2f USDT is %.2f%% below the day's start of %.2f USDT (limit %.2f%%)",
                    equity, 100 * dayLoss, dayStartEquity, 100 * limits.dailyLossLimit());
        }
        int recent = ordersInLastMinute(time);
        if (recent >= limits.maxOrdersPerMinute()) {
            return String.format(Locale.ROOT, "order rate limit: %d orders in the last minute (limit %d per minute)", recent,
                    limits.maxOrdersPerMinute());
        }
        return null;
    }

    /** Counts an order sent at {@code time} toward the order-rate limit. */
    public void recordOrder(long time) {
        orderTimes.addLast(time);
    }

    /** The equity at {@code time}; the first one of each UTC day is that day's start for the daily loss limit. */
    public void onEquity(long time, double equity) {
        long today = Math.floorDiv(time, DAY);
        if (today != day) {
            day = today;
            dayStartEquity = equity;
        }
    }

    /** The day's starting equity the daily loss is measured from (NaN before the first equity). */
    public double dayStartEquity() {
        return dayStartEquity;
    }

    private int ordersInLastMinute(long time) {
        while (!orderTimes.isEmpty() && orderTimes.peekFirst() <= time - MINUTE) orderTimes.removeFirst();
        return orderTimes.size();
    }

    /**
     * A warning when {@code price} has come within one of the configured distances of the liquidation
     * price, once per position and distance (the nearest distance crossed is reported).
     *
     * @param position identifies the position (e.g. its entry clientOid), so a new position warns afresh
     */
    public Optional<String> liquidationWarning(String position, Side side, long contracts, double price, double liquidationPrice) {
        if (!(price > 0) || !(liquidationPrice > 0)) return Optional.empty();
        double distance = side.sign() * (price - liquidationPrice) / price;
        Set<Double> done = warned.computeIfAbsent(position, k -> new HashSet<>());
        Double crossed = null;
        for (double threshold : limits.liquidationWarnings()) {
            if (distance <= threshold && !done.contains(threshold)) {
                done.add(threshold);
                crossed = threshold;
            }
        }
        if (crossed == null) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "price %s is within %.1f%% of the liquidation price %s (%s %d contracts): %.2f%% away",
                plain(price), 100 * crossed, plain(liquidationPrice), side.name().toLowerCase(Locale.ROOT), contracts,
                100 * Math.max(0, distance)));
    }

    /** Forgets a closed position's warnings. */
    public void forgetPosition(String position) {
        warned.remove(position);
    }

    private static String plain(double price) {
        // Twelve significant digits hide binary noise (32192.159999999996) and keep every real digit of a price.
        return java.math.BigDecimal.valueOf(price).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
    }
}
