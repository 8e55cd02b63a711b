package io.gpubot.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gpubot.core.market.CandleSeries;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of KuCoin Futures' public REST API on 127.0.0.1 to download history from: one contract,
 * its klines (500 rows per call at most) and funding rates, in KuCoin's envelopes. A test can make it
 * fail every kline request after a number of them, to interrupt a download.
 */
final class LocalKucoinServer implements AutoCloseable {

    private final HttpServer server;
    private final CandleSeries candles;
    private final long listedAt;
    private final AtomicInteger klineCalls = new AtomicInteger();
    private volatile int failKlinesAfter = Integer.MAX_VALUE;
    private volatile long fundingFrom = Long.MIN_VALUE;

    LocalKucoinServer(CandleSeries candles) throws IOException {
        this.candles = candles;
        this.listedAt = candles.firstTime();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/contracts/", this::contract);
        server.createContext("/api/v1/kline/query", this::klines);
        server.createContext("/api/v1/contract/funding-rates", this::fundingRates);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int klineCalls() {
        return klineCalls.get();
    }

    /** Funding history served only from this time on, as an exchange that no longer serves older settlements. */
    void fundingHistoryFrom(long millis) {
        fundingFrom = millis;
    }

    void failKlinesAfter(int calls) {
        failKlinesAfter = calls;
    }

    private void contract(HttpExchange ex) throws IOException {
        reply(ex, 200, "{\"code\":\"200000\",\"data\":{\"symbol\":\"XBTUSDTM\",\"baseCurrency\":\"XBT\",\"quoteCurrency\":\"USDT\","
                + "\"settleCurrency\":\"USDT\",\"status\":\"Open\",\"multiplier\":0.001,\"lotSize\":1,\"tickSize\":0.1,\"maxLeverage\":125,"
                + "\"makerFeeRate\":0.0002,\"takerFeeRate\":0.0006,\"maintainMargin\":0.004,\"fundingRateGranularity\":28800000,"
                + "\"markPrice\":40000,\"lastTradePrice\":40000,\"fundingFeeRate\":0.0001,\"firstOpenDate\":" + listedAt + "}}");
    }

    private void klines(HttpExchange ex) throws IOException {
        if (klineCalls.incrementAndGet() > failKlinesAfter) {
            reply(ex, 503, "{\"code\":\"503000\",\"msg\":\"service unavailable\"}");
            return;
        }
        Map<String, String> q = query(ex.getRequestURI());
        long from = Long.parseLong(q.get("from"));
        long to = Long.parseLong(q.get("to"));
        StringBuilder rows = new StringBuilder("{\"code\":\"200000\",\"data\":[");
        int n = 0;
        for (int i = candles.ceilingIndex(from); i < candles.size() && candles.time(i) <= to && n < 500; i++, n++) {
            if (n > 0) rows.append(',');
            rows.append(String.format(Locale.ROOT, "[%d,%s,%s,%s,%s,%s]", candles.time(i), candles.open(i), candles.high(i),
                    candles.low(i), candles.close(i), candles.volume(i)));
        }
        reply(ex, 200, rows.append("]}").toString());
    }

    private void fundingRates(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI());
        long from = Long.parseLong(q.get("from"));
        long to = Long.parseLong(q.get("to"));
        long h8 = 8 * 3_600_000L;
        StringBuilder points = new StringBuilder("{\"code\":\"200000\",\"data\":[");
        int n = 0;
        for (long t = Math.floorDiv(from, h8) * h8; t <= to && n < 100; t += h8) {
            if (t < from || t < listedAt || t < fundingFrom) continue;
            if (n++ > 0) points.append(',');
            // KuCoin stamps settlements a few milliseconds late.
            points.append("{\"symbol\":\"XBTUSDTM\",\"fundingRate\":").append(rateAt(t)).append(",\"timepoint\":").append(t + 13).append('}');
        }
        reply(ex, 200, points.append("]}").toString());
    }

    static double rateAt(long settlement) {
        return (settlement / (8 * 3_600_000L) % 7 - 3) * 0.00005;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return q;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
