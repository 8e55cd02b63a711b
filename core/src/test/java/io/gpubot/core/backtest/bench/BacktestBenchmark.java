package io.gpubot.core.backtest.bench;

import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.trade.RunSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The batch backtester over a population of random valid bots on synthetic one-minute candles, the
 * same workload as {@code gpubot bench backtest}: with the indicator cache full (a GA generation whose
 * bots were all seen), with it empty, and the reference stepper for one bot. Run with
 * {@code mvn -q -B -Pbench -pl core clean test-compile exec:exec -Dbench.args="BacktestBenchmark"}.
 * Bot-bars per second = bots x bars / (seconds per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class BacktestBenchmark {

    @Param("1000")
    int bots;

    @Param("525600")
    int bars;

    @Param("2")
    int threads;

    static final Contract CONTRACT = Contracts.get("XBTUSDTM");
    static final RunSettings RUN = RunSettings.withBalance(10_000);

    CandleSeries candles;
    List<Bot> population;
    Backtester warm;
    Backtester cold;

    @Setup(Level.Trial)
    public void prepare() {
        candles = SyntheticMarket.bitcoinLike(42).generate(bars);
        population = RandomBots.of(CONTRACT).draw(bots, 42);
        warm = new Backtester(candles, CONTRACT, RUN);
        warm.run(population, threads);
    }

    @Setup(Level.Invocation)
    public void emptyCache() {
        cold = new Backtester(candles, CONTRACT, RUN);
    }

    @Benchmark
    public List<BacktestResult> populationWarmCache() {
        return warm.run(population, threads);
    }

    @Benchmark
    public List<BacktestResult> populationColdCache() {
        return cold.run(population, threads);
    }

    @Benchmark
    public BacktestResult referenceStepperOneBot() {
        return Backtester.reference(population.get(0), candles, CONTRACT, RUN, 0, candles.size());
    }
}
