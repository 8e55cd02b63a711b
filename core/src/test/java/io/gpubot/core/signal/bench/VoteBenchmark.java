package io.gpubot.core.signal.bench;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorValues;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.signal.SignalRules;
import io.gpubot.core.signal.VoteBitsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Classifying one spec's precomputed values over a year of one-minute bars into vote bitsets: the per-bar
 * {@link SignalRules#classify} path plus packing (what the backtester's cache did) against the bitset
 * kernel {@link SignalRules#voteBits}, for one type of each kernel. Run with
 * {@code mvn -q -B -Pbench -pl core clean test-compile exec:exec -Dbench.args="VoteBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class VoteBenchmark {

    @Param({"SMA", "EMA", "RSI", "STOCH", "MACD", "CMO", "PPO", "MOM", "AO", "ADX", "AROON", "SUPERTREND", "ICHIMOKU",
            "ATR", "NATR", "BBANDS", "KELTNER", "DONCHIAN", "AD", "VOSC", "PIVOT", "HEIKINASHI"})
    public String type;

    @Param("525600")
    public int bars;

    CandleSeries candles;
    IndicatorValues values;

    @Setup
    public void setUp() {
        candles = SyntheticMarket.bitcoinLike(42).generate(bars);
        values = IndicatorSpec.parse(type).compute(candles);
    }

    @Benchmark
    public long[][] perBarClassifyThenPack() {
        byte[] votes = SignalRules.votes(values, candles);
        int words = Math.max(1, (votes.length + 63) >>> 6);
        long[] up = new long[words];
        long[] down = new long[words];
        for (int i = 0; i < votes.length; i++) {
            if (votes[i] > 0) up[i >>> 6] |= 1L << i;
            else if (votes[i] < 0) down[i >>> 6] |= 1L << i;
        }
        return new long[][] {up, down};
    }

    @Benchmark
    public VoteBitsets bitsetKernel() {
        return SignalRules.voteBits(values, candles);
    }
}
