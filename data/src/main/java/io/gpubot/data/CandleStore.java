package io.gpubot.data;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.market.Gaps;
import io.gpubot.core.market.TimeRange;
import io.gpubot.core.market.Timeframe;

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
import java.util.Optional;

/**
 * The local candle database: one SQLite file holding candle series keyed by exchange, symbol and
 * timeframe, and funding-rate histories keyed by exchange and symbol.
 *
 * <p>Writes are upserts in one transaction: importing overlapping data neither duplicates nor loses
 * bars, and a failed import leaves the store as it was. Not safe for use by several threads at once;
 * SQLite's locking keeps several processes consistent.
 */
public final class CandleStore implements AutoCloseable {

    private static final int SCHEMA_VERSION = 1;
    private static final int BATCH = 10_000;

    private final Path file;
    private final Connection db;

    private CandleStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens (creating when needed) the store in {@code file}.
     *
     * @throws StoreException when the file cannot be opened as a candle store
     */
    public static CandleStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the folder for " + file + ": " + StoreException.reason(file, e), e);
        }
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
            }
            CandleStore store = new CandleStore(file, db);
            store.migrate();
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open the candle store " + file + ": " + StoreException.reason(file, e), e);
        }
    }

    public Path file() {
        return file;
    }

    private void migrate() throws SQLException {
        int version;
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.next() ? r.getInt(1) : 0;
        }
        if (version > SCHEMA_VERSION) {
            throw new StoreException(file + " was written by a newer gpubot (schema " + version + "); upgrade gpubot to read it");
        }
        if (version == SCHEMA_VERSION) {
            return;
        }
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS series ("
                    + " id INTEGER PRIMARY KEY,"
                    + " exchange TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL,"
                    + " UNIQUE (exchange, symbol, timeframe))");
            s.execute("CREATE TABLE IF NOT EXISTS candle ("
                    + " series_id INTEGER NOT NULL REFERENCES series(id),"
                    + " t INTEGER NOT NULL, o REAL NOT NULL, h REAL NOT NULL, l REAL NOT NULL, c REAL NOT NULL, v REAL NOT NULL,"
                    + " PRIMARY KEY (series_id, t)) WITHOUT ROWID");
            s.execute("CREATE TABLE IF NOT EXISTS funding ("
                    + " exchange TEXT NOT NULL, symbol TEXT NOT NULL, t INTEGER NOT NULL, rate REAL NOT NULL,"
                    + " PRIMARY KEY (exchange, symbol, t)) WITHOUT ROWID");
            s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /**
     * Stores every bar of {@code bars} under {@code key}, replacing stored bars with the same open time.
     *
     * @throws IllegalArgumentException when the bars' timeframe differs from the key's
     */
    public UpsertResult upsert(SeriesKey key, CandleSeries bars) {
        if (bars.timeframe() != key.timeframe()) {
            throw new IllegalArgumentException("cannot store " + bars.timeframe() + " bars as " + key);
        }
        if (bars.isEmpty()) {
            return new UpsertResult(0, 0, 0);
        }
        return inTransaction(() -> {
            long id = createdSeriesId(key);
            long before = countBetween(id, bars.firstTime(), bars.endTime());
            long changed = 0;
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT INTO candle (series_id, t, o, h, l, c, v) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (series_id, t) DO UPDATE SET o = excluded.o, h = excluded.h, l = excluded.l,"
                            + " c = excluded.c, v = excluded.v"
                            + " WHERE o IS NOT excluded.o OR h IS NOT excluded.h OR l IS NOT excluded.l"
                            + " OR c IS NOT excluded.c OR v IS NOT excluded.v")) {
                int pending = 0;
                for (int i = 0; i < bars.size(); i++) {
                    ps.setLong(1, id);
                    ps.setLong(2, bars.time(i));
                    ps.setDouble(3, bars.open(i));
                    ps.setDouble(4, bars.high(i));
                    ps.setDouble(5, bars.low(i));
                    ps.setDouble(6, bars.close(i));
                    ps.setDouble(7, bars.volume(i));
                    ps.addBatch();
                    if (++pending == BATCH) {
                        changed += sum(ps.executeBatch());
                        pending = 0;
                    }
                }
                if (pending > 0) changed += sum(ps.executeBatch());
            }
            long after = countBetween(id, bars.firstTime(), bars.endTime());
            long inserted = after - before;
            long updated = changed - inserted;
            return new UpsertResult(inserted, updated, bars.size() - inserted - updated);
        });
    }

    /** All stored bars of a series; empty when there are none. */
    public CandleSeries load(SeriesKey key) {
        return load(key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The stored bars of a series that open in {@code [from, to)}. */
    public CandleSeries load(SeriesKey key, long from, long to) {
        try {
            Optional<Long> id = existingSeriesId(key);
            if (id.isEmpty()) {
                return CandleSeries.empty(key.timeframe());
            }
            int expected = (int) Math.min(Integer.MAX_VALUE - 16, countBetween(id.get(), from, to));
            CandleSeries.Builder out = CandleSeries.builder(key.timeframe(), expected);
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT t, o, h, l, c, v FROM candle WHERE series_id = ? AND t >= ? AND t < ? ORDER BY t")) {
                ps.setLong(1, id.get());
                ps.setLong(2, from);
                ps.setLong(3, to);
                ps.setFetchSize(BATCH);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6));
                    }
                }
            }
            return out.build();
        } catch (SQLException e) {
            throw new StoreException("cannot read " + key + " from " + file + ": " + StoreException.reason(file, e), e);
        }
    }

    /**
     * The stretches of {@code [from, to)} for which no bar is stored, aligned to the timeframe: what a
     * downloader still has to fetch. {@code from} is rounded down and {@code to} up to bar boundaries.
     */
    public List<TimeRange> missing(SeriesKey key, long from, long to) {
        Timeframe tf = key.timeframe();
        long start = tf.floor(from);
        long end = tf.isAligned(to) ? to : tf.floor(to) + tf.millis();
        List<TimeRange> gaps = new ArrayList<>();
        if (end <= start) {
            return gaps;
        }
        try {
            Optional<Long> id = existingSeriesId(key);
            Long last = null;
            if (id.isPresent()) {
                // Each row is the first stored bar after a hole (or the first bar of the range).
                try (PreparedStatement ps = db.prepareStatement(
                        "SELECT prev, t FROM (SELECT t, LAG(t) OVER (ORDER BY t) AS prev FROM candle"
                                + " WHERE series_id = ? AND t >= ? AND t < ?) WHERE prev IS NULL OR t - prev > ? ORDER BY t")) {
                    ps.setLong(1, id.get());
                    ps.setLong(2, start);
                    ps.setLong(3, end);
                    ps.setLong(4, tf.millis());
                    try (ResultSet r = ps.executeQuery()) {
                        while (r.next()) {
                            long prev = r.getLong(1);
                            long holeStart = r.wasNull() ? start : prev + tf.millis();
                            long t = r.getLong(2);
                            if (t > holeStart) gaps.add(new TimeRange(holeStart, t));
                        }
                    }
                }
                try (PreparedStatement ps = db.prepareStatement("SELECT MAX(t) FROM candle WHERE series_id = ? AND t >= ? AND t < ?")) {
                    ps.setLong(1, id.get());
                    ps.setLong(2, start);
                    ps.setLong(3, end);
                    try (ResultSet r = ps.executeQuery()) {
                        if (r.next()) {
                            long max = r.getLong(1);
                            if (!r.wasNull()) last = max;
                        }
                    }
                }
            }
            long tailStart = last == null ? start : last + tf.millis();
            if (tailStart < end) gaps.add(new TimeRange(tailStart, end));
            return gaps;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + key + " from " + file + ": " + StoreException.reason(file, e), e);
        }
    }

    /** Every stored series with its range, size and gaps, ordered by exchange, symbol and timeframe length. */
    public List<StoredSeries> list() {
        List<StoredSeries> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT id, exchange, symbol, timeframe FROM series ORDER BY exchange, symbol")) {
            List<Object[]> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(new Object[] {r.getLong(1), r.getString(2), r.getString(3), r.getString(4)});
            }
            for (Object[] row : rows) {
                SeriesKey key = new SeriesKey((String) row[1], (String) row[2], Timeframe.parse((String) row[3]));
                describe((Long) row[0], key).ifPresent(out::add);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list " + file + ": " + StoreException.reason(file, e), e);
        }
        out.sort(java.util.Comparator.comparing((StoredSeries s) -> s.key().exchange())
                .thenComparing(s -> s.key().symbol())
                .thenComparingLong(s -> s.key().timeframe().millis()));
        return out;
    }

    /** What is stored for one series, if anything. */
    public Optional<StoredSeries> describe(SeriesKey key) {
        try {
            Optional<Long> id = existingSeriesId(key);
            return id.isEmpty() ? Optional.empty() : describe(id.get(), key);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + key + " from " + file + ": " + StoreException.reason(file, e), e);
        }
    }

    private Optional<StoredSeries> describe(long id, SeriesKey key) throws SQLException {
        long step = key.timeframe().millis();
        long first;
        long last;
        long bars;
        try (PreparedStatement ps = db.prepareStatement("SELECT MIN(t), MAX(t), COUNT(*) FROM candle WHERE series_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                bars = r.getLong(3);
                if (bars == 0) return Optional.empty();
                first = r.getLong(1);
                last = r.getLong(2);
            }
        }
        Gaps gaps = Gaps.NONE;
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT prev, t FROM (SELECT t, LAG(t) OVER (ORDER BY t) AS prev FROM candle WHERE series_id = ?)"
                        + " WHERE t - prev > ?")) {
            ps.setLong(1, id);
            ps.setLong(2, step);
            try (ResultSet r = ps.executeQuery()) {
                int count = 0;
                long missing = 0;
                long largest = 0;
                long largestStart = -1;
                while (r.next()) {
                    long bars0 = (r.getLong(2) - r.getLong(1)) / step - 1;
                    count++;
                    missing += bars0;
                    if (bars0 > largest) {
                        largest = bars0;
                        largestStart = r.getLong(1) + step;
                    }
                }
                if (count > 0) gaps = new Gaps(count, missing, largest, largestStart);
            }
        }
        return Optional.of(new StoredSeries(key, first, last, bars, gaps));
    }

    /** Stores funding rates for a contract, replacing rates at the same times. Returns how many were new. */
    public long upsertFunding(String exchange, String symbol, FundingRates rates) {
        SeriesKey probe = new SeriesKey(exchange, symbol, Timeframe.H8);
        return inTransaction(() -> {
            long before = countFunding(probe);
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT INTO funding (exchange, symbol, t, rate) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (exchange, symbol, t) DO UPDATE SET rate = excluded.rate")) {
                for (int i = 0; i < rates.size(); i++) {
                    ps.setString(1, probe.exchange());
                    ps.setString(2, probe.symbol());
                    ps.setLong(3, rates.time(i));
                    ps.setDouble(4, rates.rate(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return countFunding(probe) - before;
        });
    }

    /**
     * The stretches of {@code [from, to)} in which no funding settlement is stored although one was due
     * every {@code interval} ms: what a downloader still has to fetch.
     */
    public List<TimeRange> missingFunding(String exchange, String symbol, long from, long to, long interval) {
        SeriesKey probe = new SeriesKey(exchange, symbol, Timeframe.H8);
        List<TimeRange> gaps = new ArrayList<>();
        if (to <= from) return gaps;
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT t FROM funding WHERE exchange = ? AND symbol = ? AND t >= ? AND t < ? ORDER BY t")) {
            ps.setString(1, probe.exchange());
            ps.setString(2, probe.symbol());
            ps.setLong(3, from);
            ps.setLong(4, to);
            long expected = from;
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    long t = r.getLong(1);
                    if (t - expected >= interval) gaps.add(new TimeRange(expected, t));
                    expected = t + 1;
                }
            }
            if (to - expected >= interval) gaps.add(new TimeRange(expected, to));
            return gaps;
        } catch (SQLException e) {
            throw new StoreException("cannot read funding rates of " + symbol + " from " + file + ": " + StoreException.reason(file, e), e);
        }
    }

    /** Funding rates stored for a contract with times in {@code [from, to)}. */
    public FundingRates loadFunding(String exchange, String symbol, long from, long to) {
        SeriesKey probe = new SeriesKey(exchange, symbol, Timeframe.H8);
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT t, rate FROM funding WHERE exchange = ? AND symbol = ? AND t >= ? AND t < ? ORDER BY t")) {
            ps.setString(1, probe.exchange());
            ps.setString(2, probe.symbol());
            ps.setLong(3, from);
            ps.setLong(4, to);
            long[] t = new long[256];
            double[] rate = new double[256];
            int n = 0;
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    if (n == t.length) {
                        t = java.util.Arrays.copyOf(t, n * 2);
                        rate = java.util.Arrays.copyOf(rate, n * 2);
                    }
                    t[n] = r.getLong(1);
                    rate[n] = r.getDouble(2);
                    n++;
                }
            }
            return FundingRates.of(java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(rate, n));
        } catch (SQLException e) {
            throw new StoreException("cannot read funding rates of " + symbol + " from " + file + ": " + StoreException.reason(file, e), e);
        }
    }

    private long countFunding(SeriesKey probe) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM funding WHERE exchange = ? AND symbol = ?")) {
            ps.setString(1, probe.exchange());
            ps.setString(2, probe.symbol());
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private long countBetween(long id, long from, long to) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM candle WHERE series_id = ? AND t >= ? AND t < ?")) {
            ps.setLong(1, id);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private Optional<Long> existingSeriesId(SeriesKey key) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM series WHERE exchange = ? AND symbol = ? AND timeframe = ?")) {
            ps.setString(1, key.exchange());
            ps.setString(2, key.symbol());
            ps.setString(3, key.timeframe().label());
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The series' id, creating the series when it is new. */
    private long createdSeriesId(SeriesKey key) throws SQLException {
        Optional<Long> id = existingSeriesId(key);
        if (id.isPresent()) {
            return id.get();
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO series (exchange, symbol, timeframe) VALUES (?, ?, ?)")) {
            ps.setString(1, key.exchange());
            ps.setString(2, key.symbol());
            ps.setString(3, key.timeframe().label());
            ps.executeUpdate();
        }
        return existingSeriesId(key).orElseThrow();
    }

    private static long sum(int[] counts) {
        long s = 0;
        for (int c : counts) {
            if (c > 0) s += c;
        }
        return s;
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try {
            db.setAutoCommit(false);
            try {
                T result = work.run();
                db.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write to the candle store " + file + ": " + StoreException.reason(file, e), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file + ": " + StoreException.reason(file, e), e);
        }
    }
}
