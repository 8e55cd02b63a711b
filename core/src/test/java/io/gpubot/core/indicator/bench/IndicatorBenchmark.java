package io.gpubot.core.indicator.bench;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import io.gpubot.core.indicator.Indicator;
import io.gpubot.core.indicator.IndicatorSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Batch time of every type over 1,000,000 bars (default parameters), next to TA-Lib Java's function
 * for the same indicator. Not run by {@code mvn verify}; run with
 * {@code mvn -q -B -Pbench -pl core test-compile exec:exec} (see docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class IndicatorBenchmark {

    static final int BARS = 1_000_000;

    @Param({"SMA", "EMA", "WMA", "DEMA", "TEMA", "TRIMA", "KAMA", "T3", "HMA", "VWMA",
            "RSI", "STOCH", "STOCHF", "STOCHRSI", "WILLR", "CCI", "MFI", "CMO", "ULTOSC",
            "MACD", "PPO", "APO", "MOM", "ROC", "TRIX", "TSI", "AO", "DPO",
            "ADX", "AROON", "LINEARREG_SLOPE", "TSF", "SAR", "SUPERTREND", "ICHIMOKU",
            "ATR", "NATR", "BBANDS", "KELTNER", "DONCHIAN", "STDDEV",
            "OBV", "AD", "ADOSC", "CMF", "VWAP", "VOSC", "PIVOT", "FRACTAL", "HEIKINASHI"})
    public String type;

    long[] time;
    double[] open;
    double[] high;
    double[] low;
    double[] close;
    double[] volume;
    double[][] outputs;
    double[] a;
    double[] b;
    double[] c;
    IndicatorSpec spec;
    final Core core = new Core();
    final MInteger beg = new MInteger();
    final MInteger count = new MInteger();

    @Setup
    public void setUp() {
        Random random = new Random(42);
        time = new long[BARS];
        open = new double[BARS];
        high = new double[BARS];
        low = new double[BARS];
        close = new double[BARS];
        volume = new double[BARS];
        double price = 30_000;
        for (int i = 0; i < BARS; i++) {
            time[i] = i * 3_600_000L;
            open[i] = price;
            price *= Math.exp(random.nextGaussian() * 0.01);
            close[i] = price;
            high[i] = Math.max(open[i], close[i]) * (1 + Math.abs(random.nextGaussian()) * 0.004);
            low[i] = Math.min(open[i], close[i]) * (1 - Math.abs(random.nextGaussian()) * 0.004);
            volume[i] = 100 + random.nextDouble() * 1_000;
        }
        spec = IndicatorSpec.parse(type);
        outputs = new double[spec.type().outputs().size()][BARS];
        a = new double[BARS];
        b = new double[BARS];
        c = new double[BARS];
    }

    @Benchmark
    public double[][] gpubot() {
        Indicator indicator = spec.newIndicator();
        indicator.run(time, open, high, low, close, volume, 0, BARS, outputs, 0);
        return outputs;
    }

    @Benchmark
    public double[] talib() {
        double[] p = spec.values();
        int p0 = p.length > 0 ? (int) p[0] : 0;
        int p1 = p.length > 1 ? (int) p[1] : 0;
        int p2 = p.length > 2 ? (int) p[2] : 0;
        int end = BARS - 1;
        double[] h = high;
        double[] l = low;
        double[] x = close;
        double[] v = volume;
        RetCode rc = switch (spec.type()) {
            case SMA -> core.sma(0, end, x, p0, beg, count, a);
            case EMA -> core.ema(0, end, x, p0, beg, count, a);
            case WMA -> core.wma(0, end, x, p0, beg, count, a);
            case DEMA -> core.dema(0, end, x, p0, beg, count, a);
            case TEMA -> core.tema(0, end, x, p0, beg, count, a);
            case TRIMA -> core.trima(0, end, x, p0, beg, count, a);
            case KAMA -> core.kama(0, end, x, p0, beg, count, a);
            case T3 -> core.t3(0, end, x, p0, p[1], beg, count, a);
            case RSI -> core.rsi(0, end, x, p0, beg, count, a);
            case CMO -> core.cmo(0, end, x, p0, beg, count, a);
            case STOCH -> core.stoch(0, end, h, l, x, p0, p1, MAType.Sma, p2, MAType.Sma, beg, count, a, b);
            case STOCHF -> core.stochF(0, end, h, l, x, p0, p1, MAType.Sma, beg, count, a, b);
            case STOCHRSI -> core.stochRsi(0, end, x, p0, p1, p2, MAType.Sma, beg, count, a, b);
            case WILLR -> core.willR(0, end, h, l, x, p0, beg, count, a);
            case CCI -> core.cci(0, end, h, l, x, p0, beg, count, a);
            case MFI -> core.mfi(0, end, h, l, x, v, p0, beg, count, a);
            case ULTOSC -> core.ultOsc(0, end, h, l, x, p0, p1, p2, beg, count, a);
            case MACD -> core.macd(0, end, x, p0, p1, p2, beg, count, a, b, c);
            case PPO -> core.ppo(0, end, x, p0, p1, MAType.Ema, beg, count, a);
            case APO -> core.apo(0, end, x, p0, p1, MAType.Ema, beg, count, a);
            case MOM -> core.mom(0, end, x, p0, beg, count, a);
            case ROC -> core.roc(0, end, x, p0, beg, count, a);
            case TRIX -> core.trix(0, end, x, p0, beg, count, a);
            case LINEARREG_SLOPE -> core.linearRegSlope(0, end, x, p0, beg, count, a);
            case TSF -> core.tsf(0, end, x, p0, beg, count, a);
            case SAR -> core.sar(0, end, h, l, p[0], p[1], beg, count, a);
            case ATR -> core.atr(0, end, h, l, x, p0, beg, count, a);
            case NATR -> core.natr(0, end, h, l, x, p0, beg, count, a);
            case BBANDS -> core.bbands(0, end, x, p0, p[1], p[1], MAType.Sma, beg, count, a, b, c);
            case STDDEV -> core.stdDev(0, end, x, p0, 1.0, beg, count, a);
            case AD -> core.ad(0, end, h, l, x, v, beg, count, a);
            case ADOSC -> core.adOsc(0, end, h, l, x, v, p0, p1, beg, count, a);
            case ADX -> {
                core.adx(0, end, h, l, x, p0, beg, count, a);
                core.plusDI(0, end, h, l, x, p0, beg, count, b);
                yield core.minusDI(0, end, h, l, x, p0, beg, count, c);
            }
            case AROON -> {
                core.aroon(0, end, h, l, p0, beg, count, a, b);
                yield core.aroonOsc(0, end, h, l, p0, beg, count, c);
            }
            case OBV -> {
                core.obv(0, end, x, v, beg, count, a);
                yield core.sma(0, end, a, p0, beg, count, b);
            }
            case VOSC -> {
                core.sma(0, end, v, p0, beg, count, a);
                yield core.sma(0, end, v, p1, beg, count, b);
            }
            default -> null; // TA-Lib has no such function: nothing to time
        };
        return rc == null ? null : a;
    }
}
