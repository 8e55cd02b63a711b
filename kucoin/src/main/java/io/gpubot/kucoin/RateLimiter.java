package io.gpubot.kucoin;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Keeps requests inside KuCoin's weighted quotas: each pool (public per IP, futures per account)
 * allows a total weight per 30 s window. The local count is corrected by the
 * {@code gw-ratelimit-remaining} / {@code gw-ratelimit-reset} headers of every answer, and an HTTP
 * 429 blocks the pool until the announced reset. Thread-safe; callers block in {@link #acquire}.
 */
public final class RateLimiter {

    /** KuCoin's quota pools. */
    /** KuCoin's quota pools; MANAGEMENT covers account-level look-ups such as the account mode. */
    public enum Pool { PUBLIC, FUTURES, MANAGEMENT }

    public static final Duration WINDOW = Duration.ofSeconds(30);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<Pool, Budget> budgets = new EnumMap<>(Pool.class);

    private static final class Budget {
        int limit;
        int remaining;
        long resetAtMillis;

        Budget(int limit) {
            this.limit = limit;
            this.remaining = limit;
        }
    }

    /** VIP0 quotas: 2000 per 30 s in both pools. */
    public RateLimiter(Clock clock, Sleeper sleeper) {
        this(clock, sleeper, 2000, 2000);
    }

    public RateLimiter(Clock clock, Sleeper sleeper, int publicQuota, int futuresQuota) {
        this.clock = clock;
        this.sleeper = sleeper;
        budgets.put(Pool.PUBLIC, new Budget(publicQuota));
        budgets.put(Pool.FUTURES, new Budget(futuresQuota));
        // VIP0's management quota; gpubot asks it once per session start.
        budgets.put(Pool.MANAGEMENT, new Budget(2000));
    }

    /** Blocks until {@code weight} fits into the pool's current window, then takes it. */
    public void acquire(Pool pool, int weight) throws InterruptedException {
        while (true) {
            long waitMillis;
            synchronized (this) {
                Budget budget = budgets.get(pool);
                long now = clock.millis();
                if (now >= budget.resetAtMillis) {
                    budget.remaining = budget.limit;
                    budget.resetAtMillis = now + WINDOW.toMillis();
                }
                if (budget.remaining >= weight || budget.remaining == budget.limit) {
                    budget.remaining -= weight;
                    return;
                }
                waitMillis = budget.resetAtMillis - now;
            }
            sleeper.sleep(Duration.ofMillis(Math.max(1, waitMillis)));
        }
    }

    /** Takes KuCoin's own view of the quota from an answer's headers. */
    public synchronized void update(Pool pool, HttpTransport.Response response) {
        Long limit = parse(response.header("gw-ratelimit-limit"));
        Long remaining = parse(response.header("gw-ratelimit-remaining"));
        Long reset = parse(response.header("gw-ratelimit-reset"));
        Budget budget = budgets.get(pool);
        long now = clock.millis();
        if (limit != null && limit > 0) budget.limit = (int) Math.min(Integer.MAX_VALUE, limit);
        // The reset is a countdown in ms and can never exceed the window; clamping guards against odd values.
        if (reset != null && reset >= 0) budget.resetAtMillis = now + Math.min(reset, WINDOW.toMillis());
        if (remaining != null) budget.remaining = (int) Math.max(0, Math.min(budget.limit, remaining));
    }

    /** After an HTTP 429: nothing more goes out in this pool until the reset the answer announced. */
    public synchronized void exhausted(Pool pool, HttpTransport.Response response) {
        update(pool, response);
        Budget budget = budgets.get(pool);
        budget.remaining = 0;
        long now = clock.millis();
        if (budget.resetAtMillis <= now) budget.resetAtMillis = now + WINDOW.toMillis();
    }

    /** The weight still available in the pool's current window (for progress displays and tests). */
    public synchronized int remaining(Pool pool) {
        Budget budget = budgets.get(pool);
        return clock.millis() >= budget.resetAtMillis ? budget.limit : budget.remaining;
    }

    /** Milliseconds until the pool's window resets (0 when it already has). */
    public synchronized long millisUntilReset(Pool pool) {
        return Math.max(0, budgets.get(pool).resetAtMillis - clock.millis());
    }

    private static Long parse(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
