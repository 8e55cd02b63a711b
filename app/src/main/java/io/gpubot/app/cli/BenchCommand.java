package io.gpubot.app.cli;

import io.gpubot.core.market.CandleSeries;
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

/** {@code gpubot bench}: measurements of gpubot's own speed on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure gpubot's speed on this machine.",
        subcommands = {BenchCommand.Store.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Time writing and loading synthetic 1m candles through the SQLite candle store (in a temporary folder).")
    static final class Store implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--bars", defaultValue = "1000000", description = "Candles to write and load (default: ${DEFAULT-VALUE}).")
        int bars;

        @Option(names = "--runs", defaultValue = "5", description = "Timed loads after one warm-up load (default: ${DEFAULT-VALUE}).")
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

        private static void deleteQuietly(Path dir) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder; the OS cleans it up
            }
        }
    }
}
