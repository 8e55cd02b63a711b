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

    private static final int SCHEMA_VERSION = 4;

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
    private final PreparedStatement insertWarmUpBar;

    private Journal(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        insertBar = db.prepareStatement("INSERT INTO bar (t, o, h, l, c, v) VALUES (?, ?, ?, ?, ?, ?)");
        insertSignal = db.prepareStatement("INSERT INTO signal (bot, t, signal) VALUES (?, ?, ?)");
        insertOrder = db.prepareStatement("INSERT INTO order_decision (bot, t, side, exit_position, enter_position) VALUES (?, ?, ?, ?, ?)");
        insertEntry = db.prepareStatement("INSERT INTO entry (bot, t, side, price, reference_price, contracts, margin, take_profit, stop_loss,"
                + " liquidation_price, fee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertExit = db.prepareStatement("INSERT INTO trade (bot, side, entry_time, entry_price, exit_time, exit_price, contracts, entry_fee,"
                + " exit_fee, slippage, funding, gross_pnl, net_pnl, reason, capped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertFunding = db.prepareStatement("INSERT INTO funding (bot, t, rate, amount) VALUES (?, ?, ?, ?)");
        insertRefusal = db.prepareStatement("INSERT INTO refusal (bot, t, reason) VALUES (?, ?, ?)");
        insertEquity = db.prepareStatement("INSERT INTO equity (bot, t, equity) VALUES (?, ?, ?)");
        insertError = db.prepareStatement("INSERT INTO error (t, message) VALUES (?, ?)");
        insertWarmUpBar = db.prepareStatement("INSERT OR IGNORE INTO warm_up_bar VALUES (?, ?, ?, ?, ?, ?)");
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
                // The migration is one transaction (SQLite's DDL is transactional): a crash in the middle
                // leaves the journal at its old version rather than half migrated.
                db.setAutoCommit(false);
                if (version < 1) {
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
                }
                if (version < 2) {
                    // Version 2: the live executor's orders on the exchange and the real positions they opened.
                    s.execute("CREATE TABLE exchange_order (client_oid TEXT PRIMARY KEY, bot TEXT NOT NULL, bar_time INTEGER NOT NULL,"
                            + " purpose TEXT NOT NULL, side TEXT NOT NULL, size INTEGER NOT NULL, stop_price REAL, reference_price REAL,"
                            + " atr REAL, state TEXT NOT NULL, exchange_order_id TEXT, filled_size INTEGER NOT NULL DEFAULT 0,"
                            + " average_price REAL, fee REAL NOT NULL DEFAULT 0, message TEXT, created_at INTEGER NOT NULL,"
                            + " updated_at INTEGER NOT NULL)");
                    s.execute("CREATE TABLE live_position (id INTEGER PRIMARY KEY, bot TEXT NOT NULL, side TEXT NOT NULL,"
                            + " contracts INTEGER NOT NULL, entry_time INTEGER NOT NULL, entry_price REAL NOT NULL, entry_fee REAL NOT NULL,"
                            + " entry_client_oid TEXT NOT NULL, take_profit REAL NOT NULL, stop_loss REAL NOT NULL, liquidation_price REAL,"
                            + " open INTEGER NOT NULL, exit_time INTEGER, exit_price REAL, exit_fee REAL, gross_pnl REAL, net_pnl REAL,"
                            + " exit_reason TEXT)");
                    // ... the kill switches pulled (replayed on resume) and the history the bots warmed up on.
                    s.execute("CREATE TABLE kill_switch (after_bar INTEGER NOT NULL, price REAL NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL)");
                    s.execute("CREATE TABLE warm_up_bar (t INTEGER PRIMARY KEY, o REAL, h REAL, l REAL, c REAL, v REAL)");
                }
                if (version < 3) {
                    // Version 3: bars that reached the session too late for their decision to be sent (the model dropped
                    // those decisions, and a resumed session drops them again), and whether a trade's size was cut to
                    // the risk limits.
                    s.execute("CREATE TABLE late_bar (t INTEGER PRIMARY KEY, market_time INTEGER NOT NULL)");
                    s.execute("ALTER TABLE trade ADD COLUMN capped INTEGER NOT NULL DEFAULT 0");
                }
                if (version < 4) {
                    // Version 4: how a live session's model followed the account (real fills, decisions the exchange did not
                    // execute, the account's position taken over), replayed in order on resume.
                    s.execute("CREATE TABLE model_correction (id INTEGER PRIMARY KEY, bot TEXT NOT NULL, bar_time INTEGER NOT NULL,"
                            + " at_time INTEGER NOT NULL, kind TEXT NOT NULL, side TEXT, contracts INTEGER NOT NULL, price REAL, fee REAL NOT NULL, gross_pnl REAL,"
                            + " take_profit REAL, stop_loss REAL, liquidation_price REAL, margin REAL, exit_reason TEXT, reason TEXT NOT NULL)");
                }
                if (version < SCHEMA_VERSION) s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                db.commit();
            }
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
            insertExit.setInt(15, t.capped() ? 1 : 0);
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
            insertWarmUpBar.setLong(1, t);
            insertWarmUpBar.setDouble(2, o);
            insertWarmUpBar.setDouble(3, h);
            insertWarmUpBar.setDouble(4, l);
            insertWarmUpBar.setDouble(5, c);
            insertWarmUpBar.setDouble(6, v);
            insertWarmUpBar.executeUpdate();
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

    /**
     * Records that the bar opening at {@code t} reached the session when the market had already reached
     * {@code marketTime} (the next bar had closed too): its decisions were not sent and the model dropped
     * them. Committed with the bar.
     */
    public void lateBar(long t, long marketTime) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO late_bar VALUES (?, ?)")) {
                ps.setLong(1, t);
                ps.setLong(2, marketTime);
                ps.executeUpdate();
            }
        });
    }

    /** The open times of the bars whose decisions were not sent (see {@link #lateBar}). */
    public java.util.Set<Long> lateBars() {
        return query(() -> {
            java.util.Set<Long> bars = new java.util.HashSet<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT t FROM late_bar")) {
                while (r.next()) bars.add(r.getLong(1));
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
                    + " exit_fee, slippage, funding, gross_pnl, net_pnl, reason, capped FROM trade WHERE bot = ? ORDER BY id")) {
                ps.setString(1, bot);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        trades.add(new Trade(Side.valueOf(r.getString(1)), r.getLong(2), r.getDouble(3), r.getLong(4), r.getDouble(5),
                                r.getLong(6), r.getDouble(7), r.getDouble(8), r.getDouble(9), r.getDouble(10), r.getDouble(11),
                                r.getDouble(12), ExitReason.valueOf(r.getString(13).toUpperCase(Locale.ROOT)), r.getInt(14) != 0));
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

    // ---- the live executor's exchange orders and real positions (schema 2) ----

    /** Why an order was sent to the exchange. */
    public enum OrderPurpose { ENTRY, EXIT, STOP_LOSS, TAKE_PROFIT, FLATTEN }

    /** Where an exchange order stands as far as the journal knows. */
    public enum OrderState {
        /** Written (and committed) before sending; no answer recorded yet. */
        INTENT,
        /** The exchange took it and gave it an id. */
        ACCEPTED,
        FILLED,
        /** The exchange refused it; nothing was placed. */
        REJECTED,
        /** Sent, but whether the exchange placed it could not be established: look it up before anything else. */
        UNKNOWN,
        /** Looked up by clientOid after a lost answer: the exchange never placed it. */
        NOT_FOUND,
        CANCELLED
    }

    /**
     * One order the live executor sent (or was about to send) to the exchange.
     *
     * @param side           {@code BUY} or {@code SELL}
     * @param stopPrice      the trigger of a stop order, NaN for market orders
     * @param referencePrice the price the order was decided at (the bar's close), NaN when not relevant
     * @param atr            the ATR at the signal bar for an entry (NaN when not ready), for computing its exit levels
     * @param averagePrice   the average fill price, NaN before a fill
     */
    public record ExchangeOrder(String clientOid, String bot, long barTime, OrderPurpose purpose, String side, long size,
                                double stopPrice, double referencePrice, double atr, OrderState state, String exchangeOrderId,
                                long filledSize, double averagePrice, double fee, String message, long createdAt, long updatedAt) {

        /** A fresh order about to be sent. */
        public static ExchangeOrder intent(String clientOid, String bot, long barTime, OrderPurpose purpose, String side, long size,
                                           double stopPrice, double referencePrice, double atr, long now) {
            return new ExchangeOrder(clientOid, bot, barTime, purpose, side, size, stopPrice, referencePrice, atr, OrderState.INTENT,
                    null, 0, Double.NaN, 0, null, now, now);
        }
    }

    /**
     * A real position on the exchange as the live executor opened (and closed) it; the model's own
     * trades stay in {@code trade}.
     *
     * @param exitReason {@code SIGNAL}, {@code STOP_LOSS}, {@code TAKE_PROFIT}, {@code LIQUIDATION}, {@code FLATTEN: why} ...; null while open
     */
    public record LivePosition(long id, String bot, Side side, long contracts, long entryTime, double entryPrice, double entryFee,
                               String entryClientOid, double takeProfit, double stopLoss, double liquidationPrice, boolean open,
                               long exitTime, double exitPrice, double exitFee, double grossPnl, double netPnl, String exitReason) {
    }

    /** Records an order before it is sent; the caller commits before sending. */
    public void exchangeOrderIntent(ExchangeOrder o) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO exchange_order (client_oid, bot, bar_time, purpose, side, size,"
                    + " stop_price, reference_price, atr, state, exchange_order_id, filled_size, average_price, fee, message, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, o.clientOid());
                ps.setString(2, o.bot());
                ps.setLong(3, o.barTime());
                ps.setString(4, o.purpose().name());
                ps.setString(5, o.side());
                ps.setLong(6, o.size());
                setReal(ps, 7, o.stopPrice());
                setReal(ps, 8, o.referencePrice());
                setReal(ps, 9, o.atr());
                ps.setString(10, o.state().name());
                ps.setString(11, o.exchangeOrderId());
                ps.setLong(12, o.filledSize());
                setReal(ps, 13, o.averagePrice());
                ps.setDouble(14, o.fee());
                ps.setString(15, o.message());
                ps.setLong(16, o.createdAt());
                ps.setLong(17, o.updatedAt());
                ps.executeUpdate();
            }
        });
    }

    /**
     * Records what became of an order. A null {@code exchangeOrderId} or {@code message} keeps the one
     * recorded; a NaN {@code averagePrice} too.
     */
    public void exchangeOrderUpdate(String clientOid, OrderState state, String exchangeOrderId, long filledSize, double averagePrice,
                                    double fee, String message, long time) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("UPDATE exchange_order SET state = ?, exchange_order_id = COALESCE(?, exchange_order_id),"
                    + " filled_size = ?, average_price = COALESCE(?, average_price), fee = ?, message = COALESCE(?, message), updated_at = ?"
                    + " WHERE client_oid = ?")) {
                ps.setString(1, state.name());
                ps.setString(2, exchangeOrderId);
                ps.setLong(3, filledSize);
                setReal(ps, 4, averagePrice);
                ps.setDouble(5, fee);
                ps.setString(6, message);
                ps.setLong(7, time);
                ps.setString(8, clientOid);
                if (ps.executeUpdate() != 1) throw new SQLException("no exchange order " + clientOid + " in the journal");
            }
        });
    }

    /** The exchange order with this clientOid, if journalled. */
    public Optional<ExchangeOrder> exchangeOrder(String clientOid) {
        List<ExchangeOrder> found = exchangeOrdersWhere("client_oid = ?", clientOid);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every exchange order, in the order they were decided (for {@code gpubot sessions show}). */
    public List<ExchangeOrder> exchangeOrders() {
        return exchangeOrdersWhere("1 = 1");
    }

    /** The exchange orders in one of {@code states}, oldest first. */
    public List<ExchangeOrder> exchangeOrdersIn(OrderState... states) {
        List<ExchangeOrder> all = new ArrayList<>();
        for (ExchangeOrder o : exchangeOrders()) {
            for (OrderState state : states) if (o.state() == state) all.add(o);
        }
        return all;
    }

    private List<ExchangeOrder> exchangeOrdersWhere(String condition, String... params) {
        return query(() -> {
            List<ExchangeOrder> orders = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT client_oid, bot, bar_time, purpose, side, size, stop_price, reference_price,"
                    + " atr, state, exchange_order_id, filled_size, average_price, fee, message, created_at, updated_at FROM exchange_order"
                    + " WHERE " + condition + " ORDER BY rowid")) {
                for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        orders.add(new ExchangeOrder(r.getString(1), r.getString(2), r.getLong(3), OrderPurpose.valueOf(r.getString(4)),
                                r.getString(5), r.getLong(6), real(r, 7), real(r, 8), real(r, 9), OrderState.valueOf(r.getString(10)),
                                r.getString(11), r.getLong(12), real(r, 13), r.getDouble(14), r.getString(15), r.getLong(16), r.getLong(17)));
                    }
                }
            }
            return orders;
        });
    }

    /** Records a real position the executor opened; returns its id. */
    public long livePositionOpened(LivePosition p) {
        return query(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO live_position (bot, side, contracts, entry_time, entry_price, entry_fee,"
                    + " entry_client_oid, take_profit, stop_loss, liquidation_price, open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, p.bot());
                ps.setString(2, p.side().name());
                ps.setLong(3, p.contracts());
                ps.setLong(4, p.entryTime());
                ps.setDouble(5, p.entryPrice());
                ps.setDouble(6, p.entryFee());
                ps.setString(7, p.entryClientOid());
                ps.setDouble(8, p.takeProfit());
                ps.setDouble(9, p.stopLoss());
                setReal(ps, 10, p.liquidationPrice());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next() ? keys.getLong(1) : -1L;
                }
            }
        });
    }

    /** Records how a real position ended. */
    public void livePositionClosed(long id, long exitTime, double exitPrice, double exitFee, double grossPnl, double netPnl, String reason) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("UPDATE live_position SET open = 0, exit_time = ?, exit_price = ?, exit_fee = ?,"
                    + " gross_pnl = ?, net_pnl = ?, exit_reason = ? WHERE id = ?")) {
                ps.setLong(1, exitTime);
                setReal(ps, 2, exitPrice);
                ps.setDouble(3, exitFee);
                ps.setDouble(4, grossPnl);
                ps.setDouble(5, netPnl);
                ps.setString(6, reason);
                ps.setLong(7, id);
                ps.executeUpdate();
            }
        });
    }

    /**
     * Records that {@code closed} of the open real position {@code p}'s contracts were closed (fewer than it holds):
     * its row becomes the closed part (those contracts, their share of the entry fee by
     * {@link io.gpubot.core.trade.Pricing#entryFeeShare}, the exit) and a new open row holds the rest with the same
     * entry, levels and entry order, and the rest of the fee. Returns the rest; the caller commits both at once.
     */
    public LivePosition livePositionReduced(LivePosition p, long closed, long exitTime, double exitPrice, double exitFee, double grossPnl,
                                            double netPnl, String reason) {
        if (!p.open() || closed <= 0 || closed >= p.contracts()) {
            throw new IllegalArgumentException("a part of an open position is closed, not " + closed + " of " + p.contracts());
        }
        double share = io.gpubot.core.trade.Pricing.entryFeeShare(p.entryFee(), closed, p.contracts());
        LivePosition rest = new LivePosition(0, p.bot(), p.side(), p.contracts() - closed, p.entryTime(), p.entryPrice(), p.entryFee() - share,
                p.entryClientOid(), p.takeProfit(), p.stopLoss(), p.liquidationPrice(), true, 0, Double.NaN, 0, 0, 0, null);
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("UPDATE live_position SET contracts = ?, entry_fee = ? WHERE id = ? AND open = 1")) {
                ps.setLong(1, closed);
                ps.setDouble(2, share);
                ps.setLong(3, p.id());
                if (ps.executeUpdate() != 1) throw new SQLException("no open real position " + p.id() + " in the journal");
            }
        });
        livePositionClosed(p.id(), exitTime, exitPrice, exitFee, grossPnl, netPnl, reason);
        long id = livePositionOpened(rest);
        return new LivePosition(id, rest.bot(), rest.side(), rest.contracts(), rest.entryTime(), rest.entryPrice(), rest.entryFee(),
                rest.entryClientOid(), rest.takeProfit(), rest.stopLoss(), rest.liquidationPrice(), true, 0, Double.NaN, 0, 0, 0, null);
    }

    /** The bot's real position still open according to the journal, if any. */
    public Optional<LivePosition> openLivePosition(String bot) {
        return livePositions().stream().filter(p -> p.open() && p.bot().equals(bot)).reduce((a, b) -> b);
    }

    /** Every real position the executor opened, oldest first. */
    public List<LivePosition> livePositions() {
        return query(() -> {
            List<LivePosition> positions = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id, bot, side, contracts, entry_time, entry_price,"
                    + " entry_fee, entry_client_oid, take_profit, stop_loss, liquidation_price, open, exit_time, exit_price, exit_fee,"
                    + " gross_pnl, net_pnl, exit_reason FROM live_position ORDER BY id")) {
                while (r.next()) {
                    positions.add(new LivePosition(r.getLong(1), r.getString(2), Side.valueOf(r.getString(3)), r.getLong(4), r.getLong(5),
                            r.getDouble(6), r.getDouble(7), r.getString(8), r.getDouble(9), r.getDouble(10), real(r, 11), r.getInt(12) == 1,
                            r.getLong(13), real(r, 14), r.getDouble(15), r.getDouble(16), r.getDouble(17), r.getString(18)));
                }
            }
            return positions;
        });
    }

    // ---- how a live session's model followed the account (schema 4) ----

    /** Records one step by which the model followed the account; the caller commits. */
    public void modelCorrection(ModelCorrection c) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO model_correction (bot, bar_time, kind, side, contracts, price, fee,"
                    + " gross_pnl, take_profit, stop_loss, liquidation_price, margin, exit_reason, reason, at_time)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, c.bot());
                ps.setLong(2, c.barTime());
                ps.setString(3, c.kind().name());
                ps.setString(4, c.side() == null ? null : c.side().name());
                ps.setLong(5, c.contracts());
                setReal(ps, 6, c.price());
                ps.setDouble(7, c.fee());
                setReal(ps, 8, c.grossPnl());
                setReal(ps, 9, c.takeProfit());
                setReal(ps, 10, c.stopLoss());
                setReal(ps, 11, c.liquidationPrice());
                setReal(ps, 12, c.margin());
                ps.setString(13, c.exitReason() == null ? null : c.exitReason().name());
                ps.setString(14, c.reason());
                ps.setLong(15, c.at());
                ps.executeUpdate();
            }
        });
    }

    /** Every step by which the model followed the account, in the order taken. */
    public List<ModelCorrection> modelCorrections() {
        return query(() -> {
            List<ModelCorrection> steps = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT bot, bar_time, kind, side, contracts, price, fee,"
                    + " gross_pnl, take_profit, stop_loss, liquidation_price, margin, exit_reason, reason, at_time FROM model_correction ORDER BY id")) {
                while (r.next()) {
                    String side = r.getString(4);
                    String exitReason = r.getString(13);
                    steps.add(new ModelCorrection(r.getString(1), r.getLong(2), r.getLong(15), ModelCorrection.Kind.valueOf(r.getString(3)),
                            side == null ? null : Side.valueOf(side), r.getLong(5), real(r, 6), r.getDouble(7), real(r, 8), real(r, 9),
                            real(r, 10), real(r, 11), real(r, 12), exitReason == null ? null : ExitReason.valueOf(exitReason), r.getString(14)));
                }
            }
            return steps;
        });
    }

    /** Replaces the bot's last recorded trade with {@code t} (its exit booked again at the exchange's fill). */
    void rebookLastTrade(String bot, Trade t) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("UPDATE trade SET exit_price = ?, exit_fee = ?, gross_pnl = ?, net_pnl = ?"
                    + " WHERE id = (SELECT MAX(id) FROM trade WHERE bot = ?)")) {
                ps.setDouble(1, t.exitPrice());
                ps.setDouble(2, t.exitFee());
                ps.setDouble(3, t.grossPnl());
                ps.setDouble(4, t.netPnl());
                ps.setString(5, bot);
                ps.executeUpdate();
            }
        });
    }

    /** Forgets the bot's last recorded trade (the model took it back: the exchange still held the position). */
    void forgetLastTrade(String bot) {
        run(() -> {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM trade WHERE id = (SELECT MAX(id) FROM trade WHERE bot = ?)")) {
                ps.setString(1, bot);
                ps.executeUpdate();
            }
        });
    }

    /** Records an entry the live executor or its risk guard refused, with its reason (the model's refusals come through the engine). */
    public void executorRefusal(String bot, long t, String reason) {
        refusal(bot, t, reason);
    }

    private static void setReal(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isNaN(value)) ps.setNull(index, java.sql.Types.REAL);
        else ps.setDouble(index, value);
    }

    private static double real(ResultSet r, int index) throws SQLException {
        double value = r.getDouble(index);
        return r.wasNull() ? Double.NaN : value;
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
