package io.gpubot.live.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.RiskLimitTier;
import io.gpubot.core.market.RiskLimitTiers;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.exec.ExchangePort.AccountMode;
import io.gpubot.live.exec.ExchangePort.FeeRates;
import io.gpubot.live.exec.ExchangePort.PositionMode;
import io.gpubot.sandbox.Exchange;
import io.gpubot.sandbox.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The account checks a live session makes before it trades: a unified account and an account in Hedge Mode
 * are refused with one line saying what to do (or switched, when flat and asked), the contract's facts and
 * fee rates come from the exchange, and the risk limit at the bot's leverage is read from the exchange's
 * tiers. Every branch runs over the in-memory port ({@link FakeExchange}); {@link OverTheSandbox} makes the
 * same checks through the KuCoin adapter against the sandbox over 127.0.0.1 in each of KuCoin's modes.
 */
class AccountChecksTest {

    static final Contract XBT = Contracts.get("XBTUSDTM");

    final FakeExchange exchange = new FakeExchange();

    @Test
    void aClassicOneWayAccountTradesWithTheExchangesFactsTheAccountsFeesAndTheRiskLimitAtTheBotsLeverage() {
        AccountChecks.Outcome at5x = AccountChecks.run(exchange, Optional.of(XBT), 5, false);
        assertThat(at5x.contract()).isEqualTo(XBT);
        // XBTUSDTM's tiers (KuCoin's spec example): 5x is allowed up to level 8, whose upper bound is 12,000,000 USDT.
        assertThat(at5x.maxPositionValue()).isEqualTo(12_000_000);
        assertThat(at5x.lines()).containsExactly("account mode: classic", "position mode: one-way",
                "fees: taker 0.060%, maker 0.020% (your account's rates)",
                "risk limit: positions at 5x may reach 12,000,000 USDT on XBTUSDTM; larger entries are capped there");
        // 7x: levels 1-7 allow it (level 7 up to 10x), level 8 does not (5x): capped at level 7's 8,000,000.
        assertThat(AccountChecks.run(exchange, Optional.of(XBT), 7, false).maxPositionValue()).isEqualTo(8_000_000);
        assertThat(AccountChecks.run(exchange, Optional.of(XBT), 125, false).maxPositionValue()).isEqualTo(100_000);
        assertThat(exchange.switches).isZero();
    }

    @Test
    void theRiskLimitCapIsTheUpperBoundOfTheHighestTierThatAllowsTheBotsLeverage() {
        exchange.riskLimits = Optional.of(new RiskLimitTiers("XBTUSDTM", List.of(
                new RiskLimitTier(1, 0, 50_000, 50, 0.02, 0.01),
                new RiskLimitTier(2, 50_000, 200_000, 20, 0.05, 0.025),
                new RiskLimitTier(3, 200_000, 1_000_000, 10, 0.1, 0.05))));
        AccountChecks.Outcome at20x = AccountChecks.run(exchange, Optional.of(XBT), 20, false);
        assertThat(at20x.maxPositionValue()).isEqualTo(200_000);
        assertThat(at20x.lines()).contains("risk limit: positions at 20x may reach 200,000 USDT on XBTUSDTM; larger entries are capped there");
        assertThat(AccountChecks.run(exchange, Optional.of(XBT), 15, false).maxPositionValue()).isEqualTo(200_000);
        assertThat(AccountChecks.run(exchange, Optional.of(XBT), 10, false).maxPositionValue()).isEqualTo(1_000_000);
        assertThat(AccountChecks.run(exchange, Optional.of(XBT), 25, false).maxPositionValue()).isEqualTo(50_000);
    }

    @Test
    void aLeverageNoTierAllowsIsRefusedWithWhatToDo() {
        exchange.riskLimits = Optional.of(new RiskLimitTiers("XBTUSDTM", List.of(
                new RiskLimitTier(1, 0, 50_000, 20, 0.05, 0.025),
                new RiskLimitTier(2, 50_000, 200_000, 10, 0.1, 0.05))));
        assertThatThrownBy(() -> AccountChecks.run(exchange, Optional.of(XBT), 50, false))
                .isInstanceOf(UserException.class)
                .hasMessage("KuCoin's risk limits for XBTUSDTM allow no position at 50x (the highest tier allows 20x); trade a bot with less leverage");
    }

    @Test
    void aUnifiedTradingAccountIsRefusedWithItsOneLine() {
        exchange.accountMode = Optional.of(AccountMode.UNIFIED);
        assertThatThrownBy(() -> AccountChecks.run(exchange, Optional.of(XBT), 5, false))
                .isExactlyInstanceOf(UserException.class)
                .hasMessage("this KuCoin account is a Unified Trading Account: its futures trade through KuCoin's unified endpoints, which gpubot"
                        + " does not use, so no order of it would be placed. Switch the account back to the classic mode in KuCoin's account"
                        + " settings, or trade from a classic sub-account's API key");
    }

    @Test
    void anAccountInHedgeModeIsRefusedWithoutSwitchToOneWayAndNothingIsSwitched() {
        exchange.positionMode = Optional.of(PositionMode.HEDGE);
        assertThatThrownBy(() -> AccountChecks.run(exchange, Optional.of(XBT), 5, false))
                .isExactlyInstanceOf(UserException.class)
                .hasMessage("the futures account is in Hedge Mode and gpubot trades in One-Way Mode; run again with --switch-to-one-way"
                        + " to switch it (KuCoin allows that only with no position and no open order on the whole account), or switch it in"
                        + " KuCoin's futures settings");
        assertThat(exchange.switches).isZero();
        assertThat(exchange.positionMode).contains(PositionMode.HEDGE);
    }

    @Test
    void anAccountInHedgeModeIsSwitchedWhenAllowed() {
        exchange.positionMode = Optional.of(PositionMode.HEDGE);
        AccountChecks.Outcome outcome = AccountChecks.run(exchange, Optional.of(XBT), 5, true);
        assertThat(outcome.lines()).containsExactly("account mode: classic",
                "position mode: switched from Hedge to One-Way, as asked (--switch-to-one-way)",
                "fees: taker 0.060%, maker 0.020% (your account's rates)",
                "risk limit: positions at 5x may reach 12,000,000 USDT on XBTUSDTM; larger entries are capped there");
        assertThat(exchange.switches).isEqualTo(1);
        assertThat(exchange.positionMode).contains(PositionMode.ONE_WAY);
    }

    @Test
    void aSwitchTheExchangeRefusesIsOneLineThatSaysWhatToDo() {
        exchange.positionMode = Optional.of(PositionMode.HEDGE);
        exchange.switchFailure = new ExchangeException(ExchangeException.Kind.REJECTED, "300010", "There are open positions or orders");
        assertThatThrownBy(() -> AccountChecks.run(exchange, Optional.of(XBT), 5, true))
                .isExactlyInstanceOf(UserException.class)
                .hasMessage("KuCoin refused to switch the account to One-Way Mode (There are open positions or orders); it allows that only with no"
                        + " position and no open order on the whole account: close them, or switch in KuCoin's futures settings");
        assertThat(exchange.positionMode).contains(PositionMode.HEDGE);
    }

    @Test
    void aSwitchWhoseAnswerIsLostIsNotCalledARefusal() {
        exchange.positionMode = Optional.of(PositionMode.HEDGE);
        ExchangeException down = new ExchangeException(ExchangeException.Kind.UNAVAILABLE, null, "HTTP 503 (fake)");
        exchange.switchFailure = down;
        assertThatThrownBy(() -> AccountChecks.run(exchange, Optional.of(XBT), 5, true)).isSameAs(down);
    }

    @Test
    void aSwitchTheExchangeAnswersButDoesNotMakeIsRefused() {
        exchange.positionMode = Optional.of(PositionMode.HEDGE);
        exchange.ignoreSwitch = true;
        assertThatThrownBy(() -> AccountChecks.run(exchange, Optional.of(XBT), 5, true))
                .isExactlyInstanceOf(UserException.class)
                .hasMessage("KuCoin kept the account in Hedge Mode; switch it in KuCoin's futures settings");
    }

    @Test
    void factsThatDifferFromTheBuiltInTableAreWarnedOneByOneAndTheExchangesAreTradedWith() {
        exchange.contract = new Contract("XBTUSDTM", "XBT", "USDT", 0.01, 10, 1.0, 100, 0.0003, 0.0007, 0.005, Duration.ofHours(4));
        exchange.feeRates = Optional.empty();
        AccountChecks.Outcome outcome = AccountChecks.run(exchange, Optional.of(XBT), 5, false);
        assertThat(outcome.contract()).isEqualTo(exchange.contract);
        assertThat(outcome.lines()).containsExactly("account mode: classic", "position mode: one-way",
                "warning: KuCoin's facts for XBTUSDTM differ from gpubot's built-in table (multiplier 0.01 (built in 0.001), lot 10 (built in 1),"
                        + " tick 1.0 (built in 0.1), max leverage 100x (built in 125x), taker fee 0.070% (built in 0.060%), maker fee 0.030%"
                        + " (built in 0.020%), maintenance margin 0.500% (built in 0.400%), funding every 4 h (built in 8 h)); trading with KuCoin's",
                "fees: taker 0.070%, maker 0.030% (the contract's; the account's rates were not available)",
                "risk limit: positions at 5x may reach 12,000,000 USDT on XBTUSDTM; larger entries are capped there");
    }

    @Test
    void aContractWithoutBuiltInFactsIsTradedWithTheExchangesWithoutAWarning() {
        assertThat(AccountChecks.run(exchange, Optional.empty(), 5, false).lines()).noneMatch(line -> line.startsWith("warning:"));
    }

    @Test
    void theAccountsOwnFeeRatesReplaceTheContractsInWhatIsTraded() {
        exchange.feeRates = Optional.of(new FeeRates(0.0004, 0.0001));
        AccountChecks.Outcome outcome = AccountChecks.run(exchange, Optional.of(XBT), 5, false);
        assertThat(outcome.contract().takerFeeRate()).isEqualTo(0.0004);
        assertThat(outcome.contract().makerFeeRate()).isEqualTo(0.0001);
        assertThat(outcome.contract().tickSize()).isEqualTo(XBT.tickSize());
        assertThat(outcome.lines()).contains("fees: taker 0.040%, maker 0.010% (your account's rates)");
    }

    @Test
    void aNegativeFeeRateIsNotTakenAsTheAccountsAndTheContractsAreUsed() {
        exchange.feeRates = Optional.of(new FeeRates(0.0004, -0.0001));
        AccountChecks.Outcome outcome = AccountChecks.run(exchange, Optional.of(XBT), 5, false);
        assertThat(outcome.contract()).isEqualTo(XBT);
        assertThat(outcome.lines()).contains("fees: taker 0.060%, maker 0.020% (the contract's; the account's rates were not available)");
    }

    @Test
    void whatTheExchangeDoesNotReportIsSaidAndTradedWithout() {
        exchange.accountMode = Optional.empty();
        exchange.positionMode = Optional.empty();
        exchange.feeRates = Optional.empty();
        exchange.riskLimits = Optional.empty();
        AccountChecks.Outcome outcome = AccountChecks.run(exchange, Optional.of(XBT), 5, true);
        assertThat(outcome.contract()).isEqualTo(XBT);
        assertThat(outcome.maxPositionValue()).isInfinite();
        assertThat(outcome.lines()).containsExactly("account mode: not reported by the exchange (a classic futures account is assumed)",
                "position mode: not reported by the exchange (One-Way Mode assumed, as before Hedge Mode existed)",
                "fees: taker 0.060%, maker 0.020% (the contract's; the account's rates were not available)",
                "risk limit: not reported by the exchange (--max-notional still applies)");
        assertThat(exchange.switches).as("nothing to switch from").isZero();
    }

    /** The same checks through {@link KucoinExchange} against the sandbox over 127.0.0.1. */
    @Nested
    class OverTheSandbox {

        final CandleSeries bars = SyntheticMarket.bitcoinLike(5).generate(400);

        Sandbox.Builder sandbox() {
            return Sandbox.builder(bars, XBT).from(bars.time(300)).startBalance(10_000);
        }

        @Test
        void aClassicOneWayAccountTradesWithTheExchangesFactsFeesAndRiskLimit() {
            try (Sandbox sandbox = sandbox().start(); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
                AccountChecks.Outcome at5x = AccountChecks.run(kucoin(client), Optional.of(XBT), 5, false);
                assertThat(at5x.contract()).isEqualTo(XBT);
                // KuCoin's XBTUSDTM tiers (spec example): 5x is allowed up to tier 8, whose upper bound is 12,000,000 USDT.
                assertThat(at5x.maxPositionValue()).isEqualTo(12_000_000);
                assertThat(at5x.lines()).containsExactly("account mode: classic", "position mode: one-way",
                        "fees: taker 0.060%, maker 0.020% (your account's rates)",
                        "risk limit: positions at 5x may reach 12,000,000 USDT on XBTUSDTM; larger entries are capped there");
                assertThat(AccountChecks.run(kucoin(client), Optional.of(XBT), 125, false).maxPositionValue()).isEqualTo(100_000);
                assertThat(AccountChecks.run(kucoin(client), Optional.of(XBT), 50, false).maxPositionValue()).isEqualTo(2_000_000);
            }
        }

        @Test
        void aBuiltInTableThatDiffersFromTheExchangeIsWarnedAndTheExchangeWins() {
            Contract stale = new Contract(XBT.symbol(), XBT.baseCurrency(), XBT.quoteCurrency(), XBT.multiplier(), XBT.lotSize(), 1.0,
                    XBT.maxLeverage(), XBT.makerFeeRate(), 0.0005, XBT.maintenanceMarginRate(), XBT.fundingInterval());
            try (Sandbox sandbox = sandbox().start(); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
                AccountChecks.Outcome outcome = AccountChecks.run(kucoin(client), Optional.of(stale), 5, false);
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
                AccountChecks.Outcome outcome = AccountChecks.run(kucoin(client), Optional.of(XBT), 5, false);
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
                assertThatThrownBy(() -> AccountChecks.run(kucoin(client), Optional.of(XBT), 5, false))
                        .isInstanceOf(UserException.class)
                        .hasMessageStartingWith("this KuCoin account is a Unified Trading Account")
                        .hasMessageContaining("Switch the account back to the classic mode");
            }
        }

        @Test
        void anAccountInHedgeModeIsRefusedUnlessAskedToSwitchWhileFlat() {
            try (Sandbox sandbox = sandbox().hedgeMode(true).start(); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
                assertThatThrownBy(() -> AccountChecks.run(kucoin(client), Optional.of(XBT), 5, false))
                        .isInstanceOf(UserException.class)
                        .hasMessage("the futures account is in Hedge Mode and gpubot trades in One-Way Mode; run again with --switch-to-one-way"
                                + " to switch it (KuCoin allows that only with no position and no open order on the whole account), or switch it in"
                                + " KuCoin's futures settings");
                assertThat(sandbox.exchange().positionMode()).as("nothing switched without asking").isEqualTo(1);

                AccountChecks.Outcome switched = AccountChecks.run(kucoin(client), Optional.of(XBT), 5, true);
                assertThat(switched.lines()).contains("position mode: switched from Hedge to One-Way, as asked (--switch-to-one-way)");
                assertThat(sandbox.exchange().positionMode()).isZero();
            }
        }

        @Test
        void anAccountInHedgeModeWithAnOpenOrderCannotBeSwitchedAndSaysSo() {
            try (Sandbox sandbox = sandbox().hedgeMode(true).start(); KucoinRestClient client = LiveTestMarket.client(sandbox)) {
                double below = Math.floor(bars.close(299) * 0.9);
                sandbox.exchange().place(new Exchange.OrderRequest("resting-1", "XBTUSDTM", "buy", "limit", 1L, 5, below, false, false,
                        null, null, null, "GTC", false, "ISOLATED", "LONG"));
                assertThatThrownBy(() -> AccountChecks.run(kucoin(client), Optional.of(XBT), 5, true))
                        .isInstanceOf(UserException.class)
                        .hasMessageStartingWith("KuCoin refused to switch the account to One-Way Mode (")
                        .hasMessageEndingWith("it allows that only with no position and no open order on the whole account: close them,"
                                + " or switch in KuCoin's futures settings");
                assertThat(sandbox.exchange().positionMode()).isEqualTo(1);
            }
        }

        private KucoinExchange kucoin(KucoinRestClient client) {
            return new KucoinExchange(client, "XBTUSDTM");
        }
    }
}
