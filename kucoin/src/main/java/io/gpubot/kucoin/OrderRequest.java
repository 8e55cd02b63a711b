package io.gpubot.kucoin;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * An order for {@code POST /api/v1/orders}. Always carries a {@code clientOid} (generated when not
 * given) so that an order whose answer was lost can be found again instead of being sent twice.
 * Build with {@link #market}, {@link #limit} or {@link #closePosition} and refine with the
 * {@code with...} methods.
 *
 * @param side       {@code buy} or {@code sell}; null only for close orders
 * @param size       lots; 0 only for close orders
 * @param price      limit price; null for market orders
 * @param stop       {@code up} or {@code down} for stop orders, else null
 * @param marginMode null leaves the symbol's current mode
 */
public record OrderRequest(String clientOid, String symbol, Side side, String type, long size, Integer leverage,
                           BigDecimal price, String timeInForce, boolean reduceOnly, boolean closeOrder,
                           StopDirection stop, BigDecimal stopPrice, StopPriceType stopPriceType,
                           MarginMode marginMode, boolean postOnly) {

    /** Order side. */
    public enum Side {
        BUY, SELL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which way the trigger price must be crossed. */
    public enum StopDirection {
        UP, DOWN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Price a stop triggers on: trade, mark or index price. */
    public enum StopPriceType { TP, MP, IP }

    public OrderRequest {
        Objects.requireNonNull(clientOid, "clientOid");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(type, "type");
        if (clientOid.isBlank() || clientOid.length() > 40) throw new IllegalArgumentException("clientOid must be 1-40 characters");
        if (!closeOrder) {
            Objects.requireNonNull(side, "side");
            if (size <= 0) throw new IllegalArgumentException("order size must be a positive number of lots, got " + size);
        }
        if ("limit".equals(type) && price == null) throw new IllegalArgumentException("a limit order needs a price");
        if ((stop == null) != (stopPrice == null)) throw new IllegalArgumentException("a stop order needs both a direction and a stop price");
    }

    public static String newClientOid() {
        return UUID.randomUUID().toString();
    }

    public static OrderRequest market(String symbol, Side side, long lots, int leverage) {
        return new OrderRequest(newClientOid(), symbol, side, "market", lots, leverage, null, null, false, false,
                null, null, null, null, false);
    }

    public static OrderRequest limit(String symbol, Side side, long lots, int leverage, BigDecimal price) {
        return new OrderRequest(newClientOid(), symbol, side, "limit", lots, leverage, price, null, false, false,
                null, null, null, null, false);
    }

    /** A market order that closes the whole position of the symbol. */
    public static OrderRequest closePosition(String symbol) {
        return new OrderRequest(newClientOid(), symbol, null, "market", 0, null, null, null, false, true,
                null, null, null, null, false);
    }

    public OrderRequest withClientOid(String newClientOid) {
        return new OrderRequest(newClientOid, symbol, side, type, size, leverage, price, timeInForce, reduceOnly, closeOrder,
                stop, stopPrice, stopPriceType, marginMode, postOnly);
    }

    public OrderRequest withReduceOnly() {
        return new OrderRequest(clientOid, symbol, side, type, size, leverage, price, timeInForce, true, closeOrder,
                stop, stopPrice, stopPriceType, marginMode, postOnly);
    }

    public OrderRequest withStop(StopDirection direction, BigDecimal triggerPrice, StopPriceType priceType) {
        return new OrderRequest(clientOid, symbol, side, type, size, leverage, price, timeInForce, reduceOnly, closeOrder,
                direction, triggerPrice, priceType, marginMode, postOnly);
    }

    public OrderRequest withMarginMode(MarginMode mode) {
        return new OrderRequest(clientOid, symbol, side, type, size, leverage, price, timeInForce, reduceOnly, closeOrder,
                stop, stopPrice, stopPriceType, mode, postOnly);
    }

    public OrderRequest withTimeInForce(String tif) {
        return new OrderRequest(clientOid, symbol, side, type, size, leverage, price, tif, reduceOnly, closeOrder,
                stop, stopPrice, stopPriceType, marginMode, postOnly);
    }

    public OrderRequest withPostOnly() {
        return new OrderRequest(clientOid, symbol, side, type, size, leverage, price, timeInForce, reduceOnly, closeOrder,
                stop, stopPrice, stopPriceType, marginMode, true);
    }
}
