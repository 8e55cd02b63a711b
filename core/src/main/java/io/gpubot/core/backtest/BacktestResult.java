package io.gpubot.core.backtest;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.trade.Trade;

import java.util.List;

/** What one bot did over one run: every trade and the metrics. */
public record BacktestResult(Bot bot, List<Trade> trades, Metrics metrics) {

    public BacktestResult {
        trades = List.copyOf(trades);
    }
}
