package io.gpubot.core.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndicatorSpecTest {

    @Test
    void canonicalFormListsEveryParameterByName() {
        assertThat(IndicatorSpec.parse("MACD(fast=12,slow=26,signal=9)").toString()).isEqualTo("MACD(fast=12,slow=26,signal=9)");
        assertThat(IndicatorSpec.parse("rsi").toString()).isEqualTo("RSI(period=14,oversold=30,overbought=70)");
        assertThat(IndicatorSpec.parse("BBANDS(20, 2.5)").toString()).isEqualTo("BBANDS(period=20,nbdev=2.5)");
        assertThat(IndicatorSpec.parse("SAR").toString()).isEqualTo("SAR(acceleration=0.02,maximum=0.2)");
        assertThat(IndicatorSpec.parse("AD()").toString()).isEqualTo("AD");
    }

    @Test
    void omittedParametersTakeTheirDefaults() {
        IndicatorSpec spec = IndicatorSpec.parse(" Stoch ( slowd = 5 ) ");
        assertThat(spec.value("fastk")).isEqualTo(14);
        assertThat(spec.value("slowk")).isEqualTo(3);
        assertThat(spec.value("slowd")).isEqualTo(5);
        assertThat(IndicatorSpec.parse("RSI(21, overbought=80)").values()).containsExactly(21, 30, 80);
    }

    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void theCanonicalFormParsesBackToAnEqualSpec(IndicatorType type) {
        IndicatorSpec spec = IndicatorSpec.defaults(type);
        assertThat(IndicatorSpec.parse(spec.toString())).isEqualTo(spec).hasSameHashCodeAs(spec);
    }

    @Test
    void anUnknownParameterListsTheValidOnes() {
        assertThatThrownBy(() -> IndicatorSpec.parse("RSI(length=14)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'length'")
                .hasMessageContaining("period 2..100 (default 14)")
                .hasMessageContaining("oversold 5..50 (default 30)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSI(14", "RSI(abc)", "RSI(period=)", "RSI(period=14,period=15)", "RSI(period=14, 15)",
            "RSI(1,2,3,4)", "RSI(period=1)", "RSI(period=14.5)", "MACD(fast=26,slow=12)", "RSI(oversold=80)", "SMA(NaN)"})
    void malformedSpecsAreRejectedWithTheValidParameters(String text) {
        assertThatThrownBy(() -> IndicatorSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valid");
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> IndicatorSpec.parse("FOO(3)"))
                .hasMessageContaining("unknown indicator 'FOO'")
                .hasMessageContaining("RSI")
                .hasMessageContaining("HEIKINASHI");
    }

    @Test
    void specsAreValues() {
        double[] values = {14, 30, 70};
        IndicatorSpec spec = IndicatorSpec.of(IndicatorType.RSI, values);
        values[0] = 99;
        assertThat(spec.value("period")).isEqualTo(14);
        spec.values()[0] = 99;
        assertThat(spec.value("period")).isEqualTo(14);
        assertThat(spec).isEqualTo(IndicatorSpec.parse("RSI(14)"));
        assertThat(spec).isNotEqualTo(IndicatorSpec.parse("RSI(15)"));
    }

    @Test
    void warmUpFollowsTheParameters() {
        assertThat(IndicatorSpec.parse("MACD(12,26,9)").warmUp()).isEqualTo(33);
        assertThat(IndicatorSpec.parse("ADX(14)").warmUp()).isEqualTo(27);
        assertThat(IndicatorSpec.parse("TEMA(10)").warmUp()).isEqualTo(27);
        assertThat(IndicatorSpec.parse("AD").warmUp()).isZero();
    }
}
