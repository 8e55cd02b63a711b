package io.gpubot.sandbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * KuCoin's quota pools: each request costs its endpoint's weight; a pool holds {@code limit} weight per
 * 30-second window (wall clock, as on the real exchange). Thread safety: synchronized.
 */
final class RateLimits {

    /** KuCoin's quota pools, as the spec's x-api-rate-limit-pool names them. */
    enum Pool { PUBLIC, FUTURES, SPOT, MANAGEMENT }

    static final long WINDOW_MILLIS = 30_000;

    /** The pool's state after a request: whether it was allowed and the header values. */
    record Quota(boolean allowed, int limit, int remaining, long resetMillis) {
    }

    private final int limit;
    private final LongSupplier wallClock;
    private final Map<Pool, Long> windowStart = new EnumMap<>(Pool.class);
    private final Map<Pool, Integer> used = new EnumMap<>(Pool.class);

    RateLimits(int limit, LongSupplier wallClock) {
        this.limit = limit;
        this.wallClock = wallClock;
    }

    synchronized Quota charge(Pool pool, int weight) {
        long now = wallClock.getAsLong();
        Long started = windowStart.get(pool);
        long start = started == null ? now : started;
        if (started == null || now - start >= WINDOW_MILLIS) {
            start = now;
            windowStart.put(pool, start);
            used.put(pool, 0);
        }
        int spent = used.getOrDefault(pool, 0);
        long reset = start + WINDOW_MILLIS - now;
        if (spent + weight > limit) return new Quota(false, limit, Math.max(0, limit - spent), reset);
        used.put(pool, spent + weight);
        return new Quota(true, limit, limit - spent - weight, reset);
    }
}
