package io.gpubot.app.menu;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs what the menu built as a real {@code gpubot} command line: prints the equivalent command, then runs
 * it through picocli on a worker thread, so that Ctrl-C can interrupt it and return to the menu.
 */
final class CommandRunner {

    /** How long Ctrl-C waits for an interrupted command to wind down before the menu takes over again. */
    private static final long WIND_DOWN_MILLIS = 5_000;

    private final Function<String[], Integer> gpubot;
    private final List<String> globalArgs;
    private final PrintWriter out;
    private final AtomicReference<Thread> running = new AtomicReference<>();
    private volatile boolean cancelled;

    /**
     * @param gpubot     runs one command line (with the same picocli set-up as {@code Main}), returns its exit code
     * @param globalArgs put before every command, e.g. {@code --home DIR}
     */
    CommandRunner(Function<String[], Integer> gpubot, List<String> globalArgs, PrintWriter out) {
        this.gpubot = gpubot;
        this.globalArgs = List.copyOf(globalArgs);
        this.out = out;
    }

    /** Ctrl-C: interrupts the command running now; true when there was one. */
    boolean interrupt() {
        Thread t = running.get();
        if (t == null) return false;
        cancelled = true;
        t.interrupt();
        return true;
    }

    /** Prints {@code = gpubot ...} and runs it; returns the exit code (130 when interrupted by Ctrl-C). */
    int run(List<String> args) {
        out.println("= gpubot " + commandLine(args));
        out.flush();
        List<String> all = new ArrayList<>(globalArgs);
        all.addAll(args);
        AtomicInteger code = new AtomicInteger(-1);
        Thread worker = new Thread(() -> code.set(gpubot.apply(all.toArray(String[]::new))), "gpubot-menu-command");
        worker.setDaemon(true);
        cancelled = false;
        running.set(worker);
        worker.start();
        try {
            while (worker.isAlive()) {
                worker.join(100);
                if (cancelled) {
                    // A few seconds to stop cleanly (the sandbox saves its state); then the menu takes over.
                    worker.join(WIND_DOWN_MILLIS);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.set(null);
        }
        if (cancelled || code.get() < 0) {
            out.println("interrupted: back to the menu");
            out.flush();
            return 130;
        }
        out.flush();
        return code.get();
    }

    /** The arguments as a shell would need them: quoted when they hold spaces or quotes. */
    static String commandLine(List<String> args) {
        StringBuilder line = new StringBuilder();
        for (String a : args) {
            if (line.length() > 0) line.append(' ');
            line.append(a.isEmpty() || a.matches(".*[\\s'\"\\\\$`].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return line.toString();
    }
}
