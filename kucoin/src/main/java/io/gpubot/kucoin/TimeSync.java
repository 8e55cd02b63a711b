package io.gpubot.kucoin;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimates the exchange clock so signed requests carry a timestamp KuCoin accepts. The offset is
 * measured against the midpoint of the request's round trip, and refreshed periodically by a
 * single daemon thread.
 */
public final class TimeSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TimeSync.class);

    private final Clock clock;
    private final LongSupplier serverTime;
    private volatile long offsetMillis;
    private volatile long lastRoundTripMillis = -1;
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();
    private final String threadName = "kucoin-time-sync-" + INSTANCES.incrementAndGet();
    private ScheduledExecutorService refresher;

    /** @param serverTime fetches the exchange's time in epoch milliseconds */
    public TimeSync(Clock clock, LongSupplier serverTime) {
        this.clock = clock;
        this.serverTime = serverTime;
    }

    /** Measures the offset now; returns it in milliseconds (server minus local). */
    public long refresh() {
        long sent = clock.millis();
        long server = serverTime.getAsLong();
        long received = clock.millis();
        offsetMillis = server - (sent + (received - sent) / 2);
        lastRoundTripMillis = received - sent;
        return offsetMillis;
    }

    /** The estimated exchange time in epoch milliseconds. */
    public long now() {
        return clock.millis() + offsetMillis;
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    /** Round trip of the last measurement, or -1 before the first one. */
    public long lastRoundTripMillis() {
        return lastRoundTripMillis;
    }

    /** Starts refreshing every {@code period}; later calls do nothing while it runs. */
    public synchronized void startPeriodicRefresh(Duration period) {
        if (refresher != null) return;
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("Could not refresh the KuCoin clock offset, keeping {} ms: {}", offsetMillis, e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    String threadName() {
        return threadName;
    }

    public synchronized boolean isRefreshing() {
        return refresher != null;
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }
}
