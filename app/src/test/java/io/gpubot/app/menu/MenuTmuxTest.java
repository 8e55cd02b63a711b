package io.gpubot.app.menu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final String socket = "gpubot-menu-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final String session = "menu";

    @Test
    void backtestFromTheMenuInARealTerminalThenCtrlCBacksOutThenQuit() throws Exception {
        assumeTrue(tmuxWorks(), "tmux is not installed");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path script = dir.resolve("gpubot.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "exec '" + java + "' -cp '" + classpath() + "' io.gpubot.app.Main --home '" + home + "'\n");
        try {
            tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "sh " + script);
            String menu = awaitScreen("Choose [4]: ");
            assertThat(menu).contains("1  Evolve", "2  Paper trading", "3  Live trading", "4  Backtest a bot", "0  Quit");
            String saveTo = System.getProperty("menu.screen");
            if (saveTo != null) Files.writeString(Path.of(saveTo), menu.replace(home.toString(), "~/.gpu_bot").stripTrailing() + "\n");

            type("4");
            awaitScreen("Bot [t]: ");
            type("t");
            awaitScreen("[bundled:btc-usd-4h]: ");
            type("");
            awaitScreen("From (UTC date) [none]: ");
            type("");
            awaitScreen("To (UTC date) [none]: ");
            type("");
            awaitScreen("Starting balance USDT [1000]: ");
            type("lots");
            awaitScreen("'lots' is not a number");
            type("1500");
            String done = awaitScreen("Net profit:");
            assertThat(done).contains("= gpubot backtest --bot " + home.resolve("bots/btc-4h-trend.json") + " --data bundled:btc-usd-4h --balance 1500",
                    "Balance:       1,500.00 -> ");
            awaitScreen("Choose [4]: ", 2);

            // Ctrl-C at a prompt backs out to the menu instead of ending the program.
            type("4");
            awaitScreen("Bot [" + home.resolve("bots/btc-4h-trend.json") + "]: ");
            tmux("send-keys", "-t", session, "C-c");
            awaitScreen("back to the menu");
            awaitScreen("Choose [4]: ", 3);
            assertThat(Files.readString(home.resolve("last-run.json"))).contains("\"balance\" : \"1500\"");

            type("0");
            long until = System.nanoTime() + PATIENCE.toNanos();
            while (tmuxQuiet("has-session", "-t", session) && System.nanoTime() < until) Thread.sleep(100);
            assertThat(tmuxQuiet("has-session", "-t", session)).as("gpubot ended after 0").isFalse();
        } finally {
            tmuxQuiet("kill-server");
        }
    }

    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // Our own classes first: the test runner's classpath may start with its booter.
        return Path.of("target/classes").toAbsolutePath() + File.pathSeparator + cp;
    }

    private void type(String text) throws Exception {
        if (!text.isEmpty()) tmux("send-keys", "-t", session, "-l", text);
        tmux("send-keys", "-t", session, "Enter");
    }

    private String awaitScreen(String text) throws Exception {
        return awaitScreen(text, 1);
    }

    /** Polls the pane (with its scroll-back) until {@code text} appears {@code times} times; returns the screen. */
    private String awaitScreen(String text, int times) throws Exception {
        long until = System.nanoTime() + PATIENCE.toNanos();
        String screen = "";
        while (System.nanoTime() < until) {
            screen = capture("-S", "-200");
            if (count(screen, text) >= times) return capture();
            Thread.sleep(100);
        }
        throw new AssertionError("'" + text + "' (x" + times + ") did not appear; the screen:\n" + screen);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
        return n;
    }

    private String capture(String... range) throws Exception {
        List<String> args = new ArrayList<>(List.of("capture-pane", "-p", "-J", "-t", session));
        args.addAll(List.of(range));
        return tmux(args.toArray(String[]::new));
    }

    private static boolean tmuxWorks() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(command + " failed: " + output);
        return output;
    }

    private boolean tmuxQuiet(String... args) {
        try {
            tmux(args);
            return true;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }
}
