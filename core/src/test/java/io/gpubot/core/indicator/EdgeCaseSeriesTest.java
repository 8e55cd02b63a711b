package io.gpubot.core.indicator;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A made-up series with the awkward cases real feeds contain: flat stretches (no range, no change),
 * bars without volume, and sudden gaps. TA-Lib-backed types must still match TA-Lib (their zero-divisor
 * branches included), and every type must stay finite after its warm-up.
 */
class EdgeCaseSeriesTest {

    static CandleSeries awkwardSeries() {
        Random random = new Random(7);
        int n = 3_000;
        long[] time = new long[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            time[i] = i * 3_600_000L;
            int phase = (i / 150) % 4;
            open[i] = price;
            if (phase == 1) {
                high[i] = price;
                low[i] = price;
                close[i] = price;
                volume[i] = i % 2 == 0 ? 0 : 5;
                continue;
            }
            price *= Math.exp(random.nextGaussian() * (phase == 3 ? 0.05 : 0.01));
            close[i] = price;
            high[i] = Math.max(open[i], close[i]) * (1 + Math.abs(random.nextGaussian()) * 0.003);
            low[i] = Math.min(open[i], close[i]) * (1 - Math.abs(random.nextGaussian()) * 0.003);
            volume[i] = phase == 2 ? 0 : random.nextDouble() * 50;
        }
        return CandleSeries.of(Timeframe.H1, time, open, high, low, close, volume);
    }

    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void everyTypeStaysFiniteAfterItsWarmUp(IndicatorType type) {
        CandleSeries series = awkwardSeries();
        IndicatorSpec spec = IndicatorSpec.defaults(type);
        IndicatorValues values = spec.compute(series);
        for (int k = 0; k < values.outputCount(); k++) {
            for (int i = spec.warmUp(); i < series.size(); i++) {
                assertThat(Double.isFinite(values.output(k)[i])).as("%s output %d at bar %d = %s", spec, k, i, values.output(k)[i]).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void talibTypesMatchTaLibOnAwkwardData(IndicatorType type) {
        if (!TaLibComparisonTest.TALIB_TYPES.contains(type)) return;
        CandleSeries series = awkwardSeries();
        IndicatorSpec spec = IndicatorSpec.defaults(type);
        double[][] mine = spec.compute(series).outputs();
        double[][] reference = TaLibComparisonTest.talib(spec, series);
        for (int k = 0; k < reference.length; k++) {
            for (int i = spec.warmUp(); i < series.size(); i++) {
                double a = mine[k][i];
                double b = reference[k][i];
                double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
                if (!(Math.abs(a - b) <= 1e-9 * scale)) fail("%s output %d at bar %d: %s, TA-Lib %s", spec, k, i, a, b);
            }
        }
    }
}
