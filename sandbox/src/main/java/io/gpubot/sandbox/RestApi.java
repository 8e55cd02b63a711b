package io.gpubot.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.FundingRates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KuCoin Futures' REST API over the JDK HTTP server: envelopes {@code {"code":"200000","data":...}},
 * field names and types as in the OpenAPI examples, signature and timestamp checks, quota pools.
 * Thread safety: stateless apart from the exchange and the rate limits, which guard themselves.
 */
final class RestApi implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RestApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long TIMESTAMP_WINDOW_MILLIS = 5_000;

    private final Exchange exchange;
    private final SandboxCredentials credentials;
    private final RateLimits rateLimits;
    private final LongSupplier wallClock;
    private final IntSupplier webSocketPort;
    private final FundingRates fundingRates;
    private final double defaultFundingRate;
    private final FaultInjector faults;

    RestApi(Exchange exchange, SandboxCredentials credentials, RateLimits rateLimits, LongSupplier wallClock,
            IntSupplier webSocketPort, FundingRates fundingRates, double defaultFundingRate, FaultInjector faults) {
        this.faults = faults;
        this.exchange = exchange;
        this.credentials = credentials;
        this.rateLimits = rateLimits;
        this.wallClock = wallClock;
        this.webSocketPort = webSocketPort;
        this.fundingRates = fundingRates;
        this.defaultFundingRate = defaultFundingRate;
    }

    /** One request as routed: method, raw path, decoded query parameters and body. */
    private record Request(String method, String path, Map<String, String> params, JsonNode body) {
        String param(String name) {
            return params.get(name);
        }

        String required(String name) {
            String value = params.get(name);
            if (value == null || value.isEmpty()) throw ApiError.badParameter(name + " is required");
            return value;
        }

        long longParam(String name, long fallback) {
            String value = params.get(name);
            if (value == null || value.isEmpty()) return fallback;
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw ApiError.badParameter(name + " must be a whole number, got " + value);
            }
        }
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        try {
            String method = http.getRequestMethod();
            String path = http.getRequestURI().getRawPath();
            String rawQuery = http.getRequestURI().getRawQuery();
            String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            FaultInjector.RestFault fault = faults.nextRequest();
            long latency = faults.faults().latency().toMillis();
            if (latency > 0) pause(latency);
            if (fault == FaultInjector.RestFault.RATE_LIMITED) {
                http.getResponseHeaders().add("gw-ratelimit-limit", "2000");
                http.getResponseHeaders().add("gw-ratelimit-remaining", "0");
                http.getResponseHeaders().add("gw-ratelimit-reset", Long.toString(faults.faults().rateLimitReset().toMillis()));
                respond(http, 429, error("429000", "Too Many Requests"));
                return;
            }
            if (fault == FaultInjector.RestFault.ERROR_BEFORE) {
                respond(http, 503, error("503000", "Service Unavailable"));
                return;
            }
            boolean isPublic = isPublic(path);
            RateLimits.Quota quota = rateLimits.charge(isPublic ? RateLimits.Pool.PUBLIC : RateLimits.Pool.FUTURES, weight(method, path));
            http.getResponseHeaders().add("gw-ratelimit-limit", Integer.toString(quota.limit()));
            http.getResponseHeaders().add("gw-ratelimit-remaining", Integer.toString(quota.remaining()));
            http.getResponseHeaders().add("gw-ratelimit-reset", Long.toString(quota.resetMillis()));
            if (!quota.allowed()) {
                respond(http, 429, error("429000", "Too Many Requests"));
                return;
            }
            if (!isPublic) authenticate(http, method, path + (rawQuery == null ? "" : "?" + rawQuery), body);
            Request request = new Request(method, path, params(rawQuery), parseBody(body));
            Object data = route(request);
            if (fault == FaultInjector.RestFault.ERROR_AFTER) {
                // The request took effect but its answer is lost, as when a gateway fails on the way back.
                respond(http, 500, error("500000", "Internal Server Error"));
                return;
            }
            ObjectNode envelope = JSON.createObjectNode().put("code", "200000");
            envelope.set("data", JSON.valueToTree(data));
            respond(http, 200, envelope.toString());
        } catch (ApiError e) {
            respond(http, e.httpStatus, error(e.code, e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("Sandbox request {} {} failed", http.getRequestMethod(), http.getRequestURI(), e);
            respond(http, 500, error("500000", "Internal Server Error"));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isPublic(String path) {
        return path.equals("/api/v1/timestamp") || path.startsWith("/api/v1/contracts") || path.equals("/api/v1/kline/query")
                || path.equals("/api/v1/ticker") || path.startsWith("/api/v1/funding-rate/") || path.equals("/api/v1/contract/funding-rates")
                || path.equals("/api/v1/bullet-public") || path.equals("/api/v1/status");
    }

    /** Weights of KUCOIN_FACTS.md / the OpenAPI spec; unlisted endpoints cost 2. */
    private static int weight(String method, String path) {
        if (path.equals("/api/v1/kline/query") || path.equals("/api/v1/contracts/active")) return 3;
        if (path.equals("/api/v1/bullet-public")) return 10;
        if (path.equals("/api/v1/fills") || path.equals("/api/v1/contract/funding-rates")) return 5;
        if (method.equals("GET") && path.startsWith("/api/v1/orders/")) return 5;
        if (method.equals("DELETE") && path.startsWith("/api/v1/orders/")) return 1;
        return 2;
    }

    private void authenticate(HttpExchange http, String method, String pathWithQuery, String body) {
        var h = http.getRequestHeaders();
        String key = h.getFirst("KC-API-KEY");
        String sign = h.getFirst("KC-API-SIGN");
        String timestamp = h.getFirst("KC-API-TIMESTAMP");
        String passphrase = h.getFirst("KC-API-PASSPHRASE");
        String version = h.getFirst("KC-API-KEY-VERSION");
        if (key == null || sign == null || timestamp == null || passphrase == null) {
            throw new ApiError(401, "400001", "Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new ApiError(401, "400002", "KC-API-TIMESTAMP Invalid");
        }
        if (Math.abs(wallClock.getAsLong() - sentAt) > TIMESTAMP_WINDOW_MILLIS) {
            throw new ApiError(401, "400002", "KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds");
        }
        if (!credentials.apiKey().equals(key)) throw new ApiError(401, "400003", "KC-API-KEY not exists");
        // The request signature depends on the secret alone, a version-2 passphrase on the secret too: checking the
        // signature first tells a wrong secret (400005) from a wrong passphrase (400004) instead of calling both the latter.
        String expected = hmac(sentAt + method.toUpperCase(java.util.Locale.ROOT) + pathWithQuery + body);
        if (!constantTimeEquals(expected, sign)) throw new ApiError(401, "400005", "Signature verification failed");
        String signedPassphrase = hmac(credentials.apiPassphrase());
        boolean passphraseOk = switch (version == null ? "1" : version) {
            case "2" -> constantTimeEquals(signedPassphrase, passphrase);
            // Version 3 keys: accepted with the passphrase plain or signed, as clients differ.
            case "3" -> constantTimeEquals(credentials.apiPassphrase(), passphrase) || constantTimeEquals(signedPassphrase, passphrase);
            default -> constantTimeEquals(credentials.apiPassphrase(), passphrase);
        };
        if (!passphraseOk) throw new ApiError(401, "400004", "KC-API-PASSPHRASE error");
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.apiSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private Object route(Request r) {
        String m = r.method();
        String p = r.path();
        Contract contract = exchange.contract();
        switch (m + " " + p) {
            case "GET /api/v1/timestamp": return wallClock.getAsLong();
            case "GET /api/v1/status": return Map.of("status", "open", "msg", "sandbox");
            case "GET /api/v1/contracts/active": return List.of(contractJson());
            case "GET /api/v1/kline/query": return klines(r);
            case "GET /api/v1/ticker": return ticker(r);
            case "GET /api/v1/contract/funding-rates": return fundingHistory(r);
            case "POST /api/v1/bullet-public": return bullet("public");
            case "POST /api/v1/bullet-private": return bullet("private");
            case "GET /api/v1/account-overview": return accountOverview(r);
            case "GET /api/v1/position":
                checkSymbol(r.required("symbol"));
                return exchange.renderPosition();
            case "GET /api/v1/positions": {
                Map<String, Object> position = exchange.renderPosition();
                return Boolean.TRUE.equals(position.get("isOpen")) ? List.of(position) : List.of();
            }
            case "GET /api/v2/position/getMarginMode":
                checkSymbol(r.required("symbol"));
                return Map.of("symbol", contract.symbol(), "marginMode", exchange.marginMode());
            case "POST /api/v2/position/changeMarginMode":
                return Map.of("symbol", contract.symbol(),
                        "marginMode", exchange.changeMarginMode(text(r.body(), "symbol"), text(r.body(), "marginMode")));
            case "POST /api/v1/orders": return ack(exchange.place(orderRequest(r.body())), r.body());
            case "POST /api/v1/orders/test": {
                // Validated like a real order but never placed.
                orderRequest(r.body());
                checkSymbol(text(r.body(), "symbol"));
                return Map.of("orderId", "0", "clientOid", text(r.body(), "clientOid"));
            }
            case "POST /api/v1/st-orders":
                return ack(exchange.placeWithTpSl(orderRequest(r.body()), decimal(r.body(), "triggerStopUpPrice"),
                        decimal(r.body(), "triggerStopDownPrice")), r.body());
            case "GET /api/v1/orders/byClientOid":
                return exchange.orderByClientOid(r.required("clientOid")).orElse(null);
            case "GET /api/v1/orders": {
                String status = r.param("status") == null ? "active" : r.param("status");
                return page("done".equals(status) ? exchange.doneOrders() : exchange.activeOrders(false));
            }
            case "GET /api/v1/stopOrders": return page(exchange.activeOrders(true));
            case "DELETE /api/v1/stopOrders": return Map.of("cancelledOrderIds", exchange.cancelAll(r.param("symbol"), true));
            case "DELETE /api/v3/orders", "DELETE /api/v1/orders":
                return Map.of("cancelledOrderIds", exchange.cancelAll(r.param("symbol"), false));
            case "GET /api/v1/fills": return page(fills(r));
            case "GET /api/v1/recentDoneOrders": return exchange.doneOrders();
            default: break;
        }
        if (m.equals("GET") && p.startsWith("/api/v1/contracts/")) {
            checkSymbol(decode(p.substring("/api/v1/contracts/".length())));
            return contractJson();
        }
        if (m.equals("GET") && p.startsWith("/api/v1/funding-rate/") && p.endsWith("/current")) {
            checkSymbol(decode(p.substring("/api/v1/funding-rate/".length(), p.length() - "/current".length())));
            return currentFunding();
        }
        if (m.equals("DELETE") && p.startsWith("/api/v1/orders/client-order/")) {
            return Map.of("clientOid", exchange.cancelByClientOid(decode(p.substring("/api/v1/orders/client-order/".length()))));
        }
        if (m.equals("GET") && p.startsWith("/api/v1/orders/")) {
            String id = decode(p.substring("/api/v1/orders/".length()));
            return exchange.order(id).orElseThrow(() -> ApiError.notFound("error.getOrder.orderNotExist"));
        }
        if (m.equals("DELETE") && p.startsWith("/api/v1/orders/")) {
            return Map.of("cancelledOrderIds", exchange.cancelOrder(decode(p.substring("/api/v1/orders/".length()))));
        }
        throw new ApiError(404, "400000", "Url not found: " + m + " " + p);
    }

    private void checkSymbol(String symbol) {
        if (!exchange.contract().symbol().equals(symbol)) throw ApiError.unknownSymbol(symbol);
    }

    private static Map<String, Object> ack(String orderId, JsonNode body) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("orderId", orderId);
        ack.put("clientOid", text(body, "clientOid"));
        return ack;
    }

    private static Exchange.OrderRequest orderRequest(JsonNode b) {
        if (b == null || !b.isObject()) throw ApiError.badParameter("the body must be a JSON object");
        return new Exchange.OrderRequest(text(b, "clientOid"), text(b, "symbol"), text(b, "side"), text(b, "type"),
                b.hasNonNull("size") ? wholeNumber(b, "size") : null,
                b.hasNonNull("leverage") ? (int) wholeNumber(b, "leverage") : null,
                decimal(b, "price"), bool(b, "reduceOnly"), bool(b, "closeOrder"), emptyToNull(text(b, "stop")), decimal(b, "stopPrice"),
                emptyToNull(text(b, "stopPriceType")), emptyToNull(text(b, "timeInForce")), bool(b, "postOnly"), emptyToNull(text(b, "marginMode")));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String text(JsonNode b, String field) {
        JsonNode n = b == null ? null : b.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static boolean bool(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n != null && (n.isBoolean() ? n.booleanValue() : "true".equalsIgnoreCase(n.asText()));
    }

    private static long wholeNumber(JsonNode b, String field) {
        String text = b.get(field).asText();
        try {
            return new java.math.BigDecimal(text).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw ApiError.badParameter(field + " must be a whole number, got " + text);
        }
    }

    private static Double decimal(JsonNode b, String field) {
        String text = text(b, field);
        if (text == null || text.isEmpty()) return null;
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw ApiError.badParameter(field + " must be a number, got " + text);
        }
    }

    private Map<String, Object> contractJson() {
        Contract c = exchange.contract();
        double price = exchange.price();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", c.symbol());
        m.put("rootSymbol", c.quoteCurrency());
        m.put("type", "FFWCSX");
        m.put("firstOpenDate", exchange.series().firstTime());
        m.put("expireDate", null);
        m.put("settleDate", null);
        m.put("baseCurrency", c.baseCurrency());
        m.put("quoteCurrency", c.quoteCurrency());
        m.put("settleCurrency", c.quoteCurrency());
        m.put("maxOrderQty", 1000000);
        m.put("maxPrice", 1000000.0);
        m.put("lotSize", c.lotSize());
        m.put("tickSize", c.tickSize());
        m.put("indexPriceTickSize", c.tickSize());
        m.put("multiplier", c.multiplier());
        m.put("initialMargin", 1.0 / c.maxLeverage());
        m.put("maintainMargin", c.maintenanceMarginRate());
        m.put("maxRiskLimit", 100000);
        m.put("minRiskLimit", 100000);
        m.put("riskStep", 50000);
        m.put("makerFeeRate", c.makerFeeRate());
        m.put("takerFeeRate", c.takerFeeRate());
        m.put("takerFixFee", 0.0);
        m.put("makerFixFee", 0.0);
        m.put("settlementFee", null);
        m.put("isDeleverage", true);
        m.put("isQuanto", true);
        m.put("isInverse", false);
        m.put("markMethod", "FairPrice");
        m.put("fairMethod", "FundingRate");
        m.put("settlementSymbol", "");
        m.put("status", "Open");
        m.put("fundingFeeRate", currentRate());
        m.put("predictedFundingFeeRate", currentRate());
        m.put("fundingRateGranularity", c.fundingInterval().toMillis());
        m.put("openInterest", "0");
        m.put("turnoverOf24h", 0.0);
        m.put("volumeOf24h", 0.0);
        m.put("markPrice", price);
        m.put("indexPrice", price);
        m.put("lastTradePrice", price);
        m.put("nextFundingRateTime", nextFundingTime() - exchange.now());
        m.put("maxLeverage", c.maxLeverage());
        m.put("supportCross", false);
        return m;
    }

    private long nextFundingTime() {
        long interval = exchange.contract().fundingInterval().toMillis();
        return Math.floorDiv(exchange.now(), interval) * interval + interval;
    }

    private double currentRate() {
        long interval = exchange.contract().fundingInterval().toMillis();
        return fundingRates.rateAt(Math.floorDiv(exchange.now(), interval) * interval, defaultFundingRate);
    }

    private List<List<Object>> klines(Request r) {
        checkSymbol(r.required("symbol"));
        long granularity = r.longParam("granularity", -1);
        int expected = exchange.series().timeframe().granularityMinutes();
        if (granularity != expected) {
            throw ApiError.badParameter("this sandbox replays " + expected + "-minute candles; granularity must be " + expected);
        }
        long to = r.longParam("to", exchange.now());
        long from = r.longParam("from", to - 500 * granularity * 60_000L);
        List<List<Object>> rows = new ArrayList<>();
        for (double[] row : exchange.candles(from, to, 500)) {
            rows.add(List.of((long) row[0], row[1], row[2], row[3], row[4], row[5]));
        }
        return rows;
    }

    private Map<String, Object> ticker(Request r) {
        checkSymbol(r.required("symbol"));
        Exchange.Quote quote = exchange.quote();
        double price = quote.price();
        long now = quote.time();
        double tick = exchange.contract().tickSize();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", now);
        m.put("symbol", exchange.contract().symbol());
        m.put("side", "buy");
        m.put("size", 1);
        m.put("tradeId", Long.toString(now));
        m.put("price", Exchange.plain(price));
        m.put("bestBidPrice", Exchange.plain(price));
        m.put("bestBidSize", 1000);
        m.put("bestAskPrice", Exchange.plain(price + tick));
        m.put("bestAskSize", 1000);
        m.put("ts", now * 1_000_000L);
        return m;
    }

    private Map<String, Object> currentFunding() {
        long interval = exchange.contract().fundingInterval().toMillis();
        long last = Math.floorDiv(exchange.now(), interval) * interval;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", "." + exchange.contract().symbol() + "FPI8H");
        m.put("granularity", interval);
        m.put("timePoint", last);
        m.put("value", fundingRates.rateAt(last, defaultFundingRate));
        m.put("predictedValue", fundingRates.rateAt(last + interval, defaultFundingRate));
        m.put("fundingRateCap", 0.003);
        m.put("fundingRateFloor", -0.003);
        m.put("period", 0);
        m.put("fundingTime", last + interval);
        return m;
    }

    /** Settlements in [from, to] that have happened by now, newest first as KuCoin lists them. */
    private List<Map<String, Object>> fundingHistory(Request r) {
        String symbol = r.required("symbol");
        checkSymbol(symbol);
        long interval = exchange.contract().fundingInterval().toMillis();
        long from = r.longParam("from", 0);
        long to = Math.min(r.longParam("to", exchange.now()), exchange.now());
        List<Map<String, Object>> rows = new ArrayList<>();
        long first = Math.floorDiv(from + interval - 1, interval) * interval;
        long last = Math.floorDiv(to, interval) * interval;
        for (long t = last; t >= first && rows.size() < 100; t -= interval) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("symbol", symbol);
            row.put("fundingRate", fundingRates.rateAt(t, defaultFundingRate));
            row.put("timepoint", t);
            rows.add(row);
        }
        return rows;
    }

    private Map<String, Object> bullet(String kind) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("endpoint", "ws://127.0.0.1:" + webSocketPort.getAsInt() + "/");
        server.put("encrypt", false);
        server.put("protocol", "websocket");
        server.put("pingInterval", 18000);
        server.put("pingTimeout", 10000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", kind + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())));
        m.put("instanceServers", List.of(server));
        return m;
    }

    private Map<String, Object> accountOverview(Request r) {
        String currency = r.param("currency") == null ? "XBT" : r.param("currency");
        SandboxAccount a = exchange.account();
        boolean settles = exchange.contract().quoteCurrency().equals(currency);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accountEquity", settles ? a.equity() : 0.0);
        m.put("unrealisedPNL", settles ? a.unrealisedPnl() : 0.0);
        m.put("marginBalance", settles ? a.walletBalance() : 0.0);
        m.put("positionMargin", settles ? a.positionMargin() : 0.0);
        m.put("orderMargin", settles ? a.orderMargin() : 0.0);
        m.put("frozenFunds", 0.0);
        m.put("availableBalance", settles ? a.available() : 0.0);
        m.put("currency", currency);
        m.put("riskRatio", 0.0);
        m.put("maxWithdrawAmount", settles ? a.available() : 0.0);
        return m;
    }

    private List<Map<String, Object>> fills(Request r) {
        String orderId = r.param("orderId");
        String symbol = r.param("symbol");
        if (symbol != null) checkSymbol(symbol);
        long startAt = r.longParam("startAt", Long.MIN_VALUE);
        List<Map<String, Object>> items = new ArrayList<>();
        List<SandboxFill> all = exchange.fills();
        for (int i = all.size() - 1; i >= 0 && items.size() < 1000; i--) {
            SandboxFill f = all.get(i);
            if (orderId != null && !orderId.equals(f.orderId())) continue;
            if (f.time() < startAt) continue;
            double value = f.size() * exchange.contract().multiplier() * f.price();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", exchange.contract().symbol());
            m.put("tradeId", f.tradeId());
            m.put("orderId", f.orderId());
            m.put("side", f.buy() ? "buy" : "sell");
            m.put("liquidity", f.liquidity());
            m.put("forceTaker", false);
            m.put("price", Exchange.plain(f.price()));
            m.put("size", f.size());
            m.put("value", Exchange.plain(value));
            m.put("stop", "");
            m.put("feeRate", Exchange.plain(f.feeRate()));
            m.put("fixFee", "0");
            m.put("feeCurrency", exchange.contract().quoteCurrency());
            m.put("marginMode", "ISOLATED");
            m.put("displayType", f.orderType());
            m.put("fee", Exchange.plain(f.fee()));
            m.put("settleCurrency", exchange.contract().quoteCurrency());
            m.put("orderType", f.orderType());
            m.put("tradeType", "liquidation".equals(f.orderType()) ? "liquid" : "trade");
            m.put("tradeTime", f.time() * 1_000_000L);
            m.put("createdAt", f.time());
            items.add(m);
        }
        return items;
    }

    private static Map<String, Object> page(List<?> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("currentPage", 1);
        m.put("pageSize", Math.max(50, items.size()));
        m.put("totalNum", items.size());
        m.put("totalPage", 1);
        m.put("items", items);
        return m;
    }

    private static JsonNode parseBody(String body) {
        if (body == null || body.isBlank()) return JSON.createObjectNode();
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badParameter("the body is not valid JSON");
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return params;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) params.put(decode(pair), "");
            else params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String error(String code, String message) {
        ObjectNode node = JSON.createObjectNode().put("code", code).put("msg", message);
        return node.toString();
    }

    private static void respond(HttpExchange http, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }
}
