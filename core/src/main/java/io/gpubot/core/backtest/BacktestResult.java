package io.gpubot.core.backtest;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.trade.Trade;

import java.util.List;

/** What one bot did over one run: the metrics, and every trade unless the backtester was asked for metrics only. */
public record BacktestResult(Bot bot, List<Trade> trades, Metrics metrics) {

    public BacktestResult {
        trades = List.copyOf(trades);
    }
}
