package io.gpubot.app.menu;

import io.gpubot.app.cli.Prompts;
import io.gpubot.core.UserException;

import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The menu's answers, read through {@link Prompts} (the console, or lines of standard input) on a helper
 * thread so that Ctrl-C can back out of a waiting prompt: a blocked console read cannot be interrupted,
 * but the menu can stop waiting for it.
 */
final class MenuInput {

    private final Prompts prompts;
    private final PrintWriter out;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gpubot-menu-input");
        t.setDaemon(true);
        return t;
    });
    /** A read the user backed out of: its line, when it comes, answers the next question. */
    private Future<String> pending;
    private volatile boolean interrupted;

    MenuInput(Prompts prompts, PrintWriter out) {
        this.prompts = prompts;
        this.out = out;
    }

    /** Ctrl-C: the question waiting now (if any) gives up. */
    void interrupt() {
        interrupted = true;
    }

    /**
     * One answer, stripped.
     *
     * @throws BackToMenu when Ctrl-C was pressed while waiting
     * @throws InputEnded when there is no more input
     */
    String line(String question) {
        interrupted = false;
        Future<String> answer;
        if (pending != null) {
            // The console still owns the earlier read; show the new question and let that read answer it.
            out.print(question);
            out.flush();
            answer = pending;
            pending = null;
        } else {
            answer = reader.submit(() -> {
                try {
                    return prompts.line(question, null);
                } catch (UserException ended) {
                    return null;
                }
            });
        }
        while (true) {
            try {
                String line = answer.get(100, TimeUnit.MILLISECONDS);
                if (line == null) throw new InputEnded();
                return line;
            } catch (TimeoutException stillWaiting) {
                if (interrupted) {
                    pending = answer;
                    out.println();
                    throw new BackToMenu("Ctrl-C");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackToMenu("interrupted");
            } catch (ExecutionException e) {
                throw new InputEnded();
            }
        }
    }

    void close() {
        reader.shutdownNow();
    }
}
