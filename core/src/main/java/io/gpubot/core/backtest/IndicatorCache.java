package io.gpubot.core.backtest;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.signal.SignalRules;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The votes of every indicator spec used on one series, computed once and shared by all the bots
 * that use that spec, across calls. Thread-safe: when several threads ask for the same spec at once,
 * one computes it and the others wait. Bounded: past {@code maxBytes} the oldest specs are dropped
 * (and recomputed if asked for again).
 */
public final class IndicatorCache {

    /** Default bound: 1 GiB of vote bitsets (about 8,000 specs over a year of minutes). */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private final CandleSeries series;
    private final long maxBytes;
    private final ConcurrentHashMap<IndicatorSpec, CompletableFuture<VoteBits>> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<IndicatorSpec> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong computed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    public IndicatorCache(CandleSeries series, long maxBytes) {
        this.series = series;
        this.maxBytes = maxBytes;
    }

    VoteBits votes(IndicatorSpec spec) {
        requests.incrementAndGet();
        CompletableFuture<VoteBits> mine = new CompletableFuture<>();
        CompletableFuture<VoteBits> existing = entries.putIfAbsent(spec, mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            VoteBits bits = VoteBits.of(SignalRules.votes(spec, series));
            mine.complete(bits);
            computed.incrementAndGet();
            order.add(spec);
            if (bytes.addAndGet(bits.bytes()) > maxBytes) evict();
            return bits;
        } catch (RuntimeException e) {
            entries.remove(spec, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private void evict() {
        while (bytes.get() > maxBytes) {
            IndicatorSpec oldest = order.poll();
            if (oldest == null) return;
            CompletableFuture<VoteBits> gone = entries.remove(oldest);
            if (gone != null && gone.isDone() && !gone.isCompletedExceptionally()) {
                bytes.addAndGet(-gone.join().bytes());
            }
        }
    }

    /** Distinct indicator computations done so far (a spec dropped and recomputed counts twice). */
    public long computations() {
        return computed.get();
    }

    /** Times a bot asked for an indicator's votes. */
    public long requests() {
        return requests.get();
    }

    /** Bytes of vote bitsets held now. */
    public long bytes() {
        return bytes.get();
    }

    public CandleSeries series() {
        return series;
    }
}
