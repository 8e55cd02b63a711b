package io.gpubot.app.dashboard;

import io.gpubot.live.BotSnapshot;
import io.gpubot.live.SessionControl;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.SessionSnapshot;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dashboard as lines, for {@code --no-tui}, logs and pipes: each new event on its own line, then one
 * status line per new bar (time, price, every bot's signal with its counts, position and equity).
 */
public final class PlainDashboard {

    private final SessionControl control;
    private final PrintWriter out;
    private final long pollMillis;

    private long printedBars = -1;
    private SessionEvent lastPrinted;

    public PlainDashboard(SessionControl control, PrintWriter out) {
        this(control, out, 200);
    }

    PlainDashboard(SessionControl control, PrintWriter out, long pollMillis) {
        this.control = control;
        this.out = out;
        this.pollMillis = pollMillis;
    }

    /** Prints until the session has finished; Ctrl-C in the menu (this thread interrupted) asks the session to stop. */
    public void run() {
        while (true) {
            // finished() is read before the snapshot, so the last snapshot printed is the final one.
            boolean finished = control.finished();
            SessionSnapshot s = control.snapshot();
            printUpdates(s);
            if (finished || s.stopped()) {
                out.println("session ended after " + s.bars() + " bars");
                out.flush();
                return;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                // The user wants out; the caller waits for the engine to wind down.
                control.requestStop();
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String printedExchange;

    /** Prints what is new in this snapshot: events first (they happened during the bar), then the bar's status line. */
    void printUpdates(SessionSnapshot s) {
        for (SessionEvent e : unseen(s.events())) {
            out.println(SnapshotText.event(e));
            lastPrinted = e;
        }
        if (s.bars() != printedBars && s.barTime() != Long.MIN_VALUE) {
            out.println(statusLine(s));
            printedBars = s.bars();
        }
        if (s.exchange() != null && !s.exchange().equals(printedExchange)) {
            out.println("exchange: " + s.exchange());
            printedExchange = s.exchange();
        }
        out.flush();
    }

    /** {@code 2024-01-01 04:00  price 43,000.5  btc-4h-trend BUY (bullish 3, ...) LONG 12 @ 42,950.0 equity $1,012.34}. */
    static String statusLine(SessionSnapshot s) {
        String bots = s.bots().stream().map(PlainDashboard::botStatus).collect(Collectors.joining(" | "));
        return SnapshotText.minutes(s.barTime()) + "  price " + SnapshotText.number(s.price()) + "  " + bots;
    }

    private static String botStatus(BotSnapshot b) {
        String position = b.position() == null ? "flat"
                : String.format(Locale.ROOT, "%s %d @ %s", b.position().side(), b.position().contracts(), SnapshotText.number(b.position().entryPrice()));
        return b.name() + " " + SnapshotText.consensus(b.consensus()) + " " + position + " equity " + SnapshotText.money(b.equity());
    }

    /** The events after the last one printed (the snapshot keeps only the latest few, oldest first). */
    private List<SessionEvent> unseen(List<SessionEvent> events) {
        if (lastPrinted == null) return events;
        int at = events.lastIndexOf(lastPrinted);
        return at < 0 ? events : events.subList(at + 1, events.size());
    }
}
