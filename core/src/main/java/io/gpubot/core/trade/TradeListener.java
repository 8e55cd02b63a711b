package io.gpubot.core.trade;

/**
 * Hears what a {@link Trader} does, in order: the live engine journals it and the dashboard shows it.
 * Every method does nothing unless overridden.
 */
public interface TradeListener {

    TradeListener NONE = new TradeListener() {
    };

    /** The bot's signal at a bar's close was +1 (buy) or -1 (sell). */
    default void onSignal(long time, int signal) {
    }

    /**
     * At a bar's close the trader decided to send a market order at the next open: {@code exit} closes
     * the open position, {@code enter} opens one on {@code side} (both for a reversal).
     */
    default void onOrder(long time, Side side, boolean exit, boolean enter) {
    }

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
