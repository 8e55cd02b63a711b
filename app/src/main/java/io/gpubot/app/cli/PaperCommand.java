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

    @Option(names = "--bot", paramLabel = "FILE", description = "A bot file; repeat for several bots on the same market (a resumed session knows its bots).")
    List<Path> botFiles = new ArrayList<>();

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

    @Option(names = "--session", paramLabel = "NAME",
            description = "The session's name (default: replay-<UTC time>); its journal is <home>/sessions/NAME.db. An existing session is resumed.")
    String sessionName;

    @Option(names = "--until", paramLabel = "DATE", description = "Stop before the first bar opening at or after this (UTC); run again to resume.")
    String until;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Home home = Home.resolve(root.homeOption()).ensureExists();
        String id = sessionName != null ? sessionName
                : "replay-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now(ZoneOffset.UTC));
        if (!id.matches("[A-Za-z0-9._-]+")) throw new UserException("--session: use letters, digits, '.', '_' and '-' only");
        Path journalFile = home.dir().resolve("sessions").resolve(id + ".db");
        boolean resuming = Files.exists(journalFile);

        List<Bot> given = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path f : botFiles) {
            Bot bot = BotFiles.read(f);
            if (!names.add(bot.name())) throw new UserException("two bots are named " + bot.name() + "; rename one (the \"name\" field)");
            given.add(bot);
        }
        if (!resuming && given.isEmpty()) throw new UserException("a new session needs at least one --bot FILE");
        CandleImport imported = replay.startsWith(BundledDataset.PREFIX) ? BundledDataset.named(replay).read() : CandleFiles.read(Path.of(replay), null);
        imported.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        CandleSeries candles = imported.series();
        long stopAt = until == null ? Long.MAX_VALUE : Formats.instant("--until", until);
        String dataSymbol = replay.startsWith(BundledDataset.PREFIX) ? BundledDataset.named(replay).key().symbol() : null;
        long started = System.nanoTime();
        try (Journal journal = Journal.open(journalFile)) {
            List<Bot> bots;
            double startBalance;
            if (resuming) {
                SessionInfo info = journal.session().orElseThrow(() -> new UserException(journalFile + " holds no session"));
                bots = info.bots().stream().map(b -> BotFiles.parse(b.json(), journalFile + " (bot " + b.name() + ")")).toList();
                if (!given.isEmpty() && !given.stream().map(Bot::canonical).toList().equals(bots.stream().map(Bot::canonical).toList())) {
                    throw new UserException("session " + id + " trades other bots; leave out --bot to resume it, or choose another --session");
                }
                if (!info.timeframe().equals(candles.timeframe().label())) {
                    throw new UserException("session " + id + " trades " + info.timeframe() + " bars, this file has " + candles.timeframe() + " bars");
                }
                startBalance = info.startBalance();
            } else {
                bots = given;
                startBalance = balance;
            }
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
                run = RunSettings.withBalance(startBalance).withSlippage(slippage)
                        .withFunding(BacktestCommand.fundingRates(home, contract, candles), fundingRate);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            TradingEngine engine;
            if (resuming) {
                engine = TradingEngine.resume(bots, contract, run, journal, 1_000);
                out.printf("Resuming session %s after %s (%s bars journalled)%n", id,
                        journal.lastBarTime().isPresent() ? Formats.time(journal.lastBarTime().getAsLong()) + " UTC" : "its start",
                        Formats.count(journal.bars()));
            } else {
                journal.writeSession(new SessionInfo(id, "replay", contract.symbol(), candles.timeframe().label(), startBalance,
                        System.currentTimeMillis(), bots.stream().map(b -> new SessionInfo.BotEntry(b.name(), BotFiles.toJson(b))).toList()));
                engine = new TradingEngine(bots, contract, run, journal, 1_000);
            }
            ProgressBar progress = ProgressBar.forConsole(spec.commandLine().getErr(), "replay");
            long last = System.nanoTime();
            boolean reachedEnd = true;
            for (int i = 0; i < candles.size(); i++) {
                if (candles.time(i) >= stopAt) {
                    reachedEnd = false;
                    break;
                }
                engine.onClosedBar(candles.candle(i));
                if (System.nanoTime() - last > 200_000_000L || i == candles.size() - 1) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    progress.update(i + 1, candles.size(), "bars", (i + 1) / Math.max(seconds, 1e-9), null);
                    last = System.nanoTime();
                }
            }
            if (reachedEnd) {
                engine.finish();
            } else {
                journal.commit();
            }
            progress.finish();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "Replayed %s of %s (%s .. %s UTC) for %d bot%s in %.2f s; journal %s%n",
                    Formats.count(journal.bars()) + " bars", imported.source(), Formats.time(candles.firstTime()),
                    Formats.time(Math.min(candles.lastTime(), engine.lastBar())), bots.size(), bots.size() == 1 ? "" : "s", seconds, journalFile);
            if (!reachedEnd) out.println("Stopped at --until; run the same command without it to resume the session.");
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
