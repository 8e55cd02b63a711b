package io.gpubot.live.feed;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Symbols;
import io.gpubot.core.market.Timeframe;
import io.gpubot.kucoin.KucoinApiException;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.ws.CandleUpdate;
import io.gpubot.kucoin.ws.KucoinWebSocketFeed;
import io.gpubot.kucoin.ws.TickerUpdate;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange's closed bars of one contract and timeframe, for the real-time engine.
 *
 * <p>The WebSocket {@code limitCandle} topic only says <em>when</em> a bar has closed (a bar is final
 * when the next one starts); the values delivered always come from REST klines. A REST row counts as
 * final when REST also shows a later row (or, for a REST that never lists the bar in progress, when
 * it still shows none a few retries after the WebSocket saw the next bar start), so a bar is never
 * delivered from a non-final update, whatever pushes were dropped. Everything the feed has not delivered yet is fetched in order from
 * the last delivered bar on, so the initial backfill, the backfill after a reconnect and the normal
 * live bar are one and the same path, and a bar can neither be skipped nor delivered twice.
 *
 * <p>All REST work and every bar, state change and fatal error is reported from one feed thread;
 * prices come from the WebSocket's thread. A REST poll every {@link Builder#pollInterval} is the
 * safety net for a WebSocket that is down or silently lost a push. Transient failures (no answer,
 * 429, 5xx) are retried with backoff and reported as {@link ConnectionState#RECONNECTING}; only an
 * exchange that cannot be reached at all at the start, or that refuses the request (unknown symbol),
 * is fatal.
 */
public final class ExchangeFeed implements MarketFeed {

    private static final Logger log = LoggerFactory.getLogger(ExchangeFeed.class);

    /**
     * KuCoin's spec: "at most 500 pieces of data" a kline call (openapi-futures-market.json, Get Klines);
     * older docs and ccxt say 200. The feed asks for 500 and narrows its windows when fewer come back.
     */
    static final int ROWS_PER_CALL = 500;
    /** The least page size the feed learns from short pages (a hole in the data can look like one). */
    static final int PAGE_ROWS_FLOOR = 100;
    /**
     * Retries (about 7 s with the default backoff) after which a bar the WebSocket saw close is taken
     * from REST even though REST shows no later row, for a REST that never lists the bar in progress.
     */
    static final int TRUST_NEWEST_ROW_AFTER = 3;

    private final KucoinRestClient rest;
    private final String symbol;
    private final Timeframe timeframe;
    private final Duration pollInterval;
    private final Duration retryBase;
    private final Duration retryMax;
    private final Duration webSocketBackoffBase;
    private final Duration webSocketBackoffMax;
    private final Duration closeTimeout;

    /** Guards the listener: nothing is reported once {@link #closed} is set under it. */
    private final Object events = new Object();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    /** Newest bar the WebSocket has shown to be closed (the one before the newest bar it pushed). */
    private final AtomicLong closedOnWebSocket = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean closed;
    private volatile FeedListener listener;
    private volatile ScheduledExecutorService executor;
    private volatile Thread feedThread;
    private volatile KucoinWebSocketFeed webSocket;

    // Owned by the feed thread.
    private long lastDelivered;
    private boolean startPointKnown;
    private boolean initialBackfillDone;
    private boolean reconnectedSinceCatchUp;
    private boolean webSocketUp;
    private boolean reachedExchange;
    /** A fatal failure was reported: the feed does nothing more until closed. */
    private boolean stopped;
    private int failures;
    private int confirmAttempts;
    /** Rows a kline call returns at most, as learned: {@link #ROWS_PER_CALL} until a page shows fewer. */
    private int rowsPerCall = ROWS_PER_CALL;
    /** Open time of the newest kline the exchange has returned: the market has reached at least that moment. */
    private long newestRowSeen = Long.MIN_VALUE;
    private ScheduledFuture<?> retry;
    private ConnectionState state;

    private ExchangeFeed(Builder b) {
        this.rest = b.rest;
        this.symbol = b.symbol;
        this.timeframe = b.timeframe;
        this.pollInterval = b.pollInterval;
        this.retryBase = b.retryBase;
        this.retryMax = b.retryMax;
        this.webSocketBackoffBase = b.webSocketBackoffBase;
        this.webSocketBackoffMax = b.webSocketBackoffMax;
        this.closeTimeout = b.closeTimeout;
    }

    /**
     * @param rest         the client of the exchange (not closed by the feed)
     * @param symbolOrPair {@code XBTUSDTM} or {@code BTC/USDT}
     */
    public static Builder builder(KucoinRestClient rest, String symbolOrPair, Timeframe timeframe) {
        return new Builder(rest, symbolOrPair, timeframe);
    }

    /** Options of an {@link ExchangeFeed}; the defaults suit KuCoin. */
    public static final class Builder {
        private final KucoinRestClient rest;
        private final String symbol;
        private final Timeframe timeframe;
        private Duration pollInterval = Duration.ofSeconds(15);
        private Duration retryBase = Duration.ofSeconds(1);
        private Duration retryMax = Duration.ofMinutes(1);
        private Duration webSocketBackoffBase = Duration.ofSeconds(1);
        private Duration webSocketBackoffMax = Duration.ofMinutes(1);
        private Duration closeTimeout = Duration.ofSeconds(5);

        private Builder(KucoinRestClient rest, String symbolOrPair, Timeframe timeframe) {
            this.rest = Objects.requireNonNull(rest, "rest");
            this.symbol = Symbols.toContract(Objects.requireNonNull(symbolOrPair, "symbol"));
            this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
        }

        /** How often REST is asked for new bars even when the WebSocket says nothing (default 15 s). */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "poll interval");
            return this;
        }

        /** Backoff between REST attempts after a failure, or while REST lags the WebSocket (default 1 s to 1 min). */
        public Builder retryBackoff(Duration base, Duration max) {
            this.retryBase = positive(base, "retry backoff");
            this.retryMax = positive(max, "maximum retry backoff");
            return this;
        }

        /** Backoff between WebSocket reconnection attempts (default 1 s to 1 min). */
        public Builder webSocketBackoff(Duration base, Duration max) {
            this.webSocketBackoffBase = positive(base, "WebSocket backoff");
            this.webSocketBackoffMax = positive(max, "maximum WebSocket backoff");
            return this;
        }

        /** How long {@link ExchangeFeed#close()} waits for a REST call in flight to give up (default 5 s). */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "close timeout");
            return this;
        }

        public ExchangeFeed build() {
            return new ExchangeFeed(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative()) throw new IllegalArgumentException(what + " must be above zero, got " + d);
            return d;
        }
    }

    public String symbol() {
        return symbol;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    @Override
    public void start(long afterOpenTime, FeedListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed) throw new IllegalStateException("this feed is closed");
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("this feed is already started");
        this.listener = listener;
        this.lastDelivered = afterOpenTime;
        this.startPointKnown = afterOpenTime != Long.MIN_VALUE;
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "market-feed-" + symbol + "-" + timeframe);
            t.setDaemon(true);
            feedThread = t;
            return t;
        });
        // Published under the event lock: a close() racing with start() either sees it or stops the start.
        synchronized (events) {
            if (closed) {
                scheduler.shutdownNow();
                return;
            }
            executor = scheduler;
        }
        onFeedThread(() -> report(ConnectionState.CONNECTING, "connecting to KuCoin at " + rest.baseUrl() + " for " + what()));
        requestCatchUp();
        try {
            scheduler.scheduleWithFixedDelay(this::requestCatchUp, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return; // closed meanwhile
        }

        KucoinWebSocketFeed ws = KucoinWebSocketFeed.builder(rest::publicWsToken)
                .backoff(webSocketBackoffBase, webSocketBackoffMax).build();
        ws.addConnectionListener(new KucoinWebSocketFeed.ConnectionListener() {
            @Override
            public void connected(boolean reconnect) {
                onFeedThread(() -> webSocketConnected(reconnect));
            }

            @Override
            public void disconnected(String reason) {
                onFeedThread(() -> webSocketLost(reason));
            }
        });
        ws.subscribeCandles(symbol, timeframe, this::candlePushed);
        ws.subscribeTicker(symbol, this::tickerPushed);
        synchronized (events) {
            if (closed) return;
            webSocket = ws;
        }
        ws.start(); // a WebSocket feed closed before it starts ends at once
    }

    @Override
    public void close() {
        synchronized (events) {
            if (closed) return;
            closed = true;
        }
        KucoinWebSocketFeed ws = webSocket;
        if (ws != null) ws.close();
        ScheduledExecutorService scheduler = executor;
        if (scheduler != null) {
            // Interrupts a REST call in flight (the client gives up on interrupt).
            scheduler.shutdownNow();
            if (Thread.currentThread() != feedThread) {
                try {
                    if (!scheduler.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        log.warn("The {} feed thread did not stop within {} ms", what(), closeTimeout.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        FeedListener l = listener;
        if (l != null) {
            synchronized (events) {
                safely(() -> l.onConnection(ConnectionState.CLOSED, "market feed for " + what() + " closed"));
            }
        }
    }

    // ---- WebSocket events (on the WebSocket's thread: never block) ----

    private void candlePushed(CandleUpdate update) {
        if (!symbol.equals(update.symbol()) || update.timeframe() != timeframe) return;
        // A bar is final when the next one starts: an update of bar T closes every bar before T.
        long closedBar = update.candle().openTime() - timeframe.millis();
        if (closedOnWebSocket.getAndAccumulate(closedBar, Math::max) < closedBar) requestCatchUp();
    }

    private void tickerPushed(TickerUpdate ticker) {
        if (!symbol.equals(ticker.symbol())) return;
        double price = ticker.bestBidPrice() > 0 && ticker.bestAskPrice() > 0
                ? (ticker.bestBidPrice() + ticker.bestAskPrice()) / 2 : Math.max(ticker.bestBidPrice(), ticker.bestAskPrice());
        if (!(price > 0)) return;
        long time = ticker.ts() / 1_000_000L;
        emit(l -> l.onPrice(time, price));
    }

    // ---- the feed thread ----

    private void webSocketConnected(boolean reconnect) {
        webSocketUp = true;
        if (reconnect) {
            reconnectedSinceCatchUp = true;
            report(ConnectionState.BACKFILLING, "reconnected to KuCoin; fetching the " + what() + " bars missed meanwhile");
        }
        requestCatchUp();
    }

    private void webSocketLost(String reason) {
        webSocketUp = false;
        report(ConnectionState.RECONNECTING, "lost the KuCoin live connection (" + reason + "); reconnecting, bars are still fetched through REST");
    }

    private void requestCatchUp() {
        if (catchUpQueued.compareAndSet(false, true)) onFeedThread(this::catchUp);
    }

    private void onFeedThread(Runnable task) {
        ScheduledExecutorService scheduler = executor;
        if (closed || scheduler == null) return;
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing more to do.
        }
    }

    /** Fetches and delivers every confirmed bar after the last delivered one, in order. */
    private void catchUp() {
        catchUpQueued.set(false);
        if (closed || stopped) return;
        // While a retry is scheduled, the backoff decides when REST is asked again.
        if (retry != null && !retry.isDone()) return;
        try {
            fetchAndDeliver();
        } catch (RuntimeException e) {
            if (closed) return;
            failed(e);
        }
    }

    private void retryNow() {
        retry = null;
        catchUp();
    }

    private void fetchAndDeliver() {
        long tf = timeframe.millis();
        if (!startPointKnown) {
            // No bar processed yet: the first bar delivered is the one in progress now.
            long now = rest.ticker(symbol).ts() / 1_000_000L;
            reachedExchange = true;
            lastDelivered = timeframe.floor(now) - tf;
            startPointKnown = true;
        }
        boolean gapSeen = closedOnWebSocket.get() > lastDelivered + tf;
        if (!initialBackfillDone || reconnectedSinceCatchUp || gapSeen) {
            report(ConnectionState.BACKFILLING, "fetching the " + what() + " bars since " + Instant.ofEpochMilli(lastDelivered + tf)
                    + " through REST");
        }
        long cursor = lastDelivered + tf;
        int window = rowsPerCall;
        // A row the exchange returned after a window that came back without its head: the head is either
        // rows a page too small left out, or a hole in the exchange's data, and a narrower request tells.
        long knownRowAfter = Long.MIN_VALUE;
        while (!closed) {
            long pageEnd = cursor + window * tf;
            CandleSeries page = rest.klines(symbol, timeframe, cursor, pageEnd - tf);
            reachedExchange = true;
            // Only rows inside the window count: an exchange that ignores from/to must not move the cursor back.
            int first = 0;
            while (first < page.size() && page.time(first) < cursor) first++;
            int end = first;
            while (end < page.size() && page.time(end) < pageEnd) end++;
            int rows = end - first;
            if (rows > 0) newestRowSeen = Math.max(newestRowSeen, page.time(end - 1));
            if (rows > 0 && rows < window && page.time(first) > cursor) {
                // Fewer rows than asked for, and not from the start: ask for exactly the part before them.
                knownRowAfter = page.time(first);
                window = (int) ((knownRowAfter - cursor) / tf);
                continue;
            }
            if (rows == 0 && knownRowAfter != Long.MIN_VALUE) {
                // Nothing before a row the exchange has: a hole in its data (an outage), never a short page.
                cursor = knownRowAfter;
                knownRowAfter = Long.MIN_VALUE;
                window = rowsPerCall;
                continue;
            }
            if (knownRowAfter != Long.MIN_VALUE && rows == window && window < rowsPerCall) {
                // The narrower window came back whole: the wider one had its head cut by a smaller page limit.
                rowsPerCall = Math.max(window, PAGE_ROWS_FLOOR);
            }
            knownRowAfter = Long.MIN_VALUE;
            // A row is final once REST shows a later one: the newest row may still be forming.
            for (int i = first; i + 1 < end; i++) {
                if (page.time(i) > lastDelivered) deliver(page.candle(i));
            }
            if (rows > 0 && page.time(end - 1) > lastDelivered && page.time(end - 1) <= closedOnWebSocket.get()
                    && confirmAttempts >= TRUST_NEWEST_ROW_AFTER) {
                // REST still shows no later row several retries after the WebSocket saw the next bar start:
                // this REST lists closed bars only, and its values have had time to settle.
                deliver(page.candle(end - 1));
            }
            if (rows >= window) {
                cursor = lastDelivered + tf;
                window = rowsPerCall;
            } else if (rows >= PAGE_ROWS_FLOOR && page.time(first) == cursor) {
                // Many rows, yet fewer than asked for: the present, or an exchange that keeps the oldest rows of
                // a window longer than its page. Ask on from the newest row: at the present only that row comes back.
                cursor = Math.max(lastDelivered + tf, page.time(end - 1));
                window = rowsPerCall;
            } else if (closedOnWebSocket.get() >= pageEnd || newestRowSeen >= pageEnd) {
                // The exchange is past this whole range, so its last row is final too. Rows came back: go on
                // right after them (a short page is not a hole); none came back: the range is a hole in the
                // exchange's data (an outage), look further on.
                if (rows > 0 && page.time(end - 1) > lastDelivered) deliver(page.candle(end - 1));
                cursor = rows > 0 ? page.time(end - 1) + tf : pageEnd;
                window = rowsPerCall;
            } else {
                break;
            }
        }
        if (closed) return;
        failures = 0;
        reconnectedSinceCatchUp = false;
        initialBackfillDone = true;
        if (closedOnWebSocket.get() > lastDelivered) {
            // The WebSocket has seen a bar close that REST does not confirm yet: ask again shortly.
            confirmAttempts++;
            scheduleRetry(backoff(confirmAttempts));
            return;
        }
        confirmAttempts = 0;
        if (webSocketUp) {
            report(ConnectionState.LIVE, "receiving " + what() + " bars live; last bar " + Instant.ofEpochMilli(lastDelivered));
        } else if (state == ConnectionState.BACKFILLING || state == ConnectionState.CONNECTING) {
            report(ConnectionState.CONNECTING, "history is up to date; waiting for the KuCoin live connection");
        }
    }

    private void deliver(Candle bar) {
        lastDelivered = bar.openTime();
        long pushed = closedOnWebSocket.get();
        long marketTime = Math.max(newestRowSeen, pushed == Long.MIN_VALUE ? Long.MIN_VALUE : pushed + timeframe.millis());
        emit(l -> l.onClosedBar(bar, marketTime));
    }

    private void failed(RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String fatal = fatalReason(e);
        if (fatal != null) {
            stopped = true;
            log.error("{} feed stopped: {}", what(), fatal, e);
            emit(l -> l.onFatal(fatal, e));
            return;
        }
        failures++;
        Duration delay = backoff(failures);
        log.warn("{} feed: {}; retrying in {} ms", what(), reason, delay.toMillis());
        report(ConnectionState.RECONNECTING, "KuCoin did not answer (" + reason + "); retrying in " + seconds(delay));
        scheduleRetry(delay);
    }

    /** The message for a failure that retrying cannot cure, or {@code null} for a transient one. */
    private String fatalReason(RuntimeException e) {
        if (e instanceof KucoinApiException api) {
            boolean transientFailure = api.isRateLimited() || api.httpStatus() >= 500 || String.valueOf(api.code()).startsWith("invalid");
            return transientFailure ? null : "KuCoin at " + rest.baseUrl() + " refused the " + what() + " market data: " + api.getMessage();
        }
        if (!reachedExchange) {
            // Before the exchange ever answered, a refused connection or unknown host means a wrong URL, not a blip.
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof UnknownHostException) return "cannot reach KuCoin at " + rest.baseUrl() + ": unknown host " + c.getMessage();
                if (c instanceof ConnectException) {
                    return "cannot reach KuCoin at " + rest.baseUrl() + ": connection refused";
                }
            }
        }
        return null;
    }

    private void scheduleRetry(Duration delay) {
        ScheduledExecutorService scheduler = executor;
        if (closed || scheduler == null) return;
        try {
            retry = scheduler.schedule(this::retryNow, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    private Duration backoff(int attempt) {
        long millis = retryBase.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(retryMax.toMillis(), millis));
    }

    private void report(ConnectionState newState, String detail) {
        if (newState == state && newState != ConnectionState.RECONNECTING) return;
        state = newState;
        log.info("{} feed {}: {}", what(), newState, detail);
        emit(l -> l.onConnection(newState, detail));
    }

    private void emit(java.util.function.Consumer<FeedListener> event) {
        FeedListener l = listener;
        synchronized (events) {
            if (closed || l == null) return;
            safely(() -> event.accept(l));
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("A market feed listener failed: {}", e.toString(), e);
        }
    }

    private String what() {
        return symbol + " " + timeframe;
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(java.util.Locale.ROOT, "%.0f s", d.toMillis() / 1000.0);
    }
}
