package io.gpubot.core.backtest;

import java.util.concurrent.ForkJoinPool;

/**
 * Where a population is evaluated: the CPU's {@link Backtester} or another engine built on it (the
 * OpenCL device of module {@code opencl}). A backend turns a backtester (its candles, contract, run
 * settings, indicator cache, and whether trades are kept) and the executor its host work runs on into a
 * {@link BatchEvaluator}.
 */
public interface Backend {

    /** The CPU engine: {@link Backtester#runCycles(java.util.List, java.util.List, ForkJoinPool)}. */
    Backend CPU = new Backend() {
        @Override
        public String name() {
            return "cpu";
        }

        @Override
        public BatchEvaluator evaluator(Backtester backtester, ForkJoinPool executor) {
            return (bots, cycles) -> backtester.runCycles(bots, cycles, executor);
        }
    };

    /** What the backend is, in a few words ("cpu", "opencl: NVIDIA H100"). */
    String name();

    BatchEvaluator evaluator(Backtester backtester, ForkJoinPool executor);
}
