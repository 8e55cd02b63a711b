package io.gpubot.live.exec;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.Timeframe;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.data.BotFiles;
import io.gpubot.kucoin.HttpTransport;
import io.gpubot.kucoin.JdkHttpTransport;
import io.gpubot.kucoin.KucoinCredentials;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.Journal;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.risk.RiskGuard;
import io.gpubot.live.risk.RiskLimits;
import io.gpubot.sandbox.Faults;
import io.gpubot.sandbox.Sandbox;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-made market at a flat 40 000 (so every price in the tests can be worked by hand), a sandbox
 * replaying it, and clients and executors wired to it. Bar 7 dips to 39 000, below a long's 1.5% stop.
 */
public final class LiveTestMarket {

    public static final Contract XBT = Contracts.get("XBTUSDTM");
    public static final long T0 = 1_704_067_200_000L; // 2024-01-01 00:00 UTC
    public static final int FIRST_LIVE_BAR = 5;
    /** A long's stop at 39 439.4 is hit in bar 7. */
    public static final CandleSeries DIP = series(Map.of(7, new double[] {40_000, 40_100, 39_000, 39_500}));

    private LiveTestMarket() {
    }

    /** 40 one-hour bars at 40 000, except {@code bars} (index → o, h, l, c). */
    public static CandleSeries series(Map<Integer, double[]> bars) {
        int n = 40;
        long[] t = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * Timeframe.H1.millis();
            double[] bar = bars.getOrDefault(i, new double[] {40_000, 40_000, 40_000, 40_000});
            o[i] = bar[0];
            h[i] = bar[1];
            l[i] = bar[2];
            c[i] = bar[3];
            v[i] = 100;
        }
        return CandleSeries.of(Timeframe.H1, t, o, h, l, c, v);
    }

    /** 5x leverage, take-profit 3%, stop-loss 1.5%, the given sizing (default risk 2%). */
    public static Bot bot(String sizingMethod, double parameter) {
        return BotFiles.parse("{\"schema\":\"gpubot.bot/1\",\"name\":\"live-bot\",\"indicators\":[\"HEIKINASHI\"],\"consensus\":1.0,"
                + "\"leverage\":5,\"exits\":{\"mode\":\"fraction\",\"takeProfit\":0.03,\"stopLoss\":0.015},"
                + "\"sizing\":{\"method\":\"" + sizingMethod + "\",\"parameter\":" + parameter + "}}", "test");
    }

    public static Bot bot() {
        return bot("risk", 0.02);
    }

    public static BotRunner runner(Bot bot) {
        return new BotRunner(bot, XBT, RunSettings.withBalance(10_000));
    }

    public static Sandbox sandbox(CandleSeries bars, double balance, Faults faults) {
        return Sandbox.builder(bars, XBT).from(bars.time(FIRST_LIVE_BAR)).startBalance(balance).faults(faults).start();
    }

    /** A client that retries quickly (faults are waited out in milliseconds), through {@code transport}. */
    public static KucoinRestClient client(Sandbox sandbox, HttpTransport transport) {
        var c = sandbox.credentials();
        return KucoinRestClient.builder(sandbox.baseUrl())
                .credentials(new KucoinCredentials(c.apiKey().toCharArray(), c.apiSecret().toCharArray(), c.apiPassphrase().toCharArray()))
                .transport(transport).requestTimeout(Duration.ofSeconds(5)).maxAttempts(10)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(4)).build();
    }

    public static KucoinRestClient client(Sandbox sandbox) {
        return client(sandbox, new JdkHttpTransport());
    }

    /** An executor on the sandbox's replay clock that never really sleeps. */
    public static LiveExecutor executor(Sandbox sandbox, KucoinRestClient client, Bot bot, Journal journal, RiskLimits limits,
                                        Consumer<SessionEvent> events) {
        return new LiveExecutor(client, bot, XBT, journal, new RiskGuard(limits, XBT), events, LiveExecutor.Settings.DEFAULT,
                sandbox::now, d -> { });
    }

    /** A sandbox fill delay the executor meets in the session tests: orders matched, and /api/v1/fills showing them, 40 ms late. */
    public static final Duration FILL_DELAY = Duration.ofMillis(40);

    /**
     * Settings that wait for a sandbox with {@link #FILL_DELAY} for real: up to 100 looks 10 ms apart at an order
     * and its fills (the replay clock stands still meanwhile, so the fill's price is the one of the moment it was sent).
     */
    public static final LiveExecutor.Settings WAITING = new LiveExecutor.Settings(0.001, 5_000, 3, 100, Duration.ofMillis(10));

    /** A sleeper that really sleeps, for a sandbox that matches late. */
    public static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /** Orders of the sandbox that open or close a position (market orders, not stop orders). */
    public static List<Map<String, Object>> marketOrders(Sandbox sandbox) {
        return sandbox.exchange().doneOrders().stream().filter(o -> "".equals(o.get("stop")) && "market".equals(o.get("type"))).toList();
    }

    /** The active orders that protect a position: the stop-loss (a stop-market order) and the take-profit (a resting limit). */
    public static List<Map<String, Object>> protection(Sandbox sandbox) {
        List<Map<String, Object>> all = new java.util.ArrayList<>(sandbox.exchange().activeOrders(true));
        all.addAll(sandbox.exchange().activeOrders(false));
        return all;
    }

    /** The level of a protective order: a stop's trigger price, a limit's price. */
    public static String level(Map<String, Object> order) {
        return String.valueOf(order.get("stopPrice") != null ? order.get("stopPrice") : order.get("price"));
    }

    /** Watches order placements on their way to the exchange: {@code before} and {@code after} hear their clientOid. */
    public static final class OrderTap implements HttpTransport {
        private static final Pattern CLIENT_OID = Pattern.compile("\"clientOid\"\\s*:\\s*\"([^\"]+)\"");
        private final HttpTransport delegate = new JdkHttpTransport();
        public volatile Consumer<String> before = oid -> { };
        public volatile Consumer<String> after = oid -> { };
        /** The HTTP status of every answer, to show which faults a test met. */
        public final List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Order placements reach the exchange but their answers are lost. */
        public volatile boolean loseOrderAnswers;
        /** Looking orders up by clientOid fails (the network is down for those). */
        public volatile boolean failLookups;
        /** Reduce-only limit orders (take-profits) are refused with a KuCoin error, without reaching the exchange. */
        public volatile boolean refuseTakeProfits;
        /** The next order placement is answered 503 without reaching the exchange (a gateway failing on the way in). */
        public volatile boolean failNextOrderBeforeEffect;
        /** The last st-order body sent (an entry with its stop-loss attached). */
        public volatile String lastTpSlBody;

        @Override
        public Response send(String method, URI uri, Map<String, String> headers, String body, Duration timeout)
                throws IOException, InterruptedException {
            String oid = null;
            if ("POST".equals(method) && (uri.getPath().equals("/api/v1/orders") || uri.getPath().equals("/api/v1/st-orders")) && body != null) {
                Matcher m = CLIENT_OID.matcher(body);
                if (m.find()) oid = m.group(1);
            }
            if (failLookups && uri.getPath().equals("/api/v1/orders/byClientOid")) throw new IOException("connection reset (test)");
            if (oid != null && refuseTakeProfits && body.contains("\"limit\"") && body.contains("\"reduceOnly\":true")) {
                return new Response(400, Map.of(), "{\"code\":\"400100\",\"msg\":\"take-profits are disabled (test)\"}");
            }
            if (oid != null && uri.getPath().equals("/api/v1/st-orders")) lastTpSlBody = body;
            if (oid != null && failNextOrderBeforeEffect) {
                failNextOrderBeforeEffect = false;
                statuses.add(503);
                return new Response(503, Map.of(), "");
            }
            if (oid != null) before.accept(oid);
            Response response = delegate.send(method, uri, headers, body, timeout);
            statuses.add(response.status());
            if (oid != null) after.accept(oid);
            if (oid != null && loseOrderAnswers) throw new IOException("answer lost (test)");
            return response;
        }
    }

    /** What a killed process does to the call in flight: it never returns. */
    public static final class Crash extends Error {
        public Crash(String where) {
            super("simulated crash " + where);
        }
    }
}
