package io.gpubot.kucoin;

import io.gpubot.core.market.TimeRange;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Symbols;
import io.gpubot.core.market.Timeframe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@link HistoryStore} from KuCoin: asks the store what is missing, splits that into pages
 * (500 bars per kline call; 100 settlements per funding call), fetches pages concurrently (the
 * client's rate limiter paces them), validates and saves each page as it arrives. Because saved
 * pages are no longer missing, a download that was interrupted simply resumes when run again.
 * Bars still in progress, and time before the contract was listed, are never fetched.
 */
public final class HistoryDownloader {

    private static final Logger log = LoggerFactory.getLogger(HistoryDownloader.class);

    static final int BARS_PER_PAGE = KucoinRestClient.KLINE_ROWS_PER_CALL;
    static final int FUNDING_POINTS_PER_PAGE = 100;
    private static final Duration DEFAULT_FUNDING_INTERVAL = Duration.ofHours(8);

    private final KucoinRestClient client;
    private final HistoryStore store;
    private final int concurrency;
    private final Clock clock;
    private final Object saveLock = new Object();

    /** @param concurrency requests in flight at once (KuCoin's public pool allows about 20 kline calls a second) */
    public HistoryDownloader(KucoinRestClient client, HistoryStore store, int concurrency, Clock clock) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
        this.client = client;
        this.store = store;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    public HistoryDownloader(KucoinRestClient client, HistoryStore store) {
        this(client, store, 4, Clock.systemUTC());
    }

    /**
     * Downloads the closed bars opening in {@code [from, to)}.
     *
     * @param symbolOrPair {@code BTC/USDT} or {@code XBTUSDTM}
     */
    public DownloadReport downloadCandles(String symbolOrPair, Timeframe timeframe, Instant from, Instant to,
                                          DownloadProgress.Listener progress) throws InterruptedException {
        String symbol = Symbols.toContract(symbolOrPair);
        long start = ceil(timeframe, Math.max(from.toEpochMilli(), listedAt(symbol)));
        long lastClosedEnd = timeframe.floor(clock.millis());
        long end = Math.min(timeframe.floor(to.toEpochMilli()), lastClosedEnd);
        TimeRange requested = new TimeRange(start, Math.max(start, end));
        List<TimeRange> missing = requested.isEmpty() ? List.of() : store.missingCandles(symbol, timeframe, requested.from(), requested.to());
        List<TimeRange> pages = pages(missing, BARS_PER_PAGE * timeframe.millis());
        AtomicLong empty = new AtomicLong();
        return run(symbol, timeframe.label() + " candles", requested, missing, pages, progress, page -> {
            long saved = fetchCovering(page.from(), page.to(), timeframe.millis(), (after, until) -> {
                long since = ceil(timeframe, after);
                CandleSeries inRange = client.klines(symbol, timeframe, since, until - 1).between(since, until);
                if (inRange.isEmpty()) return Rows.NONE;
                synchronized (saveLock) {
                    store.saveCandles(symbol, inRange);
                }
                return new Rows(inRange.size(), inRange.time(0), inRange.lastTime());
            });
            empty.addAndGet(page.millis() / timeframe.millis() - saved);
            return saved;
        }, empty);
    }

    /** Downloads the funding-rate settlements in {@code [from, to)}. */
    public DownloadReport downloadFundingRates(String symbolOrPair, Instant from, Instant to,
                                               DownloadProgress.Listener progress) throws InterruptedException {
        String symbol = Symbols.toContract(symbolOrPair);
        long start = Math.max(from.toEpochMilli(), listedAt(symbol));
        long end = Math.min(to.toEpochMilli(), clock.millis());
        TimeRange requested = new TimeRange(start, Math.max(start, end));
        List<TimeRange> missing = requested.isEmpty() ? List.of() : store.missingFundingRates(symbol, requested.from(), requested.to());
        List<TimeRange> pages = pages(missing, FUNDING_POINTS_PER_PAGE * DEFAULT_FUNDING_INTERVAL.toMillis());
        AtomicLong notGiven = new AtomicLong();
        return run(symbol, "funding rates", requested, missing, pages, progress, page -> {
            long saved = fetchCovering(page.from(), page.to(), DEFAULT_FUNDING_INTERVAL.toMillis(), (since, until) -> {
                    List<FundingRatePoint> points = new ArrayList<>();
                    for (FundingRatePoint p : client.fundingRateHistory(symbol, since, until - 1)) {
                        if (p.timepoint() >= since && p.timepoint() < until && Double.isFinite(p.fundingRate())) points.add(p);
                    }
                    if (points.isEmpty()) return Rows.NONE;
                    points.sort(java.util.Comparator.comparingLong(FundingRatePoint::timepoint));
                    synchronized (saveLock) {
                        store.saveFundingRates(symbol, points);
                    }
                    return new Rows(points.size(), points.get(0).timepoint(), points.get(points.size() - 1).timepoint());
                });
            // Settlements fall on the interval's grid (00:00, 08:00, 16:00 UTC); those the exchange did not give are
            // reported, so a backtest's default rate there is a known stand-in, not a silent one.
            notGiven.addAndGet(Math.max(0, settlementsIn(page, DEFAULT_FUNDING_INTERVAL.toMillis()) - saved));
            return saved;
        }, notGiven);
    }

    private DownloadReport run(String symbol, String what, TimeRange requested, List<TimeRange> missing, List<TimeRange> pages,
                               DownloadProgress.Listener progress, Function<TimeRange, Long> fetchAndSave, AtomicLong empty)
            throws InterruptedException {
        long startedAt = clock.millis();
        AtomicLong done = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        List<TimeRange> failed = Collections.synchronizedList(new ArrayList<>());
        Object progressLock = new Object();
        log.info("Downloading {} of {}: {} pages in {} missing ranges", what, symbol, pages.size(), missing.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, pages.size())), r -> {
            Thread t = new Thread(r, "kucoin-download");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (TimeRange page : pages) {
                futures.add(pool.submit(() -> {
                    try {
                        rows.addAndGet(fetchAndSave.apply(page));
                    } catch (RuntimeException e) {
                        failed.add(page);
                        log.warn("Could not download {} of {} for [{}, {}): {}", what, symbol,
                                Instant.ofEpochMilli(page.from()), Instant.ofEpochMilli(page.to()), e.getMessage());
                    }
                    long finished = done.incrementAndGet();
                    synchronized (progressLock) {
                        progress.progress(progressOf(finished, pages.size(), rows.get(), startedAt));
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("download task failed", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            throw e;
        } finally {
            pool.shutdown();
        }
        List<TimeRange> failedSorted = new ArrayList<>(failed);
        failedSorted.sort((a, b) -> Long.compare(a.from(), b.from()));
        return new DownloadReport(symbol, what, requested, missing, pages.size(), rows.get(), empty.get(), failedSorted);
    }

    private DownloadProgress progressOf(long done, long total, long rows, long startedAt) {
        long elapsedMillis = Math.max(0, clock.millis() - startedAt);
        double rate = elapsedMillis == 0 ? 0 : done * 1000.0 / elapsedMillis;
        Duration eta = done >= total ? Duration.ZERO : rate > 0 ? Duration.ofMillis((long) ((total - done) / rate * 1000)) : null;
        return new DownloadProgress(done, total, rows, rate, Duration.ofMillis(elapsedMillis), eta);
    }

    /**
     * The contract's listing time: nothing before it exists, so asking for it would only make the
     * store report the same hole on every run.
     */
    private long listedAt(String symbol) {
        Long listed = client.contract(symbol).firstOpenDate();
        return listed == null ? Long.MIN_VALUE : listed;
    }

    /** What one call saved: how many rows, and the times of the first and last. */
    record Rows(long count, long first, long last) {
        static final Rows NONE = new Rows(0, 0, 0);
    }

    /** Fetches and saves the rows of {@code [from, to)} in one call. */
    interface RangeFetch {
        Rows fetch(long from, long to);
    }

    /**
     * Fetches {@code [from, to)}, then whatever part of it lies before the first row or after the last
     * row that came back, until a call returns nothing: the pages advance by the rows the exchange
     * returned, not by the page size we assume. KuCoin's spec says 500 klines a call, older docs and ccxt
     * 200, and funding history has been reported capped at the newest 100; whichever end of a range an
     * exchange keeps, nothing is skipped, and a real hole in its data costs one empty call.
     *
     * @param step the spacing of rows (a bar, a funding interval): a part shorter than that holds no row
     * @return the rows saved
     */
    static long fetchCovering(long from, long to, long step, RangeFetch fetch) {
        if (from >= to) return 0;
        Rows rows = fetch.fetch(from, to);
        if (rows.count() == 0) return 0;
        long saved = rows.count();
        if (rows.first() - from >= step) saved += fetchCovering(from, rows.first(), step, fetch);
        if (to - rows.last() > step) saved += fetchCovering(rows.last() + 1, to, step, fetch);
        return saved;
    }

    /**
     * Funding settlements on the grid of {@code interval} whose stamp falls inside {@code range}; KuCoin stamps
     * them a few milliseconds after the grid point, taken here as half a second.
     */
    static long settlementsIn(TimeRange range, long interval) {
        long stampDelay = 500;
        long first = Math.floorDiv(range.from() - stampDelay + interval - 1, interval);
        long last = Math.floorDiv(range.to() - 1 - stampDelay, interval);
        return Math.max(0, last - first + 1);
    }

    /** Splits ranges into consecutive pages no longer than {@code pageMillis}. */
    static List<TimeRange> pages(List<TimeRange> ranges, long pageMillis) {
        List<TimeRange> pages = new ArrayList<>();
        for (TimeRange range : ranges) {
            for (long s = range.from(); s < range.to(); s += pageMillis) {
                pages.add(new TimeRange(s, Math.min(s + pageMillis, range.to())));
            }
        }
        return pages;
    }

    private static long ceil(Timeframe timeframe, long millis) {
        long floor = timeframe.floor(millis);
        return floor == millis ? floor : floor + timeframe.millis();
    }
}
