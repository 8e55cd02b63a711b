package io.gpubot.sandbox;

/** One order as the engine keeps it; mutated only by {@link Exchange} under its lock. */
final class OrderState {

    /** How a triggered stop fills: at the market (taker, with slippage) or resting at its level (maker). */
    enum Role { NORMAL, TAKE_PROFIT }

    String id;
    String clientOid;
    String symbol;
    boolean buy;
    String type;
    long size;
    Double price;
    int leverage;
    boolean reduceOnly;
    boolean closeOrder;
    String stop;
    Double stopPrice;
    String stopPriceType;
    boolean stopTriggered;
    String timeInForce = "GTC";
    boolean postOnly;
    String marginMode = "ISOLATED";
    Role role = Role.NORMAL;
    boolean active = true;
    boolean cancelled;
    long createdAt;
    long updatedAt;
    Long endAt;
    long filledSize;
    double filledValue;
    /** A take-profit or stop-loss {@code /api/v1/st-orders} attached to its parent. */
    boolean attached;
    /** The parent's attached levels, armed when it fills (KuCoin: "only takes effect when the order was successfully executed"). */
    Double armTakeProfit;
    Double armStopLoss;

    boolean isStop() {
        return stop != null;
    }

    /** An untriggered stop order waits in the stop book; everything else active is an open order. */
    boolean isUntriggeredStop() {
        return active && isStop() && !stopTriggered;
    }

    String side() {
        return buy ? "buy" : "sell";
    }

    double avgDealPrice(double multiplier) {
        return filledSize == 0 ? 0 : filledValue / (filledSize * multiplier);
    }
}
