package io.gpubot.core.indicator;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Optional second opinion from Tulip Indicators' published test vectors (LGPL, read in place from
 * {@code shared/data/tulipindicators}, never copied; skipped when absent). The vectors are rounded to a
 * few decimals and their outputs are aligned to the end of the input.
 */
class TulipReferenceTest {

    @ParameterizedTest(name = "{0} vs tulip {2} {3}")
    @CsvSource(delimiter = ';', value = {
            "HMA(period=5); close; untest.txt; hma 5",
            "VWMA(period=4); close,volume; extra.txt; vwma 4",
            "VOSC(fast=2,slow=5); volume; atoz.txt; vosc 2 5",
            "AO; high,low; extra.txt; ao",
            "TRIMA(period=5); close; atoz.txt; trima 5",
    })
    void matchesTulip(String specText, String inputs, String file, String header) throws IOException {
        Path folder = SharedData.folder("tulipindicators").orElse(null);
        assumeTrue(folder != null, "shared/data/tulipindicators not present");
        List<double[]> arrays = block(folder.resolve(file), header);
        String[] names = inputs.split(",");
        int n = arrays.get(0).length;
        double[] close = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] volume = new double[n];
        java.util.Arrays.fill(close, 100);
        for (int k = 0; k < names.length; k++) {
            switch (names[k]) {
                case "close" -> close = arrays.get(k);
                case "high" -> high = arrays.get(k);
                case "low" -> low = arrays.get(k);
                case "volume" -> volume = arrays.get(k);
                default -> throw new IllegalArgumentException(names[k]);
            }
        }
        if (!inputs.contains("high")) high = close.clone();
        if (!inputs.contains("low")) low = close.clone();
        if (inputs.contains("high") && !inputs.contains("close")) {
            for (int i = 0; i < n; i++) close[i] = (high[i] + low[i]) / 2;
        }
        long[] time = new long[n];
        for (int i = 0; i < n; i++) time[i] = i * 3_600_000L;
        CandleSeries series = CandleSeries.of(Timeframe.H1, time, close.clone(), high, low, close, volume);
        double[] expected = arrays.get(names.length);
        double[] mine = IndicatorSpec.parse(specText).compute(series).output(0);
        int offset = n - expected.length;
        for (int j = 0; j < expected.length; j++) {
            double a = mine[offset + j];
            assertThat(a).as("%s at bar %d", specText, offset + j)
                    .isCloseTo(expected[j], org.assertj.core.api.Assertions.within(0.0011 + 1e-4 * Math.abs(expected[j])));
        }
    }

    /** The arrays of the block that starts with {@code header}. */
    private static List<double[]> block(Path file, String header) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(header)) {
                start = i + 1;
                break;
            }
        }
        assertThat(start).as("block '%s' in %s", header, file).isPositive();
        List<double[]> arrays = new ArrayList<>();
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("#")) continue;
            if (!line.startsWith("{")) break;
            String inside = line.substring(1, line.lastIndexOf('}')).trim();
            if (inside.isEmpty()) {
                arrays.add(new double[0]);
                continue;
            }
            String[] cells = inside.split(",");
            double[] values = new double[cells.length];
            for (int k = 0; k < cells.length; k++) values[k] = Double.parseDouble(cells[k].trim());
            arrays.add(values);
        }
        return arrays;
    }
}
