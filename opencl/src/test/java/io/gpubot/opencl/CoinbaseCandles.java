package io.gpubot.opencl;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bundled Coinbase BTC-USD 4h candles (ta4j, MIT; core's test resource, see NOTICE), read from the core module beside this one. */
final class CoinbaseCandles {

    private static CandleSeries btc;

    private CoinbaseCandles() {
    }

    static synchronized CandleSeries btc4h() {
        if (btc == null) btc = load(Path.of("..", "core", "src", "test", "resources", "Coinbase-BTC-USD-PT4H-20160518_20251028.json"));
        return btc;
    }

    private static CandleSeries load(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled candles " + file.toAbsolutePath() + " are missing", e);
        }
        Matcher m = Pattern.compile("\\{[^{}]*\\}").matcher(json);
        List<double[]> rows = new ArrayList<>();
        while (m.find()) {
            String candle = m.group();
            rows.add(new double[] {field(candle, "start"), field(candle, "open"), field(candle, "high"), field(candle, "low"),
                    field(candle, "close"), field(candle, "volume")});
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        int n = rows.size();
        long[] time = new long[n];
        double[][] columns = new double[5][n];
        for (int i = 0; i < n; i++) {
            time[i] = (long) rows.get(i)[0] * 1000L;
            for (int k = 0; k < 5; k++) columns[k][i] = rows.get(i)[k + 1];
        }
        return CandleSeries.of(Timeframe.H4, time, columns[0], columns[1], columns[2], columns[3], columns[4]);
    }

    private static double field(String candle, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([-0-9.eE+]+)\"?").matcher(candle);
        if (!m.find()) throw new IllegalArgumentException("no " + name + " in " + candle);
        return Double.parseDouble(m.group(1));
    }
}
