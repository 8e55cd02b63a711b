package io.gpubot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * KuCoin's WebSocket protocol on 127.0.0.1: welcome, ping/pong, subscribe/unsubscribe with ack, and
 * pushes of candles, tickers, executions, order, position and wallet changes as the clock advances.
 * Thread safety: subscriptions live in concurrent maps; pushes come from the exchange (under its lock)
 * and are queued by the WebSocket library, which sends them on its own threads.
 */
final class SandboxWebSocket extends WebSocketServer implements Exchange.Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Exchange exchange;
    private final String symbol;
    private final Map<WebSocket, Set<String>> topics = new ConcurrentHashMap<>();
    /** Tokens handed out by the bullet endpoints: true for a private (bullet-private) one. */
    private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();
    private final Map<WebSocket, Boolean> privateConnections = new ConcurrentHashMap<>();
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicLong sequence = new AtomicLong(1);

    private final FaultInjector faults;

    SandboxWebSocket(Exchange exchange, FaultInjector faults) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.exchange = exchange;
        this.faults = faults;
        this.symbol = exchange.contract().symbol();
        setReuseAddr(true);
        setDaemon(true);
        exchange.addListener(this);
    }

    void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("the sandbox WebSocket server did not start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the WebSocket server", e);
        }
    }

    int port() {
        return getPort();
    }

    void shutdown() {
        try {
            stop(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String resource = handshake.getResourceDescriptor();
        String token = parameter(resource, "token");
        Boolean isPrivate = token == null ? null : tokens.get(java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8));
        if (isPrivate == null) {
            // KuCoin's WebSocket error table: 401 "token is invalid" when the connection is made.
            conn.send(JSON.createObjectNode().put("id", "").put("type", "error").put("code", 401).put("data", "token is invalid").toString());
            conn.close(1008, "token is invalid");
            return;
        }
        privateConnections.put(conn, isPrivate);
        topics.put(conn, ConcurrentHashMap.newKeySet());
        String connectId = parameter(resource, "connectId");
        conn.send(JSON.createObjectNode().put("id", connectId == null ? Long.toString(sequence.get()) : connectId)
                .put("type", "welcome").toString());
    }

    private static String parameter(String resource, String name) {
        int q = resource.indexOf('?');
        if (q < 0) return null;
        for (String pair : resource.substring(q + 1).split("&")) {
            if (pair.startsWith(name + "=")) return pair.substring(name.length() + 1);
        }
        return null;
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (IOException e) {
            conn.send(JSON.createObjectNode().put("type", "error").put("code", 400).put("data", "invalid JSON").toString());
            return;
        }
        String id = node.path("id").asText("");
        String topic = node.path("topic").asText("");
        Set<String> subscribed = topics.get(conn);
        if (subscribed == null) return;
        switch (node.path("type").asText()) {
            case "ping" -> conn.send(JSON.createObjectNode().put("id", id).put("type", "pong")
                    .put("timestamp", System.currentTimeMillis() * 1000).toString());
            case "subscribe" -> {
                if (!knownTopic(topic)) {
                    conn.send(JSON.createObjectNode().put("id", id).put("type", "error").put("code", 404)
                            .put("data", "topic " + topic + " is not found").toString());
                    return;
                }
                if (isPrivateTopic(topic) && !privateConnections.getOrDefault(conn, false)) {
                    // KuCoin's WebSocket error table: 403 "login is required" for a private topic on a public token.
                    conn.send(JSON.createObjectNode().put("id", id).put("type", "error").put("code", 403)
                            .put("data", "login is required").toString());
                    return;
                }
                subscribed.add(topic);
                if (node.path("response").asBoolean(true)) conn.send(JSON.createObjectNode().put("id", id).put("type", "ack").toString());
            }
            case "unsubscribe" -> {
                subscribed.remove(topic);
                if (node.path("response").asBoolean(true)) conn.send(JSON.createObjectNode().put("id", id).put("type", "ack").toString());
            }
            default -> { }
        }
    }

    /** A token for {@code bullet-public} or {@code bullet-private}; only tokens handed out here open a connection. */
    String issueToken(boolean isPrivate) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = (isPrivate ? "private-" : "public-") + java.util.HexFormat.of().formatHex(bytes);
        tokens.put(token, isPrivate);
        return token;
    }

    private static boolean isPrivateTopic(String topic) {
        return topic.startsWith("/contractMarket/tradeOrders") || topic.startsWith("/contract/position")
                || topic.startsWith("/contractAccount/");
    }

    private boolean knownTopic(String topic) {
        return topic.equals(candleTopic()) || topic.equals("/contractMarket/tickerV2:" + symbol)
                || topic.equals("/contractMarket/execution:" + symbol) || topic.equals("/contractMarket/tradeOrders:" + symbol)
                || topic.equals("/contractMarket/tradeOrders") || topic.equals("/contract/position:" + symbol)
                || topic.equals("/contract/positionAll") || topic.equals("/contractAccount/wallet");
    }

    private String candleTopic() {
        return "/contractMarket/limitCandle:" + symbol + "_" + exchange.series().timeframe().webSocketName();
    }

    /** The topics some connection is subscribed to now. */
    java.util.Set<String> subscribedTopics() {
        java.util.Set<String> all = new java.util.TreeSet<>();
        topics.values().forEach(all::addAll);
        return all;
    }

    /** Cuts every connection without a close handshake, like a network failure. */
    int dropAll() {
        int dropped = 0;
        for (WebSocket conn : topics.keySet()) {
            topics.remove(conn);
            conn.closeConnection(1006, "connection lost (sandbox fault)");
            dropped++;
        }
        return dropped;
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        topics.remove(conn);
        privateConnections.remove(conn);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn != null) topics.remove(conn);
    }

    private void push(String topic, String subject, JsonNode data, boolean privateChannel) {
        ObjectNode message = JSON.createObjectNode().put("topic", topic).put("type", "message").put("subject", subject);
        if (privateChannel) message.put("userId", "sandbox").put("channelType", "private");
        message.set("data", data);
        String text = message.toString();
        topics.forEach((conn, subscribed) -> {
            if (subscribed.contains(topic) && conn.isOpen() && !faults.dropPush()) conn.send(text);
        });
    }

    private boolean anyone(String topic) {
        for (Set<String> subscribed : topics.values()) if (subscribed.contains(topic)) return true;
        return false;
    }

    // ---- pushes ----

    @Override
    public void onPrice(long time, double price) {
        String topic = "/contractMarket/tickerV2:" + symbol;
        if (!anyone(topic)) return;
        String bid = Exchange.plain(price);
        String ask = Exchange.plain(price + exchange.contract().tickSize());
        long sn = sequence.incrementAndGet();
        push(topic, "tickerV2", JSON.createObjectNode().put("symbol", symbol).put("sequence", sn).put("bestBidSize", 1000)
                .put("bestBidPrice", bid).put("bestAskPrice", ask).put("bestAskSize", 1000).put("ts", time * 1_000_000L), false);
    }

    @Override
    public void onCandle(long barTime, double open, double high, double low, double close, double volume) {
        String topic = candleTopic();
        if (!anyone(topic)) return;
        ObjectNode data = JSON.createObjectNode().put("symbol", symbol);
        data.putArray("candles").add(Long.toString(barTime / 1000)).add(Exchange.plain(open)).add(Exchange.plain(close))
                .add(Exchange.plain(high)).add(Exchange.plain(low)).add(Exchange.plain(volume))
                .add(Exchange.plain(volume * close * exchange.contract().multiplier()));
        data.put("time", exchange.now());
        push(topic, "candle.stick", data, false);
    }

    @Override
    public void onFill(SandboxFill fill) {
        ObjectNode data = JSON.createObjectNode().put("symbol", symbol).put("sequence", sequence.incrementAndGet())
                .put("side", fill.buy() ? "buy" : "sell").put("size", fill.size()).put("price", Exchange.plain(fill.price()))
                .put("takerOrderId", fill.orderId()).put("makerOrderId", "sandbox-book").put("tradeId", fill.tradeId())
                .put("ts", fill.time() * 1_000_000L);
        push("/contractMarket/execution:" + symbol, "match", data, false);
    }

    @Override
    public void onOrderChange(Map<String, Object> order, String changeType) {
        long size = ((Number) order.get("size")).longValue();
        long filled = ((Number) order.get("filledSize")).longValue();
        boolean cancelled = Boolean.TRUE.equals(order.get("cancelExist"));
        ObjectNode data = JSON.createObjectNode().put("symbol", symbol).put("side", (String) order.get("side"))
                .put("canceledSize", cancelled ? Long.toString(size - filled) : "0").put("orderId", (String) order.get("id"))
                .put("clientOid", (String) order.get("clientOid")).put("liquidity", "taker").put("marginMode", "ISOLATED")
                .put("type", changeType.equals("canceled") ? "canceled" : changeType.equals("filled") ? "filled" : "open")
                .put("orderType", (String) order.get("type"))
                .put("orderTime", ((Number) order.get("orderTime")).longValue()).put("size", Long.toString(size))
                .put("filledSize", Long.toString(filled))
                .put("price", order.get("price") == null ? "" : (String) order.get("price"))
                .put("remainSize", Long.toString(Boolean.TRUE.equals(order.get("isActive")) ? size - filled : 0))
                .put("status", (String) order.get("status")).put("ts", exchange.now() * 1_000_000L);
        push("/contractMarket/tradeOrders:" + symbol, "symbolOrderChange", data, true);
        push("/contractMarket/tradeOrders", "orderChange", data, true);
    }

    @Override
    public void onPositionChange() {
        String topic = "/contract/position:" + symbol;
        String all = "/contract/positionAll";
        if (!anyone(topic) && !anyone(all)) return;
        ObjectNode data = JSON.valueToTree(exchange.renderPosition());
        data.put("changeReason", "positionChange");
        push(topic, "position.change", data, true);
        push(all, "position.change", data, true);
    }

    @Override
    public void onWalletChange() {
        String topic = "/contractAccount/wallet";
        if (!anyone(topic)) return;
        SandboxAccount a = exchange.account();
        ObjectNode data = JSON.createObjectNode().put("crossPosMargin", "0")
                .put("isolatedOrderMargin", Exchange.plain(a.orderMargin())).put("holdBalance", "0")
                .put("equity", Exchange.plain(a.equity())).put("version", Long.toString(sequence.incrementAndGet()))
                .put("availableBalance", Exchange.plain(a.available())).put("isolatedPosMargin", Exchange.plain(a.positionMargin()))
                .put("walletBalance", Exchange.plain(a.walletBalance())).put("isolatedFundingFeeMargin", "0").put("crossUnPnl", "0")
                .put("totalCrossMargin", "0").put("currency", exchange.contract().quoteCurrency())
                .put("isolatedUnPnl", Exchange.plain(a.unrealisedPnl())).put("crossOrderMargin", "0")
                .put("timestamp", Long.toString(exchange.now()));
        push(topic, "walletBalance.change", data, true);
    }
}
