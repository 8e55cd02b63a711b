package io.gpubot.core.trade;

/**
 * Hears what a {@link Trader} does, in order: the live engine journals it and the dashboard shows it.
 * Every method does nothing unless overridden.
 */
public interface TradeListener {

    TradeListener NONE = new TradeListener() {
    };

    /** A position was opened. */
    default void onEntry(Position position) {
    }

    /** A position was closed. */
    default void onExit(Trade trade) {
    }

    /** Funding was settled on the open position ({@code amount} paid; negative when received). */
    default void onFunding(long time, double rate, double amount) {
    }

    /** An entry the signal asked for was not made, and why. */
    default void onRefusal(long time, String reason) {
    }

    /** A bar closed; {@code equity} is balance plus unrealised PnL at its close. */
    default void onBarClosed(long time, double close, double equity) {
    }
}
