package io.gpubot.core.indicator;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Optional: the TA-Lib comparison on freqtrade's test candles (GPL, read in place from
 * {@code shared/data/freqtrade/csv}, skipped when absent). These are low-priced pairs (ETH/BTC ~0.04,
 * XRP ~1), where TA-Lib's absolute 1e-8 zero thresholds come into play.
 */
class FreqtradeDataTest {

    @ParameterizedTest
    @ValueSource(strings = {"UNITTEST_BTC-30m.csv", "ETH_BTC-5m.csv", "XRP_USDT_USDT-1h-futures.csv"})
    void talibTypesMatchTaLib(String file) throws IOException {
        Path folder = SharedData.folder("freqtrade").orElse(null);
        assumeTrue(folder != null, "shared/data/freqtrade not present");
        CandleSeries series = load(folder.resolve("csv").resolve(file));
        for (IndicatorType type : TaLibComparisonTest.TALIB_TYPES) {
            IndicatorSpec spec = IndicatorSpec.defaults(type);
            double[][] mine = spec.compute(series).outputs();
            double[][] reference = TaLibComparisonTest.talib(spec, series);
            for (int k = 0; k < reference.length; k++) {
                for (int i = spec.warmUp(); i < series.size(); i++) {
                    double a = mine[k][i];
                    double b = reference[k][i];
                    double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
                    if (!(Math.abs(a - b) <= 1e-9 * scale)) fail("%s %s output %d at bar %d: %s, TA-Lib %s", file, spec, k, i, a, b);
                }
            }
        }
    }

    private static CandleSeries load(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size() - 1;
        long[] time = new long[n];
        double[][] columns = new double[5][n];
        for (int r = 0; r < n; r++) {
            String[] cells = lines.get(r + 1).split(",");
            time[r] = Long.parseLong(cells[0]);
            for (int k = 0; k < 5; k++) columns[k][r] = Double.parseDouble(cells[k + 1]);
        }
        Timeframe timeframe = Timeframe.ofMillis(time[1] - time[0]).orElseThrow();
        return CandleSeries.of(timeframe, time, columns[0], columns[1], columns[2], columns[3], columns[4]);
    }
}
