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
import io.gpubot.live.LiveSession;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code gpubot paper}: paper trading (Mode 2) through the real-time engine and its journal, either on
 * the live market ({@code --symbol --timeframe}, from KuCoin or a sandbox) with the dashboard, or on a
 * candle file as fast as possible ({@code --replay}). What a replay trades is exactly what the backtest
 * of the same file trades.
 */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"Paper-trade bots through the real-time engine, on the live market or a candle file, with a session journal.",
                "  on the live market:   --symbol XBTUSDTM --timeframe 1h [--exchange-url URL] (dashboard; q quits, k is the kill switch)",
                "  on a candle file:     --replay FILE (as fast as possible; the trades equal gpubot backtest's for the same file,",
                "                        unless --max-risk or --max-leverage add the live guard's refusals)",
                "An existing --session is resumed where its journal ends."})
public final class PaperCommand implements Runnable {

    @ParentCommand
    GpubotCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--bot", paramLabel = "FILE", description = "A bot file; repeat for several bots on the same market (a resumed session knows its bots).")
    List<Path> botFiles = new ArrayList<>();

    @Option(names = "--replay", paramLabel = "FILE", description = "Replay a candle file (or bundled:btc-usd-4h) instead of the live market.")
    String replay;

    @picocli.CommandLine.Mixin
    RealTimeMarket market = new RealTimeMarket();

    @Option(names = "--bars", paramLabel = "N", description = "On the live market: stop after N bars (default: run until q, the kill switch or Ctrl-C).")
    Long stopAfterBars;

    @Option(names = "--no-tui", description = "Plain line output instead of the full-screen dashboard (also when the output is not a terminal).")
    boolean noTui;

    @picocli.CommandLine.Mixin
    RiskOptions risk = new RiskOptions();

    @Option(names = "--no-limits", description = "Research: no risk limits (max notional, daily loss, minimum balance); "
            + "KuCoin's risk-limit tiers still apply (docs/TRADING_RULES.md §11).")
    boolean noLimits;

    /** The model's limits: the guard's own (--max-notional, --daily-loss-limit, ...) so both apply the same, or none. */
    io.gpubot.core.trade.RiskLimits modelLimits() {
        return noLimits ? io.gpubot.core.trade.RiskLimits.NONE : risk.modelLimits();
    }

    /** The demo's exchange is gone when its session ends, so a way to resume it would mislead. */
    @Option(names = "--no-resume-hint", hidden = true)
    boolean noResumeHint;

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
            description = "The session's name (default: replay-<UTC time> with --replay, else paper-<symbol>-<timeframe>-<UTC time>); its journal is"
                    + " <home>/sessions/NAME.db. An existing session is resumed.")
    String sessionName;

    @Option(names = "--until", paramLabel = "DATE", description = "Stop before the first bar opening at or after this (UTC); run again to resume.")
    String until;

    @Override
    public void run() {
        if (noLimits && risk.namesGuardLimits()) {
            throw new UserException("--no-limits turns the risk guard off, so --max-risk and --max-leverage would do nothing; leave out one or the other");
        }
        if (replay != null) {
            if (market.symbol != null) {
                throw new UserException("--replay trades the file's own market; leave out --symbol (use --contract for the contract's facts,"
                        + " --timeframe to replay coarser bars built from the file's)");
            }
            if (stopAfterBars != null) throw new UserException("--bars is for the live market; a replay stops with --until DATE");
            runReplay();
        } else {
            if (until != null) throw new UserException("--until is for --replay; on the live market use --bars N, or q on the dashboard");
            runLive();
        }
    }

    /** Mode 2 on the live market: warm up on history, then each closed bar from the exchange. */
    private void runLive() {
        PrintWriter out = spec.commandLine().getOut();
        Home home = Home.resolve(root.homeOption()).ensureExists();
        if (sessionName != null) SessionSetup.existingSession(SessionSetup.journalFile(home, SessionSetup.sessionId(sessionName, "paper"))).ifPresent(market::adopt);
        String symbol = market.contractSymbol();
        io.gpubot.core.market.Timeframe timeframe = market.timeframe();
        String id = SessionSetup.sessionId(sessionName, "paper-" + symbol + "-" + timeframe.label());
        Path journalFile = SessionSetup.journalFile(home, id);
        boolean resuming = Files.exists(journalFile);
        List<Bot> given = SessionSetup.readBots(botFiles);
        if (!resuming && given.isEmpty()) throw new UserException("a new session needs at least one --bot FILE");
        // Refused before the journal exists, so no empty session is left behind (the contract's own cap is checked once known).
        if (!noLimits) GuardCheck.leverage(given, io.gpubot.core.market.Contracts.find(symbol).orElse(null), risk.limits());
        io.gpubot.kucoin.KucoinRestClient client = market.publicClient();
        try (SessionSetup.SessionLock lock = SessionSetup.SessionLock.acquire(home, id);
             Journal journal = Journal.open(journalFile)) {
            List<Bot> bots = SessionSetup.sessionBots(journal, id, given, "paper", symbol, timeframe);
            double startBalance = journal.session().map(SessionInfo::startBalance).orElse(balance);
            Contract contract = market.contract(client);
            SessionSetup.checkPlans(bots, contract);
            if (!noLimits) GuardCheck.atStart(bots, contract, risk.limits(), slippage, spec.commandLine().getErr());
            RunSettings run;
            try {
                run = RunSettings.withBalance(startBalance).withSlippage(slippage)
                        .withFunding(io.gpubot.core.market.FundingRates.none(), fundingRate).withLimits(modelLimits());
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            long now = market.marketTime(client);
            io.gpubot.core.market.CandleSeries history = null;
            SessionInfo info;
            if (resuming) {
                info = journal.session().orElseThrow();
                out.printf("Resuming paper session %s after %s (%s bars journalled)%n", id,
                        journal.lastBarTime().isPresent() ? Formats.time(journal.lastBarTime().getAsLong()) + " UTC" : "its warm-up",
                        Formats.count(journal.bars()));
            } else {
                int warmUpBars = market.warmUpBars(bots);
                out.printf("Warming up on the last %d %s bars of %s from %s ...%n", warmUpBars, timeframe.label(), symbol, client.baseUrl());
                out.flush();
                history = market.warmUp(home, client, warmUpBars, now);
                if (history == null || history.isEmpty()) {
                    out.println("No history to warm up on: the indicators start cold (the bots trade once they are ready).");
                } else {
                    out.printf("Warmed up on %s bars, %s .. %s UTC%n", Formats.count(history.size()), Formats.time(history.firstTime()),
                            Formats.time(history.lastTime()));
                }
                info = SessionSetup.newInfo(id, "paper", symbol, timeframe, startBalance, bots);
                journal.writeSession(info);
            }
            LiveSession session = LiveSession.builder(info, journal, bots, contract, run, resuming)
                    .gates(bot -> noLimits ? io.gpubot.core.trade.EntryGate.OPEN : new io.gpubot.live.risk.RiskGuard(risk.limits(), contract))
                    .feed(market.feed(client))
                    .warmUp(history)
                    .killFile(SessionSetup.killFile(home, id))
                    .stopAfterBars(stopAfterBars == null ? Long.MAX_VALUE : stopAfterBars)
                    .venue(SessionSetup.venue(client.baseUrl()))
                    .build();
            out.printf("Paper session %s: %d bot%s on %s %s, %,.2f USDT each, market data from %s; journal %s%n", id, bots.size(),
                    bots.size() == 1 ? "" : "s", symbol, timeframe.label(), startBalance, SessionSetup.venue(client.baseUrl()), journalFile);
            out.flush();
            String resumeHint = noResumeHint ? null : "Resume: gpubot paper --session " + id
                    + (market.exchangeUrl.equals(io.gpubot.kucoin.KucoinRestClient.LIVE_URL) ? "" : " --exchange-url " + market.exchangeUrl);
            SessionSetup.runWithScreen(session, !noTui, out, ended -> SessionSetup.printSummary(out, session, ended, journalFile, resumeHint));
            if (session.failure() != null) throw new UserException("the session stopped: " + session.failure());
        } finally {
            client.close();
        }
    }

    private void runReplay() {
        PrintWriter out = spec.commandLine().getOut();
        Home home = Home.resolve(root.homeOption()).ensureExists();
        String id = SessionSetup.sessionId(sessionName, "replay");
        Path journalFile = SessionSetup.journalFile(home, id);
        boolean resuming = Files.exists(journalFile);

        List<Bot> given = SessionSetup.readBots(botFiles);
        if (!resuming && given.isEmpty()) throw new UserException("a new session needs at least one --bot FILE");
        CandleImport imported = replay.startsWith(BundledDataset.PREFIX) ? BundledDataset.named(replay).read() : CandleFiles.read(Path.of(replay), null);
        if (!replay.startsWith(BundledDataset.PREFIX)) imported.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        CandleSeries candles = market.timeframe == null ? imported.series()
                : CoarserBars.resample(imported.series(), market.timeframe, replay, spec.commandLine().getErr());
        long stopAt = until == null ? Long.MAX_VALUE : Formats.instant("--until", until);
        String dataSymbol = replay.startsWith(BundledDataset.PREFIX) ? BundledDataset.named(replay).key().symbol() : null;
        long started = System.nanoTime();
        if (!resuming && risk.namesGuardLimits()) {
            // Refused before the journal exists, so no empty session is left behind.
            GuardCheck.leverage(given, BacktestCommand.contract(contractSymbol, dataSymbol, given.get(0)), risk.guardOnlyLimits());
        }
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
                        .withFunding(BacktestCommand.fundingRates(home, contract, candles), fundingRate).withLimits(modelLimits());
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            // A replay trades as the backtest, which has no guard; --max-risk or --max-leverage, when given, add the live
            // guard's two limits the backtest lacks, so the replay rehearses what live would refuse (the others are the model's own).
            java.util.function.Function<Bot, io.gpubot.core.trade.EntryGate> gates = bot -> io.gpubot.core.trade.EntryGate.OPEN;
            if (risk.namesGuardLimits()) {
                io.gpubot.live.risk.RiskLimits guarded = risk.guardOnlyLimits();
                GuardCheck.atStart(bots, contract, guarded, slippage, spec.commandLine().getErr());
                gates = bot -> new io.gpubot.live.risk.RiskGuard(guarded, contract);
            }
            TradingEngine engine;
            if (resuming) {
                engine = TradingEngine.resume(bots, contract, run, journal, 1_000, gates, bot -> io.gpubot.core.trade.TradeListener.NONE);
                out.printf("Resuming session %s after %s (%s bars journalled)%n", id,
                        journal.lastBarTime().isPresent() ? Formats.time(journal.lastBarTime().getAsLong()) + " UTC" : "its start",
                        Formats.count(journal.bars()));
            } else {
                journal.writeSession(new SessionInfo(id, "replay", contract.symbol(), candles.timeframe().label(), startBalance,
                        System.currentTimeMillis(), bots.stream().map(b -> new SessionInfo.BotEntry(b.name(), BotFiles.toJson(b))).toList()));
                engine = new TradingEngine(bots, contract, run, journal, 1_000, gates, bot -> io.gpubot.core.trade.TradeListener.NONE);
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
