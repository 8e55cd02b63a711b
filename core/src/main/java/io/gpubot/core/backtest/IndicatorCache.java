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
    private final AtomicLong valueComputations = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    public IndicatorCache(CandleSeries series, long maxBytes) {
        this.series = series;
        this.maxBytes = maxBytes;
    }

    VoteBits votes(IndicatorSpec spec) {
        requests.incrementAndGet();
        return votes(spec, () -> {
            valueComputations.incrementAndGet();
            return spec.compute(series);
        });
    }

    /**
     * Computes the votes of every spec not yet cached, on {@code threads} threads, computing the values
     * once for all the specs that differ only in the levels of their rules.
     */
    public void prefetch(java.util.Collection<IndicatorSpec> specs, int threads) {
        java.util.List<java.util.List<IndicatorSpec>> groups = missingGroups(specs);
        if (threads <= 1) {
            groups.forEach(this::computeGroup);
            return;
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            pool.submit(() -> groups.parallelStream().forEach(this::computeGroup)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("indicator computation interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** {@link #prefetch(java.util.Collection, int)} in parallel on the pool the caller runs in (call it from one of its tasks). */
    void prefetchOnCurrentPool(java.util.Collection<IndicatorSpec> specs) {
        missingGroups(specs).parallelStream().forEach(this::computeGroup);
    }

    /** The specs not yet cached, grouped by the values they share. */
    private java.util.List<java.util.List<IndicatorSpec>> missingGroups(java.util.Collection<IndicatorSpec> specs) {
        java.util.Map<IndicatorSpec, java.util.List<IndicatorSpec>> byComputation = new java.util.LinkedHashMap<>();
        for (IndicatorSpec spec : new java.util.LinkedHashSet<>(specs)) {
            if (!entries.containsKey(spec)) byComputation.computeIfAbsent(spec.computation(), k -> new java.util.ArrayList<>()).add(spec);
        }
        return new java.util.ArrayList<>(byComputation.values());
    }

    /**
     * The votes of {@code spec} at every bar of the series, computed now if not cached: {bullish bits,
     * bearish bits}, bit {@code i} of word {@code i / 64} for bar {@code i} (for other engines that run the
     * same rules; the arrays are shared, do not change them).
     */
    public long[][] voteWords(IndicatorSpec spec) {
        VoteBits v = votes(spec);
        return new long[][] {v.bullish(), v.bearish()};
    }

    /** Votes of specs that share one computation, from values computed once (and only if one is missing). */
    private void computeGroup(java.util.List<IndicatorSpec> group) {
        io.gpubot.core.indicator.IndicatorValues[] values = new io.gpubot.core.indicator.IndicatorValues[1];
        for (IndicatorSpec spec : group) {
            votes(spec, () -> {
                if (values[0] == null) {
                    valueComputations.incrementAndGet();
                    values[0] = group.get(0).compute(series);
                }
                return values[0].as(spec);
            });
        }
    }

    private VoteBits votes(IndicatorSpec spec, java.util.function.Supplier<io.gpubot.core.indicator.IndicatorValues> values) {
        CompletableFuture<VoteBits> mine = new CompletableFuture<>();
        CompletableFuture<VoteBits> existing = entries.putIfAbsent(spec, mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            VoteBits bits = VoteBits.of(SignalRules.voteBits(values.get(), series));
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

    /**
     * Indicator values computed so far: specs that differ only in their rule's levels share one
     * (a computation dropped and redone counts twice).
     */
    public long computations() {
        return valueComputations.get();
    }

    /** Vote series classified so far, one per distinct spec (a spec dropped and redone counts twice). */
    public long voteComputations() {
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
