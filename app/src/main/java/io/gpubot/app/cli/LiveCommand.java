package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.EntryGate;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.kucoin.KucoinApiException;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.vault.CredentialsVault;
import io.gpubot.kucoin.vault.StoredCredentials;
import io.gpubot.live.Journal;
import io.gpubot.live.LiveSession;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.SessionInfo;
import io.gpubot.live.exec.AccountChecks;
import io.gpubot.live.exec.KucoinExchange;
import io.gpubot.live.exec.LiveExecutor;
import io.gpubot.live.risk.RiskGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code gpubot live}: Mode 3, real orders. One bot on one contract: market entries with the bot's
 * leverage on isolated margin, stop-loss and take-profit on the exchange as reduce-only stop orders,
 * every order journalled before it is sent, and the journal reconciled with the exchange at each start.
 * {@code --flatten} is the kill switch from outside.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Trade one bot with real orders on KuCoin Futures (or a gpubot sandbox), with the credentials from the vault.",
                "Asks you to type I UNDERSTAND THE RISKS first (--i-understand-the-risks for scripts).",
                "gpubot live --flatten --session NAME cancels the session's orders, closes its position and stops it."})
public final class LiveCommand implements Runnable {

    static final String CONFIRMATION = "I UNDERSTAND THE RISKS";

    @ParentCommand
    GpubotCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--bot", paramLabel = "FILE", description = "The bot to trade (a resumed session knows its bot).")
    Path botFile;

    @Mixin
    RealTimeMarket market = new RealTimeMarket();

    @Option(names = "--session", paramLabel = "NAME", description = "The session's name (default: live-<symbol>-<tf>-<UTC time>); an existing session is resumed and reconciled.")
    String sessionName;

    @Option(names = "--slippage", defaultValue = "0.001", paramLabel = "RATE", description = "Slippage the model assumes for market orders (default: ${DEFAULT-VALUE}).")
    double slippage;

    @Option(names = "--bars", paramLabel = "N", description = "Stop after N bars (positions stay protected on the exchange).")
    Long stopAfterBars;

    @Option(names = "--no-tui", description = "Plain line output instead of the full-screen dashboard.")
    boolean noTui;

    @Option(names = "--i-understand-the-risks", description = "Skip the typed confirmation (for scripts).")
    boolean confirmed;

    @Option(names = "--flatten", description = "Kill switch: close the contract's whole position at market, cancel all its orders"
            + " (yours by hand too) and stop the session; exit code 1 when a position is still open afterwards.")
    boolean flatten;

    @Option(names = "--switch-to-one-way", description = "Switch a futures account in Hedge Mode to One-Way Mode, which gpubot trades in"
            + " (KuCoin allows it only with no position and no open order on the whole account).")
    boolean switchToOneWay;

    @Mixin
    CredentialsCommand.PasswordSource password = new CredentialsCommand.PasswordSource();

    @Mixin
    RiskOptions risk = new RiskOptions();

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Home home = Home.resolve(root.homeOption()).ensureExists();
        if (flatten) {
            flatten(out, home);
            return;
        }
        if (sessionName != null) SessionSetup.existingSession(SessionSetup.journalFile(home, SessionSetup.sessionId(sessionName, "live"))).ifPresent(market::adopt);
        String symbol = market.contractSymbol();
        Timeframe timeframe = market.timeframe();
        String id = SessionSetup.sessionId(sessionName, "live-" + symbol + "-" + timeframe.label());
        Path journalFile = SessionSetup.journalFile(home, id);
        boolean resuming = Files.exists(journalFile);
        if (!resuming && botFile == null) throw new UserException("a new live session needs --bot FILE");
        List<Bot> given = botFile == null ? List.of() : SessionSetup.readBots(List.of(botFile));
        // Before the vault is unlocked or the account touched: a bot the risk guard would hold back is named now.
        GuardCheck.atStart(given, io.gpubot.core.market.Contracts.find(symbol).orElse(null), risk.limits(), slippage, spec.commandLine().getErr());
        confirm(out);

        try (SessionSetup.SessionLock lock = SessionSetup.SessionLock.acquire(home, id);
             StoredCredentials stored = unlock(home);
             KucoinRestClient client = KucoinRestClient.builder(exchangeUrl(stored)).credentials(stored.credentials()).build();
             Journal journal = Journal.open(journalFile)) {
            List<Bot> bots = SessionSetup.sessionBots(journal, id, given, "live", symbol, timeframe);
            Bot bot = bots.get(0);
            out.println("Checking the account at " + SessionSetup.venue(client.baseUrl()) + " ...");
            AccountChecks.Outcome checked = market.exchange(client, "check the account (the key needs the General permission)",
                    () -> AccountChecks.run(new KucoinExchange(client, symbol), io.gpubot.core.market.Contracts.find(symbol), bot.leverage(),
                            switchToOneWay));
            for (String line : checked.lines()) out.println("  " + line);
            out.flush();
            Contract contract = checked.contract();
            SessionSetup.checkPlans(bots, contract);
            if (given.isEmpty()) GuardCheck.atStart(bots, contract, risk.limits(), slippage, spec.commandLine().getErr()); // a resumed session's bot
            double balance = market.exchange(client, "read the account balance (the key needs the General permission)",
                    () -> client.accountOverview(contract.quoteCurrency()).availableBalance());
            if (!(balance > 0)) {
                throw new UserException("the futures account at " + client.baseUrl() + " holds no " + contract.quoteCurrency()
                        + " (available " + balance + "); transfer funds to the futures account first");
            }
            // Entries beyond KuCoin's risk limit at the bot's leverage would be refused by the exchange: the model and the
            // executor's planner cap them there (a capped entry, as in the backtest), and the guard holds the same line.
            var limits = risk.limits();
            double maxNotional = Math.min(limits.maxNotionalUsdt(), checked.maxPositionValue());
            var modelLimits = risk.modelLimits();
            RunSettings run;
            try {
                run = RunSettings.withBalance(journal.session().map(SessionInfo::startBalance).orElse(balance)).withSlippage(slippage)
                        .withFunding(FundingRates.none(), RunSettings.DEFAULT_FUNDING_RATE)
                        .withLimits(new io.gpubot.core.trade.RiskLimits(Math.min(modelLimits.maxNotionalUsdt(), maxNotional),
                                modelLimits.dailyLossLimit(), modelLimits.maxOrdersPerMinute(), modelLimits.minBalanceUsdt()));
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            RiskGuard guard = new RiskGuard(limits.withMaxNotional(maxNotional), contract);
            AtomicReference<LiveSession> sessionRef = new AtomicReference<>();
            java.util.ArrayDeque<SessionEvent> early = new java.util.ArrayDeque<>();
            LiveExecutor executor;
            try {
                executor = new LiveExecutor(client, bot, contract, journal, guard, e -> {
                    LiveSession s = sessionRef.get();
                    if (s != null) s.post(e);
                    else early.add(e);
                }, LiveExecutor.Settings.DEFAULT.withSlippage(slippage));
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage() + " (raise --max-leverage or trade a bot with less leverage)");
            }
            out.println("Reconciling the journal with " + client.baseUrl() + " ...");
            for (String line : market.exchange(client, "reconcile the session with the exchange", executor::reconcile)) out.println("  " + line);
            out.flush();

            SessionInfo info;
            io.gpubot.core.market.CandleSeries history = null;
            if (resuming) {
                info = journal.session().orElseThrow();
            } else {
                history = market.warmUp(home, client, market.warmUpBars(bots), market.marketTime(client));
                info = SessionSetup.newInfo(id, "live", symbol, timeframe, balance, bots);
                journal.writeSession(info);
            }
            LiveSession session = LiveSession.builder(info, journal, bots, contract, run, resuming)
                    // the executor holds the real orders to the guard; the model's own entry a bar later must not count twice
                    .gates(b -> EntryGate.OPEN)
                    .feed(market.feed(client))
                    .execution(new LiveSession.Execution() {
                        @Override
                        public io.gpubot.live.ExecutedDecision onDecision(io.gpubot.core.bot.BotRunner runner, long barTime, io.gpubot.core.trade.Side side, boolean exit,
                                               boolean enter, double referencePrice) {
                            return executor.onDecision(runner, barTime, side, exit, enter, referencePrice);
                        }

                        @Override
                        public void onPrice(long time, double price) {
                            executor.onPrice(time, price);
                        }

                        @Override
                        public void flatten(String reason) {
                            executor.flatten(reason);
                        }

                        @Override
                        public String describeExchange() {
                            return exchangeLine(executor.state());
                        }

                        @Override
                        public boolean journalsPositions() {
                            return true;
                        }

                        @Override
                        public void refreshAccount() {
                            onExchangeUpdate();
                        }

                        @Override
                        public void onExchangeUpdate() {
                            try {
                                executor.syncWithExchange();
                            } catch (RuntimeException e) {
                                // the next poll tries again; the executor reports lasting failures itself
                                org.slf4j.LoggerFactory.getLogger(LiveCommand.class).warn("confirming an exchange push failed: {}", e.getMessage());
                            }
                        }
                    })
                    .warmUp(history)
                    .killFile(SessionSetup.killFile(home, id))
                    .stopAfterBars(stopAfterBars == null ? Long.MAX_VALUE : stopAfterBars)
                    .venue(SessionSetup.venue(client.baseUrl()))
                    .build();
            sessionRef.set(session);
            early.forEach(session::post);
            out.printf(Locale.ROOT, "LIVE session %s: %s on %s %s at %s, %,.2f %s available; journal %s%n", id, bot.name(), symbol, timeframe.label(),
                    SessionSetup.venue(client.baseUrl()), balance, contract.quoteCurrency(), journalFile);
            out.flush();
            // The account's private channel: order and position pushes have the executor confirm them through
            // REST at once; without it (or while it is down) the executor's REST poll still finds every change.
            try (io.gpubot.kucoin.ws.KucoinWebSocketFeed account = io.gpubot.kucoin.ws.KucoinWebSocketFeed.builder(client::privateWsToken).build()) {
                account.start();
                account.subscribeOrders(symbol, change -> session.exchangeUpdated());
                account.subscribePosition(symbol, position -> session.exchangeUpdated());
                SessionSetup.runWithScreen(session, !noTui, out, ended -> {
                    SessionSetup.printSummary(out, session, ended, journalFile, "Resume: gpubot live --session " + id
                            + "   Kill switch: gpubot live --flatten --session " + id);
                    out.println("On the exchange: " + exchangeLine(executor.state()));
                    out.flush();
                });
            }
            if (session.failure() != null) throw new UserException("the session stopped: " + session.failure());
        }
    }

    /** The exchange's side of the session in one line: the real position, its protection, the balance. */
    static String exchangeLine(io.gpubot.live.exec.ExchangeState s) {
        if (s.updatedAt() == 0 && s.flat()) return "not read yet";
        String balance = String.format(Locale.ROOT, "available %,.2f USDT", s.availableBalance());
        if (s.flat()) return "flat, " + balance;
        return String.format(Locale.ROOT, "%s %d @ %,.2f  TP %s  SL %s  liq %,.2f  uPnL %+,.2f  %s", s.side(), s.contracts(), s.avgEntryPrice(),
                s.takeProfit() > 0 ? String.format(Locale.ROOT, "%,.2f", s.takeProfit()) : "MISSING",
                s.stopLoss() > 0 ? String.format(Locale.ROOT, "%,.2f", s.stopLoss()) : "MISSING", s.liquidationPrice(), s.unrealisedPnl(), balance);
    }

    /** The address the stored key belongs to, unless --exchange-url names another on purpose. */
    private URI exchangeUrl(StoredCredentials stored) {
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--exchange-url");
        URI vaultUrl = stored.environment().baseUrl();
        if (given && !market.exchangeUrl.equals(vaultUrl)) {
            throw new UserException("the stored credentials are for " + stored.environment().name() + " (" + vaultUrl + "), not " + market.exchangeUrl
                    + "; store that exchange's key with gpubot credentials set, or leave out --exchange-url");
        }
        return vaultUrl;
    }

    private StoredCredentials unlock(Home home) {
        CredentialsVault vault = new CredentialsVault(home.dir());
        if (!vault.exists()) {
            throw new UserException("no API credentials are stored in " + vault.file()
                    + "; run gpubot credentials set (with --environment sandbox --sandbox-url URL for a gpubot sandbox)");
        }
        Prompts prompts = Prompts.forProcess(spec.commandLine().getErr());
        char[] master = CredentialsCommand.masterPassword(password, prompts, false);
        try {
            return vault.load(master);
        } finally {
            java.util.Arrays.fill(master, '\0');
        }
    }

    private void confirm(PrintWriter out) {
        if (confirmed) return;
        out.println("LIVE TRADING sends real orders with real money. Leverage multiplies losses; a position can be liquidated.");
        out.println("Start with a small balance, watch the first trades, and keep the kill switch at hand (k on the dashboard,");
        out.println("or gpubot live --flatten --session NAME from another terminal).");
        out.flush();
        String answer = Prompts.forProcess(spec.commandLine().getErr()).line("Type " + CONFIRMATION + " to continue: ", "");
        if (!CONFIRMATION.equals(answer == null ? "" : answer.trim())) {
            throw new UserException("not confirmed; nothing was sent to the exchange");
        }
    }

    /** What the running session said when it took the kill file: closed (exit 0), or still open (one line, exit 1). */
    private void tookTheKillSwitch(PrintWriter out, Path killFile) {
        Path outcomeFile = io.gpubot.live.LiveSession.killOutcomeFile(killFile);
        List<String> outcome;
        try {
            outcome = Files.exists(outcomeFile) ? Files.readAllLines(outcomeFile) : List.of();
            Files.deleteIfExists(outcomeFile);
        } catch (IOException e) {
            outcome = List.of();
        }
        if (outcome.isEmpty()) {
            throw new UserException("the running session took the kill switch but did not say how it ended; check the position with"
                    + " gpubot sessions show " + sessionName + " and on the exchange's site");
        }
        if (!io.gpubot.live.LiveSession.KILL_OUTCOME_FLAT.equals(outcome.get(0))) {
            throw new UserException("the running session took the kill switch, but " + String.join(" ", outcome.subList(1, outcome.size())));
        }
        out.println("The running session took the kill switch: its orders are cancelled and its position closed.");
    }

    /** The kill switch from outside: the running session flattens and stops; with none running, it is done here. */
    private void flatten(PrintWriter out, Home home) {
        if (sessionName == null) throw new UserException("--flatten needs --session NAME (gpubot sessions list shows them)");
        Path journalFile = SessionSetup.journalFile(home, sessionName);
        if (!Files.exists(journalFile)) throw new UserException("there is no session " + sessionName + " in " + journalFile.getParent());
        java.util.Optional<SessionSetup.SessionLock> free = SessionSetup.SessionLock.tryAcquire(home, sessionName);
        if (free.isEmpty()) {
            // A process runs the session: it flattens and stops when the kill file appears.
            Path killFile = SessionSetup.killFile(home, sessionName);
            try {
                Files.writeString(killFile, "flatten requested at " + java.time.Instant.now() + "\n");
            } catch (IOException e) {
                throw new UserException("cannot write the kill file " + killFile + ": " + e.getMessage(), e);
            }
            out.println("Kill switch: asked the running session " + sessionName + " to flatten and stop ...");
            out.flush();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (Files.exists(killFile) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!Files.exists(killFile)) {
                tookTheKillSwitch(out, killFile);
                return;
            }
            throw new UserException("session " + sessionName + " runs but did not take the kill switch within 30 s (the kill file "
                    + killFile + " stays: it acts as soon as the session reads it); stop that process, or close the position on the exchange's site");
        }
        out.println("No process runs session " + sessionName + "; flattening it directly.");
        try (SessionSetup.SessionLock lock = free.get();
             StoredCredentials stored = unlock(home);
             KucoinRestClient client = KucoinRestClient.builder(stored.environment().baseUrl()).credentials(stored.credentials()).build();
             Journal journal = Journal.open(journalFile)) {
            SessionInfo info = journal.session().orElseThrow(() -> new UserException(journalFile + " holds no session"));
            if (!info.mode().equals("live")) throw new UserException("session " + sessionName + " is a " + info.mode() + " session; it has no exchange orders");
            Bot bot = io.gpubot.data.BotFiles.parse(info.bots().get(0).json(), journalFile.toString());
            Contract contract = market.symbol != null ? market.contract(client) : io.gpubot.core.market.Contracts.find(info.symbol())
                    .orElseGet(() -> client.contract(info.symbol()).toContract());
            LiveExecutor executor = new LiveExecutor(client, bot, contract, journal, new RiskGuard(risk.limits().withMaxLeverage(
                    Math.max(bot.leverage(), risk.limits().maxLeverage())), contract), e -> out.println("  " + e.text()),
                    LiveExecutor.Settings.DEFAULT.withSlippage(slippage));
            for (String line : executor.flatten("gpubot live --flatten")) out.println("  " + line);
            out.flush();
            boolean flat;
            try {
                flat = executor.flatOnExchange();
            } catch (io.gpubot.live.exec.ExchangeException e) {
                throw new UserException("the kill switch could not read the position back from the exchange (" + e.getMessage()
                        + "); check it on the exchange's site, and flatten again if it is still open", e);
            }
            if (!flat) {
                throw new UserException("the position of session " + sessionName + " is still open on the exchange, with its stop-loss and"
                        + " take-profit (lines above); flatten again, or close it on the exchange's site");
            }
        } catch (KucoinApiException e) {
            throw new UserException("KuCoin refused to flatten: " + e.getMessage() + "; close the position on the exchange's site", e);
        }
        out.flush();
    }
}
