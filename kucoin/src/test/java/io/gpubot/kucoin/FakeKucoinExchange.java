package io.gpubot.kucoin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for KuCoin Futures on 127.0.0.1: REST over the JDK's HttpServer answering with the
 * OpenAPI examples (and generated klines / funding rates), verifying signatures the way KuCoin does,
 * plus a WebSocket server speaking the welcome / ping / subscribe / ack protocol. Faults are
 * switched on per test.
 */
final class FakeKucoinExchange implements AutoCloseable {

    static final String KEY = "it-key-0001";
    static final String SECRET = "it-secret-9f8e7d";
    static final String PASSPHRASE = "it-passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    final Ws ws;
    private final RequestSigner verifier = new RequestSigner(credentials());

    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, JsonNode> ordersByClientOid = new ConcurrentHashMap<>();
    final AtomicInteger orderPosts = new AtomicInteger();
    final AtomicInteger klineCalls = new AtomicInteger();
    final AtomicInteger signatureFailures = new AtomicInteger();

    volatile int rateLimitedResponses;
    volatile int serverErrors;
    volatile boolean hangOnOrder;
    volatile long failKlinesFrom = Long.MAX_VALUE;
    /** First bar the kline endpoint has. */
    volatile long dataStart = 0;
    /** firstOpenDate the contract endpoint announces; null keeps the spec example's. */
    volatile Long contractListedAt;
    /** When true the WebSocket server ignores pings, like a half-dead connection. */
    volatile boolean silent;
    volatile long pingIntervalMillis = 200;
    private final CountDownLatch release = new CountDownLatch(1);

    FakeKucoinExchange() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/", this::handle);
        http.start();
        ws = new Ws();
        ws.start();
        if (!ws.started.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("WebSocket server did not start");
    }

    static KucoinCredentials credentials() {
        return new KucoinCredentials(KEY.toCharArray(), SECRET.toCharArray(), PASSPHRASE.toCharArray());
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    @Override
    public void close() {
        release.countDown();
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
        try {
            ws.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String pathWithQuery = path + (query == null ? "" : "?" + query);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(method + " " + pathWithQuery);
            Map<String, String> params = params(query);

            if (rateLimitedResponses > 0) {
                rateLimitedResponses--;
                exchange.getResponseHeaders().add("gw-ratelimit-limit", "2000");
                exchange.getResponseHeaders().add("gw-ratelimit-remaining", "0");
                exchange.getResponseHeaders().add("gw-ratelimit-reset", "120");
                respond(exchange, 429, "{\"code\":\"429000\",\"msg\":\"Too Many Requests\"}");
                return;
            }
            if (serverErrors > 0 && method.equals("GET")) {
                serverErrors--;
                respond(exchange, 503, "Service Unavailable");
                return;
            }
            boolean isPublic = path.equals("/api/v1/timestamp") || path.startsWith("/api/v1/contracts") || path.equals("/api/v1/kline/query")
                    || path.equals("/api/v1/ticker") || path.startsWith("/api/v1/funding-rate/") || path.equals("/api/v1/contract/funding-rates")
                    || path.equals("/api/v1/bullet-public");
            if (!isPublic && !signatureValid(exchange, method, pathWithQuery, body)) {
                signatureFailures.incrementAndGet();
                respond(exchange, 401, "{\"code\":\"400005\",\"msg\":\"Invalid KC-API-SIGN\"}");
                return;
            }
            exchange.getResponseHeaders().add("gw-ratelimit-limit", "2000");
            exchange.getResponseHeaders().add("gw-ratelimit-remaining", "1990");
            exchange.getResponseHeaders().add("gw-ratelimit-reset", "29000");
            switch (method + " " + path) {
                case "GET /api/v1/timestamp" -> respond(exchange, 200, "{\"code\":\"200000\",\"data\":" + System.currentTimeMillis() + "}");
                case "GET /api/v1/kline/query" -> respond(exchange, 200, klines(params));
                case "GET /api/v1/contract/funding-rates" -> respond(exchange, 200, fundingRates(params));
                case "POST /api/v1/bullet-public", "POST /api/v1/bullet-private" -> respond(exchange, 200, bullet(path.endsWith("private")));
                case "POST /api/v1/orders" -> placeOrder(exchange, body);
                case "GET /api/v1/orders/byClientOid" -> {
                    JsonNode order = ordersByClientOid.get(params.get("clientOid"));
                    respond(exchange, 200, "{\"code\":\"200000\",\"data\":" + (order == null ? "null" : order.toString()) + "}");
                }
                default -> {
                    if (method.equals("GET") && path.startsWith("/api/v1/contracts/") && !path.endsWith("/active")) {
                        ObjectNode contract = (ObjectNode) JSON.readTree(TestFiles.openapi("contract"));
                        ((ObjectNode) contract.path("data")).put("symbol", path.substring(path.lastIndexOf('/') + 1));
                        if (contractListedAt != null) ((ObjectNode) contract.path("data")).put("firstOpenDate", contractListedAt);
                        respond(exchange, 200, contract.toString());
                    } else {
                        respond(exchange, 200, OpenApiExamples.forRequest(method, path));
                    }
                }
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, "{\"code\":\"500000\",\"msg\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private boolean signatureValid(HttpExchange exchange, String method, String pathWithQuery, String body) {
        var h = exchange.getRequestHeaders();
        String timestamp = h.getFirst("KC-API-TIMESTAMP");
        if (timestamp == null || !KEY.equals(h.getFirst("KC-API-KEY")) || !"2".equals(h.getFirst("KC-API-KEY-VERSION"))) return false;
        if (Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis()) > 5_000) return false;
        Map<String, String> expected = verifier.headers(Long.parseLong(timestamp), method, pathWithQuery, body);
        return expected.get("KC-API-SIGN").equals(h.getFirst("KC-API-SIGN"))
                && expected.get("KC-API-PASSPHRASE").equals(h.getFirst("KC-API-PASSPHRASE"));
    }

    private void placeOrder(HttpExchange exchange, String body) throws IOException {
        orderPosts.incrementAndGet();
        JsonNode request = JSON.readTree(body);
        String clientOid = request.path("clientOid").asText();
        ObjectNode order = (ObjectNode) JSON.readTree(TestFiles.openapi("order-by-client-oid")).path("data");
        order.put("id", "9" + Math.abs(clientOid.hashCode()));
        order.put("clientOid", clientOid);
        order.put("symbol", request.path("symbol").asText());
        ordersByClientOid.putIfAbsent(clientOid, order);
        if (hangOnOrder) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, 200, "{\"code\":\"200000\",\"data\":{\"orderId\":\"" + order.path("id").asText() + "\",\"clientOid\":\"" + clientOid + "\"}}");
    }

    /** Bars at every granularity step from the listing time on, at most 500, with prices derived from the time. */
    private String klines(Map<String, String> params) {
        klineCalls.incrementAndGet();
        long from = Long.parseLong(params.get("from"));
        long to = Long.parseLong(params.get("to"));
        if (from >= failKlinesFrom) return "{\"code\":\"400100\",\"msg\":\"Parameter error\"}";
        long step = Long.parseLong(params.get("granularity")) * 60_000L;
        ArrayNode rows = JSON.createArrayNode();
        long first = Math.max(from, dataStart);
        first = (first + step - 1) / step * step;
        for (long t = first; t <= to && rows.size() < 500; t += step) {
            double base = 30_000 + (t / step) % 1000;
            rows.add(JSON.createArrayNode().add(t).add(base).add(base + 10).add(base - 10).add(base + 1).add(100 + (t / step) % 7));
        }
        return "{\"code\":\"200000\",\"data\":" + rows + "}";
    }

    private String fundingRates(Map<String, String> params) {
        long from = Long.parseLong(params.get("from"));
        long to = Long.parseLong(params.get("to"));
        long step = 8 * 3_600_000L;
        ArrayNode rows = JSON.createArrayNode();
        for (long t = (from + step - 1) / step * step; t <= to; t += step) {
            rows.add(JSON.createObjectNode().put("symbol", params.get("symbol")).put("fundingRate", 1e-4).put("timepoint", t));
        }
        return "{\"code\":\"200000\",\"data\":" + rows + "}";
    }

    private String bullet(boolean isPrivate) {
        ObjectNode data = JSON.createObjectNode().put("token", (isPrivate ? "private-" : "public-") + ws.tokens.incrementAndGet());
        data.putArray("instanceServers").addObject().put("endpoint", "ws://127.0.0.1:" + ws.getPort() + "/endpoint")
                .put("encrypt", false).put("protocol", "websocket").put("pingInterval", pingIntervalMillis).put("pingTimeout", 1000);
        return "{\"code\":\"200000\",\"data\":" + data + "}";
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null) return params;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client gave up waiting (the timeout tests do that on purpose).
        }
    }

    /** The WebSocket side: welcome on connect, pong to ping, ack to subscribe, pushes on demand. */
    final class Ws extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicInteger tokens = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger pings = new AtomicInteger();
        final List<String> connectUris = new CopyOnWriteArrayList<>();
        /** Topics subscribed per connection, in connection order. */
        final List<List<String>> subscriptionsPerConnection = new CopyOnWriteArrayList<>();
        private final Map<WebSocket, List<String>> topics = new ConcurrentHashMap<>();

        Ws() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            connectUris.add(handshake.getResourceDescriptor());
            if (!handshake.getResourceDescriptor().contains("token=p")) {
                conn.close(1008, "token required");
                return;
            }
            connections.incrementAndGet();
            List<String> list = new CopyOnWriteArrayList<>();
            topics.put(conn, list);
            subscriptionsPerConnection.add(list);
            conn.send("{\"id\":\"hQvf8jkno\",\"type\":\"welcome\"}");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode node = JSON.readTree(message);
                String id = node.path("id").asText();
                switch (node.path("type").asText()) {
                    case "ping" -> {
                        pings.incrementAndGet();
                        if (silent) return;
                        conn.send("{\"id\":\"" + id + "\",\"type\":\"pong\",\"timestamp\":" + System.currentTimeMillis() * 1000 + "}");
                    }
                    case "subscribe" -> {
                        String topic = node.path("topic").asText();
                        if (topic.contains("NOSUCH")) {
                            conn.send("{\"id\":\"" + id + "\",\"type\":\"error\",\"code\":404,\"data\":\"topic " + topic + " is not found\"}");
                            return;
                        }
                        topics.get(conn).add(topic);
                        conn.send("{\"id\":\"" + id + "\",\"type\":\"ack\"}");
                    }
                    default -> { }
                }
            } catch (IOException e) {
                conn.close(1003, "bad json");
            }
        }

        /** Sends a message to every connection subscribed to its topic. */
        void push(String topic, String json) {
            topics.forEach((conn, list) -> {
                if (list.contains(topic) && conn.isOpen()) conn.send(json);
            });
        }

        /** Cuts every connection without a close handshake, like a network failure. */
        void dropAll() {
            for (WebSocket conn : new ArrayList<>(topics.keySet())) {
                conn.closeConnection(1006, "dropped");
                topics.remove(conn);
            }
        }

        List<String> lastSubscriptions() {
            return subscriptionsPerConnection.isEmpty() ? Collections.emptyList() : subscriptionsPerConnection.get(subscriptionsPerConnection.size() - 1);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            topics.remove(conn);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }
    }
}
