package io.gpubot.core.trade;

/**
 * Asked before every entry the rules would make, with the size they chose: the live engine's risk
 * guard answers here (leverage, notional, risk at the stop, daily loss, order rate, minimum balance). A refused entry is
 * not made and its reason reaches {@link TradeListener#onRefusal}. Backtests use {@link #OPEN}, which
 * refuses nothing, so a gate that never refuses leaves the trades exactly as the backtest's.
 */
@FunctionalInterface
public interface EntryGate {

    /** Refuses nothing. */
    EntryGate OPEN = (time, side, contracts, price, notional, margin, balance, lossAtStop) -> null;

    /**
     * @param time      open time of the bar whose open fills the entry
     * @param contracts whole lots the sizing rule chose (at least one)
     * @param price     the fill price, slippage included
     * @param notional  {@code contracts × multiplier × price}
     * @param margin    the isolated margin the position would take
     * @param balance   the bot's balance before the entry
     * @param lossAtStop what the entry loses at its stop-loss in USDT: both fees and the exit's slippage, computed as the
     *                   live executor computes it before it sends the order
     * @return {@code null} to allow the entry, else why it is refused (one line, for the journal and dashboard)
     */
    String refusal(long time, Side side, long contracts, double price, double notional, double margin, double balance, double lossAtStop);
}
