package io.gpubot.app.cli;

import io.gpubot.app.BundledDataset;
import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleCsv;
import io.gpubot.data.CandleFiles;
import io.gpubot.data.CandleImport;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import io.gpubot.data.StoredSeries;
import io.gpubot.data.UpsertResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code gpubot data}: the local candle store. */
@Command(name = "data",
        description = "Import, fetch, resample, list and export the candles in the local store.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Import.class, DataCommand.ListSeries.class, DataCommand.Export.class,
                DataCommand.Resample.class},
        mixinStandardHelpOptions = true)
public final class DataCommand implements Runnable {

    @ParentCommand
    GpubotCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Home home() {
        return Home.resolve(root.homeOption()).ensureExists();
    }

    static SeriesKey key(String exchange, String symbol, Timeframe timeframe) {
        try {
            return new SeriesKey(exchange, symbol, timeframe);
        } catch (IllegalArgumentException e) {
            throw new UserException("--symbol: " + e.getMessage());
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Validate a candle file (CSV or JSON, optionally .gz) and add it to the store.",
                    "Re-importing overlapping data neither duplicates nor loses bars; an invalid file changes nothing."})
    static final class Import implements Runnable {
        @ParentCommand
        DataCommand data;
        @Spec
        CommandSpec spec;

        @ArgGroup(multiplicity = "1")
        Source source;

        static final class Source {
            @Parameters(index = "0", paramLabel = "FILE", description = "The candle file.")
            Path file;
            @Option(names = "--bundled", paramLabel = "NAME", description = "A dataset shipped with gpubot: btc-usd-4h, eth-usd-4h.")
            String bundled;
        }

        @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Contract or pair, e.g. BTC/USDT or XBTUSDTM (required for a file).")
        String symbol;

        @Option(names = "--timeframe", paramLabel = "TF", description = "Bar interval: ${COMPLETION-CANDIDATES}. Inferred from the bars when omitted.")
        Timeframe timeframe;

        @Option(names = "--exchange", paramLabel = "NAME", defaultValue = SeriesKey.KUCOIN,
                description = "Where the candles come from (default: ${DEFAULT-VALUE}).")
        String exchange;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            CandleImport imported;
            SeriesKey key;
            if (source.bundled != null) {
                BundledDataset dataset = BundledDataset.named(source.bundled);
                imported = dataset.read();
                key = dataset.key();
                if (symbol != null || timeframe != null) {
                    throw new UserException("--bundled " + dataset.id() + " is stored as " + key + "; drop --symbol and --timeframe");
                }
            } else {
                if (symbol == null) {
                    throw new UserException("--symbol is required when importing a file (e.g. --symbol BTC/USDT)");
                }
                imported = CoarserBars.readFile(source.file, timeframe);
                key = key(exchange, symbol, timeframe != null ? timeframe : imported.series().timeframe());
            }
            CandleSeries bars = timeframe == null ? imported.series()
                    : CoarserBars.resample(imported.series(), timeframe, source.file.toString(), out, "");
            if (imported.timeframeInferred() && timeframe == null) {
                out.println("Timeframe " + bars.timeframe() + " (from the spacing of the bars; pass --timeframe to override)");
            }
            if (source.bundled == null) {
                for (String warning : imported.warnings()) {
                    out.println("warning: " + warning);
                }
            }
            UpsertResult result;
            try (CandleStore store = CandleStore.open(data.home().candleStore())) {
                result = store.upsert(key, bars);
                StoredSeries stored = store.describe(key).orElseThrow();
                out.printf("Imported %s bars into %s, %s .. %s UTC: %s new, %s updated, %s unchanged.%n",
                        Formats.count(bars.size()), key, Formats.time(bars.firstTime()), Formats.time(bars.lastTime()),
                        Formats.count(result.inserted()), Formats.count(result.updated()), Formats.count(result.unchanged()));
                out.printf("The store now holds %s bars of %s, %s .. %s UTC; gaps: %s.%n",
                        Formats.count(stored.bars()), key, Formats.time(stored.first()), Formats.time(stored.last()),
                        stored.gaps().describe(key.timeframe()));
            }
            out.flush();
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download KuCoin Futures candles (and funding rates) into the store.",
                    "Only what the store lacks is fetched, so an interrupted download resumes where it stopped."})
    static final class Fetch implements Runnable {
        @ParentCommand
        DataCommand data;
        @Spec
        CommandSpec spec;

        @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "Contract or pair, e.g. BTC/USDT or XBTUSDTM.")
        String symbol;

        @Option(names = "--timeframe", required = true, paramLabel = "TF", description = "Bar interval: ${COMPLETION-CANDIDATES}.")
        Timeframe timeframe;

        @ArgGroup(multiplicity = "1")
        Span span;

        static final class Span {
            @Option(names = "--days", paramLabel = "N", description = "The last N days up to now.")
            Integer days;
            @Option(names = "--from", paramLabel = "DATE", description = "First bar (UTC date or date-time); with --to, or up to now.")
            String from;
        }

        @Option(names = "--to", paramLabel = "DATE", description = "Fetch bars opening before this (UTC; default now).")
        String to;

        @Option(names = "--funding", description = "Also fetch the funding-rate history of the same span.")
        boolean funding;

        @Option(names = "--exchange-url", paramLabel = "URL", defaultValue = "https://api-futures.kucoin.com",
                description = "KuCoin Futures REST base URL, or a gpubot sandbox's (default: ${DEFAULT-VALUE}).")
        java.net.URI exchangeUrl;

        @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SeriesKey key = key(SeriesKey.KUCOIN, symbol, timeframe);
            java.time.Instant end = to == null ? java.time.Instant.now() : java.time.Instant.ofEpochMilli(Formats.instant("--to", to));
            java.time.Instant start = span.days != null
                    ? end.minus(java.time.Duration.ofDays(span.days))
                    : java.time.Instant.ofEpochMilli(Formats.instant("--from", span.from));
            if (span.days != null && span.days < 1) throw new UserException("--days must be at least 1");
            if (!start.isBefore(end)) throw new UserException("nothing to fetch: the start " + start + " is not before the end " + end);
            if (concurrency < 1 || concurrency > 16) throw new UserException("--concurrency must be between 1 and 16");

            io.gpubot.kucoin.KucoinRestClient client = io.gpubot.kucoin.KucoinRestClient.builder(exchangeUrl).build();
            try (CandleStore store = CandleStore.open(data.home().candleStore())) {
                io.gpubot.kucoin.HistoryDownloader downloader = new io.gpubot.kucoin.HistoryDownloader(
                        client, new io.gpubot.app.StoreHistory(store), concurrency, java.time.Clock.systemUTC());
                ProgressBar candles = ProgressBar.forConsole(err, key.symbol() + " " + timeframe);
                io.gpubot.kucoin.DownloadReport report = downloader.downloadCandles(key.symbol(), timeframe, start, end,
                        p -> candles.update(p.donePages(), p.totalPages(), "pages", p.pagesPerSecond(), p.eta()));
                candles.finish();
                out.printf("Fetched %s bars of %s in %s pages from %s.%n", Formats.count(report.rowsSaved()), key,
                        Formats.count(report.pages()), exchangeUrl);
                if (report.rowsSaved() == 0 && report.complete() && store.load(key, start.toEpochMilli(), end.toEpochMilli()).isEmpty()) {
                    out.println("No bars came back for " + Formats.time(start.toEpochMilli()) + " .. " + Formats.time(end.toEpochMilli())
                            + " UTC: the contract may not have traded then, or, for a gpubot sandbox, its replay clock has not reached"
                            + " that span (it serves only bars up to its clock; fetch a span before the --from it was started with).");
                }
                store.describe(key).ifPresent(s -> out.printf("The store now holds %s bars of %s, %s .. %s UTC; gaps: %s.%n",
                        Formats.count(s.bars()), key, Formats.time(s.first()), Formats.time(s.last()), s.gaps().describe(timeframe)));
                boolean complete = report.complete();
                if (funding) {
                    ProgressBar rates = ProgressBar.forConsole(err, key.symbol() + " funding");
                    io.gpubot.kucoin.DownloadReport fundingReport = downloader.downloadFundingRates(key.symbol(), start, end,
                            p -> rates.update(p.donePages(), p.totalPages(), "pages", p.pagesPerSecond(), p.eta()));
                    rates.finish();
                    out.printf("Fetched %s funding settlements of %s.%n", Formats.count(fundingReport.rowsSaved()), key.symbol());
                    if (fundingReport.emptyAtExchange() > 0 && fundingReport.complete()) {
                        out.printf("KuCoin gave no rate for %s of the settlements in this span (funding history it no longer serves, or time"
                                + " before the contract paid funding); backtests charge the default rate (--funding-rate, 0.01%%) there.%n",
                                Formats.count(fundingReport.emptyAtExchange()));
                    }
                    complete &= fundingReport.complete();
                }
                out.flush();
                if (!complete) {
                    throw new UserException("some pages could not be fetched (see the log); run the same command again to fetch only what is missing");
                }
            } catch (io.gpubot.kucoin.KucoinTransportException e) {
                throw new UserException("cannot reach KuCoin at " + exchangeUrl + " to fetch " + key.symbol() + " " + timeframe + ": "
                        + e.getMessage() + " (check the address, your connection, or whether the exchange is up; what was fetched is stored)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException("download interrupted; what was fetched is stored, run the same command again to resume");
            } finally {
                client.close();
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the stored candle series.")
    static final class ListSeries implements Runnable {
        @ParentCommand
        DataCommand data;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<StoredSeries> all;
            Path file = data.home().candleStore();
            try (CandleStore store = CandleStore.open(file)) {
                all = store.list();
            }
            if (all.isEmpty()) {
                out.println("The store " + file + " is empty. Add candles with: gpubot data import --bundled btc-usd-4h");
                out.flush();
                return;
            }
            Table table = new Table("EXCHANGE", "SYMBOL", "PAIR", "TF", "FIRST (UTC)", "LAST (UTC)", "BARS", "GAPS", "MISSING");
            for (StoredSeries s : all) {
                table.row(s.key().exchange(), s.key().symbol(), io.gpubot.core.market.Symbols.toPair(s.key().symbol()),
                        s.key().timeframe(), Formats.time(s.first()), Formats.time(s.last()), Formats.count(s.bars()),
                        Formats.count(s.gaps().count()), Formats.count(s.gaps().missingBars()));
            }
            table.print(out);
            if (all.stream().anyMatch(s -> s.key().exchange().equals(BundledDataset.EXCHANGE) && s.gaps().count() > 0)) {
                out.println("The coinbase series are gpubot's bundled data (ta4j's Coinbase history); their few gaps are hours"
                        + " Coinbase published no candle, kept as gaps: the backtest trades across them and no command warns of them.");
            }
            out.flush();
        }
    }

    @Command(name = "resample", mixinStandardHelpOptions = true,
            description = {"Build a coarser timeframe from stored finer bars (1m to 5m, 15m, 1h, 4h...) and store it.",
                    "Buckets are aligned to UTC; a partial first or last bucket is dropped; a bucket with no bars stays a gap."})
    static final class Resample implements Runnable {
        @ParentCommand
        DataCommand data;
        @Spec
        CommandSpec spec;

        @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "Contract or pair, e.g. BTC/USDT or XBTUSDTM.")
        String symbol;

        @Option(names = "--from-timeframe", required = true, paramLabel = "TF", description = "The stored bars to build from, e.g. 1m.")
        Timeframe fromTimeframe;

        @Option(names = "--timeframe", required = true, paramLabel = "TF", description = "The timeframe to build, e.g. 4h.")
        Timeframe timeframe;

        @Option(names = "--exchange", paramLabel = "NAME", defaultValue = SeriesKey.KUCOIN, description = "Default: ${DEFAULT-VALUE}.")
        String exchange;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            SeriesKey source = key(exchange, symbol, fromTimeframe);
            SeriesKey target = key(exchange, symbol, timeframe);
            if (fromTimeframe == timeframe) throw new UserException("--from-timeframe and --timeframe are both " + timeframe + "; pick a coarser --timeframe");
            try (CandleStore store = CandleStore.open(data.home().candleStore())) {
                CandleSeries bars = store.load(source);
                if (bars.isEmpty()) {
                    throw new UserException("no " + source + " bars in the store; see what there is with: gpubot data list");
                }
                CandleSeries built = CoarserBars.resample(bars, timeframe, source.toString(), out, "");
                UpsertResult result = store.upsert(target, built);
                StoredSeries stored = store.describe(target).orElseThrow();
                out.printf("Stored %s: %s new, %s updated, %s unchanged. It now holds %s bars, %s .. %s UTC; gaps: %s.%n", target,
                        Formats.count(result.inserted()), Formats.count(result.updated()), Formats.count(result.unchanged()),
                        Formats.count(stored.bars()), Formats.time(stored.first()), Formats.time(stored.last()),
                        stored.gaps().describe(timeframe));
            }
            out.flush();
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write stored candles to a CSV file (timestamp_ms,open,high,low,close,volume).")
    static final class Export implements Runnable {
        @ParentCommand
        DataCommand data;
        @Spec
        CommandSpec spec;

        @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "Contract or pair, e.g. BTC/USDT or XBTUSDTM.")
        String symbol;

        @Option(names = "--timeframe", required = true, paramLabel = "TF", description = "Bar interval: ${COMPLETION-CANDIDATES}.")
        Timeframe timeframe;

        @Option(names = "--exchange", paramLabel = "NAME", defaultValue = SeriesKey.KUCOIN, description = "Default: ${DEFAULT-VALUE}.")
        String exchange;

        @Option(names = "--from", paramLabel = "DATE", description = "First bar to export (UTC date or date-time).")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Export bars opening before this (UTC).")
        String to;

        @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "The CSV file to write.")
        Path outFile;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            SeriesKey key = key(exchange, symbol, timeframe);
            long fromMs = from == null ? Long.MIN_VALUE : Formats.instant("--from", from);
            long toMs = to == null ? Long.MAX_VALUE : Formats.instant("--to", to);
            CandleSeries bars;
            try (CandleStore store = CandleStore.open(data.home().candleStore())) {
                bars = store.load(key, fromMs, toMs);
            }
            if (bars.isEmpty()) {
                throw new UserException("no " + key + " bars in the store" + (from != null || to != null ? " in that range" : "")
                        + "; see what there is with: gpubot data list");
            }
            try {
                CandleCsv.write(bars, outFile);
            } catch (IOException e) {
                throw new UserException("cannot write " + outFile + ": " + e.getMessage(), e);
            }
            out.printf("Wrote %s bars of %s (%s .. %s UTC) to %s%n", Formats.count(bars.size()), key,
                    Formats.time(bars.firstTime()), Formats.time(bars.lastTime()), outFile);
            out.flush();
        }
    }
}
