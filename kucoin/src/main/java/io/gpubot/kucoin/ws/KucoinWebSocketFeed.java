package io.gpubot.kucoin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpubot.kucoin.WsToken;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KuCoin Futures WebSocket session over {@link java.net.http.WebSocket}, kept alive: fetches a
 * bullet token, connects, waits for {@code welcome}, pings at the server's interval, subscribes
 * with acknowledgement, and on any loss reconnects with jittered backoff and subscribes again.
 * The token is renewed (by reconnecting) before it expires after 24 h.
 *
 * <p>Use one feed for public topics (token from {@code KucoinRestClient::publicWsToken}) and one for
 * private topics ({@code KucoinRestClient::privateWsToken}). Listeners run on the WebSocket's thread
 * and must not block.
 */
public final class KucoinWebSocketFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KucoinWebSocketFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told when a session is up (after welcome and resubscription) and when it is lost. */
    public interface ConnectionListener {
        /** @param reconnect false for the first session, true for every later one */
        default void connected(boolean reconnect) {
        }

        /** The session ended; messages may have been missed until the next {@link #connected}. */
        default void disconnected(String reason) {
        }
    }

    private final Supplier<WsToken> tokens;
    private final HttpClient httpClient;
    private final Clock clock;
    private final Random random;
    private final Duration tokenLifetime;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private final Duration handshakeTimeout;

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> pendingAcks = new ConcurrentHashMap<>();
    private final AtomicLong sessions = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private final Thread loop;
    private volatile boolean closed;
    private volatile Session session;

    private static final class Subscription {
        final String topic;
        final boolean privateChannel;
        final List<Consumer<WsMessage>> listeners = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<Void> acknowledged = new CompletableFuture<>();

        Subscription(String topic, boolean privateChannel) {
            this.topic = topic;
            this.privateChannel = privateChannel;
        }
    }

    private KucoinWebSocketFeed(Builder b) {
        this.tokens = b.tokens;
        this.httpClient = b.httpClient != null ? b.httpClient : HttpClient.newHttpClient();
        this.clock = b.clock;
        this.random = b.random;
        this.tokenLifetime = b.tokenLifetime;
        this.baseBackoff = b.baseBackoff;
        this.maxBackoff = b.maxBackoff;
        this.handshakeTimeout = b.handshakeTimeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kucoin-ws-ping");
            t.setDaemon(true);
            return t;
        });
        this.loop = new Thread(this::run, "kucoin-ws");
        this.loop.setDaemon(true);
    }

    /** @param tokens fetches a fresh bullet token, e.g. {@code restClient::publicWsToken} */
    public static Builder builder(Supplier<WsToken> tokens) {
        return new Builder(tokens);
    }

    /** Options; only the token source is required. */
    public static final class Builder {
        private final Supplier<WsToken> tokens;
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private Random random = new Random();
        private Duration tokenLifetime = Duration.ofHours(23);
        private Duration baseBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        private Builder(Supplier<WsToken> tokens) {
            this.tokens = tokens;
        }

        public Builder httpClient(HttpClient client) { this.httpClient = client; return this; }
        public Builder clock(Clock clock) { this.clock = clock; return this; }
        public Builder random(Random random) { this.random = random; return this; }
        /** How long a session may use one token before reconnecting with a new one (KuCoin tokens last 24 h). */
        public Builder tokenLifetime(Duration lifetime) { this.tokenLifetime = lifetime; return this; }
        public Builder backoff(Duration base, Duration max) { this.baseBackoff = base; this.maxBackoff = max; return this; }
        /** How long to wait for the connection, the welcome and each subscription ack. */
        public Builder handshakeTimeout(Duration timeout) { this.handshakeTimeout = timeout; return this; }

        public KucoinWebSocketFeed build() {
            return new KucoinWebSocketFeed(this);
        }
    }

    /** Starts connecting in the background; subscriptions made before or after are sent once connected. */
    public void start() {
        loop.start();
    }

    public void addConnectionListener(ConnectionListener listener) {
        connectionListeners.add(listener);
    }

    /**
     * Subscribes to a topic (kept across reconnects). The future completes at the server's first
     * acknowledgement, or fails if the server rejects the topic.
     */
    public CompletableFuture<Void> subscribe(String topic, Consumer<WsMessage> listener) {
        boolean[] created = new boolean[1];
        Subscription subscription = subscriptions.computeIfAbsent(topic, t -> {
            created[0] = true;
            return new Subscription(t, Topics.isPrivate(t));
        });
        subscription.listeners.add(listener);
        Session current = session;
        if (created[0] && current != null && current.ready) current.subscribe(subscription);
        return subscription.acknowledged;
    }

    public CompletableFuture<Void> subscribeCandles(String symbol, io.gpubot.core.market.Timeframe timeframe, Consumer<CandleUpdate> listener) {
        return subscribe(Topics.candles(symbol, timeframe), message -> listener.accept(WsEvents.candle(message)));
    }

    public CompletableFuture<Void> subscribeTicker(String symbol, Consumer<TickerUpdate> listener) {
        return subscribe(Topics.tickerV2(symbol), message -> listener.accept(WsEvents.ticker(message)));
    }

    public CompletableFuture<Void> subscribeTrades(String symbol, Consumer<TradeExecution> listener) {
        return subscribe(Topics.execution(symbol), message -> listener.accept(WsEvents.trade(message)));
    }

    public CompletableFuture<Void> subscribeOrders(String symbol, Consumer<OrderChange> listener) {
        return subscribe(Topics.orders(symbol), message -> listener.accept(WsEvents.orderChange(message)));
    }

    public CompletableFuture<Void> subscribePosition(String symbol, Consumer<io.gpubot.kucoin.Position> listener) {
        return subscribe(Topics.position(symbol), message -> {
            if ("position.change".equals(message.subject())) listener.accept(WsEvents.position(message));
        });
    }

    public CompletableFuture<Void> subscribeWallet(Consumer<WalletChange> listener) {
        return subscribe(Topics.wallet(), message -> {
            if ("walletBalance.change".equals(message.subject())) listener.accept(WsEvents.wallet(message));
        });
    }

    /** Stops receiving a topic. */
    public void unsubscribe(String topic) {
        Subscription removed = subscriptions.remove(topic);
        Session current = session;
        if (removed != null && current != null && current.ready) {
            ObjectNode request = JSON.createObjectNode().put("id", nextId()).put("type", "unsubscribe").put("topic", topic)
                    .put("privateChannel", removed.privateChannel).put("response", true);
            current.send(request.toString());
        }
    }

    /** True while a session is up and subscribed. */
    public boolean isConnected() {
        Session current = session;
        return current != null && current.ready;
    }

    /** How many sessions were established so far (1 after the first connect, 2 after a reconnect...). */
    public long sessionCount() {
        return sessions.get();
    }

    @Override
    public void close() {
        closed = true;
        Session current = session;
        if (current != null) current.end("closed by the application");
        loop.interrupt();
        scheduler.shutdownNow();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the connection loop ----

    private void run() {
        int failures = 0;
        while (!closed) {
            Session s = null;
            try {
                WsToken token = tokens.get();
                if (token.instanceServers().isEmpty()) throw new IllegalStateException("the bullet token names no server");
                s = new Session(token.instanceServers().get(0));
                session = s;
                s.open(token.token());
                failures = 0;
                boolean reconnect = sessions.incrementAndGet() > 1;
                log.info("KuCoin WebSocket session {} up ({} topics)", sessions.get(), subscriptions.size());
                for (ConnectionListener l : connectionListeners) safely(() -> l.connected(reconnect));
                String reason = s.awaitEnd(tokenLifetime);
                for (ConnectionListener l : connectionListeners) safely(() -> l.disconnected(reason));
                if (reason.equals(Session.TOKEN_RENEWAL)) continue;
            } catch (InterruptedException e) {
                if (closed) break;
            } catch (Exception e) {
                if (closed) break;
                log.warn("KuCoin WebSocket connection failed: {}", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } finally {
                if (s != null) s.end("session over");
            }
            if (closed) break;
            failures++;
            long delay = backoffMillis(failures);
            log.info("Reconnecting to KuCoin WebSocket in {} ms", delay);
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                if (closed) break;
            }
        }
    }

    long backoffMillis(int failures) {
        long base = Math.min(maxBackoff.toMillis(), baseBackoff.toMillis() << Math.min(16, failures - 1));
        return base / 2 + (long) (random.nextDouble() * (base - base / 2));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("A WebSocket connection listener failed: {}", e.toString());
        }
    }

    private String nextId() {
        return Long.toString(clock.millis()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void dispatch(JsonNode node) {
        String type = node.path("type").asText("");
        switch (type) {
            case "message" -> {
                Subscription subscription = subscriptions.get(node.path("topic").asText());
                if (subscription == null) return;
                WsMessage message = new WsMessage(node.path("topic").asText(), node.path("subject").asText(null), node.path("data"));
                for (Consumer<WsMessage> listener : subscription.listeners) {
                    try {
                        listener.accept(message);
                    } catch (RuntimeException e) {
                        log.warn("A listener of {} failed: {}", message.topic(), e.toString());
                    }
                }
            }
            case "ack" -> {
                CompletableFuture<Void> ack = pendingAcks.remove(node.path("id").asText());
                if (ack != null) ack.complete(null);
            }
            case "error" -> {
                CompletableFuture<Void> ack = pendingAcks.remove(node.path("id").asText());
                String text = "KuCoin WebSocket error " + node.path("code").asText() + ": " + node.path("data").asText();
                if (ack != null) ack.completeExceptionally(new IllegalStateException(text));
                else log.warn(text);
            }
            default -> { }
        }
    }

    /** One connection; ends on close, error, missing pongs or token renewal. */
    private final class Session implements WebSocket.Listener {
        static final String TOKEN_RENEWAL = "token renewal";

        private final WsToken.InstanceServer server;
        private final CompletableFuture<Void> welcome = new CompletableFuture<>();
        private final CompletableFuture<String> ended = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile long lastReceived;
        private volatile boolean ready;
        private ScheduledFuture<?> pinger;

        Session(WsToken.InstanceServer server) {
            this.server = server;
        }

        void open(String token) throws Exception {
            String endpoint = server.endpoint();
            URI uri = URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                    + "&connectId=" + UUID.randomUUID());
            socket = httpClient.newWebSocketBuilder().connectTimeout(handshakeTimeout).buildAsync(uri, this)
                    .get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            welcome.get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            long interval = server.pingInterval() > 0 ? server.pingInterval() : 18_000;
            long timeout = server.pingTimeout() > 0 ? server.pingTimeout() : 10_000;
            pinger = scheduler.scheduleAtFixedRate(() -> ping(interval, timeout), interval, interval, TimeUnit.MILLISECONDS);
            for (Subscription subscription : subscriptions.values()) {
                subscription.acknowledged = subscription.acknowledged.isDone() ? new CompletableFuture<>() : subscription.acknowledged;
            }
            ready = true;
            for (Subscription subscription : subscriptions.values()) subscribe(subscription);
            for (Subscription subscription : subscriptions.values()) {
                try {
                    subscription.acknowledged.get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("no acknowledgement for " + subscription.topic);
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("KuCoin refused the subscription to {}: {}", subscription.topic, e.getCause().getMessage());
                }
            }
        }

        void subscribe(Subscription subscription) {
            String id = nextId();
            CompletableFuture<Void> ack = new CompletableFuture<>();
            CompletableFuture<Void> target = subscription.acknowledged;
            ack.whenComplete((v, error) -> {
                if (error == null) {
                    target.complete(null);
                } else {
                    // A refused topic would be refused again on every reconnect; forget it.
                    subscriptions.remove(subscription.topic, subscription);
                    target.completeExceptionally(error);
                }
            });
            pendingAcks.put(id, ack);
            ObjectNode request = JSON.createObjectNode().put("id", id).put("type", "subscribe").put("topic", subscription.topic)
                    .put("privateChannel", subscription.privateChannel).put("response", true);
            send(request.toString());
        }

        private void ping(long interval, long timeout) {
            if (clock.millis() - lastReceived > interval + timeout) {
                end("no answer from the server for " + (interval + timeout) + " ms");
                return;
            }
            send(JSON.createObjectNode().put("id", nextId()).put("type", "ping").toString());
        }

        synchronized void send(String text) {
            WebSocket ws = socket;
            if (ws == null || ws.isOutputClosed()) return;
            try {
                // java.net.http.WebSocket allows one outstanding send at a time.
                ws.sendText(text, true).get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                end("send failed: " + e.getClass().getSimpleName());
            }
        }

        String awaitEnd(Duration lifetime) throws Exception {
            try {
                return ended.get(lifetime.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                end(TOKEN_RENEWAL);
                return TOKEN_RENEWAL;
            }
        }

        void end(String reason) {
            ready = false;
            if (!ended.complete(reason)) return;
            if (pinger != null) pinger.cancel(false);
            welcome.completeExceptionally(new IllegalStateException(reason));
            WebSocket ws = socket;
            if (ws != null) {
                if (reason.equals(TOKEN_RENEWAL) || closed) {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(1, TimeUnit.SECONDS)
                            .whenComplete((w, e) -> ws.abort());
                } else {
                    ws.abort();
                }
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            lastReceived = clock.millis();
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastReceived = clock.millis();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode node = JSON.readTree(text);
                    if ("welcome".equals(node.path("type").asText())) welcome.complete(null);
                    else dispatch(node);
                } catch (Exception e) {
                    log.warn("Unreadable KuCoin WebSocket message ({} chars): {}", text.length(), e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end("closed by the server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end("connection error: " + error.getClass().getSimpleName());
        }
    }
}
