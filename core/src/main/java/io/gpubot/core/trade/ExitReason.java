package io.gpubot.core.trade;

/** Why a position was closed. */
public enum ExitReason {
    /** The take-profit level was reached (maker fill at the level). */
    TAKE_PROFIT,
    /** The stop-loss level was reached, or the bar opened beyond it (taker fill with slippage). */
    STOP_LOSS,
    /** The price reached the isolated-margin liquidation price; the margin is lost. */
    LIQUIDATION,
    /** An opposite signal closed the position at the next open (taker fill with slippage). */
    SIGNAL,
    /** The data ended with the position open; closed at the last close (taker fill with slippage). */
    END,
    /** The kill switch closed the position at the live price (taker fill with slippage). */
    KILL_SWITCH,
    /**
     * A live session's model followed the exchange: the account's position was closed there by something
     * the model did not book itself (a close by hand, another program, an exit while the session was down),
     * at the exchange's price where it is known.
     */
    EXCHANGE
}
