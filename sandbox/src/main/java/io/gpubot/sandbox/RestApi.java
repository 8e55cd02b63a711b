package io.gpubot.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Resampler;
import io.gpubot.core.market.Timeframe;
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

    /** openapi-futures-order.json, pageSize of the paged lists: "The default pageSize is 50; the maximum cannot exceed 1000". */
    private static final long DEFAULT_PAGE_SIZE = 50;
    private static final long MAX_PAGE_SIZE = 1000;

    private static final Logger log = LoggerFactory.getLogger(RestApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long TIMESTAMP_WINDOW_MILLIS = 5_000;

    private final Exchange exchange;
    private final SandboxCredentials credentials;
    private final RateLimits rateLimits;
    private final LongSupplier wallClock;
    private final SandboxWebSocket webSocket;
    private final FundingRates fundingRates;
    private final double defaultFundingRate;
    private final FaultInjector faults;
    private final KucoinSpec spec = KucoinSpec.get();
    private final WireModes modes;
    private final FillTimes fillTimes;
    private final List<String> specViolations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<Timeframe, CandleSeries> resampled = new java.util.concurrent.ConcurrentHashMap<>();

    RestApi(Exchange exchange, SandboxCredentials credentials, RateLimits rateLimits, LongSupplier wallClock,
            SandboxWebSocket webSocket, FundingRates fundingRates, double defaultFundingRate, FaultInjector faults,
            WireModes modes, FillTimes fillTimes) {
        this.faults = faults;
        this.modes = modes;
        this.fillTimes = fillTimes;
        this.exchange = exchange;
        this.credentials = credentials;
        this.rateLimits = rateLimits;
        this.wallClock = wallClock;
        this.webSocket = webSocket;
        this.fundingRates = fundingRates;
        this.defaultFundingRate = defaultFundingRate;
    }

    /** Requests the spec would not accept, in arrival order (recorded when {@link WireModes#strictSpec()}). */
    List<String> specViolations() {
        return List.copyOf(specViolations);
    }

    /** The violations so far, forgotten once returned. */
    synchronized List<String> takeSpecViolations() {
        List<String> taken = List.copyOf(specViolations);
        specViolations.removeAll(taken);
        return taken;
    }

    /** One request as routed: method, raw path, decoded query parameters and body. */
    private record Request(String method, String path, Map<String, String> params, JsonNode body) {
        /** The parameter, or null when absent or empty (KuCoin ignores empty optional parameters). */
        String param(String name) {
            String value = params.get(name);
            return value == null || value.isEmpty() ? null : value;
        }

        String required(String name) {
            String value = params.get(name);
            if (value == null || value.isEmpty()) throw ApiError.badParameter(name + " is required");
            return value;
        }

        /**
         * A whole-number parameter; absent, empty or not a number ({@code from=undefined}, as KuCoin's own
         * SDK sends) gives {@code fallback}: KuCoin ignores such optional parameters.
         */
        long longParam(String name, long fallback) {
            String value = params.get(name);
            if (value == null || value.isEmpty()) return fallback;
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return fallback;
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
            // Routing comes first: an unknown URL is 404000 whoever asks, signed or not.
            KucoinSpec.Operation operation = spec.find(method, path).orElseThrow(KucoinErrors::urlNotFound);
            boolean isPublic = operation.isPublic();
            RateLimits.Quota quota = rateLimits.charge(pool(operation.pool()), operation.weight());
            http.getResponseHeaders().add("gw-ratelimit-limit", Integer.toString(quota.limit()));
            http.getResponseHeaders().add("gw-ratelimit-remaining", Integer.toString(quota.remaining()));
            http.getResponseHeaders().add("gw-ratelimit-reset", Long.toString(quota.resetMillis()));
            if (!quota.allowed()) {
                respond(http, 429, error("429000", "Too Many Requests"));
                return;
            }
            if (!isPublic) authenticate(http, method, path + (rawQuery == null ? "" : "?" + rawQuery), body);
            Request request = new Request(method, path, params(rawQuery), parseBody(body));
            List<String> problems = spec.problems(operation, request.params(), request.body());
            if (modes.strictSpec() && !problems.isEmpty()) {
                specViolations.addAll(problems);
                log.warn("Request outside KuCoin's spec: {}", problems);
                throw ApiError.badParameter("The request does not match KuCoin's API spec: " + String.join("; ", problems));
            }
            // Without --strict-spec only what KuCoin itself refuses: a parameter its spec requires is missing.
            for (String problem : problems) {
                if (problem.endsWith(" is required")) throw ApiError.badParameter(problem.substring(problem.indexOf(": ") + 2));
            }
            Object data = route(request);
            boolean placesOrder = method.equals("POST") && (path.equals("/api/v1/orders") || path.equals("/api/v1/st-orders"));
            if (fault == FaultInjector.RestFault.ERROR_AFTER || (placesOrder && faults.loseOrderAnswer())) {
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

    private static RateLimits.Pool pool(String name) {
        return switch (name) {
            case "Public" -> RateLimits.Pool.PUBLIC;
            case "Spot" -> RateLimits.Pool.SPOT;
            case "Management" -> RateLimits.Pool.MANAGEMENT;
            default -> RateLimits.Pool.FUTURES;
        };
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
        if (!constantTimeEquals(expected, sign)) throw KucoinErrors.badSignature();
        String signedPassphrase = hmac(credentials.apiPassphrase());
        // Key versions 2 and 3 send the passphrase HMAC-signed with the secret (KuCoin's signing docs and
        // its SDK: a version-3 key with the plain passphrase is refused); version 1 sent it plain.
        boolean passphraseOk = switch (version == null ? "1" : version) {
            case "2", "3" -> constantTimeEquals(signedPassphrase, passphrase);
            case "1" -> constantTimeEquals(credentials.apiPassphrase(), passphrase);
            default -> throw KucoinErrors.badKeyVersion();
        };
        if (!passphraseOk) throw KucoinErrors.badPassphrase();
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
                return page(r, "done".equals(status) ? exchange.doneOrders() : exchange.activeOrders(false));
            }
            case "GET /api/v1/stopOrders": return page(r, exchange.listedStopOrders());
            case "DELETE /api/v1/stopOrders": return Map.of("cancelledOrderIds", exchange.cancelAll(r.param("symbol"), true));
            case "DELETE /api/v3/orders", "DELETE /api/v1/orders":
                return Map.of("cancelledOrderIds", exchange.cancelAll(r.param("symbol"), false));
            case "GET /api/v1/fills": return page(r, fills(r, false));
            case "GET /api/v1/recentFills": return fills(r, true);
            case "GET /api/v1/recentDoneOrders": return exchange.doneOrders();
            case "GET /api/ua/v1/account/mode": return Map.of("selfAccountMode", modes.unifiedAccount() ? "UNIFIED" : "CLASSIC");
            case "GET /api/v2/position/getPositionMode": return Map.of("positionMode", exchange.positionMode());
            case "POST /api/v2/position/switchPositionMode": return Map.of("positionMode", exchange.switchPositionMode(positionMode(r.body())));
            case "GET /api/v1/trade-fees": {
                checkSymbol(r.required("symbol"));
                Map<String, Object> fees = new LinkedHashMap<>();
                fees.put("symbol", contract.symbol());
                fees.put("takerFeeRate", Exchange.plain(contract.takerFeeRate()));
                fees.put("makerFeeRate", Exchange.plain(contract.makerFeeRate()));
                return fees;
            }
            // A futures-only account: no spot HF account, no margin symbols to trade (ccxt's loadMarkets asks).
            case "GET /api/v1/hf/accounts/opened": return false;
            case "GET /api/v3/margin/symbols": return Map.of("timestamp", wallClock.getAsLong(), "items", List.of());
            case "GET /api/v1/isolated/symbols": return List.of();
            case "GET /api/v3/currencies": return List.of(currency(contract.baseCurrency()), currency(contract.quoteCurrency()));
            default: break;
        }
        if (m.equals("GET") && p.startsWith("/api/v1/contracts/risk-limit/")) {
            checkSymbol(decode(p.substring("/api/v1/contracts/risk-limit/".length())));
            List<Map<String, Object>> tiers = new ArrayList<>();
            for (io.gpubot.core.market.RiskLimitTier t : RiskLimitTable.TIERS.tiers()) {
                Map<String, Object> tier = new LinkedHashMap<>();
                tier.put("symbol", contract.symbol());
                tier.put("level", t.level());
                tier.put("maxRiskLimit", (long) t.maxPositionValue());
                tier.put("minRiskLimit", (long) t.minPositionValue());
                tier.put("maxLeverage", t.maxLeverage());
                tier.put("initialMargin", t.initialMarginRate());
                tier.put("maintainMargin", t.maintenanceMarginRate());
                tiers.add(tier);
            }
            return tiers;
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
        // In KuCoin's spec but not served by the sandbox (order book, batch orders, ...): README lists them.
        throw KucoinErrors.urlNotFound();
    }

    /** A currency as KuCoin's spot currency list renders it; the sandbox has no deposit or withdrawal chains. */
    private static Map<String, Object> currency(String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("currency", code);
        m.put("name", code);
        m.put("fullName", code);
        m.put("precision", 8);
        m.put("confirms", null);
        m.put("contractAddress", null);
        m.put("isMarginEnabled", false);
        m.put("isDebitEnabled", false);
        m.put("chains", List.of());
        return m;
    }

    private static int positionMode(JsonNode body) {
        String mode = text(body, "positionMode");
        if (mode == null) throw ApiError.badParameter("positionMode is required");
        try {
            return Integer.parseInt(mode);
        } catch (NumberFormatException e) {
            throw ApiError.badParameter("positionMode must be 0 (One-Way) or 1 (Hedge), got " + mode);
        }
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
                emptyToNull(text(b, "stopPriceType")), emptyToNull(text(b, "timeInForce")), bool(b, "postOnly"), emptyToNull(text(b, "marginMode")),
                emptyToNull(text(b, "positionSide")));
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
        m.put("maxOrderQty", Exchange.MAX_ORDER_QTY);
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
        m.put("buyLimit", exchange.buyLimit());
        m.put("sellLimit", exchange.sellLimit());
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

    /**
     * Klines at any of KuCoin's granularities: the replayed one as replayed, coarser ones resampled from it
     * (core's Resampler) with the bucket in progress built from the bars so far. Absent, empty or
     * non-numeric {@code from}/{@code to} are ignored; a window longer than {@link WireModes#klineLimit()}
     * rows returns its newest rows (KuCoin's spec only says "at most 500 ... page the data by time";
     * counting back from {@code to} is what makes a call with only symbol and granularity, as KuCoin's SDK
     * sends, return the newest candles).
     */
    private List<List<Object>> klines(Request r) {
        checkSymbol(r.required("symbol"));
        String text = r.required("granularity");
        long granularity = r.longParam("granularity", -1);
        Timeframe target = null;
        for (Timeframe t : Timeframe.values()) if (t.granularityMinutes() == granularity) target = t;
        if (target == null) throw ApiError.badParameter("granularity must be one of 1, 5, 15, 30, 60, 120, 240, 480, 720, 1440, 10080; got " + text);
        Timeframe base = exchange.series().timeframe();
        if (!target.isMultipleOf(base)) {
            throw ApiError.badParameter("this sandbox replays " + base.granularityMinutes() + "-minute candles and cannot build "
                    + granularity + "-minute candles from them");
        }
        long now = exchange.now();
        long to = Math.min(r.longParam("to", now), now);
        long limit = modes.klineLimit();
        long from = Math.max(r.longParam("from", Long.MIN_VALUE), target.floor(to) - (limit - 1) * target.millis());
        List<double[]> rows = target == base ? exchange.candles(from, to, Integer.MAX_VALUE) : resampledCandles(target, from, to, now);
        List<List<Object>> out = new ArrayList<>();
        for (int i = Math.max(0, rows.size() - (int) limit); i < rows.size(); i++) {
            double[] row = rows.get(i);
            out.add(List.of((long) row[0], row[1], row[2], row[3], row[4], row[5]));
        }
        return out;
    }

    private List<double[]> resampledCandles(Timeframe target, long from, long to, long now) {
        CandleSeries coarse = resampled.computeIfAbsent(target, t -> Resampler.resample(exchange.series(), t));
        List<double[]> rows = new ArrayList<>();
        for (int i = coarse.ceilingIndex(from); i < coarse.size() && coarse.time(i) <= to; i++) {
            long start = coarse.time(i);
            if (start + target.millis() <= now) {
                rows.add(new double[] {start, coarse.open(i), coarse.high(i), coarse.low(i), coarse.close(i), coarse.volume(i)});
            }
        }
        long forming = target.floor(now);
        if (forming >= from && forming <= to && forming >= exchange.series().firstTime()) {
            List<double[]> parts = exchange.candles(forming, now, Integer.MAX_VALUE);
            if (!parts.isEmpty()) {
                double high = Double.NEGATIVE_INFINITY;
                double low = Double.POSITIVE_INFINITY;
                double volume = 0;
                for (double[] part : parts) {
                    high = Math.max(high, part[2]);
                    low = Math.min(low, part[3]);
                    volume += part[5];
                }
                rows.add(new double[] {forming, parts.get(0)[1], high, low, parts.get(parts.size() - 1)[4], volume});
            }
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
        for (long t = last; t >= first && rows.size() < modes.fundingHistoryLimit(); t -= interval) {
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
        server.put("endpoint", "ws://127.0.0.1:" + webSocket.port() + "/");
        server.put("encrypt", false);
        server.put("protocol", "websocket");
        server.put("pingInterval", 18000);
        server.put("pingTimeout", 10000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", webSocket.issueToken(kind.equals("private")));
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

    /**
     * Fills, newest first. {@code /api/v1/fills} is documented as not real-time: with a fill delay a fill
     * shows there only that long after it happened; {@code recent} ({@code /api/v1/recentFills}) at once, and
     * by its spec only the symbol narrows it (it has no order id, time or paging parameter).
     */
    private List<Map<String, Object>> fills(Request r, boolean recent) {
        String orderId = recent ? null : r.param("orderId");
        String symbol = r.param("symbol");
        if (symbol != null) checkSymbol(symbol);
        long startAt = recent ? Long.MIN_VALUE : r.longParam("startAt", Long.MIN_VALUE);
        long wallNow = wallClock.getAsLong();
        List<Map<String, Object>> items = new ArrayList<>();
        List<SandboxFill> all = exchange.fills();
        // recentFills: "a list of recent 1000 fills" (KuCoin's spec); /fills keeps every fill and pages them.
        for (int i = all.size() - 1; i >= 0 && (!recent || items.size() < 1000); i--) {
            SandboxFill f = all.get(i);
            if (orderId != null && !orderId.equals(f.orderId())) continue;
            if (f.time() < startAt) continue;
            if (!recent && !fillTimes.visibleAt(f.tradeId(), wallNow, modes.fillsDelayMillis())) continue;
            // recentFills: "the last 24 hours" (KuCoin's spec), on the replay clock.
            if (recent && f.time() < exchange.now() - 86_400_000L) continue;
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

    /**
     * One page of a list KuCoin pages (openapi-futures-order.json: Get Trade History, Get Order List, Get Stop
     * Order List all take {@code currentPage} "The default currentPage is 1" and {@code pageSize} "The default
     * pageSize is 50; the maximum cannot exceed 1000", schema {@code maximum: 1000}); {@code items} are given
     * in the order KuCoin lists them. The spec says nothing of what KuCoin answers to a pageSize above 1000 or
     * below 1, or a currentPage below 1 (nor do KUCOIN_FACTS.md or the ccxt fixtures in shared/data): the sandbox
     * clamps them into range (pageSize 1 to 1000, currentPage from 1), while its strict-spec mode refuses a
     * pageSize above the spec's maximum and records it as a violation. An empty
     * list is {@code totalNum 0, totalPage 0}, as KuCoin answered in Kucoin/kucoin-api-docs issues #4 and #476.
     */
    private static Map<String, Object> page(Request r, List<?> items) {
        int pageSize = (int) Math.min(MAX_PAGE_SIZE, Math.max(1, r.longParam("pageSize", DEFAULT_PAGE_SIZE)));
        long currentPage = Math.max(1, r.longParam("currentPage", 1));
        int totalNum = items.size();
        long from = currentPage - 1 >= totalNum ? totalNum : Math.min(totalNum, (currentPage - 1) * pageSize);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("currentPage", currentPage);
        m.put("pageSize", pageSize);
        m.put("totalNum", totalNum);
        m.put("totalPage", (totalNum + pageSize - 1) / pageSize);
        m.put("items", new ArrayList<>(items.subList((int) from, (int) Math.min(totalNum, from + pageSize))));
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
