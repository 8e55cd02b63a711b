package io.gpubot.live.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.kucoin.HttpTransport;
import io.gpubot.kucoin.KucoinCredentials;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.exec.ExchangePort.FillReport;
import io.gpubot.sandbox.Exchange;
import io.gpubot.sandbox.Faults;
import io.gpubot.sandbox.Sandbox;
import io.gpubot.sandbox.SandboxFill;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The port's list reads are whole lists although KuCoin pages them 50 at a time unless asked for more
 * (openapi-futures-order.json: pageSize "The default pageSize is 50; the maximum cannot exceed 1000"):
 * a position with more fills since its entry than a page holds has every one of them read, newest first.
 */
class PagedReadsTest {

    private static final CandleSeries FLAT = LiveTestMarket.series(Map.of());

    private static Exchange.OrderRequest byHand(String clientOid, String side, String type, Double price, boolean reduceOnly,
                                                String stop, Double stopPrice) {
        return new Exchange.OrderRequest(clientOid, "XBTUSDTM", side, type, 1L, 5, price, reduceOnly, false, stop, stopPrice,
                stop == null ? null : "TP", null, false, "ISOLATED");
    }

    @Test
    void aPositionWith130FillsSinceItsEntryHasAllOfThemReadNewestFirstAndOnlyThose() {
        try (Sandbox sandbox = LiveTestMarket.sandbox(FLAT, 10_000, Faults.NONE); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
            KucoinExchange kucoin = new KucoinExchange(client, "XBTUSDTM");
            sandbox.exchange().place(byHand("before-in", "buy", "market", null, false, null, null));
            sandbox.exchange().place(byHand("before-out", "sell", "market", null, true, null, null));
            sandbox.advanceTo(FLAT.time(LiveTestMarket.FIRST_LIVE_BAR + 1));
            long entry = sandbox.now();
            String entryId = kucoin.place(new ExchangePort.OrderSpec("entry", true, ExchangePort.Kind.MARKET, 1, 5, Double.NaN, Double.NaN,
                    false, "ISOLATED", Double.NaN));
            for (int i = 1; i < 130; i++) sandbox.exchange().place(byHand("add-" + i, "buy", "market", null, false, null, null));

            List<SandboxFill> all = sandbox.exchange().fills();
            assertThat(all).hasSize(132);
            List<String> sinceEntryNewestFirst = new ArrayList<>();
            List<Double> pricesNewestFirst = new ArrayList<>();
            for (int i = all.size() - 1; i >= 2; i--) {
                sinceEntryNewestFirst.add(all.get(i).orderId());
                pricesNewestFirst.add(all.get(i).price());
            }

            List<FillReport> read = kucoin.fillsSince(entry);
            assertThat(read).as("130 fills since the entry: three pages of 50 by KuCoin's default, one of 1000 asked for").hasSize(130);
            assertThat(read).extracting(FillReport::orderId).isEqualTo(sinceEntryNewestFirst);
            assertThat(read).extracting(FillReport::price).isEqualTo(pricesNewestFirst);
            assertThat(read.get(read.size() - 1).orderId()).isEqualTo(entryId);
            assertThat(read).allSatisfy(f -> {
                assertThat(f.buy()).isTrue();
                assertThat(f.size()).isEqualTo(1);
                assertThat(f.time()).isEqualTo(entry);
            });
            assertThat(sandbox.exchange().position().orElseThrow().quantity()).isEqualTo(130);
        }
    }

    @Test
    void sixtyRestingOrdersAndFiftyFiveStopsAreAllListed() {
        try (Sandbox sandbox = LiveTestMarket.sandbox(FLAT, 10_000, Faults.NONE); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
            KucoinExchange kucoin = new KucoinExchange(client, "XBTUSDTM");
            for (int i = 0; i < 60; i++) sandbox.exchange().place(byHand("rest-" + i, "buy", "limit", 30_000.0, false, null, null));
            sandbox.exchange().place(new Exchange.OrderRequest("in", "XBTUSDTM", "buy", "market", 60L, 5, null, false, false, null, null,
                    null, null, false, "ISOLATED"));
            for (int i = 0; i < 55; i++) sandbox.exchange().place(byHand("stop-" + i, "sell", "market", null, true, "down", 35_000.0));

            assertThat(kucoin.openOrders()).hasSize(60).extracting(ExchangePort.OrderReport::clientOid).doesNotHaveDuplicates()
                    .allMatch(id -> id.startsWith("rest-"));
            assertThat(kucoin.activeStopOrders()).hasSize(55).extracting(ExchangePort.OrderReport::clientOid).doesNotHaveDuplicates()
                    .allMatch(id -> id.startsWith("stop-"));
        }
    }

    /**
     * An exchange that answers smaller pages than asked (pageSize 2) and takes a new fill between two reads,
     * so that page 2 repeats the last fill of page 1: every fill once, and no read past the last page.
     */
    @Test
    void pagesAreReadUntilTheLastWithAFillThatShiftedIntoTheNextPageKeptOnce() {
        List<String> asked = new CopyOnWriteArrayList<>();
        Pattern page = Pattern.compile("currentPage=(\\d+)");
        HttpTransport transport = (method, uri, headers, body, timeout) -> {
            asked.add(uri.getRawQuery());
            Matcher m = page.matcher(uri.getRawQuery());
            int current = m.find() ? Integer.parseInt(m.group(1)) : 1;
            String items = switch (current) {
                case 1 -> fill("t5", "o5") + "," + fill("t4", "o4");
                case 2 -> fill("t4", "o4") + "," + fill("t3", "o3");
                case 3 -> fill("t2", "o2");
                default -> throw new AssertionError("read past the last page: " + uri);
            };
            return new HttpTransport.Response(200, Map.of(), "{\"code\":\"200000\",\"data\":{\"currentPage\":" + current
                    + ",\"pageSize\":2,\"totalNum\":5,\"totalPage\":3,\"items\":[" + items + "]}}");
        };
        try (KucoinRestClient client = KucoinRestClient.builder(URI.create("https://api-futures.kucoin.com"))
                .credentials(new KucoinCredentials("key".toCharArray(), "secret".toCharArray(), "pass".toCharArray()))
                .transport(transport).sleeper(d -> { }).maxAttempts(1).build()) {
            List<FillReport> fills = new KucoinExchange(client, "XBTUSDTM").fillsOfOrder("o");
            assertThat(fills).extracting(FillReport::orderId).containsExactly("o5", "o4", "o3", "o2");
            assertThat(asked).containsExactly("orderId=o&currentPage=1&pageSize=1000", "orderId=o&currentPage=2&pageSize=1000",
                    "orderId=o&currentPage=3&pageSize=1000");
        }
    }

    private static String fill(String tradeId, String orderId) {
        return "{\"symbol\":\"XBTUSDTM\",\"tradeId\":\"" + tradeId + "\",\"orderId\":\"" + orderId + "\",\"side\":\"buy\",\"liquidity\":\"taker\","
                + "\"price\":\"40000\",\"size\":1,\"value\":\"40\",\"feeRate\":\"0.0006\",\"fee\":\"0.024\",\"tradeType\":\"trade\","
                + "\"createdAt\":1704067200000}";
    }
}
