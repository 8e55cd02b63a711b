package io.gpubot.live;

import io.gpubot.core.trade.ExitReason;
import io.gpubot.core.trade.Position;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A trading session's record, one SQLite file in WAL mode: the session, every bar processed, every
 * signal, order decision, entry, exit, funding settlement, refusal, equity snapshot and error. What
 * belongs to one bar is committed together ({@link #commit}), so a crash never leaves half a bar.
 * Single-threaded: the engine owns it.
 */
public final class Journal implements AutoCloseable {

    private static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Connection db;
    private final PreparedStatement insertBar;
    private final PreparedStatement insertSignal;
    private final PreparedStatement insertOrder;
    private final PreparedStatement insertEntry;
    private final PreparedStatement insertExit;
    private final PreparedStatement insertFunding;
    private final PreparedStatement insertRefusal;
    private final PreparedStatement insertEquity;
    private final PreparedStatement insertError;

    private Journal(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        insertBar = db.prepareStatement("INSERT INTO bar (t, o, h, l, c, v) VALUES (?, ?, ?, ?, ?, ?)");
        insertSignal = db.prepareStatement("INSERT INTO signal (bot, t, signal) VALUES (?, ?, ?)");
        insertOrder = db.prepareStatement("INSERT INTO order_decision (bot, t, side, exit_position, enter_position) VALUES (?, ?, ?, ?, ?)");
        insertEntry = db.prepareStatement("INSERT INTO entry (bot, t, side, price, reference_price, contracts, margin, take_profit, stop_loss,"
                + " liquidation_price, fee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertExit = db.prepareStatement("INSERT INTO trade (bot, side, entry_time, entry_price, exit_time, exit_price, contracts, entry_fee,"
                + " exit_fee, slippage, funding, gross_pnl, net_pnl, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertFunding = db.prepareStatement("INSERT INTO funding (bot, t, rate, amount) VALUES (?, ?, ?, ?)");
        insertRefusal = db.prepareStatement("INSERT INTO refusal (bot, t, reason) VALUES (?, ?, ?)");
        insertEquity = db.prepareStatement("INSERT INTO equity (bot, t, equity) VALUES (?, ?, ?)");
        insertError = db.prepareStatement("INSERT INTO error (t, message) VALUES (?, ?)");
    }

    /**
     * Opens (creating when needed) the journal in {@code file}.
     *
     * @throws JournalException when the file cannot be opened as a journal
     */
    public static Journal open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new JournalException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA busy_timeout = 10000");
                int version;
                try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                    version = r.next() ? r.getInt(1) : 0;
                }
                if (version > SCHEMA_VERSION) {
                    db.close();
                    throw new JournalException(file + " was written by a newer gpubot (journal schema " + version + ")", null);
                }
                if (version < SCHEMA_VERSION) {
                    s.execute("CREATE TABLE session (id TEXT NOT NULL, mode TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL,"
                            + " start_balance REAL NOT NULL, started_at INTEGER NOT NULL)");
                    s.execute("CREATE TABLE session_bot (position INTEGER PRIMARY KEY, name TEXT NOT NULL, json TEXT NOT NULL)");
                    s.execute("CREATE TABLE bar (t INTEGER PRIMARY KEY, o REAL, h REAL, l REAL, c REAL, v REAL)");
                    s.execute("CREATE TABLE signal (bot TEXT NOT NULL, t INTEGER NOT NULL, signal INTEGER NOT NULL)");
                    s.execute("CREATE TABLE order_decision (bot TEXT NOT NULL, t INTEGER NOT NULL, side TEXT NOT NULL,"
                            + " exit_position INTEGER NOT NULL, enter_position INTEGER NOT NULL)");
                    s.execute("CREATE TABLE entry (bot TEXT NOT NULL, t INTEGER NOT NULL, side TEXT NOT NULL, price REAL, reference_price REAL,"
                            + " contracts INTEGER, margin REAL, take_profit REAL, stop_loss REAL, liquidation_price REAL, fee REAL)");
                    s.execute("CREATE TABLE trade (id INTEGER PRIMARY KEY, bot TEXT NOT NULL, side TEXT NOT NULL, entry_time INTEGER,"
                            + " entry_price REAL, exit_time INTEGER, exit_price REAL, contracts INTEGER, entry_fee REAL, exit_fee REAL,"
                            + " slippage REAL, funding REAL, gross_pnl REAL, net_pnl REAL, reason TEXT)");
                    s.execute("CREATE TABLE funding (bot TEXT NOT NULL, t INTEGER NOT NULL, rate REAL, amount REAL)");
                    s.execute("CREATE TABLE refusal (bot TEXT NOT NULL, t INTEGER NOT NULL, reason TEXT NOT NULL)");
                    s.execute("CREATE TABLE equity (bot TEXT NOT NULL, t INTEGER NOT NULL, equity REAL NOT NULL)");
                    s.execute("CREATE TABLE error (t INTEGER NOT NULL, message TEXT NOT NULL)");
                    s.execute("CREATE INDEX trade_by_bot ON trade (bot, id)");
                    s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                }
            }
            try (Statement s = db.createStatement()) {
                // Added after schema 1 without a version bump: older journals simply gain the empty table.
                s.execute("CREATE TABLE IF NOT EXISTS kill_switch (after_bar INTEGER NOT NULL, price REAL NOT NULL, reason TEXT NOT NULL,"
                        + " at INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS warm_up_bar (t INTEGER PRIMARY KEY, o REAL, h REAL, l REAL, c REAL, v REAL)");
            }
            db.setAutoCommit(false);
            return new Journal(file, db);
        } catch (SQLException e) {
            throw new JournalException("cannot open the session journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Records what the session is; once, when it is created. */
    public void writeSession(SessionInfo info) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO session VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, info.id());
                ps.setString(2, info.mode());
                ps.setString(3, info.symbol());
                ps.setString(4, info.timeframe());
                ps.setDouble(5, info.startBalance());
                ps.setLong(6, info.startedAt());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO session_bot VALUES (?, ?, ?)")) {
                for (int i = 0; i < info.bots().size(); i++) {
                    ps.setInt(1, i);
                    ps.setString(2, info.bots().get(i).name());
                    ps.setString(3, info.bots().get(i).json());
                    ps.executeUpdate();
                }
            }
            db.commit();
        });
    }

    /** The session, if one was recorded. */
    public Optional<SessionInfo> session() {
        return query(() -> {
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id, mode, symbol, timeframe, start_balance, started_at FROM session")) {
                if (!r.next()) return Optional.empty();
                List<SessionInfo.BotEntry> bots = new ArrayList<>();
                try (Statement b = db.createStatement(); ResultSet rb = b.executeQuery("SELECT name, json FROM session_bot ORDER BY position")) {
                    while (rb.next()) bots.add(new SessionInfo.BotEntry(rb.getString(1), rb.getString(2)));
                }
                return Optional.of(new SessionInfo(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getDouble(5),
                        r.getLong(6), bots));
            }
        });
    }

    void bar(long t, double o, double h, double l, double c, double v) {
        run(() -> {
            insertBar.setLong(1, t);
            insertBar.setDouble(2, o);
            insertBar.setDouble(3, h);
            insertBar.setDouble(4, l);
            insertBar.setDouble(5, c);
            insertBar.setDouble(6, v);
            insertBar.executeUpdate();
        });
    }

    void signal(String bot, long t, int signal) {
        run(() -> {
            insertSignal.setString(1, bot);
            insertSignal.setLong(2, t);
            insertSignal.setInt(3, signal);
            insertSignal.executeUpdate();
        });
    }

    void order(String bot, long t, Side side, boolean exit, boolean enter) {
        run(() -> {
            insertOrder.setString(1, bot);
            insertOrder.setLong(2, t);
            insertOrder.setString(3, side.name());
            insertOrder.setInt(4, exit ? 1 : 0);
            insertOrder.setInt(5, enter ? 1 : 0);
            insertOrder.executeUpdate();
        });
    }

    void entry(String bot, Position p) {
        run(() -> {
            insertEntry.setString(1, bot);
            insertEntry.setLong(2, p.entryTime());
            insertEntry.setString(3, p.side().name());
            insertEntry.setDouble(4, p.entryPrice());
            insertEntry.setDouble(5, p.referencePrice());
            insertEntry.setLong(6, p.contracts());
            insertEntry.setDouble(7, p.margin());
            insertEntry.setDouble(8, p.takeProfit());
            insertEntry.setDouble(9, p.stopLoss());
            insertEntry.setDouble(10, p.liquidationPrice());
            insertEntry.setDouble(11, p.entryFee());
            insertEntry.executeUpdate();
        });
    }

    void exit(String bot, Trade t) {
        run(() -> {
            insertExit.setString(1, bot);
            insertExit.setString(2, t.side().name());
            insertExit.setLong(3, t.entryTime());
            insertExit.setDouble(4, t.entryPrice());
            insertExit.setLong(5, t.exitTime());
            insertExit.setDouble(6, t.exitPrice());
            insertExit.setLong(7, t.contracts());
            insertExit.setDouble(8, t.entryFee());
            insertExit.setDouble(9, t.exitFee());
            insertExit.setDouble(10, t.slippage());
            insertExit.setDouble(11, t.funding());
            insertExit.setDouble(12, t.grossPnl());
            insertExit.setDouble(13, t.netPnl());
            insertExit.setString(14, t.reason().name());
            insertExit.executeUpdate();
        });
    }

    void funding(String bot, long t, double rate, double amount) {
        run(() -> {
            insertFunding.setString(1, bot);
            insertFunding.setLong(2, t);
            insertFunding.setDouble(3, rate);
            insertFunding.setDouble(4, amount);
            insertFunding.executeUpdate();
        });
    }

    void refusal(String bot, long t, String reason) {
        run(() -> {
            insertRefusal.setString(1, bot);
            insertRefusal.setLong(2, t);
            insertRefusal.setString(3, reason);
            insertRefusal.executeUpdate();
        });
    }

    void equity(String bot, long t, double equity) {
        run(() -> {
            insertEquity.setString(1, bot);
            insertEquity.setLong(2, t);
            insertEquity.setDouble(3, equity);
            insertEquity.executeUpdate();
        });
    }

    /** Records an error the engine met (a refused order, a dropped connection), with its time. */
    public void error(long t, String message) {
        run(() -> {
            insertError.setLong(1, t);
            insertError.setString(2, message);
            insertError.executeUpdate();
        });
    }

    /**
     * Records that the kill switch closed every position at {@code price} after the bar that opened at
     * {@code afterBar}, and commits: a resumed session replays it at the same place.
     */
    public void killSwitch(long afterBar, double price, String reason, long at) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO kill_switch VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, afterBar);
                ps.setDouble(2, price);
                ps.setString(3, reason);
                ps.setLong(4, at);
                ps.executeUpdate();
            }
            db.commit();
        });
    }

    /** Records a bar of history the bots warmed up on (committed with the next commit). */
    public void warmUpBar(long t, double o, double h, double l, double c, double v) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO warm_up_bar VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, t);
                ps.setDouble(2, o);
                ps.setDouble(3, h);
                ps.setDouble(4, l);
                ps.setDouble(5, c);
                ps.setDouble(6, v);
                ps.executeUpdate();
            }
        });
    }

    /** The history the bots warmed up on, in time order: a resumed session warms up on it again. */
    public List<io.gpubot.core.market.Candle> warmUpBarsRecorded() {
        return query(() -> {
            List<io.gpubot.core.market.Candle> bars = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT t, o, h, l, c, v FROM warm_up_bar ORDER BY t")) {
                while (r.next()) {
                    bars.add(new io.gpubot.core.market.Candle(r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6)));
                }
            }
            return bars;
        });
    }

    /** The kill switches recorded: the bar after which each happened, and the price it closed at. */
    public java.util.NavigableMap<Long, Double> killSwitches() {
        return query(() -> {
            java.util.NavigableMap<Long, Double> kills = new java.util.TreeMap<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT after_bar, price FROM kill_switch ORDER BY rowid")) {
                while (r.next()) kills.put(r.getLong(1), r.getDouble(2));
            }
            return kills;
        });
    }

    /** Makes everything recorded since the last commit durable, together. */
    public void commit() {
        run(db::commit);
    }

    /** The open time of the last bar recorded, if any. */
    public OptionalLong lastBarTime() {
        return query(() -> {
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(t) FROM bar")) {
                long t = r.next() ? r.getLong(1) : 0;
                return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(t);
            }
        });
    }

    /** Every bar recorded, in time order. */
    public List<io.gpubot.core.market.Candle> barsRecorded() {
        return query(() -> {
            List<io.gpubot.core.market.Candle> bars = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT t, o, h, l, c, v FROM bar ORDER BY t")) {
                while (r.next()) {
                    bars.add(new io.gpubot.core.market.Candle(r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6)));
                }
            }
            return bars;
        });
    }

    /** Bars recorded. */
    public long bars() {
        return count("SELECT COUNT(*) FROM bar");
    }

    /** The closed trades of one bot, in order. */
    public List<Trade> trades(String bot) {
        return query(() -> {
            List<Trade> trades = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT side, entry_time, entry_price, exit_time, exit_price, contracts, entry_fee,"
                    + " exit_fee, slippage, funding, gross_pnl, net_pnl, reason FROM trade WHERE bot = ? ORDER BY id")) {
                ps.setString(1, bot);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        trades.add(new Trade(Side.valueOf(r.getString(1)), r.getLong(2), r.getDouble(3), r.getLong(4), r.getDouble(5),
                                r.getLong(6), r.getDouble(7), r.getDouble(8), r.getDouble(9), r.getDouble(10), r.getDouble(11),
                                r.getDouble(12), ExitReason.valueOf(r.getString(13).toUpperCase(Locale.ROOT))));
                    }
                }
            }
            return trades;
        });
    }

    /** The last equity recorded for a bot, if any. */
    public Optional<Double> lastEquity(String bot) {
        return query(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT equity FROM equity WHERE bot = ? ORDER BY rowid DESC LIMIT 1")) {
                ps.setString(1, bot);
                try (ResultSet r = ps.executeQuery()) {
                    return r.next() ? Optional.of(r.getDouble(1)) : Optional.empty();
                }
            }
        });
    }

    /** Closed trades recorded, all bots. */
    public long tradeCount() {
        return count("SELECT COUNT(*) FROM trade");
    }

    /** Entries refused, all bots. */
    public long refusalCount() {
        return count("SELECT COUNT(*) FROM refusal");
    }

    /** Errors recorded. */
    public long errorCount() {
        return count("SELECT COUNT(*) FROM error");
    }

    private long count(String sql) {
        return query(() -> {
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private interface SqlQuery<T> {
        T run() throws SQLException;
    }

    private void run(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw new JournalException("cannot write the session journal " + file + ": " + e.getMessage(), e);
        }
    }

    private <T> T query(SqlQuery<T> q) {
        try {
            return q.run();
        } catch (SQLException e) {
            throw new JournalException("cannot read the session journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Closes without committing: what a killed process leaves behind (for crash tests). */
    void abandon() {
        try {
            db.rollback();
            db.close();
        } catch (SQLException e) {
            throw new JournalException("cannot close the session journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.commit();
            db.close();
        } catch (SQLException e) {
            throw new JournalException("cannot close the session journal " + file + ": " + e.getMessage(), e);
        }
    }
}
