package io.gpubot.app.dashboard;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import io.gpubot.live.SessionControl;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The one way to watch a running session: the full-screen dashboard on a terminal, else line output.
 *
 * <pre>{@code
 * SessionControl control = engine.start(...);      // the session runs on its own thread
 * Dashboards.show(control, !noTui, out);           // returns when it finished or the user quit
 * engine.awaitEnd();                               // after a quit the session is still stopping
 * }</pre>
 */
public final class Dashboards {

    private Dashboards() {
    }

    /**
     * Shows the session until it has finished or the user quit ({@code q}, which calls
     * {@link SessionControl#requestStop()}). The full screen is used when {@code tui} is asked for and
     * standard output is a terminal; otherwise, or when the terminal cannot be opened, lines go to {@code out}.
     */
    public static void show(SessionControl control, boolean tui, PrintWriter out) {
        if (tui && System.console() != null) {
            try (Terminal terminal = new DefaultTerminalFactory()
                    .setForceTextTerminal(true)
                    // Ctrl-C arrives as a key and quits the dashboard cleanly instead of killing the JVM mid-bar.
                    .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                    .createTerminal();
                 AutoCloseable quiet = io.gpubot.app.Logging.consoleMuted()) {
                new Dashboard(control, terminal).run();
                return;
            } catch (Exception e) {
                out.println("warning: cannot open the full-screen dashboard (" + e.getMessage() + "); showing lines instead");
            }
        }
        new PlainDashboard(control, out).run();
    }
}
