package io.gpubot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpubot.core.bot.Bot;
import io.gpubot.data.BotFiles;
import io.gpubot.sandbox.Sandbox;
import io.gpubot.sandbox.SandboxCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mode 3 of the menu in a real terminal (tmux): a live session that ran before against the sandbox is
 * offered by name, resumed from its journal after the typed confirmation, runs on the dashboard, stops
 * with q showing its summary and the line that resumes it, and the menu comes back; no order is sent
 * twice. Skipped where tmux is not installed.
 */
class MenuLiveResumeTmuxTest {

    @TempDir
    Path home;

    @TempDir
    Path dir;

    @Test
    void aLiveSessionIsResumedByNameFromTheMenu() throws Exception {
        assumeTrue(TmuxSession.available(), "tmux is not installed");
        SandboxCredentials keys = SandboxCredentials.random();
        Bot bot = LiveSandboxCliTest.busyBot();
        Path botFile = dir.resolve("bot.json");
        BotFiles.write(bot, botFile);
        String master = "correct horse battery staple";
        Path password = dir.resolve("master.txt");
        Files.writeString(password, master + "\n");
        Path journal = home.resolve("sessions").resolve("menu-live.db");
        long minute = LiveSandboxCliTest.MINUTES.timeframe().millis();

        try (Sandbox sandbox = Sandbox.builder(LiveSandboxCliTest.MINUTES, LiveSandboxCliTest.BTC)
                .from(LiveSandboxCliTest.MINUTES.time(LiveSandboxCliTest.START)).startBalance(10_000).credentials(keys).start()) {
            LiveSandboxCliTest.storeCredentials(home, sandbox, keys.apiKey(), keys.apiSecret(), keys.apiPassphrase(), password);

            // The session's first run: a few live bars, then it stops by itself.
            CompletableFuture<Cli.Result> first = CompletableFuture.supplyAsync(() -> Cli.run(home, "live", "--bot", botFile.toString(),
                    "--symbol", "XBTUSDTM", "--timeframe", "1m", "--i-understand-the-risks", "--no-tui", "--password-file", password.toString(),
                    "--session", "menu-live", "--warm-up", "200", "--bars", "3", "--max-orders-per-minute", "1000"));
            SessionPacing pacing = new SessionPacing(sandbox, journal, minute);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!first.isDone() && System.nanoTime() < deadline) {
                pacing.stepWhenCaughtUp();
                Thread.sleep(20);
            }
            Cli.Result ran = first.get(5, TimeUnit.SECONDS);
            assertThat(ran.code()).as(ran.out() + ran.err()).isZero();
            assertThat(ran.out()).contains("Session menu-live ended: stopped after 3 bars");
            long barsBefore = SessionPacing.lastJournalledBar(journal);
            List<String> ordersBefore = LiveSandboxCliTest.exchangeOrders(sandbox);

            // The menu, with the master password from the environment as a script would give it.
            Path script = dir.resolve("gpubot.sh");
            Files.writeString(script, "GPUBOT_MASTER_PASSWORD='" + master + "' exec " + TmuxSession.javaCommand("io.gpubot.app.Main")
                    + " --home '" + home + "'\n");
            try (TmuxSession terminal = TmuxSession.start("sh " + script, 120, 36)) {
                terminal.awaitScreen("Choose [4]: ");
                terminal.type("3");
                terminal.awaitScreen("Type I UNDERSTAND THE RISKS to continue: ");
                terminal.type("I UNDERSTAND THE RISKS");
                String offered = terminal.awaitScreen("Session to resume (Enter for a new one)");
                assertThat(offered).contains("menu-live  XBTUSDTM 1m");
                terminal.type("menu-live");
                terminal.awaitScreen("Exchange URL");
                terminal.type(sandbox.baseUrl().toString());

                String dashboard = terminal.awaitScreenAll("LIVE on sandbox " + sandbox.baseUrl(), "menu-live", "q quit");
                assertThat(dashboard).contains("menu-live", "XBTUSDTM 1m");
                // Two more live bars on the resumed session.
                long resumedDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (SessionPacing.lastJournalledBar(journal) < barsBefore + 2 * minute && System.nanoTime() < resumedDeadline) {
                    pacing.stepWhenCaughtUp();
                    Thread.sleep(20);
                }
                assertThat(SessionPacing.lastJournalledBar(journal)).as("the resumed session goes on:\n" + terminal.capture())
                        .isGreaterThanOrEqualTo(barsBefore + 2 * minute);

                // one key, no Enter: the dashboard takes single keys, and an Enter left over after it closed would answer the menu's next question
                terminal.keys("q");
                String summary = terminal.awaitScreen("Session menu-live ended: stopped by the user");
                assertThat(summary).contains("Resume: gpubot live --session menu-live");
                terminal.awaitScreen("Choose [3]: ");
                terminal.type("0");
                boolean ended = terminal.awaitEnd();
                assertThat(ended).as(() -> "gpubot ended after 0; the screen:\n" + quietly(() -> terminal.capture("-S", "-200"))
                        + "\nits threads:\n" + TmuxSession.threadsOfJavaProcessesMentioning(home.toString())).isTrue();
            }
            List<String> orders = LiveSandboxCliTest.exchangeOrders(sandbox);
            assertThat(new HashSet<>(orders)).as("no client order id twice").hasSize(orders.size());
            assertThat(orders).as("every order sent before the resume is still there, once").containsAll(ordersBefore);
            assertThat(new HashSet<>(orders)).as("every order on the exchange is journalled, and the other way round")
                    .isEqualTo(LiveSandboxCliTest.journalledOrders(journal));
        }
    }

    private static String quietly(java.util.concurrent.Callable<String> read) {
        try {
            return read.call();
        } catch (Exception | AssertionError e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
