package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gpubot.kucoin.Fill;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.OrderAck;
import io.gpubot.kucoin.OrderRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client's two fill histories against the sandbox over 127.0.0.1, as KuCoin's spec describes them
 * (openapi-futures-order.json): {@code /api/v1/fills} "is not real-time"; {@code /api/v1/recentFills} gives
 * "recent 1000 fills in the last 24 hours ... with low latency".
 */
class RecentFillsTest {

    private static final String SYMBOL = "XBTUSDTM";

    private static Sandbox.Builder sandbox() {
        return Sandbox.builder(TestMarket.BTC_4H, TestMarket.XBT).from(TestMarket.BTC_4H.time(300));
    }

    @Test
    void aFillTheHistoryDoesNotShowYetIsInTheRecentFillsAtOnceWithItsPriceAndFee() {
        try (Sandbox sandbox = sandbox().fillsHistoryDelay(Duration.ofHours(1)).start(); KucoinRestClient client = TestMarket.client(sandbox)) {
            OrderAck bought = client.placeOrder(OrderRequest.market(SYMBOL, OrderRequest.Side.BUY, 3, 5));
            SandboxFill matched = sandbox.exchange().fills().get(0);

            assertThat(client.fillsOfOrder(bought.orderId()).items()).as("matched, but not in /fills yet").isEmpty();
            assertThat(client.fills(SYMBOL, null).items()).isEmpty();
            List<Fill> recent = client.recentFills(SYMBOL);
            assertThat(recent).singleElement().satisfies(f -> {
                assertThat(f.orderId()).isEqualTo(bought.orderId());
                assertThat(f.tradeId()).isEqualTo(matched.tradeId());
                assertThat(f.side()).isEqualTo("buy");
                assertThat(f.size()).isEqualTo(3);
                assertThat(f.price()).isEqualTo(matched.price());
                // a taker fill: 3 lots x 0.001 BTC x price x 0.06%
                assertThat(f.fee()).isCloseTo(3 * 0.001 * matched.price() * 0.0006, within(1e-9));
                assertThat(f.createdAt()).isEqualTo(sandbox.now());
            });
            assertThat(sandbox.specViolations()).isEmpty();
        }
    }

    @Test
    void theRecentFillsAreTheLastDaysNewestFirstWhereTheHistoryKeepsEveryFill() {
        try (Sandbox sandbox = sandbox().start(); KucoinRestClient client = TestMarket.client(sandbox)) {
            OrderAck first = client.placeOrder(OrderRequest.market(SYMBOL, OrderRequest.Side.BUY, 1, 5));
            sandbox.advanceTo(sandbox.now() + Duration.ofHours(24).toMillis());
            OrderAck second = client.placeOrder(OrderRequest.market(SYMBOL, OrderRequest.Side.BUY, 2, 5));
            assertThat(client.recentFills(SYMBOL)).extracting(Fill::orderId).containsExactly(second.orderId(), first.orderId());

            sandbox.advanceTo(sandbox.now() + Duration.ofHours(4).toMillis());
            assertThat(client.recentFills(SYMBOL)).as("the first fill is 28 hours old").extracting(Fill::orderId).containsExactly(second.orderId());
            assertThat(client.fills(SYMBOL, null).items()).extracting(Fill::orderId).containsExactly(second.orderId(), first.orderId());
        }
    }
}
