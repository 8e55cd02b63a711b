package io.gpubot.app;

import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.data.BotFiles;
import io.gpubot.sandbox.Sandbox;
import io.gpubot.sandbox.SandboxCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mode 3 end to end against the sandbox over 127.0.0.1, with the engine in its own process: sandbox
 * credentials from the vault, a position opened with exchange-side stop-loss and take-profit, the engine
 * killed with SIGKILL and restarted (reconciled, no order sent twice), then closed with the kill switch
 * from another command.
 */
class LiveSandboxCliTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final CandleSeries MINUTES = SyntheticMarket.bitcoinLike(8).generate(2_400);
    static final int START = 1_200;

    @TempDir
    Path home;

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killChildren() {
        processes.forEach(Process::destroyForcibly);
    }

    /**
     * Of a few random bots at 5x with stops 2% away (so a position lives for a while on one-minute bars),
     * the one that trades most after the start.
     */
    static Bot busyBot() {
        Backtester backtester = new Backtester(MINUTES, BTC, RunSettings.withBalance(10_000));
        return RandomBots.of(BTC).draw(60, 17).stream()
                .map(b -> new Bot(b.name(), b.indicators(), b.consensus(), 5, io.gpubot.core.trade.ExitLevels.fractions(0.04, 0.02), b.sizing(),
                        b.provenance()))
                .max(Comparator.comparingInt(b -> backtester.run(b, START - 200, START + 150).trades().size())).orElseThrow();
    }

    Process gpubot(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "io.gpubot.app.Main", "--home", home.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        processes.add(p);
        return p;
    }

    /** Stores a sandbox key in {@code home}'s vault as a user would: the parts typed on standard input. */
    static void storeCredentials(Path home, Sandbox sandbox, String key, String secret, String passphrase, Path password) {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream((key + "\n" + secret + "\n" + passphrase + "\n").getBytes(StandardCharsets.UTF_8)));
            Cli.Result stored = Cli.run(home, "credentials", "set", "--force", "--environment", "sandbox", "--sandbox-url",
                    sandbox.baseUrl().toString(), "--password-file", password.toString());
            assertThat(stored.code()).as(stored.err()).isZero();
        } finally {
            System.setIn(stdin);
        }
    }

    static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    /** The open time of the last bar the engine journalled or warmed up on (read beside it: the journal is in WAL mode). */
    static long lastJournalledBar(Path journal) {
        if (!Files.exists(journal)) return Long.MIN_VALUE;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + journal); Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(t) FROM (SELECT t FROM bar UNION ALL SELECT t FROM warm_up_bar)")) {
            long t = r.next() ? r.getLong(1) : 0;
            return r.wasNull() ? Long.MIN_VALUE : t;
        } catch (java.sql.SQLException e) {
            return Long.MIN_VALUE;   // the engine is creating it
        }
    }

    /** Client order ids the journal holds for orders that reached the exchange. */
    static Set<String> journalledOrders(Path journal) throws Exception {
        Set<String> oids = new HashSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + journal); Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT client_oid FROM exchange_order WHERE state IN ('ACCEPTED', 'FILLED', 'CANCELLED')")) {
            while (r.next()) oids.add(r.getString(1));
        }
        return oids;
    }

    /** Client order ids of every order the sandbox ever received; each one once. */
    static List<String> exchangeOrders(Sandbox sandbox) {
        List<String> oids = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>(sandbox.exchange().doneOrders());
        all.addAll(sandbox.exchange().activeOrders(false));
        all.addAll(sandbox.exchange().activeOrders(true));
        for (Map<String, Object> o : all) oids.add(String.valueOf(o.get("clientOid")));
        return oids;
    }

    /** Steps the sandbox one bar at a time, each once the engine has journalled the bar before, until {@code done}. */
    static void trade(Sandbox sandbox, Path journal, int maxBars, BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < maxBars; i++) {
            long closed = sandbox.exchange().currentBarTime() - MINUTES.timeframe().millis();
            await("the engine to process the bar at " + closed, 30, () -> lastJournalledBar(journal) >= closed);
            Thread.sleep(400);   // the decision's orders go out right after the bar is committed
            if (done.getAsBoolean()) return;
            sandbox.step(1);
        }
    }

    @Test
    void aWrongSecretAndAWrongPassphraseAreToldApart() throws Exception {
        SandboxCredentials keys = SandboxCredentials.random();
        Path botFile = home.resolve("bot.json");
        BotFiles.write(busyBot(), botFile);
        Path password = home.resolve("master.txt");
        Files.writeString(password, "correct horse battery staple\n");
        try (Sandbox sandbox = Sandbox.builder(MINUTES, BTC).from(MINUTES.time(START)).startBalance(10_000).credentials(keys).start()) {
            String[][] cases = {
                    {keys.apiSecret() + "-wrong", keys.apiPassphrase(), "code 400005", "the API secret does not match the key"},
                    {keys.apiSecret(), keys.apiPassphrase() + "-wrong", "code 400004", "the API passphrase is wrong"}};
            for (String[] c : cases) {
                storeCredentials(home, sandbox, keys.apiKey(), c[0], c[1], password);
                Cli.Result r = Cli.run(home, "live", "--bot", botFile.toString(), "--symbol", "XBTUSDTM", "--timeframe", "1m",
                        "--i-understand-the-risks", "--no-tui", "--password-file", password.toString(), "--session", "auth-" + c[2].substring(5),
                        "--warm-up", "50");
                assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.USER_ERROR);
                assertThat(r.err()).contains(c[2]).contains(c[3]).doesNotContain(c[0]).doesNotContain(c[1]);
            }
        }
    }

    @Test
    void aLiveSessionOpensAProtectedPositionSurvivesSigkillWithoutADuplicateOrderAndClosesWithTheKillSwitch() throws Exception {
        SandboxCredentials keys = SandboxCredentials.random();
        Bot bot = busyBot();
        Path botFile = home.resolve("bot.json");
        BotFiles.write(bot, botFile);
        Path password = home.resolve("master.txt");
        Files.writeString(password, "correct horse battery staple\n");
        Path journal = home.resolve("sessions").resolve("s1.db");

        try (Sandbox sandbox = Sandbox.builder(MINUTES, BTC).from(MINUTES.time(START)).startBalance(10_000).credentials(keys).start()) {
            storeCredentials(home, sandbox, keys.apiKey(), keys.apiSecret(), keys.apiPassphrase(), password);

            Path firstLog = home.resolve("first.log");
            Process first = gpubot(firstLog, "live", "--bot", botFile.toString(), "--symbol", "XBTUSDTM", "--timeframe", "1m",
                    "--i-understand-the-risks", "--no-tui", "--password-file", password.toString(), "--session", "s1", "--warm-up", "200", "--max-orders-per-minute", "1000");
            await("the first engine to start", 60, () -> read(firstLog).contains("LIVE session s1") || !first.isAlive());
            assertThat(first.isAlive()).as(Files.readString(firstLog)).isTrue();
            assertThat(read(firstLog)).as("the venue is named").contains("at sandbox " + sandbox.baseUrl());
            assertThat(read(firstLog)).as("the account is checked before anything is sent").contains("Checking the account at sandbox ")
                    .contains("  account mode: classic").contains("  position mode: one-way").contains("  fees: taker 0.060%, maker 0.020%")
                    .contains("  risk limit: positions at 5x may reach 12,000,000 USDT on XBTUSDTM");
            trade(sandbox, journal, 150, () -> sandbox.exchange().position().isPresent() && sandbox.exchange().activeOrders(true).size() + sandbox.exchange().activeOrders(false).size() == 2);
            assertThat(sandbox.exchange().position()).as(Files.readString(firstLog)).isPresent();
            List<Map<String, Object>> stops = new ArrayList<>(sandbox.exchange().activeOrders(true));
            stops.addAll(sandbox.exchange().activeOrders(false));
            assertThat(stops).as("stop-loss (stop-market) and take-profit (resting limit) on the exchange").hasSize(2)
                    .allSatisfy(o -> assertThat(o.get("reduceOnly")).isEqualTo(true));
            assertThat(sandbox.exchange().marginMode()).isEqualTo("ISOLATED");
            assertThat(sandbox.subscribedTopics()).as("market data and the account's private channel")
                    .contains("/contractMarket/limitCandle:XBTUSDTM_1min", "/contractMarket/tradeOrders:XBTUSDTM", "/contract/position:XBTUSDTM");

            await("the dashboard lines to show the protected position", 20,
                    () -> read(firstLog).lines().anyMatch(l -> l.startsWith("exchange: ") && l.contains(" TP ") && !l.contains("MISSING")));

            first.destroyForcibly();   // SIGKILL: no shutdown hook runs
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            List<String> beforeRestart = exchangeOrders(sandbox);
            assertThat(new HashSet<>(beforeRestart)).as("no client order id twice").hasSize(beforeRestart.size());

            Path secondLog = home.resolve("second.log");
            // The journal alone says what the session trades.
            Process second = gpubot(secondLog, "live", "--i-understand-the-risks", "--no-tui",
                    "--password-file", password.toString(), "--session", "s1", "--max-orders-per-minute", "1000");
            await("the restarted engine to reconcile", 60, () -> read(secondLog).contains("LIVE session s1") || !second.isAlive());
            assertThat(second.isAlive()).as(read(secondLog)).isTrue();
            assertThat(read(secondLog)).contains("Reconciling the journal with " + sandbox.baseUrl());
            assertThat(exchangeOrders(sandbox)).as("the restart sent nothing: the position was already protected").isEqualTo(beforeRestart);

            trade(sandbox, journal, 150, () -> sandbox.exchange().position().isPresent() && sandbox.exchange().activeOrders(true).size() + sandbox.exchange().activeOrders(false).size() == 2
                    && exchangeOrders(sandbox).size() > beforeRestart.size());
            assertThat(sandbox.exchange().position()).as("a position is open for the kill switch to close").isPresent();
            List<String> after = exchangeOrders(sandbox);
            assertThat(new HashSet<>(after)).as("no client order id twice").hasSize(after.size());
            assertThat(new HashSet<>(after)).as("every order on the exchange is journalled, and the other way round")
                    .isEqualTo(journalledOrders(journal));

            Cli.Result twice = Cli.run(home, "live", "--session", "s1", "--i-understand-the-risks", "--no-tui", "--password-file", password.toString());
            assertThat(twice.code()).isEqualTo(1);
            assertThat(twice.err()).contains("session s1 is already running in another gpubot process");
            assertThat(exchangeOrders(sandbox)).as("a second process on the session sent nothing").isEqualTo(after);

            Cli.Result kill = Cli.run(home, "live", "--flatten", "--session", "s1", "--password-file", password.toString());
            assertThat(kill.code()).as(kill.err()).isZero();
            assertThat(kill.out()).contains("The running session took the kill switch");
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).as(read(secondLog)).isTrue();
            assertThat(second.exitValue()).as(read(secondLog)).isZero();
            assertThat(read(secondLog)).contains("ended: kill switch: kill file");
            assertThat(read(secondLog).lines().filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d (ENTRY|EXIT|INFO|WARNING) .*")))
                    .as("the executor's events are stamped with the bar the market was in, like the model's").isNotEmpty()
                    .allMatch(l -> l.startsWith("2024-01-01 "));
            assertThat(read(secondLog)).as("the summary gives the account's realised PnL, and the model follows it")
                    .contains("net on the account ").doesNotContain("DIFFERS");
            assertThat(sandbox.exchange().position()).as("flat on the exchange").isEmpty();
            assertThat(sandbox.exchange().activeOrders(true)).as("no stop order left").isEmpty();
            assertThat(sandbox.exchange().activeOrders(false)).as("no order left").isEmpty();

            // SIGTERM stops a session after the bar in progress, with its summary and the line that resumes it.
            Path thirdLog = home.resolve("third.log");
            Process third = gpubot(thirdLog, "live", "--i-understand-the-risks", "--no-tui", "--password-file", password.toString(),
                    "--session", "s1", "--max-orders-per-minute", "1000");
            await("the third engine to run live", 60, () -> read(thirdLog).contains("LIVE: receiving") || !third.isAlive());
            assertThat(third.isAlive()).as(read(thirdLog)).isTrue();
            third.destroy();
            assertThat(third.waitFor(30, TimeUnit.SECONDS)).as(read(thirdLog)).isTrue();
            assertThat(read(thirdLog)).contains("Session s1 ended: stopped by the user").contains("Resume: gpubot live --session s1")
                    .contains("On the exchange: flat");

            // With no process on the session, the kill switch acts at once, here.
            Cli.Result direct = Cli.run(home, "live", "--flatten", "--session", "s1", "--password-file", password.toString());
            assertThat(direct.code()).as(direct.err()).isZero();
            assertThat(direct.out()).contains("No process runs session s1; flattening it directly.");

            // A position the kill switch cannot close (a thin book fills every market order in half: 8 -> 4 -> 2 -> 1 lot
            // after its three orders) is said to be open, exit 1, and keeps what protects it; once the book is back, it closes.
            sandbox.exchange().place(new io.gpubot.sandbox.Exchange.OrderRequest("by-hand", "XBTUSDTM", "buy", "market", 8L, 5, null, false,
                    false, null, null, null, null, false, "ISOLATED"));
            sandbox.setFaults(io.gpubot.sandbox.Faults.parse("partial-fill=1"));
            Cli.Result thin = Cli.run(home, "live", "--flatten", "--session", "s1", "--password-file", password.toString());
            assertThat(thin.code()).as(thin.out() + thin.err()).isEqualTo(1);
            assertThat(thin.err()).contains("error: the position of session s1 is still open on the exchange, with its stop-loss and"
                    + " take-profit (lines above); flatten again, or close it on the exchange's site");
            assertThat(thin.out()).contains("1 contracts are still open on the exchange and keep their stop-loss and take-profit");
            assertThat(sandbox.exchange().position()).hasValueSatisfying(p -> assertThat(p.quantity()).isEqualTo(1));
            sandbox.setFaults(io.gpubot.sandbox.Faults.NONE);
            Cli.Result closed = Cli.run(home, "live", "--flatten", "--session", "s1", "--password-file", password.toString());
            assertThat(closed.code()).as(closed.out() + closed.err()).isZero();
            assertThat(sandbox.exchange().position()).isEmpty();
        }
        Cli.Result show = Cli.run(home, "sessions", "show", "s1");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("On the exchange:").contains("Orders sent").contains("flatten").contains("stop_loss").contains("take_profit");
        assertThat(show.out()).contains("net on the account ").doesNotContain("DIFFERS");
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
