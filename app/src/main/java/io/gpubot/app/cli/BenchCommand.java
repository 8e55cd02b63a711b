package io.gpubot.app.cli;

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
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code gpubot bench}: measurements of gpubot's own speed on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure gpubot's speed on this machine.",
        subcommands = {BenchCommand.Backtest.class, BenchCommand.Store.class, BenchCommand.Live.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = {"Backtest random valid bots on synthetic 1m candles with the batch engine, then time the reference stepper.",
                    "Prints bot-bars per second, wall time, trades, distinct indicator computations and memory."})
    static final class Backtest implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--bots", paramLabel = "N", defaultValue = "10000", description = "Bots in the population (default: ${DEFAULT-VALUE}).")
        int bots;

        @Option(names = "--bars", paramLabel = "N", defaultValue = "525600", description = "One-minute bars (default: ${DEFAULT-VALUE}, a year).")
        int bars;

        @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
        Integer threads;

        @Option(names = "--reference-bots", paramLabel = "N", defaultValue = "20", description = "Bots timed through the reference stepper (default: ${DEFAULT-VALUE}).")
        int referenceBots;

        @Option(names = "--warm-runs", paramLabel = "N", defaultValue = "3", description = "Timed runs with the indicator cache full; the best is reported (default: ${DEFAULT-VALUE}).")
        int warmRuns;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for the candles and the bots (default: ${DEFAULT-VALUE}).")
        long seed;

        @picocli.CommandLine.Mixin
        BackendOption backendOption;

        @Option(names = "--compare-cpu", description = "With another backend: also time the CPU engine on the same bots and compare the metrics.")
        boolean compareCpu;

        private double warm(BatchEvaluator evaluator, List<Bot> population, List<Cycle> whole) {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < Math.max(1, warmRuns); r++) {
                long warm = System.nanoTime();
                evaluator.evaluate(population, whole);
                best = Math.min(best, (System.nanoTime() - warm) / 1e9);
            }
            return best;
        }

        /** Room for every vote bitset of a large population (100,000 bots use more specs than the default 1 GiB holds). */
        private static long cacheBytes() {
            return Math.max(io.gpubot.core.backtest.IndicatorCache.DEFAULT_MAX_BYTES, Runtime.getRuntime().maxMemory() / 3);
        }

        private static List<BacktestResult> first(List<List<BacktestResult>> perCycle) {
            return perCycle.stream().map(r -> r.get(0)).toList();
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            Contract contract = Contracts.get("XBTUSDTM");
            RunSettings settings = RunSettings.withBalance(10_000);
            long t0 = System.nanoTime();
            CandleSeries candles = SyntheticMarket.bitcoinLike(seed).generate(bars);
            List<Bot> population = RandomBots.of(contract).draw(bots, seed);
            long distinct = population.stream().flatMap(b -> b.indicators().stream()).distinct().count();
            out.printf("%,d synthetic 1m bars and %,d random bots (%,d distinct indicator specs) in %.2f s%n",
                    bars, bots, distinct, (System.nanoTime() - t0) / 1e9);
            out.flush();

            // As an evolution evaluates a generation: metrics for every bot, no trade lists kept.
            List<Cycle> whole = List.of(new Cycle(0, bars));
            double botBars = (double) bots * bars;
            java.util.concurrent.ForkJoinPool workers = new java.util.concurrent.ForkJoinPool(threadCount);
            List<BacktestResult> results;
            try (BackendOption.Selected selected = backendOption.select(BackendOption.Choice.auto, out)) {
                out.flush();
                Backtester backtester = new Backtester(candles, contract, settings, cacheBytes()).metricsOnly();
                BatchEvaluator evaluator = selected.backend().evaluator(backtester, workers);
                long cold = System.nanoTime();
                results = first(evaluator.evaluate(population, whole));
                double coldSeconds = (System.nanoTime() - cold) / 1e9;
                long trades = results.stream().mapToLong(r -> r.metrics().trades()).sum();
                double exposure = results.stream().mapToDouble(r -> r.metrics().exposurePct()).average().orElse(0);
                long computations = backtester.cache().computations();
                String onDevice = "";
                if (selected.backend() instanceof io.gpubot.opencl.OpenClBackend device) {
                    long deviceValues = device.count(io.gpubot.opencl.OpenClBackend.Count.VALUES_ON_DEVICE);
                    long hostValues = device.count(io.gpubot.opencl.OpenClBackend.Count.VALUES_ON_HOST);
                    computations += deviceValues + hostValues;
                    onDevice = String.format(java.util.Locale.ROOT, " (values: %,d on the device in %.2f s, %,d on the CPU in %.2f s with the upload; "
                                    + "%,d vote series classified on the device in %.2f s)",
                            deviceValues, device.count(io.gpubot.opencl.OpenClBackend.Count.NANOS_VALUES_ON_DEVICE) / 1e9,
                            hostValues + backtester.cache().computations(), device.count(io.gpubot.opencl.OpenClBackend.Count.NANOS_VALUES_ON_HOST) / 1e9,
                            device.count(io.gpubot.opencl.OpenClBackend.Count.VOTES_ON_DEVICE),
                            device.count(io.gpubot.opencl.OpenClBackend.Count.NANOS_VOTES_ON_DEVICE) / 1e9);
                }
                out.printf("batch, cold cache:  %.2f s, %,.0f bot-bars/s, %,d trades, mean exposure %.1f%%, %,d indicator computations%s, %d threads%n",
                        coldSeconds, botBars / coldSeconds, trades, exposure, computations, onDevice, threadCount);
                out.flush();
                double warmSeconds = warm(evaluator, population, whole);
                out.printf("batch, warm cache:  %.2f s, %,.0f bot-bars/s (best of %d)%n", warmSeconds, botBars / warmSeconds, Math.max(1, warmRuns));
                out.flush();
                if (compareCpu && selected.backend() != Backend.CPU) {
                    // The CPU engine on the same bots in the same process: its own cold cache, then warm, and the results compared.
                    Backtester cpu = new Backtester(candles, contract, settings, cacheBytes()).metricsOnly();
                    BatchEvaluator cpuEvaluator = Backend.CPU.evaluator(cpu, workers);
                    long cpuCold = System.nanoTime();
                    List<BacktestResult> expected = first(cpuEvaluator.evaluate(population, whole));
                    double cpuColdSeconds = (System.nanoTime() - cpuCold) / 1e9;
                    double cpuWarmSeconds = warm(cpuEvaluator, population, whole);
                    long same = java.util.stream.IntStream.range(0, bots).filter(i -> expected.get(i).metrics().equals(results.get(i).metrics())).count();
                    out.printf("cpu, cold cache:    %.2f s, %,.0f bot-bars/s; warm %.2f s, %,.0f bot-bars/s (best of %d)%n",
                            cpuColdSeconds, botBars / cpuColdSeconds, cpuWarmSeconds, botBars / cpuWarmSeconds, Math.max(1, warmRuns));
                    out.printf("identical metrics:  %,d of %,d bots%s%n", same, bots, same == bots ? "" : " (DIFFERENT: a bug, please report it)");
                    out.flush();
                }
            } finally {
                workers.shutdown();
            }

            int n = Math.min(referenceBots, bots);
            if (n > 0) {
                long ref = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    Backtester.reference(population.get(i), candles, contract, settings, 0, bars);
                }
                double refSeconds = (System.nanoTime() - ref) / 1e9;
                out.printf("reference stepper:  %d bots in %.2f s, %,.0f bot-bars/s on one core%n", n, refSeconds, n * (double) bars / refSeconds);
            }
            Runtime rt = Runtime.getRuntime();
            long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            out.printf("heap: peak %,d MiB (sum of the pools' peaks, garbage included) of %,d MiB max%n", peak >> 20, rt.maxMemory() >> 20);
            out.flush();
        }
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Time writing and loading synthetic 1m candles through the SQLite candle store (in a temporary folder).")
    static final class Store implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--bars", paramLabel = "N", defaultValue = "1000000", description = "Candles to write and load (default: ${DEFAULT-VALUE}).")
        int bars;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed loads after one warm-up load (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            CandleSeries series = SyntheticMarket.bitcoinLike(42).generate(bars);
            Path dir;
            try {
                dir = Files.createTempDirectory("gpubot-bench");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SeriesKey key = SeriesKey.kucoin("XBTUSDTM", Timeframe.M1);
            try (CandleStore store = CandleStore.open(dir.resolve("candles.db"))) {
                long t0 = System.nanoTime();
                store.upsert(key, series);
                double writeSeconds = (System.nanoTime() - t0) / 1e9;
                out.printf("write  %,d candles: %.2f s (%,.0f candles/s)%n", bars, writeSeconds, bars / writeSeconds);
                store.load(key);
                double[] seconds = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long s = System.nanoTime();
                    CandleSeries loaded = store.load(key);
                    seconds[r] = (System.nanoTime() - s) / 1e9;
                    if (loaded.size() != bars) throw new IllegalStateException("loaded " + loaded.size() + " of " + bars);
                }
                Arrays.sort(seconds);
                out.printf("load   %,d candles into a CandleSeries: median %.3f s, best %.3f s, worst %.3f s over %d runs (%,.0f candles/s)%n",
                        bars, seconds[runs / 2], seconds[0], seconds[runs - 1], runs, bars / seconds[runs / 2]);
                out.flush();
            } finally {
                deleteQuietly(dir);
            }
        }

        static void deleteQuietly(Path dir) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder; the OS cleans it up
            }
        }
    }

    @Command(name = "live", mixinStandardHelpOptions = true,
            description = {"Time the real-time engine as a paper session runs it: bots on synthetic 1m bars fed one by one,",
                    "each bar journalled and committed in SQLite (WAL) before the next. Prints the time from a bar's arrival",
                    "to the moment its orders are handed to the executor (percentiles), and the session's heap."})
    static final class Live implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--bots", paramLabel = "N", defaultValue = "10", description = "Bots in the session (default: ${DEFAULT-VALUE}).")
        int bots;

        @Option(names = "--bars", paramLabel = "N", defaultValue = "20000", description = "One-minute bars processed live after the warm-up (default: ${DEFAULT-VALUE}).")
        int bars;

        @Option(names = "--warm-up", paramLabel = "N", defaultValue = "2000", description = "Bars of history the bots warm up on (default: ${DEFAULT-VALUE}).")
        int warmUp;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for the candles and the bots (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Contract contract = Contracts.get("XBTUSDTM");
            RunSettings settings = RunSettings.withBalance(10_000);
            CandleSeries candles = SyntheticMarket.bitcoinLike(seed).generate(warmUp + bars);
            List<Bot> population = RandomBots.of(contract).draw(bots, seed);
            Path dir;
            try {
                dir = Files.createTempDirectory("gpubot-bench-live");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            long[] nanos = new long[bars];
            boolean[] ordered = new boolean[bars];
            try (io.gpubot.live.Journal journal = io.gpubot.live.Journal.open(dir.resolve("bench.db"))) {
                io.gpubot.live.SessionInfo info = new io.gpubot.live.SessionInfo("bench", "paper", contract.symbol(), "1m", settings.startBalance(),
                        System.currentTimeMillis(), population.stream().map(b -> new io.gpubot.live.SessionInfo.BotEntry(b.name(),
                        io.gpubot.data.BotFiles.toJson(b))).toList());
                journal.writeSession(info);
                boolean[] decided = new boolean[1];
                io.gpubot.live.TradingEngine engine = new io.gpubot.live.TradingEngine(population, contract, settings, journal, 1,
                        bot -> io.gpubot.core.trade.EntryGate.OPEN, bot -> new io.gpubot.core.trade.TradeListener() {
                            @Override
                            public void onOrder(long time, io.gpubot.core.trade.Side side, boolean exit, boolean enter) {
                                decided[0] = true;
                            }
                        });
                for (int i = 0; i < warmUp; i++) engine.warmUp(candles.candle(i));
                journal.commit();
                for (int i = 0; i < bars; i++) {
                    io.gpubot.core.market.Candle bar = candles.candle(warmUp + i);
                    decided[0] = false;
                    long t0 = System.nanoTime();
                    engine.onClosedBar(bar);   // every bot's bar, journalled and committed: then the orders go out
                    nanos[i] = System.nanoTime() - t0;
                    ordered[i] = decided[0];
                }
                long trades = 0;
                for (int b = 0; b < population.size(); b++) trades += engine.trades(b).size();
                long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.gc();
                long live = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                long[] all = nanos.clone();
                long[] withOrders = java.util.stream.IntStream.range(0, bars).filter(i -> ordered[i]).mapToLong(i -> nanos[i]).toArray();
                out.printf("%d bots, %,d warm-up bars, %,d live bars, %,d bars with orders, %,d trades%n", bots, warmUp, bars, withOrders.length, trades);
                out.println("bar arrival to orders handed to the executor (engine + journal commit):");
                out.println("  all bars:        " + percentiles(all));
                out.println("  bars with orders: " + percentiles(withOrders));
                out.printf("heap: peak %,d MiB (pools' peaks, garbage included), %,d MiB live after GC, max %,d MiB%n",
                        peak >> 20, live >> 20, Runtime.getRuntime().maxMemory() >> 20);
            } finally {
                Store.deleteQuietly(dir);
            }
            out.flush();
        }

        private static String percentiles(long[] nanos) {
            if (nanos.length == 0) return "none";
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            java.util.function.IntFunction<String> ms = q -> String.format(java.util.Locale.ROOT, "%.3f ms",
                    sorted[Math.min(sorted.length - 1, (int) Math.ceil(q / 1000.0 * sorted.length) - 1)] / 1e6);
            return "p50 " + ms.apply(500) + ", p99 " + ms.apply(990) + ", p99.9 " + ms.apply(999) + ", max "
                    + String.format(java.util.Locale.ROOT, "%.3f ms", sorted[sorted.length - 1] / 1e6);
        }
    }
}
