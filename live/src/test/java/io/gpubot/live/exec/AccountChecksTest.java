package io.gpubot.live.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.sandbox.Exchange;
import io.gpubot.sandbox.Sandbox;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The account checks a live session makes before it trades, against the sandbox over 127.0.0.1 in each of
 * KuCoin's modes: a unified account and an account in Hedge Mode are refused with one line saying what to
 * do (or switched, when flat and asked), the contract's facts and fee rates come from the exchange, and the
 * risk limit at the bot's leverage is read from KuCoin's tiers.
 */
class AccountChecksTest {

    static final Contract XBT = Contracts.get("XBTUSDTM");
    static final CandleSeries BARS = SyntheticMarket.bitcoinLike(5).generate(400);

    static Sandbox.Builder sandbox() {
        return Sandbox.builder(BARS, XBT).from(BARS.time(300)).startBalance(10_000);
    }

    @Test
    void aClassicOneWayAccountTradesWithTheExchangesFactsFeesAndRiskLimit() {
        try (Sandbox sandbox = sandbox().start(); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
            AccountChecks.Outcome at5x = AccountChecks.run(client, "XBTUSDTM", Optional.of(XBT), 5, false);
            assertThat(at5x.contract()).isEqualTo(XBT);
            // KuCoin's XBTUSDTM tiers (spec example): 5x is allowed up to tier 8, whose upper bound is 12,000,000 USDT.
            assertThat(at5x.maxPositionValue()).isEqualTo(12_000_000);
            assertThat(at5x.lines()).containsExactly("account mode: classic", "position mode: one-way",
                    "fees: taker 0.060%, maker 0.020% (your account's rates)",
                    "risk limit: positions at 5x may reach 12,000,000 USDT on XBTUSDTM; larger entries are capped there");
            assertThat(AccountChecks.run(client, "XBTUSDTM", Optional.of(XBT), 125, false).maxPositionValue()).isEqualTo(100_000);
            assertThat(AccountChecks.run(client, "XBTUSDTM", Optional.of(XBT), 50, false).maxPositionValue()).isEqualTo(2_000_000);
        }
    }

    @Test
    void aBuiltInTableThatDiffersFromTheExchangeIsWarnedAndTheExchangeWins() {
        Contract stale = new Contract(XBT.symbol(), XBT.baseCurrency(), XBT.quoteCurrency(), XBT.multiplier(), XBT.lotSize(), 1.0,
                XBT.maxLeverage(), XBT.makerFeeRate(), 0.0005, XBT.maintenanceMarginRate(), XBT.fundingInterval());
        try (Sandbox sandbox = sandbox().start(); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
            AccountChecks.Outcome outcome = AccountChecks.run(client, "XBTUSDTM", Optional.of(stale), 5, false);
            assertThat(outcome.contract().tickSize()).isEqualTo(XBT.tickSize());
            assertThat(outcome.lines()).contains("warning: KuCoin's facts for XBTUSDTM differ from gpubot's built-in table"
                    + " (tick 0.1 (built in 1.0), taker fee 0.060% (built in 0.050%)); trading with KuCoin's");
        }
    }

    @Test
    void anExchangeThatDoesNotServeTheNewerLookUpsIsTradedWithWhatItDoesServe() {
        java.util.Set<String> unserved = java.util.Set.of("/api/ua/v1/account/mode", "/api/v2/position/getPositionMode",
                "/api/v1/contracts/risk-limit/XBTUSDTM", "/api/v1/trade-fees");
        io.gpubot.kucoin.HttpTransport real = new io.gpubot.kucoin.JdkHttpTransport();
        io.gpubot.kucoin.HttpTransport olderExchange = (method, uri, headers, body, timeout) -> unserved.contains(uri.getPath())
                ? new io.gpubot.kucoin.HttpTransport.Response(404, java.util.Map.of(), "{\"code\":\"404000\",\"msg\":\"Url not found\"}")
                : real.send(method, uri, headers, body, timeout);
        try (Sandbox sandbox = sandbox().start(); KucoinRestClient client = LiveTestMarket.client(sandbox, olderExchange)) {
            AccountChecks.Outcome outcome = AccountChecks.run(client, "XBTUSDTM", Optional.of(XBT), 5, false);
            assertThat(outcome.contract()).isEqualTo(XBT);
            assertThat(outcome.maxPositionValue()).isInfinite();
            assertThat(outcome.lines()).containsExactly("account mode: not reported by the exchange (a classic futures account is assumed)",
                    "position mode: not reported by the exchange (One-Way Mode assumed, as before Hedge Mode existed)",
                    "fees: taker 0.060%, maker 0.020% (the contract's; the account's rates were not available)",
                    "risk limit: not reported by the exchange (--max-notional still applies)");
        }
    }

    @Test
    void aUnifiedTradingAccountIsRefusedWithWhatToDo() {
        try (Sandbox sandbox = sandbox().unifiedAccount(true).start(); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
            assertThatThrownBy(() -> AccountChecks.run(client, "XBTUSDTM", Optional.of(XBT), 5, false))
                    .isInstanceOf(UserException.class)
                    .hasMessageStartingWith("this KuCoin account is a Unified Trading Account")
                    .hasMessageContaining("Switch the account back to the classic mode");
        }
    }

    @Test
    void anAccountInHedgeModeIsRefusedUnlessAskedToSwitchWhileFlat() {
        try (Sandbox sandbox = sandbox().hedgeMode(true).start(); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
            assertThatThrownBy(() -> AccountChecks.run(client, "XBTUSDTM", Optional.of(XBT), 5, false))
                    .isInstanceOf(UserException.class)
                    .hasMessage("the futures account is in Hedge Mode and gpubot trades in One-Way Mode; run again with --switch-to-one-way"
                            + " to switch it (KuCoin allows that only with no position and no open order on the whole account), or switch it in"
                            + " KuCoin's futures settings");
            assertThat(sandbox.exchange().positionMode()).as("nothing switched without asking").isEqualTo(1);

            AccountChecks.Outcome switched = AccountChecks.run(client, "XBTUSDTM", Optional.of(XBT), 5, true);
            assertThat(switched.lines()).contains("position mode: switched from Hedge to One-Way, as asked (--switch-to-one-way)");
            assertThat(sandbox.exchange().positionMode()).isZero();
        }
    }

    @Test
    void anAccountInHedgeModeWithAnOpenOrderCannotBeSwitchedAndSaysSo() {
        try (Sandbox sandbox = sandbox().hedgeMode(true).start(); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
            double below = Math.floor(BARS.close(299) * 0.9);
            sandbox.exchange().place(new Exchange.OrderRequest("resting-1", "XBTUSDTM", "buy", "limit", 1L, 5, below, false, false,
                    null, null, null, "GTC", false, "ISOLATED", "LONG"));
            assertThatThrownBy(() -> AccountChecks.run(client, "XBTUSDTM", Optional.of(XBT), 5, true))
                    .isInstanceOf(UserException.class)
                    .hasMessageStartingWith("KuCoin refused to switch the account to One-Way Mode (")
                    .hasMessageEndingWith("it allows that only with no position and no open order on the whole account: close them,"
                            + " or switch in KuCoin's futures settings");
            assertThat(sandbox.exchange().positionMode()).isEqualTo(1);
        }
    }
}
