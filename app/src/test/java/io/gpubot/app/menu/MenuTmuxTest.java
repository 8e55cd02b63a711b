package io.gpubot.app.menu;

import io.gpubot.app.TmuxSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The menu as a person sees it: {@code gpubot} started in a real terminal (a detached tmux session, 100x30),
 * driven with key presses, read back from the screen. Skipped where tmux is not installed.
 *
 * <p>The program runs from the test's own classpath ({@code target/classes} and the dependencies), which
 * exists during {@code mvn test}, before the jar is packaged. With {@code -Dmenu.screen=FILE} the first menu
 * screen is saved there (how docs/screens/menu.txt was made).
 */
class MenuTmuxTest {

    @TempDir
    Path dir;

    @Test
    void backtestFromTheMenuInARealTerminalThenCtrlCBacksOutThenQuit() throws Exception {
        assumeTrue(TmuxSession.available(), "tmux is not installed");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path script = dir.resolve("gpubot.sh");
        Files.writeString(script, "exec " + TmuxSession.javaCommand("io.gpubot.app.Main") + " --home '" + home + "'\n");
        try (TmuxSession terminal = TmuxSession.start("sh " + script, 100, 30)) {
            String menu = terminal.awaitScreen("Choose [4]: ");
            assertThat(menu).contains("1  Evolve", "2  Paper trading", "3  Live trading", "4  Backtest a bot", "0  Quit");
            String saveTo = System.getProperty("menu.screen");
            if (saveTo != null) Files.writeString(Path.of(saveTo), menu.replace(home.toString(), "~/.gpu_bot").stripTrailing() + "\n");

            terminal.type("4");
            terminal.awaitScreen("Bot [t]: ");
            terminal.type("t");
            terminal.awaitScreen("[bundled:btc-usd-4h]: ");
            terminal.type("");
            terminal.awaitScreen("From (UTC date) [none]: ");
            terminal.type("");
            terminal.awaitScreen("To (UTC date) [none]: ");
            terminal.type("");
            terminal.awaitScreen("Starting balance USDT [1000]: ");
            terminal.type("lots");
            terminal.awaitScreen("'lots' is not a number");
            terminal.type("1500");
            String done = terminal.awaitScreen("Net profit:");
            assertThat(done).contains("= gpubot backtest --bot " + home.resolve("bots/btc-4h-trend.json") + " --data bundled:btc-usd-4h --balance 1500",
                    "Balance:       1,500.00 -> ");
            terminal.awaitScreen("Choose [4]: ", 2);

            // Ctrl-C at a prompt backs out to the menu instead of ending the program.
            terminal.type("4");
            terminal.awaitScreen("Bot [" + home.resolve("bots/btc-4h-trend.json") + "]: ");
            terminal.keys("C-c");
            terminal.awaitScreen("back to the menu");
            terminal.awaitScreen("Choose [4]: ", 3);
            assertThat(Files.readString(home.resolve("last-run.json"))).contains("\"balance\" : \"1500\"");

            terminal.type("0");
            assertThat(terminal.awaitEnd()).as("gpubot ended after 0").isTrue();
        }
    }

    @Test
    void ctrlCStopsARunningModeAndReturnsToTheMenu() throws Exception {
        assumeTrue(TmuxSession.available(), "tmux is not installed");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path script = dir.resolve("gpubot.sh");
        Files.writeString(script, "exec " + TmuxSession.javaCommand("io.gpubot.app.Main") + " --home '" + home + "'\n");
        try (TmuxSession terminal = TmuxSession.start("sh " + script, 100, 30)) {
            terminal.awaitScreen("Choose [4]: ");
            terminal.type("7");
            for (String question : new String[]{"Candles to replay", "Start the exchange's clock at", "Port on 127.0.0.1", "Replay speed",
                    "Account balance USDT"}) {
                terminal.awaitScreen(question);
                terminal.type("");
            }
            // The clock starts 1,000 bars in, so bots that connect have warm-up history before it.
            terminal.awaitScreen("= gpubot sandbox --data bundled:btc-usd-4h --from 2016-10-31T20:00 --port 0 --speed 60 --start-balance 10000");
            terminal.awaitScreen("sandbox XBTUSDTM 4h (bundled:btc-usd-4h) at http://127.0.0.1:");
            terminal.keys("C-c");
            terminal.awaitScreen("interrupted: back to the menu");
            terminal.awaitScreen("Choose [7]: ");
            terminal.type("0");
            assertThat(terminal.awaitEnd()).as("gpubot ended after 0").isTrue();
        }
    }
}
