package io.gpubot.app.cli;

import io.gpubot.app.BundledDataset;
import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleFiles;
import io.gpubot.data.CandleImport;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Where a command's candles come from: a file or a bundled dataset ({@code --data}), or the store
 * ({@code --symbol} and {@code --timeframe}), optionally cut to {@code --from}/{@code --to}.
 */
final class CandleSourceOptions {

    @Option(names = "--data", paramLabel = "FILE", description = "A candle file (CSV or JSON), or bundled:btc-usd-4h / bundled:eth-usd-4h.")
    String data;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Read from the store: contract or pair, e.g. BTC/USDT.")
    String symbol;

    @Option(names = "--timeframe", paramLabel = "TF", description = "With --symbol (or to check a file's bars): ${COMPLETION-CANDIDATES}.")
    Timeframe timeframe;

    @Option(names = "--exchange", paramLabel = "NAME", defaultValue = SeriesKey.KUCOIN, description = "With --symbol: the store's exchange (default: ${DEFAULT-VALUE}).")
    String exchange;

    @Option(names = "--from", paramLabel = "DATE", description = "First bar (UTC date or date-time).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Bars opening before this (UTC).")
    String to;

    /** The symbol the candles stand for (the contract whose facts apply), when one is known. */
    String contractSymbol() {
        if (symbol != null) return symbol;
        if (data != null && data.startsWith(BundledDataset.PREFIX)) return BundledDataset.named(data).key().symbol();
        return null;
    }

    /** Candles with the window the command works on: bars before {@code from} are history for warm-up. */
    record Window(CandleSeries all, int from, int to, String source) {
        CandleSeries bars() {
            return all.slice(from, to);
        }
    }

    /** The window only. */
    CandleSeries load(Home home, PrintWriter warnings) {
        return loadWindow(home, warnings).bars();
    }

    Window loadWindow(Home home, PrintWriter warnings) {
        String described;
        CandleSeries all;
        if (data != null) {
            if (symbol != null) throw new UserException("give either --data or --symbol, not both");
            boolean bundled = data.startsWith(BundledDataset.PREFIX);
            CandleImport imported = bundled ? BundledDataset.named(data).read() : CoarserBars.readFile(Path.of(data), timeframe);
            // The bundled data's few gaps are known and explained once (gpubot data list, README), not warned on every command.
            if (!bundled) imported.warnings().forEach(w -> warnings.println("warning: " + w));
            all = imported.series();
            described = data;
            if (timeframe != null) all = CoarserBars.resample(all, timeframe, data, warnings);
        } else if (symbol != null) {
            if (timeframe == null) throw new UserException("--symbol needs --timeframe");
            SeriesKey key = DataCommand.key(exchange, symbol, timeframe);
            try (CandleStore store = CandleStore.open(home.candleStore())) {
                all = store.load(key);
                if (all.isEmpty()) {
                    java.util.Optional<SeriesKey> finer = CoarserBars.finerSource(store, key);
                    if (finer.isPresent()) all = CoarserBars.resample(store.load(finer.get()), timeframe, finer.get().toString(), warnings);
                }
            }
            described = key.toString();
            if (all.isEmpty()) {
                throw new UserException("no " + key + " bars in the store; fetch them with gpubot data fetch --symbol " + symbol
                        + " --timeframe " + timeframe + " --days 365, import a file with gpubot data import, or store finer bars of it"
                        + " (they are resampled to " + timeframe + " on load)");
            }
        } else {
            throw new UserException("say where the candles are: --data FILE (or bundled:btc-usd-4h), or --symbol S --timeframe TF");
        }
        long fromMs = from == null ? Long.MIN_VALUE : Formats.instant("--from", from);
        long toMs = to == null ? Long.MAX_VALUE : Formats.instant("--to", to);
        int first = all.ceilingIndex(fromMs);
        int last = Math.max(first, all.ceilingIndex(toMs));
        if (first == last) {
            throw new UserException("no bars between " + (from == null ? "the start" : from) + " and " + (to == null ? "the end" : to)
                    + "; the data covers " + Formats.time(all.firstTime()) + " .. " + Formats.time(all.lastTime()) + " UTC");
        }
        return new Window(all, first, last, described);
    }
}
