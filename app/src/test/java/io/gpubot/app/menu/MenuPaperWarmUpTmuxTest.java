package io.gpubot.app.menu;

import io.gpubot.app.BundledDataset;
import io.gpubot.app.SessionPacing;
import io.gpubot.app.TmuxSession;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contracts;
import io.gpubot.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Paper from the menu (mode 2, tmux 100x32) against a sandbox whose clock starts 1,000 bars into the bundled BTC
 * 4h data, as the menu's Sandbox mode now defaults to: on the session's very first live bar the dashboard already
 * shows every indicator of the built-in bot with a value and a consensus signal, because the session warmed up on
 * the sandbox's history before that bar. Skipped without tmux.
 */
class MenuPaperWarmUpTmuxTest {

    @TempDir
    Path dir;

    @Test
    void paperAgainstASandboxWithHistoryShowsWarmIndicatorsOnItsFirstLiveBar() throws Exception {
        assumeTrue(TmuxSession.available(), "tmux is not installed");
        CandleSeries btc = BundledDataset.named("bundled:btc-usd-4h").read().series();
        int start = 1_000;   // Menu's WARM_UP_BARS: the sandbox question's default start
        Path home = Files.createDirectories(dir.resolve("home"));
        Path journal = home.resolve("sessions").resolve("warm-paper.db");
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
            terminal.type("");
            terminal.awaitScreen("Starting balance USDT (simulated) [1000]: ");
            terminal.type("");
            terminal.awaitScreen("Session name (to resume it later) [none]: ");
            terminal.type("warm-paper");
            terminal.awaitScreen("Exchange URL");
            terminal.type(sandbox.baseUrl().toString());

            // The first live bar: the sandbox steps once the session's candle feed is subscribed.
            SessionPacing pacing = new SessionPacing(sandbox, journal, btc.timeframe().millis());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            while (SessionPacing.lastJournalledBar(journal) == Long.MIN_VALUE && System.nanoTime() < deadline) {
                pacing.stepWhenCaughtUp();
                Thread.sleep(20);
            }
            long firstBar = SessionPacing.lastJournalledBar(journal);
            assertThat(firstBar).as("a live bar journalled:\n" + terminal.capture()).isNotEqualTo(Long.MIN_VALUE);
            // the dashboard of the first live bar, once drawn whole
            String dashboard = terminal.awaitScreenAll("Bars 1 ", "HEIKINASHI", "PIVOT", "SAR", "Signal:", "q quit");
            assertThat(SessionPacing.lastJournalledBar(journal)).as("still on the first live bar").isEqualTo(firstBar);
            assertThat(firstBar).as("the first live bar is the sandbox's start, not the data's first bar")
                    .isGreaterThanOrEqualTo(btc.time(start));

            assertThat(dashboard).contains("PAPER", "warm-paper", "XBTUSDTM 4h", "HEIKINASHI", "PIVOT", "SAR", "Signal:");
            assertThat(dashboard).as("every indicator already has a value on the first live bar:\n" + dashboard)
                    .doesNotContain("warming up").doesNotContain("no bar yet");
            assertThat(dashboard).containsPattern("\\(bullish \\d, bearish \\d, neutral \\d of \\d\\)");

            // one key, no Enter: the dashboard takes single keys, and an Enter left over after it closed would answer the menu's next question
            terminal.keys("q");
            terminal.awaitScreen("Session warm-paper ended: stopped by the user");
            terminal.awaitScreen("Choose [2]: ");
            terminal.type("0");
            assertThat(terminal.awaitEnd()).as("gpubot ended after 0").isTrue();
        }
        assertThat(journal).exists();
    }
}
