package io.gpubot.live;

import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.signal.ConsensusResult;
import io.gpubot.core.trade.Position;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.Trader;

import java.util.List;

/**
 * One bot as the dashboard shows it at a moment: its indicators and consensus at the last close, its
 * open position valued at the live price, and its account ("Position Summary" of the guide).
 *
 * @param consensus      every indicator's value, vote and parameters, and the signal at the last close
 * @param position       the open position, or {@code null} when flat
 * @param leverage       the bot's leverage
 * @param unrealisedPnl  of the open position at {@code price}, before exit fees (0 when flat)
 * @param balance        cash: start balance plus realised PnL, minus fees and funding
 * @param realisedPnl    net PnL of the closed trades (fees and funding included)
 * @param fees           entry and exit fees paid, closed trades and the open position
 * @param funding        funding paid (negative when received), closed trades and the open position
 * @param closedTrades   number of closed trades
 * @param winningTrades  closed trades with a positive net PnL
 * @param account        a live bot's realised PnL from the exchange's fills beside the model's; null for a paper bot
 */
public record BotSnapshot(String name, ConsensusResult consensus, Position position, int leverage, double unrealisedPnl,
                          double startBalance, double balance, double realisedPnl, double fees, double funding,
                          int closedTrades, int winningTrades, RealisedPnl account) {

    /** Balance plus unrealised PnL. */
    public double equity() {
        return balance + unrealisedPnl;
    }

    /** Realised plus unrealised. */
    public double totalPnl() {
        return realisedPnl + unrealisedPnl;
    }

    /** Share of closed trades that won, 0..1; NaN before the first closed trade. */
    public double winRate() {
        return closedTrades == 0 ? Double.NaN : (double) winningTrades / closedTrades;
    }

    /** The bot's state now, its position valued at {@code price} (NaN: at the last close). */
    public static BotSnapshot of(BotRunner runner, double price) {
        Trader trader = runner.trader();
        Position position = trader.position();
        double multiplier = trader.plan().contract().multiplier();
        double unrealised = 0;
        if (position != null) {
            unrealised = Double.isFinite(price) ? position.unrealisedPnl(price, multiplier) : trader.equity() - trader.balance();
        }
        double realised = 0;
        double fees = 0;
        double funding = trader.openPositionFunding();
        int wins = 0;
        List<Trade> trades = trader.trades();
        for (Trade t : trades) {
            realised += t.netPnl();
            fees += t.entryFee() + t.exitFee();
            funding += t.funding();
            if (t.netPnl() > 0) wins++;
        }
        if (position != null) fees += position.entryFee();
        return new BotSnapshot(runner.bot().name(), runner.consensus(), position, trader.plan().leverage(), unrealised,
                trader.run().startBalance(), trader.balance(), realised, fees, funding, trades.size(), wins, null);
    }

    /** This snapshot with a live bot's realised PnL on the account. */
    public BotSnapshot withAccount(RealisedPnl pnl) {
        return new BotSnapshot(name, consensus, position, leverage, unrealisedPnl, startBalance, balance, realisedPnl, fees, funding,
                closedTrades, winningTrades, pnl);
    }
}
