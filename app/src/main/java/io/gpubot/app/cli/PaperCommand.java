package io.gpubot.app.cli;

import io.gpubot.app.BundledDataset;
import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.data.BotFiles;
import io.gpubot.data.CandleFiles;
import io.gpubot.data.CandleImport;
import io.gpubot.data.TradeCsv;
import io.gpubot.live.Journal;
import io.gpubot.live.SessionInfo;
import io.gpubot.live.TradingEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code gpubot paper --replay}: paper trading on a candle file, as fast as possible, through the
 * real-time engine and its journal. What it trades is exactly what the backtest of the same file trades.
 */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"Paper-trade bots through the real-time engine on a candle file (--replay), as fast as possible, with a session journal.",
                "The trade list equals gpubot backtest's for the same bot, file and balance. (Live market data comes with the KuCoin feed.)"})
public final class PaperCommand implements Runnable {

    @ParentCommand
    GpubotCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--bot", required = true, paramLabel = "FILE", description = "A bot file; repeat for several bots on the same market.")
    List<Path> botFiles;

    @Option(names = "--replay", required = true, paramLabel = "FILE", description = "The candle file to replay, or bundled:btc-usd-4h.")
    String replay;

    @Option(names = "--balance", defaultValue = "1000", paramLabel = "USDT", description = "Starting balance of each bot (default: ${DEFAULT-VALUE}).")
    double balance;

    @Option(names = "--contract", paramLabel = "SYMBOL", description = "Whose facts apply; default: the data's symbol, else the first bot's training symbol.")
    String contractSymbol;

    @Option(names = "--slippage", defaultValue = "0.001", paramLabel = "RATE", description = "Market-order slippage (default: ${DEFAULT-VALUE}).")
    double slippage;

    @Option(names = "--funding-rate", defaultValue = "0.0001", paramLabel = "RATE", description = "Funding rate where the store has no history (default: ${DEFAULT-VALUE}).")
    double fundingRate;

    @Option(names = "--trades", paramLabel = "FILE.csv", description = "Write the trade list (one file per bot, named after it, when there are several).")
    Path tradesFile;

    @Option(names = "--session", paramLabel = "NAME", description = "The session's name (default: replay-<UTC time>); its journal is <home>/sessions/NAME.db.")
    String sessionName;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Home home = Home.resolve(root.homeOption()).ensureExists();
        List<Bot> bots = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path f : botFiles) {
            Bot bot = BotFiles.read(f);
            if (!names.add(bot.name())) throw new UserException("two bots are named " + bot.name() + "; rename one (the \"name\" field)");
            bots.add(bot);
        }
        CandleImport imported = replay.startsWith(BundledDataset.PREFIX) ? BundledDataset.named(replay).read() : CandleFiles.read(Path.of(replay), null);
        imported.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        CandleSeries candles = imported.series();
        String dataSymbol = replay.startsWith(BundledDataset.PREFIX) ? BundledDataset.named(replay).key().symbol() : null;
        Contract contract = BacktestCommand.contract(contractSymbol, dataSymbol, bots.get(0));
        for (Bot bot : bots) {
            try {
                bot.plan(contract);
            } catch (IllegalArgumentException e) {
                throw new UserException(bot.name() + ": " + e.getMessage());
            }
        }
        RunSettings run;
        try {
            run = RunSettings.withBalance(balance).withSlippage(slippage)
                    .withFunding(BacktestCommand.fundingRates(home, contract, candles), fundingRate);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        String id = sessionName != null ? sessionName
                : "replay-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now(ZoneOffset.UTC));
        if (!id.matches("[A-Za-z0-9._-]+")) throw new UserException("--session: use letters, digits, '.', '_' and '-' only");
        Path journalFile = home.dir().resolve("sessions").resolve(id + ".db");
        if (Files.exists(journalFile)) throw new UserException("session " + id + " exists already (" + journalFile + "); choose another --session");

        long started = System.nanoTime();
        try (Journal journal = Journal.open(journalFile)) {
            journal.writeSession(new SessionInfo(id, "replay", contract.symbol(), candles.timeframe().label(), balance,
                    System.currentTimeMillis(), bots.stream().map(b -> new SessionInfo.BotEntry(b.name(), BotFiles.toJson(b))).toList()));
            TradingEngine engine = new TradingEngine(bots, contract, run, journal, 1_000);
            ProgressBar progress = ProgressBar.forConsole(spec.commandLine().getErr(), "replay");
            long last = System.nanoTime();
            for (int i = 0; i < candles.size(); i++) {
                engine.onClosedBar(candles.candle(i));
                if (System.nanoTime() - last > 200_000_000L || i == candles.size() - 1) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    progress.update(i + 1, candles.size(), "bars", (i + 1) / Math.max(seconds, 1e-9), null);
                    last = System.nanoTime();
                }
            }
            engine.finish();
            progress.finish();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "Replayed %s bars of %s (%s .. %s UTC) for %d bot%s in %.2f s; journal %s%n", Formats.count(candles.size()),
                    imported.source(), Formats.time(candles.firstTime()), Formats.time(candles.lastTime()), bots.size(),
                    bots.size() == 1 ? "" : "s", seconds, journalFile);
            for (int b = 0; b < bots.size(); b++) {
                BotRunner runner = engine.runners().get(b);
                Metrics m = Metrics.of(runner.trader().trades(), runner.trader().equityRecorder(), candles.timeframe(),
                        runner.trader().bars(), runner.trader().barsInPosition());
                out.printf(Locale.ROOT, "  %-24s %5d trades  net %+,12.2f USDT (%+.2f%%)  max drawdown %.2f%%%n", bots.get(b).name(), m.trades(),
                        m.netProfit(), m.returnPct(), m.maxDrawdownPct());
                if (tradesFile != null) {
                    Path file = bots.size() == 1 ? tradesFile : perBot(tradesFile, bots.get(b).name());
                    TradeCsv.write(engine.trades(b), file);
                    out.println("  trades: " + file);
                }
            }
        } catch (IOException e) {
            throw new UserException("cannot write the trades: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static Path perBot(Path file, String bot) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return file.resolveSibling(stem + "-" + bot.replaceAll("[^A-Za-z0-9._-]", "_") + ext);
    }
}
