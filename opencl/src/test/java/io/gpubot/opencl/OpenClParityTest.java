package io.gpubot.opencl;

import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backend;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.BatchEvaluator;
import io.gpubot.core.backtest.Cycle;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.signal.Consensus;
import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.RiskLimits;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.SizingMethod;
import io.gpubot.core.trade.Trade;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenCL backend against the CPU engine: the same bots over the same candles and cycles must give the
 * same metrics (record equality: every double bit for bit) and the same trade lists. Runs on whatever
 * device OpenCL offers (PoCL on the CPU in CI, a GPU where there is one: {@code bench/gpu-check.sh});
 * skipped, with the reason, where OpenCL is unavailable.
 */
class OpenClParityTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final RunSettings RUN = RunSettings.withBalance(10_000);
    private static final ForkJoinPool POOL = new ForkJoinPool(2);
    private static OpenClBackend backend;
    private static String unavailable;

    static synchronized OpenClBackend backend() {
        if (backend == null && unavailable == null) {
            try {
                backend = OpenClBackend.open(OpenClBackend.DeviceKind.ANY);
                System.out.println("OpenClParityTest runs on " + backend.name());
            } catch (OpenClUnavailableException e) {
                unavailable = e.getMessage();
            }
        }
        // A device that is there but does not compile our kernels is a failure of ours, not an absent OpenCL.
        if (backend == null && unavailable.contains("did not compile")) throw new AssertionError(unavailable);
        if (backend == null) throw new TestAbortedException("OpenCL unavailable, parity not checked: " + unavailable);
        return backend;
    }

    /** Both engines over the same bots and cycles; returns the trades compared. */
    static int assertSameResults(CandleSeries series, Contract contract, RunSettings run, List<Bot> bots, List<Cycle> cycles, boolean trades) {
        Backtester cpu = new Backtester(series, contract, run);
        Backtester base = trades ? cpu : cpu.metricsOnly();
        List<List<BacktestResult>> expected = Backend.CPU.evaluator(base, POOL).evaluate(bots, cycles);
        BatchEvaluator device = backend().evaluator(base, POOL);
        List<List<BacktestResult>> actual = device.evaluate(bots, cycles);
        int compared = 0;
        assertThat(actual).hasSize(bots.size());
        for (int b = 0; b < bots.size(); b++) {
            for (int c = 0; c < cycles.size(); c++) {
                BacktestResult e = expected.get(b).get(c);
                BacktestResult a = actual.get(b).get(c);
                String what = "bot " + b + " cycle " + cycles.get(c) + ": " + bots.get(b).canonical();
                assertThat(a.metrics()).as(what).isEqualTo(e.metrics());
                assertThat(a.trades()).as(what).isEqualTo(e.trades());
                compared += e.metrics().trades();
            }
        }
        return compared;
    }

    @Test
    void threeHundredRandomBotsOnNineYearsOfRealBitcoinCandles() {
        backend();
        CandleSeries btc = CoinbaseCandles.btc4h();
        List<Bot> bots = RandomBots.of(BTC).draw(300, 20_261_206L);
        int trades = assertSameResults(btc, BTC, RUN, bots, List.of(new Cycle(0, btc.size())), true);
        assertThat(trades).as("trades compared").isGreaterThan(3_000);
    }

    @Test
    void cyclesWithFundingHistoryAConsensusBelowOneAndEveryWayOut() {
        backend();
        CandleSeries btc = CoinbaseCandles.btc4h();
        // Funding history on every third settlement (the others at the default rate), negative rates among them.
        long first = btc.time(0) - Math.floorMod(btc.time(0), 8 * 3_600_000L);
        int n = (int) ((btc.time(btc.size() - 1) - first) / (8 * 3_600_000L)) / 3;
        long[] times = new long[n];
        double[] rates = new double[n];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            times[i] = first + 3L * i * 8 * 3_600_000L;
            rates[i] = (random.nextInt(21) - 5) * 0.00005;
        }
        RunSettings run = RUN.withFunding(FundingRates.of(times, rates), 0.0002);
        List<Bot> bots = new ArrayList<>();
        for (Bot unanimous : RandomBots.of(BTC).draw(120, 11)) {
            bots.add(new Bot(unanimous.name(), unanimous.indicators(), new Consensus(0.5 + 0.1 * random.nextInt(5)), unanimous.leverage(),
                    unanimous.exits(), unanimous.sizing(), null));
        }
        bots.addAll(RandomBots.of(BTC).draw(80, 12));
        List<Cycle> cycles = List.of(new Cycle(2_000, 3_000), new Cycle(8_000, 9_500), new Cycle(15_000, 15_800), new Cycle(100, 100),
                new Cycle(19_000, btc.size()));
        int trades = assertSameResults(btc, BTC, run, bots, cycles, true);
        assertThat(trades).isGreaterThan(1_000);
        // Every sizing method took part.
        assertThat(bots.stream().map(b -> b.sizing().method()).collect(Collectors.toSet())).containsAll(Set.of(SizingMethod.values()));
    }

    @Test
    void withoutRiskLimitsOnAnotherContractAndMetricsOnly() {
        backend();
        Contract eth = Contracts.get("ETHUSDTM");
        CandleSeries minutes = SyntheticMarket.bitcoinLike(77).generate(30_000);
        List<Bot> bots = RandomBots.of(eth).draw(100, 3);
        assertSameResults(minutes, eth, RUN.withLimits(RiskLimits.NONE), bots, List.of(new Cycle(500, 30_000)), false);
        int trades = assertSameResults(minutes, BTC, RUN, RandomBots.of(BTC).draw(100, 4), List.of(new Cycle(0, 30_000)), true);
        assertThat(trades).isGreaterThan(1_000);
    }

    /** Skips a property, with the reason, where OpenCL is unavailable (jqwik counts an aborted try as a rejection). */
    public static final class OpenClAvailable implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            try {
                backend();
                return SkipResult.doNotSkip();
            } catch (TestAbortedException e) {
                return SkipResult.skip(e.getMessage());
            }
        }
    }

    /** Random seeds: synthetic one-minute markets (funding every 8 hours, day boundaries, gaps of 64-bar words) and random bots. */
    @Property(tries = 4)
    @AddLifecycleHook(OpenClAvailable.class)
    void syntheticMinuteMarkets(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        backend();
        CandleSeries minutes = SyntheticMarket.bitcoinLike(seed).generate(20_000 + (int) (seed % 7_000));
        List<Bot> bots = RandomBots.of(BTC).draw(50, seed * 31 + 1);
        List<Cycle> cycles = List.of(new Cycle(0, minutes.size()), new Cycle(3_333, 11_111));
        assertSameResults(minutes, BTC, RUN, bots, cycles, seed % 2 == 0);
    }

    @Test
    void aSliceOfASeriesStartingInsideItsArrays() {
        backend();
        CandleSeries slice = CoinbaseCandles.btc4h().slice(4_321, 13_000);
        int trades = assertSameResults(slice, BTC, RUN, RandomBots.of(BTC).draw(100, 17), List.of(new Cycle(0, slice.size()), new Cycle(700, 5_000)),
                true);
        assertThat(trades).isGreaterThan(500);
    }

    @Test
    void oneEvaluatorKeepsItsVoteTableAcrossCallsAsAnEvolutionDoes() {
        backend();
        CandleSeries btc = CoinbaseCandles.btc4h();
        Backtester cpu = new Backtester(btc, BTC, RUN).metricsOnly();
        BatchEvaluator device = backend().evaluator(cpu, POOL);
        BatchEvaluator reference = Backend.CPU.evaluator(cpu, POOL);
        List<Cycle> cycles = List.of(new Cycle(1_000, 6_000), new Cycle(12_000, 20_000));
        // Populations that overlap (specs already on the device) and grow (the table is enlarged and copied).
        for (long seed : new long[] {1, 2, 1, 3}) {
            List<Bot> bots = RandomBots.of(BTC).draw(seed == 3 ? 400 : 40, seed);
            assertThat(device.evaluate(bots, cycles)).as("population " + seed).isEqualTo(reference.evaluate(bots, cycles));
        }
    }

    @Test
    void everyExitReasonButTheKillSwitchIsExercised() {
        backend();
        CandleSeries btc = CoinbaseCandles.btc4h();
        Backtester cpu = new Backtester(btc, BTC, RUN.withLimits(RiskLimits.NONE));
        List<Bot> bots = RandomBots.of(BTC).draw(150, 8);
        List<List<BacktestResult>> results = backend().evaluator(cpu, POOL).evaluate(bots, List.of(new Cycle(0, btc.size())));
        Set<ExitReason> reasons = results.stream().flatMap(r -> r.get(0).trades().stream()).map(Trade::reason).collect(Collectors.toSet());
        assertThat(reasons).contains(ExitReason.TAKE_PROFIT, ExitReason.STOP_LOSS, ExitReason.SIGNAL, ExitReason.END);
        List<List<BacktestResult>> expected = Backend.CPU.evaluator(cpu, POOL).evaluate(bots, List.of(new Cycle(0, btc.size())));
        assertThat(results).isEqualTo(expected);
    }
}
