package io.gpubot.core.signal;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each type's classification rule on hand-made values: a bullish, a bearish and a neutral case. */
class SignalRulesTest {

    private static final double NaN = Double.NaN;

    private static double[] v(double... values) {
        return values;
    }

    /** spec, outputs now, outputs at the previous bar, open, close, previous close, expected vote. */
    private static Arguments c(String spec, double[] now, double[] prev, double open, double close, double previousClose, int expected) {
        return Arguments.of(spec, now, prev, open, close, previousClose, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("SMA", v(100), v(NaN), 99, 101, NaN, 1), c("SMA", v(100), v(NaN), 101, 99, NaN, -1), c("SMA", v(100), v(NaN), 99, 100, NaN, 0),
                c("EMA", v(101), v(100), 0, 50, NaN, 1), c("EMA", v(99), v(100), 0, 150, NaN, -1), c("EMA", v(100), v(100), 0, 150, NaN, 0),
                c("EMA", v(101), v(NaN), 0, 150, NaN, 0),
                c("WMA", v(100), v(NaN), 0, 101, NaN, 1), c("WMA", v(100), v(NaN), 0, 99, NaN, -1),
                c("DEMA", v(2), v(1), 0, 0, NaN, 1), c("DEMA", v(1), v(2), 0, 0, NaN, -1),
                c("TEMA", v(2), v(1), 0, 0, NaN, 1), c("TEMA", v(1), v(2), 0, 0, NaN, -1),
                c("TRIMA", v(2), v(1), 0, 0, NaN, 1), c("TRIMA", v(1), v(2), 0, 0, NaN, -1),
                c("KAMA", v(2), v(1), 0, 0, NaN, 1), c("KAMA", v(1), v(2), 0, 0, NaN, -1),
                c("T3", v(2), v(1), 0, 0, NaN, 1), c("T3", v(1), v(2), 0, 0, NaN, -1),
                c("HMA", v(2), v(1), 0, 0, NaN, 1), c("HMA", v(1), v(2), 0, 0, NaN, -1),
                c("VWMA", v(100), v(NaN), 0, 101, NaN, 1), c("VWMA", v(100), v(NaN), 0, 99, NaN, -1),

                c("RSI", v(29.9), v(NaN), 0, 0, NaN, 1), c("RSI", v(70.1), v(NaN), 0, 0, NaN, -1), c("RSI", v(30), v(NaN), 0, 0, NaN, 0),
                c("RSI(period=14,oversold=40,overbought=60)", v(35), v(NaN), 0, 0, NaN, 1),
                c("STOCH", v(15, 10), v(NaN, NaN), 0, 0, NaN, 1), c("STOCH", v(15, 18), v(NaN, NaN), 0, 0, NaN, 0),
                c("STOCH", v(85, 90), v(NaN, NaN), 0, 0, NaN, -1), c("STOCH", v(85, 80), v(NaN, NaN), 0, 0, NaN, 0),
                c("STOCHF", v(60, 50), v(NaN, NaN), 0, 0, NaN, 1), c("STOCHF", v(40, 50), v(NaN, NaN), 0, 0, NaN, -1), c("STOCHF", v(50, 50), v(NaN, NaN), 0, 0, NaN, 0),
                c("STOCHRSI", v(10, 50), v(NaN, NaN), 0, 0, NaN, 1), c("STOCHRSI", v(90, 50), v(NaN, NaN), 0, 0, NaN, -1), c("STOCHRSI", v(50, 10), v(NaN, NaN), 0, 0, NaN, 0),
                c("WILLR", v(-90), v(NaN), 0, 0, NaN, 1), c("WILLR", v(-10), v(NaN), 0, 0, NaN, -1), c("WILLR", v(-50), v(NaN), 0, 0, NaN, 0),
                c("CCI", v(-150), v(NaN), 0, 0, NaN, 1), c("CCI", v(150), v(NaN), 0, 0, NaN, -1), c("CCI", v(0), v(NaN), 0, 0, NaN, 0),
                c("MFI", v(10), v(NaN), 0, 0, NaN, 1), c("MFI", v(90), v(NaN), 0, 0, NaN, -1), c("MFI", v(50), v(NaN), 0, 0, NaN, 0),
                c("CMO", v(-60), v(-70), 0, 0, NaN, 1), c("CMO", v(-60), v(-50), 0, 0, NaN, 0),
                c("CMO", v(60), v(70), 0, 0, NaN, -1), c("CMO", v(60), v(50), 0, 0, NaN, 0),
                c("ULTOSC", v(25), v(NaN), 0, 0, NaN, 1), c("ULTOSC", v(75), v(NaN), 0, 0, NaN, -1), c("ULTOSC", v(50), v(NaN), 0, 0, NaN, 0),

                c("MACD", v(1, 0.5, 0.5), v(NaN, NaN, NaN), 0, 0, NaN, 1), c("MACD", v(-1, -0.5, -0.5), v(NaN, NaN, NaN), 0, 0, NaN, -1),
                c("MACD", v(-1, -1, 0), v(NaN, NaN, NaN), 0, 0, NaN, 0),
                c("PPO", v(0.6), v(NaN), 0, 0, NaN, 1), c("PPO", v(-0.6), v(NaN), 0, 0, NaN, -1), c("PPO", v(0.4), v(NaN), 0, 0, NaN, 0),
                c("APO", v(3), v(NaN), 0, 0, NaN, 1), c("APO", v(-3), v(NaN), 0, 0, NaN, -1), c("APO", v(0), v(NaN), 0, 0, NaN, 0),
                c("MOM", v(3), v(NaN), 0, 0, NaN, 1), c("MOM", v(-3), v(NaN), 0, 0, NaN, -1), c("MOM", v(0), v(NaN), 0, 0, NaN, 0),
                c("ROC", v(1.5), v(NaN), 0, 0, NaN, 1), c("ROC", v(-1.5), v(NaN), 0, 0, NaN, -1), c("ROC", v(0.5), v(NaN), 0, 0, NaN, 0),
                c("TRIX", v(0.1), v(NaN), 0, 0, NaN, 1), c("TRIX", v(-0.1), v(NaN), 0, 0, NaN, -1),
                c("TSI", v(10, 5), v(NaN, NaN), 0, 0, NaN, 1), c("TSI", v(5, 10), v(NaN, NaN), 0, 0, NaN, -1),
                c("AO", v(2), v(1), 0, 0, NaN, 1), c("AO", v(2), v(3), 0, 0, NaN, 0), c("AO", v(-2), v(-1), 0, 0, NaN, -1), c("AO", v(-2), v(-3), 0, 0, NaN, 0),
                c("DPO", v(2), v(NaN), 0, 0, NaN, 1), c("DPO", v(-2), v(NaN), 0, 0, NaN, -1),

                c("ADX", v(30, 25, 15), v(NaN, NaN, NaN), 0, 0, NaN, 1), c("ADX", v(30, 15, 25), v(NaN, NaN, NaN), 0, 0, NaN, -1),
                c("ADX", v(20, 25, 15), v(NaN, NaN, NaN), 0, 0, NaN, 0),
                c("AROON", v(20, 80, 60), v(NaN, NaN, NaN), 0, 0, NaN, 1), c("AROON", v(80, 20, -60), v(NaN, NaN, NaN), 0, 0, NaN, -1),
                c("AROON", v(40, 80, 40), v(NaN, NaN, NaN), 0, 0, NaN, 0),
                c("LINEARREG_SLOPE", v(0.5), v(NaN), 0, 0, NaN, 1), c("LINEARREG_SLOPE", v(-0.5), v(NaN), 0, 0, NaN, -1),
                c("TSF", v(105), v(NaN), 0, 100, NaN, 1), c("TSF", v(95), v(NaN), 0, 100, NaN, -1),
                c("SAR", v(95), v(NaN), 0, 100, NaN, 1), c("SAR", v(105), v(NaN), 0, 100, NaN, -1),
                c("SUPERTREND", v(95, 1), v(NaN, NaN), 0, 100, NaN, 1), c("SUPERTREND", v(105, -1), v(NaN, NaN), 0, 100, NaN, -1),
                c("ICHIMOKU", v(101, 100, 95, 90), v(NaN, NaN, NaN, NaN), 0, 102, NaN, 1),
                c("ICHIMOKU", v(99, 100, 95, 90), v(NaN, NaN, NaN, NaN), 0, 102, NaN, 0),
                c("ICHIMOKU", v(99, 100, 105, 110), v(NaN, NaN, NaN, NaN), 0, 98, NaN, -1),
                c("ICHIMOKU", v(99, 100, 95, 110), v(NaN, NaN, NaN, NaN), 0, 98, NaN, 0),

                c("ATR", v(2), v(1), 0, 101, 100, 1), c("ATR", v(2), v(1), 0, 99, 100, -1), c("ATR", v(1), v(2), 0, 101, 100, 0),
                c("NATR", v(1.5), v(NaN), 100, 101, NaN, 1), c("NATR", v(1.5), v(NaN), 101, 100, NaN, -1), c("NATR", v(0.5), v(NaN), 100, 101, NaN, 0),
                c("BBANDS", v(110, 100, 90), v(NaN, NaN, NaN), 0, 89, NaN, 1), c("BBANDS", v(110, 100, 90), v(NaN, NaN, NaN), 0, 111, NaN, -1),
                c("BBANDS", v(110, 100, 90), v(NaN, NaN, NaN), 0, 100, NaN, 0),
                c("KELTNER", v(110, 100, 90), v(NaN, NaN, NaN), 0, 111, NaN, 1), c("KELTNER", v(110, 100, 90), v(NaN, NaN, NaN), 0, 89, NaN, -1),
                c("DONCHIAN", v(112, 100, 88), v(110, 100, 90), 0, 111, NaN, 1), c("DONCHIAN", v(112, 100, 88), v(110, 100, 90), 0, 89, NaN, -1),
                c("DONCHIAN", v(112, 100, 88), v(110, 100, 90), 0, 105, NaN, 0),
                c("STDDEV", v(2), v(1), 100, 101, NaN, 1), c("STDDEV", v(2), v(1), 101, 100, NaN, -1), c("STDDEV", v(1), v(2), 100, 101, NaN, 0),

                c("OBV", v(10, 5), v(NaN, NaN), 0, 0, NaN, 1), c("OBV", v(5, 10), v(NaN, NaN), 0, 0, NaN, -1),
                c("AD", v(10), v(5), 0, 101, 100, 1), c("AD", v(5), v(10), 0, 99, 100, -1), c("AD", v(10), v(5), 0, 99, 100, 0),
                c("ADOSC", v(10), v(NaN), 0, 0, NaN, 1), c("ADOSC", v(-10), v(NaN), 0, 0, NaN, -1),
                c("CMF", v(0.1), v(NaN), 0, 0, NaN, 1), c("CMF", v(-0.1), v(NaN), 0, 0, NaN, -1), c("CMF", v(0.01), v(NaN), 0, 0, NaN, 0),
                c("VWAP", v(100), v(NaN), 0, 101, NaN, 1), c("VWAP", v(100), v(NaN), 0, 99, NaN, -1),
                c("VOSC", v(20), v(NaN), 0, 101, 100, 1), c("VOSC", v(20), v(NaN), 0, 99, 100, -1), c("VOSC", v(-20), v(NaN), 0, 101, 100, 0),

                c("PIVOT", v(100, 105, 95), v(NaN, NaN, NaN), 0, 106, NaN, 1), c("PIVOT", v(100, 105, 95), v(NaN, NaN, NaN), 0, 94, NaN, -1),
                c("PIVOT", v(100, 105, 95), v(NaN, NaN, NaN), 0, 101, NaN, 0),
                c("FRACTAL", v(110, 90), v(NaN, NaN), 0, 111, NaN, 1), c("FRACTAL", v(110, 90), v(NaN, NaN), 0, 89, NaN, -1),
                c("FRACTAL", v(110, 90), v(NaN, NaN), 0, 100, NaN, 0),
                c("HEIKINASHI", v(100, 106, 100, 105), v(NaN, NaN, NaN, NaN), 0, 0, NaN, 1),
                c("HEIKINASHI", v(100, 106, 99, 105), v(NaN, NaN, NaN, NaN), 0, 0, NaN, 0),
                c("HEIKINASHI", v(100, 100, 94, 95), v(NaN, NaN, NaN, NaN), 0, 0, NaN, -1),
                c("HEIKINASHI", v(100, 101, 94, 95), v(NaN, NaN, NaN, NaN), 0, 0, NaN, 0));
    }

    @ParameterizedTest(name = "{0} now {1} prev {2} open {3} close {4} -> {6}")
    @MethodSource("cases")
    void classifiesHandMadeValues(String specText, double[] now, double[] prev, double open, double close,
                                  double previousClose, int expected) {
        IndicatorSpec spec = IndicatorSpec.parse(specText);
        double high = Math.max(open, close) + 1;
        double low = Math.min(open, close) - 1;
        assertThat(SignalRules.classify(spec.type(), spec.values(), now, prev, open, high, low, close, previousClose))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void warmingUpIsNeutral(IndicatorType type) {
        IndicatorSpec spec = IndicatorSpec.defaults(type);
        double[] nan = new double[type.outputs().size()];
        Arrays.fill(nan, Double.NaN);
        assertThat(SignalRules.classify(type, spec.values(), nan, nan, 100, 110, 90, 105, 100)).isZero();
    }

    @org.junit.jupiter.api.Test
    void everyTypeHasBullishAndBearishHandMadeCases() {
        Set<IndicatorType> bullish = EnumSet.noneOf(IndicatorType.class);
        Set<IndicatorType> bearish = EnumSet.noneOf(IndicatorType.class);
        cases().forEach(a -> {
            IndicatorType type = IndicatorSpec.parse((String) a.get()[0]).type();
            int vote = (int) a.get()[6];
            if (vote > 0) bullish.add(type);
            if (vote < 0) bearish.add(type);
        });
        Set<IndicatorType> all = EnumSet.allOf(IndicatorType.class);
        assertThat(all.stream().filter(t -> !bullish.contains(t) || !bearish.contains(t)).collect(Collectors.toList())).isEmpty();
    }
}
