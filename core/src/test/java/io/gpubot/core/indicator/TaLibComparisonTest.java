package io.gpubot.core.indicator;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import io.gpubot.core.market.CandleSeries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every type TA-Lib has, compared with TA-Lib's Java port on the BTC 4h candles, for the default
 * parameters and for parameter sets drawn from the GA grids: same warm-up, then equal to 1e-9 relative.
 */
class TaLibComparisonTest {

    static final Set<IndicatorType> TALIB_TYPES = EnumSet.of(
            IndicatorType.SMA, IndicatorType.EMA, IndicatorType.WMA, IndicatorType.DEMA, IndicatorType.TEMA,
            IndicatorType.TRIMA, IndicatorType.KAMA, IndicatorType.T3, IndicatorType.RSI, IndicatorType.STOCH,
            IndicatorType.STOCHF, IndicatorType.STOCHRSI, IndicatorType.WILLR, IndicatorType.CCI, IndicatorType.MFI,
            IndicatorType.CMO, IndicatorType.ULTOSC, IndicatorType.MACD, IndicatorType.PPO, IndicatorType.APO,
            IndicatorType.MOM, IndicatorType.ROC, IndicatorType.TRIX, IndicatorType.ADX, IndicatorType.AROON,
            IndicatorType.LINEARREG_SLOPE, IndicatorType.TSF, IndicatorType.SAR, IndicatorType.ATR, IndicatorType.NATR,
            IndicatorType.BBANDS, IndicatorType.STDDEV, IndicatorType.OBV, IndicatorType.AD, IndicatorType.ADOSC,
            IndicatorType.VOSC);

    private static final double TOLERANCE = 1e-9;

    static Stream<Arguments> specs() {
        Random random = new Random(20260523);
        List<Arguments> cases = new ArrayList<>();
        for (IndicatorType type : TALIB_TYPES) {
            cases.add(Arguments.of(IndicatorSpec.defaults(type)));
            int added = 0;
            for (int attempt = 0; attempt < 200 && added < 3; attempt++) {
                double[] values = new double[type.parameters().size()];
                for (int k = 0; k < values.length; k++) {
                    double[] grid = type.parameters().get(k).grid();
                    values[k] = grid[random.nextInt(grid.length)];
                }
                if (type.constraintViolation(values).isPresent()) continue;
                cases.add(Arguments.of(IndicatorSpec.of(type, values)));
                added++;
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void matchesTaLib(IndicatorSpec spec) {
        CandleSeries series = TestCandles.btc4h();
        double[][] mine = spec.compute(series).outputs();
        double[][] reference = talib(spec, series);
        int warmUp = spec.warmUp();
        assertThat(firstDefined(reference[0])).as("TA-Lib lookback of %s", spec).isEqualTo(warmUp);
        for (int k = 0; k < reference.length; k++) {
            for (int i = 0; i < series.size(); i++) {
                double a = mine[k][i];
                double b = reference[k][i];
                if (i < warmUp) {
                    assertThat(a).as("%s output %d at bar %d (warming up)", spec, k, i).isNaN();
                    continue;
                }
                if (b != b) continue; // an output TA-Lib starts later than the type (none in practice)
                double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
                if (!(Math.abs(a - b) <= TOLERANCE * scale)) {
                    fail("%s output %s at bar %d: %s, TA-Lib %s", spec, spec.type().outputs().get(k), i, a, b);
                }
            }
        }
    }

    private static int firstDefined(double[] values) {
        for (int i = 0; i < values.length; i++) if (values[i] == values[i]) return i;
        return -1;
    }

    /** TA-Lib's outputs for the spec, aligned to the series (NaN before TA-Lib's first value). */
    static double[][] talib(IndicatorSpec spec, CandleSeries series) {
        Core core = new Core();
        double[] o = series.openColumn();
        double[] h = series.highColumn();
        double[] l = series.lowColumn();
        double[] c = series.closeColumn();
        double[] v = series.volumeColumn();
        int n = series.size();
        int end = n - 1;
        double[] p = spec.values();
        int p0 = p.length > 0 ? (int) p[0] : 0;
        int p1 = p.length > 1 ? (int) p[1] : 0;
        int p2 = p.length > 2 ? (int) p[2] : 0;
        MInteger beg = new MInteger();
        MInteger count = new MInteger();
        double[] a = new double[n];
        double[] b = new double[n];
        double[] d = new double[n];
        RetCode rc;
        switch (spec.type()) {
            case SMA -> rc = core.sma(0, end, c, p0, beg, count, a);
            case EMA -> rc = core.ema(0, end, c, p0, beg, count, a);
            case WMA -> rc = core.wma(0, end, c, p0, beg, count, a);
            case DEMA -> rc = core.dema(0, end, c, p0, beg, count, a);
            case TEMA -> rc = core.tema(0, end, c, p0, beg, count, a);
            case TRIMA -> rc = core.trima(0, end, c, p0, beg, count, a);
            case KAMA -> rc = core.kama(0, end, c, p0, beg, count, a);
            case T3 -> rc = core.t3(0, end, c, p0, p[1], beg, count, a);
            case RSI -> rc = core.rsi(0, end, c, p0, beg, count, a);
            case CMO -> rc = core.cmo(0, end, c, p0, beg, count, a);
            case STOCH -> rc = core.stoch(0, end, h, l, c, p0, p1, MAType.Sma, p2, MAType.Sma, beg, count, a, b);
            case STOCHF -> rc = core.stochF(0, end, h, l, c, p0, p1, MAType.Sma, beg, count, a, b);
            case STOCHRSI -> rc = core.stochRsi(0, end, c, p0, p1, p2, MAType.Sma, beg, count, a, b);
            case WILLR -> rc = core.willR(0, end, h, l, c, p0, beg, count, a);
            case CCI -> rc = core.cci(0, end, h, l, c, p0, beg, count, a);
            case MFI -> rc = core.mfi(0, end, h, l, c, v, p0, beg, count, a);
            case ULTOSC -> rc = core.ultOsc(0, end, h, l, c, p0, p1, p2, beg, count, a);
            case MACD -> rc = core.macd(0, end, c, p0, p1, p2, beg, count, a, b, d);
            case PPO -> rc = core.ppo(0, end, c, p0, p1, MAType.Ema, beg, count, a);
            case APO -> rc = core.apo(0, end, c, p0, p1, MAType.Ema, beg, count, a);
            case MOM -> rc = core.mom(0, end, c, p0, beg, count, a);
            case ROC -> rc = core.roc(0, end, c, p0, beg, count, a);
            case TRIX -> rc = core.trix(0, end, c, p0, beg, count, a);
            case LINEARREG_SLOPE -> rc = core.linearRegSlope(0, end, c, p0, beg, count, a);
            case TSF -> rc = core.tsf(0, end, c, p0, beg, count, a);
            case SAR -> rc = core.sar(0, end, h, l, p[0], p[1], beg, count, a);
            case ATR -> rc = core.atr(0, end, h, l, c, p0, beg, count, a);
            case NATR -> rc = core.natr(0, end, h, l, c, p0, beg, count, a);
            case BBANDS -> rc = core.bbands(0, end, c, p0, p[1], p[1], MAType.Sma, beg, count, a, b, d);
            case STDDEV -> rc = core.stdDev(0, end, c, p0, 1.0, beg, count, a);
            case AD -> rc = core.ad(0, end, h, l, c, v, beg, count, a);
            case ADOSC -> rc = core.adOsc(0, end, h, l, c, v, p0, p1, beg, count, a);
            case ADX -> {
                double[][] adx = new double[3][];
                adx[0] = aligned(core.adx(0, end, h, l, c, p0, beg, count, a), beg, count, a, n);
                adx[1] = aligned(core.plusDI(0, end, h, l, c, p0, beg, count, b), beg, count, b, n);
                adx[2] = aligned(core.minusDI(0, end, h, l, c, p0, beg, count, d), beg, count, d, n);
                return adx;
            }
            case AROON -> {
                double[][] aroon = new double[3][];
                RetCode first = core.aroon(0, end, h, l, p0, beg, count, a, b);
                aroon[0] = aligned(first, beg, count, a, n);
                aroon[1] = aligned(first, beg, count, b, n);
                aroon[2] = aligned(core.aroonOsc(0, end, h, l, p0, beg, count, d), beg, count, d, n);
                return aroon;
            }
            case OBV -> {
                double[][] obv = new double[2][];
                obv[0] = aligned(core.obv(0, end, c, v, beg, count, a), beg, count, a, n);
                double[] sma = new double[n];
                rc = core.sma(0, end, obv[0], p0, beg, count, sma);
                obv[1] = aligned(rc, beg, count, sma, n);
                for (int i = 0; i < n; i++) if (obv[1][i] != obv[1][i]) obv[0][i] = Double.NaN;
                return obv;
            }
            case VOSC -> {
                double[] fast = aligned(core.sma(0, end, v, p0, beg, count, a), beg, count, a, n);
                double[] slow = aligned(core.sma(0, end, v, p1, beg, count, b), beg, count, b, n);
                double[] vosc = new double[n];
                for (int i = 0; i < n; i++) vosc[i] = slow[i] != 0.0 ? 100.0 * ((fast[i] - slow[i]) / slow[i]) : 0.0;
                for (int i = 0; i < n; i++) if (slow[i] != slow[i]) vosc[i] = Double.NaN;
                return new double[][] {vosc};
            }
            default -> throw new IllegalArgumentException("TA-Lib has no " + spec.type());
        }
        int outputs = spec.type().outputs().size();
        double[][] result = new double[outputs][];
        double[][] raw = {a, b, d};
        for (int k = 0; k < outputs; k++) result[k] = aligned(rc, beg, count, raw[k], n);
        return result;
    }

    private static double[] aligned(RetCode rc, MInteger beg, MInteger count, double[] raw, int n) {
        assertThat(rc).isEqualTo(RetCode.Success);
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        System.arraycopy(raw, 0, out, beg.value, count.value);
        return out;
    }
}
