package io.gpubot.core.trade;

/**
 * What the sizing rules need to know of a bot's own closed trades: counts, the sums of wins and
 * losses, and the current run of wins. Immutable; {@link #after(Trade)} gives the next value.
 */
public record TradeStats(int wins, int losses, double sumWins, double sumLosses, int winStreak) {

    public static final TradeStats NONE = new TradeStats(0, 0, 0, 0, 0);

    public int closed() {
        return wins + losses;
    }

    public TradeStats after(Trade trade) {
        double net = trade.netPnl();
        return net > 0
                ? new TradeStats(wins + 1, losses, sumWins + net, sumLosses, winStreak + 1)
                : new TradeStats(wins, losses + 1, sumWins, sumLosses - net, 0);
    }
}
