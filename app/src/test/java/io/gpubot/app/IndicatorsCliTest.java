package io.gpubot.app;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import io.gpubot.core.market.CandleSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code gpubot indicators compute} on the bundled nine years of BTC 4h candles: the CSV it writes
 * equals TA-Lib Java's output to 1e-9 (relative) after TA-Lib's lookback, for the ten indicators issue 3 names.
 */
class IndicatorsCliTest {

    static final double TOLERANCE = 1e-9;

    @TempDir
    Path home;

    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    @Test
    void computeMatchesTaLibForTheTenIndicatorsOfIssue3() throws Exception {
        Path csv = home.resolve("indicators.csv");
        Cli.Result r = gpubot("indicators", "compute", "--data", "bundled:btc-usd-4h", "--out", csv.toString(),
                "--indicator", "RSI(14)", "--indicator", "EMA(20)", "--indicator", "MACD(12,26,9)", "--indicator", "ATR(14)",
                "--indicator", "ADX(14)", "--indicator", "BBANDS(period=20,nbdev=2)", "--indicator", "STOCH(14,3,3)",
                "--indicator", "CCI(20)", "--indicator", "MFI(14)", "--indicator", "OBV");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote 20,695 bars x 10 indicators");

        List<String> lines = Files.readAllLines(csv);
        String[] header = splitQuoted(lines.get(0));
        Map<String, double[]> columns = new HashMap<>();
        for (int c = 1; c < header.length; c++) columns.put(header[c], new double[lines.size() - 1]);
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",", -1);
            for (int c = 1; c < header.length; c++) {
                columns.get(header[c])[row - 1] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
            }
        }

        CandleSeries s = BundledDataset.BTC_USD_4H.read().series();
        double[] h = s.highColumn(), l = s.lowColumn(), c = s.closeColumn(), v = s.volumeColumn();
        int end = s.size() - 1;
        Core core = new Core();
        Out a = new Out(s.size()), b = new Out(s.size()), d = new Out(s.size());

        compare(columns, "RSI(period=14,oversold=30,overbought=70) rsi", a.of(core.rsi(0, end, c, 14, a.beg, a.count, a.raw)));
        compare(columns, "EMA(period=20) ema", a.of(core.ema(0, end, c, 20, a.beg, a.count, a.raw)));
        RetCode macd = core.macd(0, end, c, 12, 26, 9, a.beg, a.count, a.raw, b.raw, d.raw);
        String m = "MACD(fast=12,slow=26,signal=9) ";
        compare(columns, m + "macd", a.of(macd));
        compare(columns, m + "signal", b.like(a, macd));
        compare(columns, m + "hist", d.like(a, macd));
        compare(columns, "ATR(period=14) atr", a.of(core.atr(0, end, h, l, c, 14, a.beg, a.count, a.raw)));
        String adx = "ADX(period=14,threshold=25) adx";
        compare(columns, adx, a.of(core.adx(0, end, h, l, c, 14, a.beg, a.count, a.raw)));
        compare(columns, adx.replace(" adx", " plusdi"), a.of(core.plusDI(0, end, h, l, c, 14, a.beg, a.count, a.raw)));
        compare(columns, adx.replace(" adx", " minusdi"), a.of(core.minusDI(0, end, h, l, c, 14, a.beg, a.count, a.raw)));
        RetCode bb = core.bbands(0, end, c, 20, 2, 2, MAType.Sma, a.beg, a.count, a.raw, b.raw, d.raw);
        String bbands = "BBANDS(period=20,nbdev=2)";
        compare(columns, bbands + " upper", a.of(bb));
        compare(columns, bbands + " middle", b.like(a, bb));
        compare(columns, bbands + " lower", d.like(a, bb));
        RetCode stoch = core.stoch(0, end, h, l, c, 14, 3, MAType.Sma, 3, MAType.Sma, a.beg, a.count, a.raw, b.raw);
        String st = "STOCH(fastk=14,slowk=3,slowd=3,oversold=20,overbought=80)";
        compare(columns, st + " slowk", a.of(stoch));
        compare(columns, st + " slowd", b.like(a, stoch));
        compare(columns, "CCI(period=20,oversold=-100,overbought=100) cci", a.of(core.cci(0, end, h, l, c, 20, a.beg, a.count, a.raw)));
        compare(columns, "MFI(period=14,oversold=20,overbought=80) mfi", a.of(core.mfi(0, end, h, l, c, v, 14, a.beg, a.count, a.raw)));
        double[] obv = columns.get("OBV(period=20) obv");
        double[] talibObv = a.of(core.obv(0, end, c, v, a.beg, a.count, a.raw));
        int compared = 0;
        for (int i = 0; i < obv.length; i++) {
            if (obv[i] == obv[i]) {
                assertClose("OBV", i, obv[i], talibObv[i]);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(20_000);
        assertThat(columns).containsKey("RSI(period=14,oversold=30,overbought=70) vote");
    }

    @Test
    void listShowsFiftyTypesAndTheMarkdownIsTheCommittedDoc() throws Exception {
        Cli.Result table = gpubot("indicators", "list");
        assertThat(table.code()).isZero();
        long types = table.out().lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("NAME")).count();
        assertThat(types).isEqualTo(50);
        Cli.Result markdown = gpubot("indicators", "list", "--markdown");
        assertThat(markdown.out()).isEqualTo(Files.readString(Path.of("../docs/INDICATORS.md")));
    }

    private static void compare(Map<String, double[]> columns, String name, double[] talib) {
        double[] mine = columns.get(name);
        assertThat(mine).as("column %s in %s", name, columns.keySet()).isNotNull();
        // After the lookback: gpubot defines every output of a type once the whole type is warm (ADX's
        // +DI/-DI with the ADX), TA-Lib some outputs earlier; from the later of the two they must agree.
        int first = Math.max(firstDefined(talib), firstDefined(mine));
        assertThat(talib.length - first).as("bars compared for %s", name).isGreaterThan(20_000);
        for (int i = first; i < talib.length; i++) assertClose(name, i, mine[i], talib[i]);
    }

    private static int firstDefined(double[] values) {
        int i = 0;
        while (i < values.length && values[i] != values[i]) i++;
        return i;
    }

    private static void assertClose(String name, int i, double mine, double talib) {
        double scale = Math.max(1.0, Math.max(Math.abs(mine), Math.abs(talib)));
        if (!(Math.abs(mine - talib) <= TOLERANCE * scale)) fail("%s at bar %d: gpubot %s, TA-Lib %s", name, i, mine, talib);
    }

    /** TA-Lib's output buffer, realigned to the series (NaN during the lookback). */
    static final class Out {
        final MInteger beg = new MInteger();
        final MInteger count = new MInteger();
        final double[] raw;

        Out(int n) {
            raw = new double[n];
        }

        double[] of(RetCode rc) {
            return like(this, rc);
        }

        double[] like(Out positions, RetCode rc) {
            assertThat(rc).isEqualTo(RetCode.Success);
            double[] aligned = new double[raw.length];
            Arrays.fill(aligned, Double.NaN);
            System.arraycopy(raw, 0, aligned, positions.beg.value, positions.count.value);
            return aligned;
        }
    }

    private static String[] splitQuoted(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else cell.append(ch);
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }
}
