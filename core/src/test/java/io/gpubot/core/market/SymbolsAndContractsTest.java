package io.gpubot.core.market;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolsAndContractsTest {

    @Test
    void bitcoinIsXbtOnKucoin() {
        assertThat(Symbols.toContract("BTC/USDT")).isEqualTo("XBTUSDTM");
        assertThat(Symbols.toContract("btc/usdt")).isEqualTo("XBTUSDTM");
        assertThat(Symbols.toContract("BTC/USDT:USDT")).isEqualTo("XBTUSDTM");
        assertThat(Symbols.toContract("BTC-USDT")).isEqualTo("XBTUSDTM");
        assertThat(Symbols.toPair("XBTUSDTM")).isEqualTo("BTC/USDT");
    }

    @Test
    void otherCoinsMapByName() {
        assertThat(Symbols.toContract("ETH/USDT")).isEqualTo("ETHUSDTM");
        assertThat(Symbols.toContract("1000PEPE/USDT")).isEqualTo("1000PEPEUSDTM");
        assertThat(Symbols.toPair("DOGEUSDTM")).isEqualTo("DOGE/USDT");
        assertThat(Symbols.toContract("SOLUSDTM")).isEqualTo("SOLUSDTM");
    }

    @Test
    void somethingElseIsRefusedWithTheExpectedForms() {
        assertThatThrownBy(() -> Symbols.toContract("BTC/EUR"))
                .hasMessageContaining("write it as BTC/USDT or XBTUSDTM");
    }

    @Test
    void builtInTableHoldsTheMainContracts() {
        assertThat(Contracts.builtIn()).extracting(Contract::symbol)
                .containsExactly("XBTUSDTM", "ETHUSDTM", "SOLUSDTM", "XRPUSDTM", "DOGEUSDTM");
        Contract btc = Contracts.get("BTC/USDT");
        assertThat(btc.multiplier()).isEqualTo(0.001);
        assertThat(btc.takerFeeRate()).isEqualTo(0.0006);
        assertThat(btc.makerFeeRate()).isEqualTo(0.0002);
        assertThat(btc.fundingInterval()).isEqualTo(Duration.ofHours(8));
        assertThat(btc.pair()).isEqualTo("BTC/USDT");
        assertThatThrownBy(() -> Contracts.get("ADA/USDT")).hasMessageContaining("built in: XBTUSDTM ETHUSDTM");
    }

    @Test
    void contractArithmetic() {
        Contract btc = Contracts.get("XBTUSDTM");
        assertThat(btc.notional(25, 40_000)).isEqualTo(1000.0);
        assertThat(btc.roundToTick(40_000.04)).isEqualTo(40_000.0);
        assertThat(btc.roundToTick(40_000.06)).isEqualTo(40_000.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(btc.floorToLot(7.9)).isEqualTo(7);
        assertThat(btc.floorToLot(0.5)).isZero();
        assertThat(btc.floorToLot(Double.NaN)).isZero();
    }

    @Test
    void implausibleContractFactsAreRefused() {
        assertThatThrownBy(() -> new Contract("X", "X", "USDT", 0, 1, 0.1, 10, 0.0002, 0.0006, 0.01, Duration.ofHours(8)))
                .hasMessageContaining("multiplier must be a positive number");
        assertThatThrownBy(() -> new Contract("X", "X", "USDT", 1, 1, 0.1, 10, 0.0002, 0.0006, 1.5, Duration.ofHours(8)))
                .hasMessageContaining("maintenance margin rate");
    }
}
