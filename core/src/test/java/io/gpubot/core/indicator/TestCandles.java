package io.gpubot.core.indicator;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test fixtures: the bundled Coinbase BTC-USD 4h candles and Lean reference files. */
public final class TestCandles {

    private static CandleSeries btc;

    private TestCandles() {
    }

    /** 20,695 Coinbase BTC-USD 4h bars (ta4j, MIT), oldest first. */
    public static synchronized CandleSeries btc4h() {
        if (btc == null) btc = loadCoinbase("/Coinbase-BTC-USD-PT4H-20160518_20251028.json");
        return btc;
    }

    static CandleSeries loadCoinbase(String resource) {
        String json = read(resource);
        Pattern object = Pattern.compile("\\{[^{}]*\\}");
        Matcher m = object.matcher(json);
        List<double[]> rows = new ArrayList<>();
        while (m.find()) {
            String candle = m.group();
            rows.add(new double[] {field(candle, "start"), field(candle, "open"), field(candle, "high"),
                    field(candle, "low"), field(candle, "close"), field(candle, "volume")});
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        int n = rows.size();
        long[] time = new long[n];
        double[][] columns = new double[5][n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            time[i] = (long) row[0] * 1000L;
            for (int k = 0; k < 5; k++) columns[k][i] = row[k + 1];
        }
        return CandleSeries.of(Timeframe.H4, time, columns[0], columns[1], columns[2], columns[3], columns[4]);
    }

    private static double field(String candle, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"?([-0-9.eE+]+)\"?").matcher(candle);
        if (!m.find()) throw new IllegalStateException("no " + key + " in " + candle);
        return Double.parseDouble(m.group(1));
    }

    static String read(String resource) {
        try (InputStream in = TestCandles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV reference file: columns by header name; empty cells and "NaN" are NaN. */
    public record Table(List<String> header, double[][] columns, int rows) {

        public double[] column(String name) {
            int k = header.indexOf(name);
            if (k < 0) throw new IllegalArgumentException("no column " + name + " in " + header);
            return columns[k];
        }

        public boolean has(String name) {
            return header.contains(name);
        }

        /** The OHLCV as a series of 1h bars at made-up times (the references do not depend on time). */
        public CandleSeries series() {
            long[] time = new long[rows];
            for (int i = 0; i < rows; i++) time[i] = i * 3_600_000L;
            double[] volume = has("Volume") ? column("Volume") : has("volume") ? column("volume") : new double[rows];
            return CandleSeries.of(Timeframe.H1, time, pick("Open", "open"), pick("High", "high"),
                    pick("Low", "low"), pick("Close", "close"), volume);
        }

        private double[] pick(String a, String b) {
            return has(a) ? column(a) : column(b);
        }
    }

    /** Reads {@code /lean/NAME}; non-numeric cells (dates) become NaN. */
    public static Table lean(String name) {
        String[] lines = read("/lean/" + name).split("\\r?\\n");
        List<String> header = Arrays.asList(lines[0].split(",", -1));
        List<double[]> rows = new ArrayList<>();
        for (int r = 1; r < lines.length; r++) {
            if (lines[r].isBlank()) continue;
            String[] cells = lines[r].split(",", -1);
            double[] row = new double[header.size()];
            for (int k = 0; k < header.size(); k++) row[k] = k < cells.length ? number(cells[k]) : Double.NaN;
            rows.add(row);
        }
        double[][] columns = new double[header.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < header.size(); k++) columns[k][r] = rows.get(r)[k];
        }
        return new Table(header, columns, rows.size());
    }

    private static double number(String cell) {
        String text = cell.trim();
        if (text.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
