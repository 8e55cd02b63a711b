package io.gpubot.core.market;

import java.time.Duration;
import java.util.Objects;

/**
 * The trading facts of one KuCoin Futures USDT-margined perpetual, as published by
 * {@code /api/v1/contracts/active}.
 *
 * @param symbol                KuCoin's contract symbol, e.g. {@code XBTUSDTM}
 * @param baseCurrency          KuCoin's base currency code, e.g. {@code XBT}
 * @param quoteCurrency         the settlement currency, {@code USDT}
 * @param multiplier            base-currency amount of one contract (lot), e.g. 0.001 BTC
 * @param lotSize               the smallest order size step, in contracts
 * @param tickSize              the price step
 * @param maxLeverage           the highest leverage the exchange accepts
 * @param makerFeeRate          fee rate on maker fills, e.g. 0.0002
 * @param takerFeeRate          fee rate on taker fills, e.g. 0.0006
 * @param maintenanceMarginRate the maintenance margin rate used for isolated-margin liquidation
 * @param fundingInterval       time between funding settlements (8 h for most contracts)
 */
public record Contract(
        String symbol,
        String baseCurrency,
        String quoteCurrency,
        double multiplier,
        int lotSize,
        double tickSize,
        int maxLeverage,
        double makerFeeRate,
        double takerFeeRate,
        double maintenanceMarginRate,
        Duration fundingInterval) {

    public Contract {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(baseCurrency, "baseCurrency");
        Objects.requireNonNull(quoteCurrency, "quoteCurrency");
        Objects.requireNonNull(fundingInterval, "fundingInterval");
        requirePositive("multiplier", multiplier);
        requirePositive("tickSize", tickSize);
        if (lotSize < 1) throw new IllegalArgumentException(symbol + ": lotSize must be at least 1, got " + lotSize);
        if (maxLeverage < 1) throw new IllegalArgumentException(symbol + ": maxLeverage must be at least 1, got " + maxLeverage);
        if (!(makerFeeRate > -0.01 && makerFeeRate < 0.01)) throw new IllegalArgumentException(symbol + ": implausible maker fee rate " + makerFeeRate);
        if (!(takerFeeRate >= 0 && takerFeeRate < 0.01)) throw new IllegalArgumentException(symbol + ": implausible taker fee rate " + takerFeeRate);
        if (!(maintenanceMarginRate > 0 && maintenanceMarginRate < 1)) throw new IllegalArgumentException(symbol + ": maintenance margin rate must be in (0, 1), got " + maintenanceMarginRate);
        if (fundingInterval.isNegative() || fundingInterval.isZero()) throw new IllegalArgumentException(symbol + ": funding interval must be positive");
    }

    /** The trader's name for the market, e.g. {@code BTC/USDT}. */
    public String pair() {
        return Symbols.toPair(symbol);
    }

    /** Value in quote currency of {@code contracts} contracts at {@code price}. */
    public double notional(long contracts, double price) {
        return contracts * multiplier * price;
    }

    /** {@code price} rounded to the nearest tick. */
    public double roundToTick(double price) {
        return Math.round(price / tickSize) * tickSize;
    }

    /** {@code contracts} rounded down to a whole number of lots. */
    public long floorToLot(double contracts) {
        if (!(contracts > 0)) return 0;
        return (long) Math.floor(contracts / lotSize) * lotSize;
    }

    private void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(symbol + ": " + name + " must be a positive number, got " + value);
        }
    }
}
