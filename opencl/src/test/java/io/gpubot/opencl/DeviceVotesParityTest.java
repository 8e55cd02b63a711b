package io.gpubot.opencl;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.indicator.IndicatorValues;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.signal.SignalRules;
import io.gpubot.core.signal.VoteBitsets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device's cold path against the CPU's: for every indicator type, with its defaults, the ends of its
 * period grids and random specs from its grids (rule levels included), the vote words classified on the device
 * equal {@code SignalRules.voteBits} word for word, and for the types whose values the device computes
 * ({@link DeviceVotes#ON_DEVICE}) every output equals the CPU's {@code compute} double for double (NaN warm-up
 * included). On real 4-hour candles, a slice of them starting inside the arrays, and synthetic minutes longer
 * than several of the window types' 4,096-bar segments. Skipped, with the reason, where OpenCL is unavailable.
 */
class DeviceVotesParityTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(2);

    /** Defaults, the smallest and the largest of each period grid, and random specs from the grids. */
    static List<IndicatorSpec> specsOf(IndicatorType type, long seed) {
        Set<IndicatorSpec> specs = new LinkedHashSet<>();
        specs.add(IndicatorSpec.defaults(type));
        SplittableRandom random = new SplittableRandom(seed * 101 + type.ordinal());
        for (int i = 0; i < 5; i++) specs.add(RandomBots.randomSpec(type, random));
        double[] defaults = IndicatorSpec.defaults(type).values();
        for (int k = 0; k < type.parameters().size(); k++) {
            double[] grid = type.parameters().get(k).grid();
            if (type.parameters().get(k).level() || grid.length == 0) continue;
            for (double end : new double[] {grid[0], grid[grid.length - 1]}) {
                double[] v = defaults.clone();
                v[k] = end;
                try {
                    specs.add(IndicatorSpec.of(type, v));
                } catch (IllegalArgumentException invalid) {
                    // periods that must stay ordered (fast < slow, tenkan <= kijun ...): the random specs cover those
                }
            }
        }
        return new ArrayList<>(specs);
    }

    static void assertDeviceEqualsCpu(CandleSeries series, long seed) {
        OpenClBackend backend = OpenClParityTest.backend();
        OpenClEvaluator evaluator = (OpenClEvaluator) backend.evaluator(new Backtester(series, OpenClParityTest.BTC, OpenClParityTest.RUN), POOL);
        DeviceVotes device = evaluator.deviceVotes();
        List<IndicatorSpec> specs = new ArrayList<>();
        for (IndicatorType type : IndicatorType.values()) specs.addAll(specsOf(type, seed));
        List<long[][]> votes = device.deviceVotes(specs);
        int valuesCompared = 0;
        for (int s = 0; s < specs.size(); s++) {
            IndicatorSpec spec = specs.get(s);
            IndicatorValues cpu = spec.compute(series);
            VoteBitsets expected = SignalRules.voteBits(cpu, series);
            assertThat(votes.get(s)[0]).as("bullish words of " + spec).isEqualTo(expected.bullish());
            assertThat(votes.get(s)[1]).as("bearish words of " + spec).isEqualTo(expected.bearish());
            if (DeviceVotes.valuesOnDevice(spec)) {
                double[][] values = device.deviceValues(spec);
                for (int k = 0; k < cpu.outputCount(); k++) {
                    double[] want = cpu.output(k);
                    double[] got = values[k];
                    for (int i = 0; i < want.length; i++) {
                        // Double.compare: bit for bit, every NaN alike
                        if (Double.compare(want[i], got[i]) != 0) {
                            throw new AssertionError(spec + " output " + cpu.outputNames().get(k) + " at bar " + i + ": device " + got[i] + ", CPU " + want[i]);
                        }
                    }
                    assertThat(Arrays.stream(want).filter(x -> x == x).count()).as(spec + " has values").isGreaterThan(0);
                }
                valuesCompared++;
            }
        }
        assertThat(valuesCompared).as("specs whose values the device computed").isGreaterThanOrEqualTo(5 * DeviceVotes.ON_DEVICE.size());
        // Votes that actually vote: the comparison is not between two empty tables.
        long bullish = votes.stream().mapToLong(v -> Arrays.stream(v[0]).map(Long::bitCount).sum()).sum();
        long bearish = votes.stream().mapToLong(v -> Arrays.stream(v[1]).map(Long::bitCount).sum()).sum();
        assertThat(bullish).isGreaterThan(series.size());
        assertThat(bearish).isGreaterThan(series.size());
    }

    @Test
    void everyTypeOnNineYearsOfRealBitcoinCandles() {
        OpenClParityTest.backend();
        assertDeviceEqualsCpu(CoinbaseCandles.btc4h(), 1);
    }

    @Test
    void everyTypeOnASliceStartingInsideTheArrays() {
        OpenClParityTest.backend();
        assertDeviceEqualsCpu(CoinbaseCandles.btc4h().slice(3_001, 9_999), 2);
    }

    @Test
    void everyTypeOnSyntheticMinutesAcrossSegments() {
        OpenClParityTest.backend();
        assertDeviceEqualsCpu(SyntheticMarket.bitcoinLike(9).generate(13_339), 3);
    }

    /** The path of a type the device does not compute (values from the CPU uploaded, classified on the device), in small chunks. */
    @Test
    void valuesFromTheCpuClassifiedOnTheDevice() {
        OpenClParityTest.backend();
        CandleSeries series = SyntheticMarket.bitcoinLike(11).generate(5_000);
        OpenClEvaluator evaluator = (OpenClEvaluator) OpenClParityTest.backend().evaluator(new Backtester(series, OpenClParityTest.BTC, OpenClParityTest.RUN), POOL);
        DeviceVotes device = evaluator.deviceVotes();
        // Half the types on the CPU, so one chunk holds values from both sides.
        device.computeOnDevice(Set.copyOf(Arrays.asList(IndicatorType.values()).subList(0, 25)));
        // Chunks of about five outputs, so specs of one computation and computations of every kind cross chunk boundaries.
        device.chunkBytes(5L * series.size() * Double.BYTES);
        long before = OpenClParityTest.backend().count(OpenClBackend.Count.VALUES_ON_HOST);
        List<IndicatorSpec> specs = new ArrayList<>();
        for (IndicatorType type : IndicatorType.values()) specs.addAll(specsOf(type, 13));
        List<long[][]> votes = device.deviceVotes(specs);
        assertThat(OpenClParityTest.backend().count(OpenClBackend.Count.VALUES_ON_HOST) - before).isGreaterThan(100);
        for (int s = 0; s < specs.size(); s++) {
            VoteBitsets expected = SignalRules.voteBits(specs.get(s).compute(series), series);
            assertThat(votes.get(s)[0]).as("bullish words of " + specs.get(s)).isEqualTo(expected.bullish());
            assertThat(votes.get(s)[1]).as("bearish words of " + specs.get(s)).isEqualTo(expected.bearish());
        }
    }

    /** A series built in code with a NaN close and an infinite volume: the values come from the CPU, the votes still agree. */
    @Test
    void aSeriesWithANaNCloseLeavesTheValuesToTheCpu() {
        OpenClParityTest.backend();
        CandleSeries base = SyntheticMarket.bitcoinLike(12).generate(3_000);
        double[] close = Arrays.copyOf(base.closeColumn(), base.size());
        double[] volume = Arrays.copyOf(base.volumeColumn(), base.size());
        close[1_234] = Double.NaN;
        volume[2_000] = Double.POSITIVE_INFINITY;
        CandleSeries series = CandleSeries.of(base.timeframe(), base.timeColumn(), base.openColumn(), base.highColumn(), base.lowColumn(), close, volume);
        long before = OpenClParityTest.backend().count(OpenClBackend.Count.VALUES_ON_HOST);
        OpenClEvaluator evaluator = (OpenClEvaluator) OpenClParityTest.backend().evaluator(new Backtester(series, OpenClParityTest.BTC, OpenClParityTest.RUN), POOL);
        List<IndicatorSpec> specs = new ArrayList<>();
        for (IndicatorType type : IndicatorType.values()) specs.addAll(specsOf(type, 17));
        List<long[][]> votes = evaluator.deviceVotes().deviceVotes(specs);
        assertThat(OpenClParityTest.backend().count(OpenClBackend.Count.VALUES_ON_HOST) - before).isGreaterThanOrEqualTo(IndicatorType.values().length);
        for (int s = 0; s < specs.size(); s++) {
            VoteBitsets expected = SignalRules.voteBits(specs.get(s).compute(series), series);
            assertThat(votes.get(s)[0]).as("bullish words of " + specs.get(s)).isEqualTo(expected.bullish());
            assertThat(votes.get(s)[1]).as("bearish words of " + specs.get(s)).isEqualTo(expected.bearish());
        }
    }

    @Test
    void seriesShorterThanTheWarmUpAndOfOneBar() {
        OpenClParityTest.backend();
        assertDeviceEqualsCpuWithoutActivity(SyntheticMarket.bitcoinLike(4).generate(150));
        assertDeviceEqualsCpuWithoutActivity(SyntheticMarket.bitcoinLike(5).generate(1));
    }

    /** As {@link #assertDeviceEqualsCpu}, for series too short for every type to vote. */
    private static void assertDeviceEqualsCpuWithoutActivity(CandleSeries series) {
        OpenClEvaluator evaluator = (OpenClEvaluator) OpenClParityTest.backend().evaluator(new Backtester(series, OpenClParityTest.BTC, OpenClParityTest.RUN), POOL);
        DeviceVotes device = evaluator.deviceVotes();
        List<IndicatorSpec> specs = new ArrayList<>();
        for (IndicatorType type : IndicatorType.values()) specs.addAll(specsOf(type, 7));
        List<long[][]> votes = device.deviceVotes(specs);
        for (int s = 0; s < specs.size(); s++) {
            IndicatorSpec spec = specs.get(s);
            IndicatorValues cpu = spec.compute(series);
            VoteBitsets expected = SignalRules.voteBits(cpu, series);
            assertThat(votes.get(s)[0]).as("bullish words of " + spec).isEqualTo(expected.bullish());
            assertThat(votes.get(s)[1]).as("bearish words of " + spec).isEqualTo(expected.bearish());
            if (DeviceVotes.valuesOnDevice(spec)) {
                double[][] values = device.deviceValues(spec);
                for (int k = 0; k < cpu.outputCount(); k++) assertThat(values[k]).as(spec + " output " + k).isEqualTo(cpu.output(k));
            }
        }
    }
}
