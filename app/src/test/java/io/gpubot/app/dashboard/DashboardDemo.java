package io.gpubot.app.dashboard;

import java.io.PrintWriter;

/**
 * Shows the dashboard of a {@link RealSession} through {@link Dashboards#show} in whatever terminal it runs
 * in (the tmux test starts it), and ends the session a moment after the kill switch; then prints what the
 * session was asked to do, and waits to be read.
 */
public final class DashboardDemo {

    private DashboardDemo() {
    }

    public static void main(String[] args) throws Exception {
        RealSession session = new RealSession();
        Thread engine = new Thread(() -> {
            while (session.killReason == null && !session.stopRequested) sleep(50);
            sleep(1000);
            session.finished = true;
        });
        engine.setDaemon(true);
        engine.start();
        PrintWriter out = new PrintWriter(System.out, true);
        Dashboards.show(session, true, out);
        out.println("dashboard closed: stop requested " + session.stopRequested + ", kill " + session.killReason);
        sleep(60_000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
