package io.gpubot.live.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.RiskLimitTiers;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.kucoin.HttpTransport;
import io.gpubot.kucoin.KucoinCredentials;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.exec.ExchangePort.AccountMode;
import io.gpubot.live.exec.ExchangePort.FeeRates;
import io.gpubot.live.exec.ExchangePort.FillReport;
import io.gpubot.live.exec.ExchangePort.PositionMode;
import io.gpubot.sandbox.Sandbox;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The KuCoin adapter's account side in the port's words: KuCoin's answers become the live module's modes,
 * fee rates and core's risk-limit tiers; KuCoin's "not found" is "not reported", and any other failure stays
 * a failure (never taken for "not reported").
 */
class KucoinExchangeTest {

    /** An adapter whose every request is answered by {@code answer} (path -> status and body). */
    private static KucoinExchange answering(Function<String, HttpTransport.Response> answer) {
        HttpTransport transport = (method, uri, headers, body, timeout) -> answer.apply(uri.getPath());
        KucoinRestClient client = KucoinRestClient.builder(URI.create("https://api-futures.kucoin.com"))
                .credentials(new KucoinCredentials("key".toCharArray(), "secret".toCharArray(), "pass".toCharArray()))
                .transport(transport).sleeper(d -> { }).maxAttempts(1).build();
        return new KucoinExchange(client, "XBTUSDTM");
    }

    private static HttpTransport.Response ok(String data) {
        return new HttpTransport.Response(200, Map.of(), "{\"code\":\"200000\",\"data\":" + data + "}");
    }

    private static HttpTransport.Response error(int status, String code, String msg) {
        return new HttpTransport.Response(status, Map.of(), "{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\"}");
    }

    @Test
    void theAccountModeIsClassicOrUnifiedAndAnythingElseIsNotReported() {
        assertThat(answering(p -> ok("{\"selfAccountMode\":\"UNIFIED\"}")).accountMode()).contains(AccountMode.UNIFIED);
        assertThat(answering(p -> ok("{\"selfAccountMode\":\"CLASSIC\"}")).accountMode()).contains(AccountMode.CLASSIC);
        assertThat(answering(p -> ok("{\"selfAccountMode\":\"\"}")).accountMode()).isEmpty();
        assertThat(answering(p -> error(404, "404000", "Url not found")).accountMode()).isEmpty();
    }

    @Test
    void thePositionModeIsKucoinsZeroOrOneAndItsSwitchAnswersTheModeAfter() {
        assertThat(answering(p -> ok("{\"positionMode\":1}")).positionMode()).contains(PositionMode.HEDGE);
        assertThat(answering(p -> ok("{\"positionMode\":0}")).positionMode()).contains(PositionMode.ONE_WAY);
        assertThat(answering(p -> ok("{\"positionMode\":\"0\"}")).switchPositionMode(PositionMode.ONE_WAY)).isEqualTo(PositionMode.ONE_WAY);
        assertThatThrownBy(() -> answering(p -> error(200, "300010", "There are open positions or orders")).switchPositionMode(PositionMode.ONE_WAY))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExchangeException.Kind.REJECTED);
                    assertThat(e.code()).isEqualTo("300010");
                });
    }

    @Test
    void feeRatesAreTheAccountsAndOnlyNotFoundIsNotReported() {
        assertThat(answering(p -> ok("{\"symbol\":\"XBTUSDTM\",\"takerFeeRate\":0.0004,\"makerFeeRate\":0.0001}")).feeRates())
                .contains(new FeeRates(0.0004, 0.0001));
        assertThat(answering(p -> error(404, "404000", "Url not found")).feeRates()).isEmpty();
        assertThatThrownBy(() -> answering(p -> error(400, "400007", "Access denied, require more permission.")).feeRates())
                .as("a key without the permission is a failure to tell, not a missing endpoint")
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.kind()).isEqualTo(ExchangeException.Kind.REJECTED));
        assertThatThrownBy(() -> answering(p -> error(503, "503000", "Service unavailable")).riskLimits())
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.kind()).isEqualTo(ExchangeException.Kind.UNAVAILABLE));
    }

    @Test
    void riskLimitTiersThatDoNotJoinUpAreAFailureToTellAndNoTiersAreNotReported() {
        assertThat(answering(p -> ok("[]")).riskLimits()).isEmpty();
        assertThatThrownBy(() -> answering(p -> ok("[{\"symbol\":\"XBTUSDTM\",\"level\":1,\"maxRiskLimit\":100000,\"minRiskLimit\":0,"
                + "\"maxLeverage\":125,\"initialMargin\":0.008,\"maintainMargin\":0.004},{\"symbol\":\"XBTUSDTM\",\"level\":2,"
                + "\"maxRiskLimit\":500000,\"minRiskLimit\":200000,\"maxLeverage\":100,\"initialMargin\":0.01,\"maintainMargin\":0.005}]"))
                .riskLimits())
                .isInstanceOf(ExchangeException.class)
                .hasMessage("KuCoin's risk-limit tiers for XBTUSDTM are not usable: XBTUSDTM: risk limit tier 2 does not start where tier 1 ends");
    }

    @Test
    void recentFillsAnExchangeDoesNotServeShowNothing() {
        assertThat(answering(p -> error(404, "404000", "Url not found")).recentFills()).isEmpty();
    }

    @Test
    void overTheSandboxTheTiersAreKucoinsAndTheRecentFillsShowAFillAtOnce() {
        CandleSeries bars = SyntheticMarket.bitcoinLike(5).generate(400);
        try (Sandbox sandbox = Sandbox.builder(bars, AccountChecksTest.XBT).from(bars.time(300)).startBalance(10_000).fillsHistoryDelay(Duration.ofHours(1)).start();
             KucoinRestClient client = LiveTestMarket.client(sandbox)) {
            KucoinExchange kucoin = new KucoinExchange(client, "XBTUSDTM");
            // the sandbox serves KuCoin's XBTUSDTM tiers from the spec's example, the same table core has built in
            assertThat(kucoin.riskLimits().orElseThrow().tiers()).isEqualTo(RiskLimitTiers.of(Contracts.get("XBTUSDTM")).tiers());
            assertThat(kucoin.contract()).isEqualTo(AccountChecksTest.XBT);

            String orderId = kucoin.place(new ExchangePort.OrderSpec("recent-1", true, ExchangePort.Kind.MARKET, 4, 5, Double.NaN, Double.NaN,
                    false, "ISOLATED", Double.NaN));
            double price = sandbox.exchange().fills().get(0).price();
            assertThat(kucoin.fillsOfOrder(orderId)).as("/fills lags an hour here").isEmpty();
            assertThat(kucoin.recentFills()).singleElement().satisfies(f -> {
                assertThat(f.orderId()).isEqualTo(orderId);
                assertThat(f.buy()).isTrue();
                assertThat(f.size()).isEqualTo(4);
                assertThat(f.price()).isEqualTo(price);
                assertThat(f.fee()).isCloseTo(4 * 0.001 * price * 0.0006, org.assertj.core.api.Assertions.within(1e-9));
                assertThat(f.liquidation()).isFalse();
            });
            assertThat(kucoin.recentFills()).extracting(FillReport::time).containsExactly(sandbox.now());
        }
    }
}
