package io.gpubot.live.feed;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.kucoin.HttpTransport;
import io.gpubot.kucoin.JdkHttpTransport;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Market data, sandbox clients and a recording listener shared by the feed tests. */
final class FeedTestKit {

    static final String SYMBOL = "XBTUSDTM";
    static final Contract XBT = Contracts.get(SYMBOL);
    /** 400 one-minute bars; the sandboxes start at bar {@link #NOW}, so bars before it are history. */
    static final CandleSeries BARS = SyntheticMarket.bitcoinLike(11).generate(400);
    static final int NOW = 300;
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private FeedTestKit() {
    }

    static Sandbox.Builder sandbox() {
        return Sandbox.builder(BARS, XBT).from(BARS.time(NOW));
    }

    static KucoinRestClient client(URI baseUrl, HttpTransport transport, int attempts) {
        return KucoinRestClient.builder(baseUrl).transport(transport).requestTimeout(Duration.ofSeconds(5))
                .maxAttempts(attempts).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
    }

    static KucoinRestClient client(Sandbox sandbox) {
        return client(sandbox.baseUrl(), new JdkHttpTransport(), 4);
    }

    /** A feed tuned for tests: quick backoffs; polling as given (long, when the WebSocket alone must drive it). */
    static ExchangeFeed.Builder feed(KucoinRestClient client, Duration poll) {
        return ExchangeFeed.builder(client, SYMBOL, BARS.timeframe()).pollInterval(poll)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .webSocketBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    /** The series' bars with indexes in {@code [from, to)}. */
    static List<Candle> bars(int from, int to) {
        List<Candle> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add(BARS.candle(i));
        return out;
    }

    /** Polls until {@code condition} holds; fails with {@code what} after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting for " + what);
            Thread.sleep(10);
        }
    }

    /** Counts the requests per path that reach the transport. */
    static final class CountingTransport implements HttpTransport {
        private final HttpTransport inner = new JdkHttpTransport();
        private final Map<String, AtomicInteger> byPath = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Response send(String method, URI uri, Map<String, String> headers, String body, Duration timeout)
                throws IOException, InterruptedException {
            byPath.computeIfAbsent(uri.getPath(), p -> new AtomicInteger()).incrementAndGet();
            return inner.send(method, uri, headers, body, timeout);
        }

        int count(String path) {
            AtomicInteger n = byPath.get(path);
            return n == null ? 0 : n.get();
        }
    }

    /** Records everything a feed reports, for assertions from the test thread. */
    static final class Recorder implements FeedListener {
        private final List<Candle> bars = new ArrayList<>();
        private final List<ConnectionState> states = new ArrayList<>();
        private final List<String> details = new ArrayList<>();
        private final List<Double> prices = new ArrayList<>();
        private String fatal;

        private final List<Long> marketTimes = new ArrayList<>();

        @Override
        public synchronized void onClosedBar(Candle bar) {
            onClosedBar(bar, Long.MIN_VALUE);
        }

        @Override
        public synchronized void onClosedBar(Candle bar, long marketTime) {
            bars.add(bar);
            marketTimes.add(marketTime);
        }

        /** The market time reported with each bar, in delivery order. */
        synchronized List<Long> marketTimes() {
            return List.copyOf(marketTimes);
        }

        @Override
        public synchronized void onPrice(long time, double price) {
            prices.add(price);
        }

        @Override
        public synchronized void onConnection(ConnectionState state, String detail) {
            states.add(state);
            details.add(state + ": " + detail);
        }

        @Override
        public synchronized void onFatal(String message, Throwable cause) {
            fatal = message;
        }

        synchronized List<Candle> bars() {
            return List.copyOf(bars);
        }

        synchronized List<ConnectionState> states() {
            return List.copyOf(states);
        }

        synchronized List<String> details() {
            return List.copyOf(details);
        }

        synchronized int priceCount() {
            return prices.size();
        }

        synchronized String fatal() {
            return fatal;
        }

        synchronized boolean delivered(int barIndex) {
            return !bars.isEmpty() && bars.get(bars.size() - 1).openTime() >= BARS.time(barIndex);
        }

        synchronized ConnectionState state() {
            return states.isEmpty() ? null : states.get(states.size() - 1);
        }
    }
}
