package io.gpubot.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program in a real terminal for tests: a detached tmux session on a private tmux server (its own
 * socket, so a user's tmux is never touched), driven with keys and read back with {@code capture-pane}.
 */
public final class TmuxSession implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SESSION = "test";

    private final String socket = "gpubot-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    /** True when tmux is installed (tests that need it are skipped otherwise). */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The java binary and classpath of this test JVM (target/classes first), to start gpubot classes in the terminal. */
    public static String javaCommand(String mainClass) {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        cp = Path.of("target/classes").toAbsolutePath() + java.io.File.pathSeparator + Path.of("target/test-classes").toAbsolutePath()
                + java.io.File.pathSeparator + cp;
        return "'" + javaBinary + "' -cp '" + cp + "' " + mainClass;
    }

    /** Starts {@code shellCommand} in a terminal of this size. */
    public static TmuxSession start(String shellCommand, int columns, int rows) throws Exception {
        TmuxSession t = new TmuxSession();
        t.tmux("new-session", "-d", "-s", SESSION, "-x", Integer.toString(columns), "-y", Integer.toString(rows), shellCommand);
        return t;
    }

    /** Types the text, then Enter. */
    public void type(String text) throws Exception {
        if (!text.isEmpty()) tmux("send-keys", "-t", SESSION, "-l", text);
        tmux("send-keys", "-t", SESSION, "Enter");
    }

    /** Presses keys in tmux's names: {@code C-c}, {@code Tab}, or a letter. */
    public void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    public String awaitScreen(String text) throws Exception {
        return awaitScreen(text, 1);
    }

    /**
     * Polls the visible screen until it shows every one of {@code texts} at once (a full-screen redraw is
     * not atomic: a capture can land half way); returns that screen.
     */
    public String awaitScreenAll(String... texts) throws Exception {
        long until = System.nanoTime() + PATIENCE.toNanos();
        String screen = "";
        while (System.nanoTime() < until) {
            screen = capture();
            String shown = screen;
            if (java.util.Arrays.stream(texts).allMatch(shown::contains)) return screen;
            Thread.sleep(100);
        }
        throw new AssertionError(java.util.Arrays.toString(texts) + " did not all appear; the screen:\n" + screen);
    }

    /** Polls the pane (with its scroll-back) until {@code text} shows {@code times} times; returns the visible screen. */
    public String awaitScreen(String text, int times) throws Exception {
        long until = System.nanoTime() + PATIENCE.toNanos();
        String screen = "";
        while (System.nanoTime() < until) {
            screen = capture("-S", "-200");
            if (count(screen, text) >= times) return capture();
            Thread.sleep(100);
        }
        throw new AssertionError("'" + text + "' (x" + times + ") did not appear; the screen:\n" + screen);
    }

    /** The visible screen (or a range of the scroll-back). */
    public String capture(String... range) throws Exception {
        List<String> args = new ArrayList<>(List.of("capture-pane", "-p", "-J", "-t", SESSION));
        args.addAll(List.of(range));
        return tmux(args.toArray(String[]::new));
    }

    /** Waits until the program has ended (the session closes with it); false when it still runs after the patience. */
    public boolean awaitEnd() throws InterruptedException {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (running() && System.nanoTime() < until) Thread.sleep(100);
        return !running();
    }

    /**
     * The thread dumps ({@code jcmd PID Thread.print}) of the running java processes whose command line
     * contains {@code text}: what a program that did not end was waiting for, for a failing test's message.
     */
    public static String threadsOfJavaProcessesMentioning(String text) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        StringBuilder dumps = new StringBuilder();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(text) && c.contains("java")).orElse(false))
                .forEach(p -> {
                    dumps.append("process ").append(p.pid()).append('\n');
                    try {
                        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()), "Thread.print").redirectErrorStream(true).start();
                        dumps.append(new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                        dump.waitFor(30, TimeUnit.SECONDS);
                    } catch (IOException e) {
                        dumps.append("(jcmd: ").append(e.getMessage()).append(")\n");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        return dumps.length() == 0 ? "(no such java process)" : dumps.toString();
    }

    public boolean running() {
        return quiet("has-session", "-t", SESSION);
    }

    @Override
    public void close() {
        quiet("kill-server");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
        return n;
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(command + " failed: " + output);
        return output;
    }

    private boolean quiet(String... args) {
        try {
            tmux(args);
            return true;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }
}
