package io.gpubot.kucoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryAndRateLimitTest {

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    private KucoinRestClient client(FakeTransport transport, RateLimiter limiter) {
        return KucoinRestClient.builder(URI.create("http://127.0.0.1:1"))
                .credentials(new KucoinCredentials("key".toCharArray(), "secret".toCharArray(), "pass".toCharArray()))
                .transport(transport).clock(clock).sleeper(clock.sleeper()).random(new Random(7))
                .rateLimiter(limiter).maxAttempts(4).backoff(Duration.ofMillis(200), Duration.ofSeconds(5)).build();
    }

    @Test
    void a429BlocksThePoolUntilTheAnnouncedReset() {
        RateLimiter limiter = new RateLimiter(clock, clock.sleeper());
        FakeTransport transport = new FakeTransport((s, i) -> i == 0
                ? new HttpTransport.Response(429, Map.of("gw-ratelimit-limit", "2000", "gw-ratelimit-remaining", "0", "gw-ratelimit-reset", "7000"),
                        "{\"code\":\"429000\",\"msg\":\"Too Many Requests\"}")
                : FakeTransport.ok(TestFiles.openapi("timestamp"), Map.of("gw-ratelimit-remaining", "1998", "gw-ratelimit-reset", "29000")));
        long start = clock.millis();
        assertThat(client(transport, limiter).serverTime()).isEqualTo(1729260030774L);
        assertThat(transport.sent).hasSize(2);
        assertThat(clock.millis() - start).isEqualTo(7000);
        assertThat(limiter.remaining(RateLimiter.Pool.PUBLIC)).isEqualTo(1998);
    }

    @Test
    void a429OnAnOrderIsARefusalSoItIsSentAgainAfterTheReset() {
        RateLimiter limiter = new RateLimiter(clock, clock.sleeper());
        FakeTransport transport = new FakeTransport((s, i) -> i == 0
                ? new HttpTransport.Response(429, Map.of("gw-ratelimit-reset", "3000"), "{\"code\":\"429000\",\"msg\":\"Too Many Requests\"}")
                : FakeTransport.ok(TestFiles.openapi("add-order")));
        client(transport, limiter).placeOrder(OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 2));
        assertThat(transport.count("POST", "/api/v1/orders")).isEqualTo(2);
        assertThat(transport.count("GET", "/api/v1/orders/byClientOid")).isZero();
    }

    @Test
    void getsAreRetriedOn5xxAndTimeoutsWithGrowingJitteredPauses() {
        FakeTransport transport = new FakeTransport((s, i) -> switch (i) {
            case 0 -> new HttpTransport.Response(503, Map.of(), "Service Unavailable");
            case 1 -> throw new HttpTimeoutException("timed out");
            case 2 -> new HttpTransport.Response(500, Map.of(), "{\"code\":\"500000\",\"msg\":\"Internal error\"}");
            default -> FakeTransport.ok(TestFiles.openapi("ticker"));
        });
        assertThat(client(transport, new RateLimiter(clock, clock.sleeper())).ticker("XBTUSDM").price()).isEqualTo(67158.4);
        assertThat(transport.sent).hasSize(4);
        assertThat(clock.sleeps).hasSize(3);
        assertThat(clock.sleeps.get(0).toMillis()).isBetween(100L, 200L);
        assertThat(clock.sleeps.get(1).toMillis()).isBetween(200L, 400L);
        assertThat(clock.sleeps.get(2).toMillis()).isBetween(400L, 800L);
    }

    @Test
    void retriesStopAfterTheLastAttempt() {
        FakeTransport transport = new FakeTransport((s, i) -> new HttpTransport.Response(502, Map.of(), "bad gateway"));
        assertThatThrownBy(() -> client(transport, new RateLimiter(clock, clock.sleeper())).ticker("XBTUSDTM"))
                .isInstanceOfSatisfying(KucoinApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(502));
        assertThat(transport.sent).hasSize(4);
    }

    @Test
    void weightsAreCountedPerPoolAndAFullPoolWaitsForTheWindow() throws Exception {
        RateLimiter limiter = new RateLimiter(clock, clock.sleeper(), 10, 100);
        limiter.acquire(RateLimiter.Pool.PUBLIC, 3);
        limiter.acquire(RateLimiter.Pool.PUBLIC, 3);
        limiter.acquire(RateLimiter.Pool.PUBLIC, 3);
        assertThat(limiter.remaining(RateLimiter.Pool.PUBLIC)).isEqualTo(1);
        assertThat(limiter.remaining(RateLimiter.Pool.FUTURES)).isEqualTo(100);
        assertThat(clock.sleeps).isEmpty();
        clock.advance(10_000);
        limiter.acquire(RateLimiter.Pool.PUBLIC, 3);
        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(20_000));
        assertThat(limiter.remaining(RateLimiter.Pool.PUBLIC)).isEqualTo(7);
    }

    @Test
    void headersOverrideTheLocalCount() throws Exception {
        RateLimiter limiter = new RateLimiter(clock, clock.sleeper());
        limiter.acquire(RateLimiter.Pool.FUTURES, 2);
        limiter.update(RateLimiter.Pool.FUTURES, new HttpTransport.Response(200,
                Map.of("gw-ratelimit-limit", "4000", "gw-ratelimit-remaining", "5", "gw-ratelimit-reset", "1500"), ""));
        assertThat(limiter.remaining(RateLimiter.Pool.FUTURES)).isEqualTo(5);
        limiter.acquire(RateLimiter.Pool.FUTURES, 5);
        limiter.acquire(RateLimiter.Pool.FUTURES, 5);
        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(1500));
        assertThat(limiter.remaining(RateLimiter.Pool.FUTURES)).isEqualTo(3995);
    }

    @Test
    void timeSyncUsesTheMidpointOfTheRoundTrip() {
        TimeSync sync = new TimeSync(clock, () -> {
            clock.advance(100);
            long server = clock.millis() + 5_000;
            clock.advance(300);
            return server;
        });
        long before = clock.millis();
        assertThat(sync.refresh()).isEqualTo(5_000 + 100 - 200);
        assertThat(sync.lastRoundTripMillis()).isEqualTo(400);
        assertThat(sync.now()).isEqualTo(clock.millis() + 4_900);
        assertThat(before).isLessThan(clock.millis());
    }

    @Test
    void periodicRefreshRunsInOneBackgroundThreadOnly() throws Exception {
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        try (TimeSync sync = new TimeSync(java.time.Clock.systemUTC(), () -> {
            fetches.incrementAndGet();
            return System.currentTimeMillis() + 1_000;
        })) {
            sync.startPeriodicRefresh(Duration.ofMillis(5));
            sync.startPeriodicRefresh(Duration.ofMillis(5));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (fetches.get() < 3 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(fetches.get()).isGreaterThanOrEqualTo(3);
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(sync.threadName()))).hasSize(1);
            assertThat(sync.offsetMillis()).isBetween(900L, 1_100L);
        }
    }

    @Test
    void aTimestampRejectionResyncsTheClockAndSignsAgain() {
        FakeTransport transport = new FakeTransport((s, i) -> {
            if (s.uri().getPath().equals("/api/v1/timestamp")) return FakeTransport.ok("{\"code\":\"200000\",\"data\":" + (clock.millis() + 60_000) + "}");
            if (i == 0) return new HttpTransport.Response(400, Map.of(), "{\"code\":\"400002\",\"msg\":\"KC-API-TIMESTAMP Invalid\"}");
            return FakeTransport.ok(TestFiles.openapi("account-overview"));
        });
        KucoinRestClient c = client(transport, new RateLimiter(clock, clock.sleeper()));
        assertThat(c.accountOverview("USDT").currency()).isEqualTo("USDT");
        assertThat(transport.sent).hasSize(3);
        long first = Long.parseLong(transport.sent.get(0).headers().get("KC-API-TIMESTAMP"));
        long retried = Long.parseLong(transport.sent.get(2).headers().get("KC-API-TIMESTAMP"));
        assertThat(retried - first).isEqualTo(60_000);
    }

    @Test
    void privateCallsWithoutCredentialsFailClearly() {
        KucoinRestClient anonymous = KucoinRestClient.builder(URI.create("http://x")).transport(new FakeTransport((s, i) -> FakeTransport.ok("{}"))).build();
        assertThatThrownBy(() -> anonymous.positions()).isInstanceOf(IllegalStateException.class).hasMessageContaining("credentials");
    }
}
