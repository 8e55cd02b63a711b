package io.gpubot.app.menu;

import io.gpubot.app.BundledDataset;
import io.gpubot.app.TmuxSession;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contracts;
import io.gpubot.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Mode 2 from the menu in a real terminal (tmux, 100x32) against the sandbox on 127.0.0.1: the menu asks its
 * settings, runs {@code gpubot paper}, the full-screen dashboard shows the session trading the built-in bot on
 * real BTC candles, {@code q} ends it with the summary, and the menu comes back. Skipped without tmux.
 * With {@code -Ddashboard.screen=FILE} the dashboard screen is saved there (docs/screens/dashboard-paper.txt), and
 * with its colours as ANSI escapes beside it in FILE.ansi (the source of docs/screens/dashboard-paper.png).
 */
class MenuPaperTmuxTest {

    @TempDir
    Path dir;

    @Test
    void paperTradingFromTheMenuAgainstTheSandboxShowsTheDashboardAndReturnsToTheMenu() throws Exception {
        assumeTrue(TmuxSession.available(), "tmux is not installed");
        CandleSeries btc = BundledDataset.named("bundled:btc-usd-4h").read().series();
        int start = btc.ceilingIndex(java.time.Instant.parse("2024-02-01T00:00:00Z").toEpochMilli());
        Path home = Files.createDirectories(dir.resolve("home"));
        Path script = dir.resolve("gpubot.sh");
        Files.writeString(script, "exec " + TmuxSession.javaCommand("io.gpubot.app.Main") + " --home '" + home + "'\n");
        try (Sandbox sandbox = Sandbox.builder(btc, Contracts.get("XBTUSDTM")).from(btc.time(start)).start();
             TmuxSession terminal = TmuxSession.start("sh " + script, 100, 32)) {
            terminal.awaitScreen("Choose [4]: ");
            terminal.type("2");
            terminal.awaitScreen("Set them up now (y/n) [n]: ");
            terminal.type("");
            terminal.awaitScreen("Bot [t]: ");
            terminal.type("t");
            terminal.awaitScreen("Symbol (contract or pair) [XBTUSDTM]: ");
            terminal.type("");
            terminal.awaitScreen("Timeframe [4h]: ");
            terminal.type("3m");
            terminal.awaitScreen("supported");   // an unsupported timeframe is explained and asked again
            terminal.type("4h");
            terminal.awaitScreen("Starting balance USDT (simulated) [1000]: ");
            terminal.type("");
            terminal.awaitScreen("Session name (to resume it later) [none]: ");
            terminal.type("menu-paper");
            terminal.awaitScreen("Exchange URL");
            terminal.type(sandbox.baseUrl().toString());

            String dashboard = null;
            io.gpubot.app.SessionPacing pacing = new io.gpubot.app.SessionPacing(sandbox, home.resolve("sessions").resolve("menu-paper.db"),
                    btc.timeframe().millis());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
            for (int bar = 0; bar < 400 && System.nanoTime() < deadline; ) {
                Thread.sleep(20);
                if (!pacing.stepWhenCaughtUp()) continue;
                bar++;
                String screen = terminal.capture();
                if ((screen.contains("Position: LONG") || screen.contains("Position: SHORT")) && screen.contains("Closed: ")
                        && !screen.contains("Closed: 0 ")) {
                    // The clock stands still until the next step, so the screen settles: wait for the position's line
                    // (drawn after the header) rather than catching a redraw half done.
                    String settled = screen;
                    for (int tries = 0; tries < 100 && !settled.contains("liq "); tries++) {
                        Thread.sleep(100);
                        settled = terminal.capture();
                    }
                    dashboard = settled;
                    break;
                }
            }
            assertThat(dashboard).as("the dashboard with a position and closed trades:\n" + terminal.capture()).isNotNull();
            assertThat(dashboard).contains("PAPER", "menu-paper", "XBTUSDTM 4h", "Bot btc-4h-trend", "Signal:", "bullish", "bearish",
                    "HEIKINASHI", "PIVOT", "SAR", "[period=20]", "Balance", "Equity", "Realized PnL", "Unrealized PnL", "Total Fees", "Funding",
                    "Win Rate", "TP ", "SL ", "liq ", "q quit", "k kill switch");
            String saveTo = System.getProperty("dashboard.screen");
            if (saveTo != null) {
                Files.writeString(Path.of(saveTo), dashboard.stripTrailing() + "\n");
                Files.writeString(Path.of(saveTo + ".ansi"), terminal.capture("-e"));
            }

            // one key, no Enter: the dashboard takes single keys, and an Enter left over after it closed would answer the menu's next question
            terminal.keys("q");
            String summary = terminal.awaitScreen("Session menu-paper ended: stopped by the user");
            assertThat(summary).contains("btc-4h-trend").contains("Journal: ");
            terminal.awaitScreen("Choose [2]: ");
            terminal.type("0");
            assertThat(terminal.awaitEnd()).as("gpubot ended after 0").isTrue();
        }
        assertThat(home.resolve("sessions").resolve("menu-paper.db")).exists();
    }
}
