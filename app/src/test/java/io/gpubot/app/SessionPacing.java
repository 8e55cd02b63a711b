package io.gpubot.app;

import io.gpubot.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Moves a test's sandbox clock on by a bar once the session under test has journalled the bar that closed
 * last. A session that lags a whole bar behind the market rightly sends (and books) nothing for that bar,
 * so a test that expects trades must not outrun it, however busy the machine.
 */
public final class SessionPacing {

    private final Sandbox sandbox;
    private final Path journal;
    private final long barMillis;
    private long lastStep;

    public SessionPacing(Sandbox sandbox, Path journal, long barMillis) {
        this.sandbox = sandbox;
        this.journal = journal;
        this.barMillis = barMillis;
    }

    /**
     * Steps one bar when the session has caught up (or, before its first live bar, once its candle feed is
     * subscribed, and again when nothing has come for 3 s); returns whether it stepped.
     */
    public boolean stepWhenCaughtUp() {
        boolean feedUp = sandbox.subscribedTopics().stream().anyMatch(t -> t.contains("limitCandle"));
        if (!feedUp) return false;
        long journalled = lastJournalledBar(journal);
        long closed = sandbox.exchange().currentBarTime() - barMillis;
        boolean stalled = System.nanoTime() - lastStep > 3_000_000_000L;
        if (journalled >= closed || journalled == Long.MIN_VALUE && (lastStep == 0 || stalled)) {
            sandbox.step(1);
            lastStep = System.nanoTime();
            return true;
        }
        return false;
    }

    /** The open time of the newest live bar in a session's journal, read beside the running session. */
    public static long lastJournalledBar(Path file) {
        if (!Files.exists(file)) return Long.MIN_VALUE;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet r = db.createStatement().executeQuery("SELECT MAX(t) FROM bar")) {
            long t = r.next() ? r.getLong(1) : 0;
            return r.wasNull() ? Long.MIN_VALUE : t;
        } catch (SQLException e) {
            return Long.MIN_VALUE;   // not created yet, or busy: ask again
        }
    }
}
