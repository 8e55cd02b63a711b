package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.OrderRequest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --state}: a sandbox stopped and started again goes on exactly as one that never stopped. */
class StateFileTest {

    private static final CandleSeries BARS = TestMarket.BTC_4H;
    private static final String SYMBOL = "XBTUSDTM";
    private static final int FROM = 150;

    @TempDir
    Path dir;

    private static void openShortWithExits(Sandbox sandbox) {
        try (KucoinRestClient client = TestMarket.client(sandbox)) {
            double open = BARS.open(FROM);
            client.placeOrder(OrderRequest.market(SYMBOL, OrderRequest.Side.SELL, 40, 5).withClientOid("entry-1"));
            client.placeOrder(new OrderRequest("sl-1", SYMBOL, OrderRequest.Side.BUY, "market", 40, 5, null, null, true, false,
                    OrderRequest.StopDirection.UP, BigDecimal.valueOf(Math.round(open * 1.08)), OrderRequest.StopPriceType.MP, null, false));
            client.placeOrder(new OrderRequest("tp-1", SYMBOL, OrderRequest.Side.BUY, "limit", 40, 5,
                    BigDecimal.valueOf(Math.round(open * 0.92)), "GTC", true, false, null, null, null, null, false));
        }
    }

    @Test
    void aRestartedSandboxContinuesLikeOneThatNeverStopped() {
        Sandbox uninterrupted = Sandbox.builder(BARS, TestMarket.XBT).from(BARS.time(FROM)).start();
        openShortWithExits(uninterrupted);
        uninterrupted.step(3);
        uninterrupted.advanceTo(uninterrupted.now() + 3_600_000L);
        uninterrupted.step(60);
        uninterrupted.close();

        Path state = dir.resolve("sandbox-state.json");
        Sandbox first = Sandbox.builder(BARS, TestMarket.XBT).from(BARS.time(FROM)).stateFile(state).start();
        openShortWithExits(first);
        first.step(3);
        first.advanceTo(first.now() + 3_600_000L);
        long stoppedAt = first.now();
        SandboxAccount before = first.exchange().account();
        assertThat(first.exchange().position()).as("the short is still open when the sandbox stops").isPresent();
        first.close();
        assertThat(state).exists();

        Sandbox second = Sandbox.builder(BARS, TestMarket.XBT).from(BARS.time(FROM)).stateFile(state).start();
        assertThat(second.now()).isEqualTo(stoppedAt);
        assertThat(second.exchange().account()).isEqualTo(before);
        assertThat(second.exchange().price()).as("mid-bar, a short's path went high first").isEqualTo(BARS.high(FROM + 3));
        second.step(60);
        second.close();
        assertThat(second.exchange().fills()).as("an exit happened after the restart").hasSize(2);

        assertThat(second.exchange().fills()).isEqualTo(uninterrupted.exchange().fills());
        assertThat(second.exchange().account()).isEqualTo(uninterrupted.exchange().account());
        assertThat(second.exchange().position()).isEqualTo(uninterrupted.exchange().position());
        assertThat(second.exchange().doneOrders()).isEqualTo(uninterrupted.exchange().doneOrders());
    }

    @Test
    void aStateFileOfAnotherContractOrNotAStateFileIsRefused() throws Exception {
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "not json");
        assertThatThrownBy(() -> Sandbox.builder(BARS, TestMarket.XBT).stateFile(garbage).start())
                .isInstanceOf(UserException.class).hasMessageContaining("not a sandbox state file");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"version\":1,\"symbol\":\"ETHUSDTM\",\"now\":0,\"balance\":1,\"orders\":[],\"fills\":[],\"nextId\":1}");
        assertThatThrownBy(() -> Sandbox.builder(BARS, TestMarket.XBT).stateFile(other).start())
                .isInstanceOf(UserException.class).hasMessageContaining("ETHUSDTM");
    }
}
