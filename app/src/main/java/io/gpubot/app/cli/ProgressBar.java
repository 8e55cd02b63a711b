package io.gpubot.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA, redrawn in place on a terminal; elsewhere (a log, a pipe)
 * one plain line every few seconds.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long QUIET_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final String label;
    private final boolean inPlace;
    private long lastPrint = Long.MIN_VALUE;
    private boolean drawn;

    ProgressBar(PrintWriter out, String label, boolean inPlace) {
        this.out = out;
        this.label = label;
        this.inPlace = inPlace;
    }

    /** A bar drawn in place when the process talks to a terminal. */
    static ProgressBar forConsole(PrintWriter out, String label) {
        return new ProgressBar(out, label, System.console() != null);
    }

    /** Whether the bar redraws one line in place (a terminal) rather than printing lines. */
    boolean inPlace() {
        return inPlace;
    }

    synchronized void update(long done, long total, String unit, double perSecond, Duration eta) {
        long now = System.nanoTime();
        boolean last = done >= total;
        if (!inPlace && !last && lastPrint != Long.MIN_VALUE && now - lastPrint < QUIET_INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        out.print((inPlace ? "\r" : "") + line(done, total, unit, perSecond, eta) + (inPlace ? "" : "\n"));
        out.flush();
        drawn = true;
    }

    /** Ends the bar's line. */
    synchronized void finish() {
        if (inPlace && drawn) {
            out.println();
            out.flush();
        }
        drawn = false;
    }

    String line(long done, long total, String unit, double perSecond, Duration eta) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %,d/%,d %s  %.1f %s/s  ETA %s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), fraction * 100, done, total, unit, perSecond, unit, eta == null ? "--:--" : clock(eta));
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
