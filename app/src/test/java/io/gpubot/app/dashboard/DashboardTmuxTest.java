package io.gpubot.app.dashboard;

import io.gpubot.app.TmuxSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The full-screen dashboard on a real terminal (tmux, 80x24) through {@link Dashboards#show}: drawn, kill
 * switch with its y/n question, "session ended" and a key to leave, the terminal restored afterwards.
 */
class DashboardTmuxTest {

    @TempDir
    Path dir;

    @Test
    void fullScreenOnARealTerminalWithTheKillSwitch() throws Exception {
        assumeTrue(TmuxSession.available(), "tmux is not installed");
        Path script = dir.resolve("dashboard.sh");
        Files.writeString(script, "exec " + TmuxSession.javaCommand(DashboardDemo.class.getName()) + "\n");
        try (TmuxSession terminal = TmuxSession.start("sh " + script, 80, 24)) {
            String screen = terminal.awaitScreen("k kill switch");
            // The example bot's position as the trading rules put it (DashboardDemo shows RealSession's runner).
            io.gpubot.core.trade.Position p = new RealSession().runner.trader().position();
            assertThat(screen).contains("gpubot PAPER", "Bot btc-4h-trend  Signal: NO SIGNAL (bullish 2, bearish 0, neutral 1 of 3)",
                    "HEIKINASHI", "SAR", "[acceleration=0.03, maximum=0.1]",
                    String.format(java.util.Locale.ROOT, "Position: LONG %d @ %.2f", p.contracts(), p.entryPrice()), "Total PnL: +$",
                    "feed reconnected after 3 s");
            terminal.keys("k");
            terminal.awaitScreen("KILL SWITCH: cancel every order, close every position at market, stop? y/n");
            terminal.keys("y");
            terminal.awaitScreen("session ended — press any key");
            terminal.keys("Space");
            String after = terminal.awaitScreen("dashboard closed:");
            assertThat(after).contains("dashboard closed: stop requested false, kill kill switch pressed on the dashboard");
        }
    }
}
