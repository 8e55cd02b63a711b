package io.gpubot.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.trade.RunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A local KuCoin-Futures-compatible exchange on 127.0.0.1: REST and WebSocket servers in front of an
 * {@link Exchange} that replays candles. Build with {@link #builder}, {@link #start()} it, drive the
 * clock with {@link #advanceTo}/{@link #step} (or let it run at {@code speed} times real time), and
 * {@link #close()} it.
 */
public final class Sandbox implements AutoCloseable {

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on; with the client's delayed ACKs every small
        // answer then waits ~40 ms. Read once, when the server classes load, so it is set here first.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final Exchange exchange;
    private final SandboxCredentials credentials;
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final SandboxWebSocket webSocket;
    private final double speed;
    private final FaultInjector faults = new FaultInjector();
    private final java.nio.file.Path stateFile;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-timers");
        thread.setDaemon(true);
        return thread;
    });
    private java.util.concurrent.ScheduledFuture<?> disconnects;
    private final RestApi restApi;
    private final boolean failOnSpecViolations;
    /** Replay time added by clock jumps, on top of what the real-time clock has run. */
    private final java.util.concurrent.atomic.AtomicLong jumped = new java.util.concurrent.atomic.AtomicLong();

    private Sandbox(Builder b) {
        this.credentials = b.credentials;
        this.speed = b.speed;
        this.exchange = new Exchange(b.series, b.contract, b.fromMillis, b.startBalance, b.slippage, b.fundingRates, b.defaultFundingRate);
        this.faults.set(b.faults);
        this.stateFile = b.stateFile;
        if (stateFile != null) StateFile.load(exchange, stateFile);
        exchange.startInHedgeMode(b.hedgeMode);
        exchange.listAttachedStops(b.attachedStopsListed);
        this.failOnSpecViolations = b.strictSpec && b.failOnSpecViolations;
        exchange.matchingDelay(b.fillDelay.toMillis(), timers);
        exchange.thinBook(faults::fillInPart);
        FillTimes fillTimes = new FillTimes(b.wallClock);
        exchange.addListener(fillTimes);
        this.webSocket = new SandboxWebSocket(exchange, faults);
        try {
            this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", b.port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + b.port + ": " + e.getMessage(), e);
        }
        this.httpThreads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-http");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(httpThreads);
        RateLimits limits = new RateLimits(b.rateLimitPerWindow, b.wallClock);
        WireModes modes = new WireModes(b.unifiedAccount, b.klineLimit, b.fundingHistoryLimit, b.strictSpec, b.historyDelay().toMillis());
        this.restApi = new RestApi(exchange, credentials, limits, b.wallClock, webSocket, b.fundingRates, b.defaultFundingRate,
                faults, modes, fillTimes);
        http.createContext("/", restApi);
    }

    public static Builder builder(CandleSeries series, Contract contract) {
        return new Builder(series, contract);
    }

    /** Settings of a sandbox; defaults: start at the first bar, 10 000 USDT, the backtest's slippage and funding, stepped clock. */
    public static final class Builder {
        private final CandleSeries series;
        private final Contract contract;
        private long fromMillis = Long.MIN_VALUE;
        private double startBalance = 10_000;
        private double slippage = RunSettings.DEFAULT_SLIPPAGE;
        private FundingRates fundingRates = FundingRates.none();
        private double defaultFundingRate = RunSettings.DEFAULT_FUNDING_RATE;
        private int port;
        private double speed;
        private SandboxCredentials credentials = SandboxCredentials.random();
        private int rateLimitPerWindow = 2000;
        private LongSupplier wallClock = System::currentTimeMillis;
        private Faults faults = Faults.NONE;
        private java.nio.file.Path stateFile;
        private boolean hedgeMode;
        private boolean unifiedAccount;
        private boolean attachedStopsListed = true;
        private Duration fillDelay = Duration.ZERO;
        private Duration fillsHistoryDelay;
        private int klineLimit = WireModes.DEFAULT.klineLimit();
        private int fundingHistoryLimit = WireModes.DEFAULT.fundingHistoryLimit();
        private boolean strictSpec = true;
        private boolean failOnSpecViolations = true;

        private Builder(CandleSeries series, Contract contract) {
            this.series = Objects.requireNonNull(series, "series");
            this.contract = Objects.requireNonNull(contract, "contract");
        }

        /** Where the replay clock starts; bars before it are history. */
        public Builder from(long millis) { this.fromMillis = millis; return this; }
        public Builder startBalance(double usdt) { this.startBalance = usdt; return this; }
        public Builder slippage(double rate) { this.slippage = rate; return this; }
        public Builder funding(FundingRates rates, double defaultRate) { this.fundingRates = rates; this.defaultFundingRate = defaultRate; return this; }
        /** 0 picks a free port. */
        public Builder port(int port) { this.port = port; return this; }
        /** Replay speed as a multiple of real time; 0 (the default) leaves the clock to {@link Sandbox#advanceTo}. */
        public Builder speed(double speed) { this.speed = speed; return this; }
        public Builder credentials(SandboxCredentials credentials) { this.credentials = credentials; return this; }
        /** Weight each quota pool allows per 30 s (KuCoin: 2000). */
        public Builder rateLimit(int weightPerWindow) { this.rateLimitPerWindow = weightPerWindow; return this; }
        /** The clock signatures' timestamps and quota windows are checked against. */
        public Builder wallClock(LongSupplier clock) { this.wallClock = clock; return this; }

        /** Resume the account from this file if it exists, and save it there on {@link Sandbox#close()}. */
        public Builder stateFile(java.nio.file.Path file) { this.stateFile = file; return this; }

        public Builder faults(Faults faults) { this.faults = Objects.requireNonNull(faults, "faults"); return this; }

        /** Hedge Mode (orders need positionSide LONG/SHORT, else 330012); One-Way, KuCoin's default for a new account, otherwise. */
        public Builder hedgeMode(boolean hedge) { this.hedgeMode = hedge; return this; }

        /** {@code /api/ua/v1/account/mode} answers UNIFIED (a unified trading account) instead of CLASSIC. */
        public Builder unifiedAccount(boolean unified) { this.unifiedAccount = unified; return this; }

        /**
         * Asynchronous matching: orders are matched {@code delay} after they are accepted, and a fill shows in
         * {@code /api/v1/fills} only {@code delay} after it happened ({@code recentFills} at once). Zero (the
         * default): matched at once, fills visible at once.
         */
        public Builder fillDelay(Duration delay) {
            if (delay.isNegative()) throw new IllegalArgumentException("the fill delay must not be negative");
            this.fillDelay = delay;
            return this;
        }

        /**
         * Whether {@code GET /api/v1/stopOrders} lists the stops {@code /api/v1/st-orders} attaches (the default);
         * false hides them there while they still trigger. KuCoin documents neither (sandbox/README.md).
         */
        public Builder attachedStopsListed(boolean listed) { this.attachedStopsListed = listed; return this; }

        /**
         * How long after it happened a fill shows in {@code /api/v1/fills} alone, matching left as it is: KuCoin's
         * spec says that history "is not real-time", while {@code /api/v1/recentFills} is the low-latency one, so
         * {@code recentFills} shows the fill at once. By default the {@link #fillDelay}.
         */
        public Builder fillsHistoryDelay(Duration delay) {
            if (delay.isNegative()) throw new IllegalArgumentException("the fill history delay must not be negative");
            this.fillsHistoryDelay = delay;
            return this;
        }

        /** Rows per kline call (KuCoin's spec: 500, the default; ccxt pages futures klines by 200). */
        public Builder klineLimit(int rows) { this.klineLimit = rows; return this; }

        /** Settlements per funding-history call (default 100). */
        public Builder fundingHistoryLimit(int rows) { this.fundingHistoryLimit = rows; return this; }

        /**
         * Checks every request against KuCoin's OpenAPI spec and refuses (400100) what it would not accept;
         * on by default for the library (tests), off by default for {@code gpubot sandbox}.
         */
        public Builder strictSpec(boolean strict) { this.strictSpec = strict; return this; }

        /**
         * With {@link #strictSpec}: {@link Sandbox#close()} throws when a request outside the spec was seen,
         * so a test fails even where the client swallowed the refusal (the default; the CLI turns it off).
         */
        public Builder failOnSpecViolations(boolean fail) { this.failOnSpecViolations = fail; return this; }

        private Duration historyDelay() {
            return fillsHistoryDelay != null ? fillsHistoryDelay : fillDelay;
        }

        public Sandbox start() {
            if (!(speed >= 0)) throw new IllegalArgumentException("speed must be 0 or more, got " + speed);
            new WireModes(unifiedAccount, klineLimit, fundingHistoryLimit, strictSpec, historyDelay().toMillis());
            Sandbox sandbox = new Sandbox(this);
            sandbox.start();
            return sandbox;
        }
    }

    private void start() {
        http.start();
        webSocket.startAndWait();
        scheduleDisconnects(faults.faults());
        if (stateFile != null) {
            // Saved every 10 s as well as on close, so a killed process loses at most that much.
            timers.scheduleWithFixedDelay(this::saveStateQuietly, 10, 10, TimeUnit.SECONDS);
        }
        if (speed > 0) {
            long replayStart = exchange.now();
            long wallStart = System.nanoTime();
            timers.scheduleAtFixedRate(() -> exchange.advanceTo(
                    replayStart + jumped.get() + (long) ((System.nanoTime() - wallStart) / 1e6 * speed)), 50, 50, TimeUnit.MILLISECONDS);
        }
    }

    /** Replaces the faults in force; the random sequence restarts from the new seed. */
    public synchronized void setFaults(Faults newFaults) {
        faults.set(newFaults);
        scheduleDisconnects(newFaults);
    }

    public Faults faults() {
        return faults.faults();
    }

    /**
     * Jumps the replay clock forward by {@code by} at once, as after a suspended process or a network
     * partition: everything in between is replayed (orders fill, funding settles) but pushes arrive in one burst.
     */
    public void jumpClock(Duration by) {
        if (by.isNegative()) throw new IllegalArgumentException("the clock only jumps forward");
        jumped.addAndGet(by.toMillis());
        exchange.advanceTo(exchange.now() + by.toMillis());
    }

    /** Requests KuCoin's spec would not accept, each with what was wrong (strict mode records them). */
    public java.util.List<String> specViolations() {
        return restApi.specViolations();
    }

    /** The violations recorded so far, forgotten once returned (for tests that send bad requests on purpose). */
    public java.util.List<String> takeSpecViolations() {
        return restApi.takeSpecViolations();
    }

    /** The WebSocket topics some client is subscribed to now (for tests of the clients). */
    public java.util.Set<String> subscribedTopics() {
        return webSocket.subscribedTopics();
    }

    /** Cuts every WebSocket connection now, without a close handshake; returns how many there were. */
    public int disconnectWebSockets() {
        return webSocket.dropAll();
    }

    private synchronized void scheduleDisconnects(Faults f) {
        if (disconnects != null) disconnects.cancel(false);
        disconnects = null;
        Duration jump = f.clockJump();
        if (!jump.isZero()) timers.schedule(() -> jumpClock(jump), f.clockJumpAfter().toMillis(), TimeUnit.MILLISECONDS);
        long every = f.wsDisconnectEvery().toMillis();
        if (every > 0) disconnects = timers.scheduleAtFixedRate(webSocket::dropAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** The REST base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    public SandboxCredentials credentials() {
        return credentials;
    }

    /** The engine, for inspecting the account, position, orders and fills. */
    public Exchange exchange() {
        return exchange;
    }

    public long now() {
        return exchange.now();
    }

    public void advanceTo(long replayMillis) {
        exchange.advanceTo(replayMillis);
    }

    public void step(int bars) {
        exchange.step(bars);
    }

    private void saveStateQuietly() {
        try {
            saveState();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Sandbox.class).warn("Could not save the sandbox state: {}", e.getMessage());
        }
    }

    /** Writes the state file now (when one was given). */
    public void saveState() {
        if (stateFile != null) StateFile.save(exchange, stateFile);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        saveState();
        http.stop(0);
        httpThreads.shutdownNow();
        webSocket.shutdown();
        if (failOnSpecViolations) {
            java.util.List<String> violations = restApi.takeSpecViolations();
            if (!violations.isEmpty()) {
                throw new IllegalStateException("the sandbox received requests KuCoin's OpenAPI spec would refuse: " + violations);
            }
        }
    }
}
