package io.gpubot.kucoin;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order with take-profit and stop-loss triggers attached, for {@code POST /api/v1/st-orders}.
 * {@code triggerStopUpPrice} / {@code triggerStopDownPrice} are the upper and lower trigger prices
 * (for a long: take profit and stop loss); either may be null.
 */
public record TpSlOrderRequest(OrderRequest order, BigDecimal triggerStopUpPrice, BigDecimal triggerStopDownPrice,
                               OrderRequest.StopPriceType stopPriceType, String remark) {

    public TpSlOrderRequest {
        Objects.requireNonNull(order, "order");
        if (order.stop() != null) throw new IllegalArgumentException("a TP/SL order carries its triggers itself, not a stop");
        if (triggerStopUpPrice == null && triggerStopDownPrice == null) {
            throw new IllegalArgumentException("a TP/SL order needs a take-profit or a stop-loss price");
        }
    }
}
