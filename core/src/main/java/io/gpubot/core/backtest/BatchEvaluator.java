package io.gpubot.core.backtest;

import io.gpubot.core.bot.Bot;

import java.util.List;

/**
 * Evaluates a population in one batch, in the style of Jenetics' {@code Evaluator}: these bots over these
 * cycles of the evaluator's candles give these results. {@code results.get(b).get(c)} is bot {@code b} in
 * cycle {@code c}, with its metrics and, where the evaluator was asked for them, its trades.
 *
 * <p>Every implementation gives the same results as the CPU {@link Backtester}, double for double: the
 * evolution and {@code gpubot bench} take any of them ({@link Backend}).
 */
@FunctionalInterface
public interface BatchEvaluator {

    List<List<BacktestResult>> evaluate(List<Bot> bots, List<Cycle> cycles);
}
