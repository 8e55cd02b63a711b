package io.gpubot.core.signal;

import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.indicator.IndicatorValues;
import io.gpubot.core.market.CandleSeries;

/**
 * {@link SignalRules#classify} over a whole series at once, written straight into bitsets: the switch on
 * the type runs once per series and each rule family has its own flat loop over the output and candle
 * columns, 64 bars (one word) at a time, with nothing allocated or copied per bar.
 *
 * <p>Each loop is the rule of {@code classify} restated; SignalRulesBitsetTest checks that they agree on
 * every type. Three facts of {@code classify} are kept everywhere: a NaN first output is neutral; the
 * bullish test wins when both could hold (bearish words are masked with {@code ~bullish}); and at the
 * series' first bar the previous outputs and close are NaN, which makes every rule that reads them
 * neutral there, so those loops start at bar 1.
 *
 * <p>Every statement in a bar loop is one comparison selecting a bit, which the JIT can compile without a
 * branch (the comparisons are close to coin flips on market data, so branches would mispredict); a rule
 * that needs two conditions keeps one word per condition and ANDs the words once per 64 bars. "Defined"
 * is tested as {@code x <= +Infinity}, false only for NaN, like classify's {@code v != v}.
 */
final class VoteKernels {

    private VoteKernels() {
    }

    static VoteBitsets classify(IndicatorValues values, CandleSeries series) {
        int n = series.size();
        if (values.size() != n) throw new IllegalArgumentException("values cover " + values.size() + " bars, series " + n);
        IndicatorType type = values.spec().type();
        double[] p = values.spec().values();
        int words = Math.max(1, (n + 63) >>> 6);
        long[] up = new long[words];
        long[] down = new long[words];
        double[] v = values.output(0);
        double[] o1 = values.outputCount() > 1 ? values.output(1) : null;
        double[] o2 = values.outputCount() > 2 ? values.output(2) : null;
        double[] o3 = values.outputCount() > 3 ? values.output(3) : null;
        double[] open = series.openColumn();
        double[] close = series.closeColumn();
        int s = series.start();
        switch (type) {
            case SMA, WMA, VWMA, SAR, VWAP -> sign(close, s, v, 0, 0, n, up, down);
            case EMA, DEMA, TEMA, TRIMA, KAMA, T3, HMA -> sign(v, 0, v, -1, 1, n, up, down);
            case RSI, MFI, WILLR, CCI -> band(v, p[1], p[2], n, up, down);
            case STOCHRSI, ULTOSC -> band(v, p[3], p[4], n, up, down);
            case STOCH -> stoch(v, o1, p[3], p[4], n, up, down);
            case STOCHF, TSI, MACD, OBV -> sign(v, 0, o1, 0, 0, n, up, down);
            case CMO -> cmo(v, p[1], n, up, down);
            case PPO -> level(v, p[2], -p[2], n, up, down);
            case ROC, CMF -> level(v, p[1], -p[1], n, up, down);
            case APO, MOM, TRIX, DPO, ADOSC, LINEARREG_SLOPE -> level(v, 0.0, 0.0, n, up, down);
            case AO -> ao(v, n, up, down);
            case ADX -> adx(v, o1, o2, p[1], n, up, down);
            case AROON -> aroon(v, o1, p[1], n, up, down);
            case TSF -> sign(v, 0, close, s, 0, n, up, down);
            case SUPERTREND -> supertrend(v, o1, n, up, down);
            case ICHIMOKU -> ichimoku(v, o1, o2, o3, close, s, n, up, down);
            case ATR -> risingThenCandle(v, close, s, close, s - 1, n, up, down);
            case STDDEV -> risingThenCandle(v, close, s, open, s, n, up, down);
            case NATR -> natr(v, p[1], close, open, s, n, up, down);
            case BBANDS -> bbands(v, o2, close, s, n, up, down);
            case KELTNER -> channel(v, v, o2, close, s, 0, n, up, down);
            case DONCHIAN -> channel(v, v, o2, close, s, 1, n, up, down);
            case PIVOT -> channel(v, o1, o2, close, s, 0, n, up, down);
            case FRACTAL -> channel(v, v, o1, close, s, 0, n, up, down);
            case AD -> ad(v, close, s, n, up, down);
            case VOSC -> vosc(v, close, s, n, up, down);
            case HEIKINASHI -> heikinAshi(v, o1, o2, o3, n, up, down);
            default -> throw new IllegalStateException("no rule for " + type);
        }
        return new VoteBitsets(up, down);
    }

    /** First bar of word {@code w} at or after {@code from}. */
    private static int begin(int w, int from) {
        return Math.max(from, w << 6);
    }

    /** One past the last bar of word {@code w}. */
    private static int end(int w, int n) {
        return Math.min(n, (w + 1) << 6);
    }

    /** Bullish when {@code x[xo+i] > y[yo+i]}, bearish when below; NaN on either side is neutral. */
    private static void sign(double[] x, int xo, double[] y, int yo, int from, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long bull = 0, bear = 0;
            for (int i = begin(w, from), e = end(w, n); i < e; i++) {
                double a = x[xo + i], b = y[yo + i];
                long bit = 1L << i;
                bull |= a > b ? bit : 0L;
                bear |= a < b ? bit : 0L;
            }
            up[w] = bull;
            down[w] = bear;
        }
    }

    /** Bullish above {@code high}, bearish below {@code low}. */
    private static void level(double[] v, double high, double low, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long bull = 0, bear = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                double x = v[i];
                long bit = 1L << i;
                bull |= x > high ? bit : 0L;
                bear |= x < low ? bit : 0L;
            }
            up[w] = bull;
            down[w] = bear & ~bull;
        }
    }

    /** Oscillator zones: bullish below {@code oversold}, bearish above {@code overbought}. */
    private static void band(double[] v, double oversold, double overbought, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long bull = 0, bear = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                double x = v[i];
                long bit = 1L << i;
                bull |= x < oversold ? bit : 0L;
                bear |= x > overbought ? bit : 0L;
            }
            up[w] = bull;
            down[w] = bear & ~bull;
        }
    }

    private static void stoch(double[] k, double[] d, double oversold, double overbought, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long bullA = 0, bullB = 0, bearA = 0, bearB = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                double x = k[i], y = d[i];
                long bit = 1L << i;
                bullA |= x < oversold ? bit : 0L;
                bullB |= x > y ? bit : 0L;
                bearA |= x > overbought ? bit : 0L;
                bearB |= x < y ? bit : 0L;
            }
            long bull = bullA & bullB;
            up[w] = bull;
            down[w] = bearA & bearB & ~bull;
        }
    }

    private static void cmo(double[] v, double level, int n, long[] up, long[] down) {
        double low = -level;
        for (int w = 0; w < up.length; w++) {
            long bullA = 0, bullB = 0, bearA = 0, bearB = 0;
            for (int i = begin(w, 1), e = end(w, n); i < e; i++) {
                double x = v[i], previous = v[i - 1];
                long bit = 1L << i;
                bullA |= x < low ? bit : 0L;
                bullB |= x > previous ? bit : 0L;
                bearA |= x > level ? bit : 0L;
                bearB |= x < previous ? bit : 0L;
            }
            long bull = bullA & bullB;
            up[w] = bull;
            down[w] = bearA & bearB & ~bull;
        }
    }

    private static void ao(double[] v, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long bullA = 0, bullB = 0, bearA = 0, bearB = 0;
            for (int i = begin(w, 1), e = end(w, n); i < e; i++) {
                double x = v[i], previous = v[i - 1];
                long bit = 1L << i;
                bullA |= x > 0 ? bit : 0L;
                bullB |= x > previous ? bit : 0L;
                bearA |= x < 0 ? bit : 0L;
                bearB |= x < previous ? bit : 0L;
            }
            long bull = bullA & bullB;
            up[w] = bull;
            down[w] = bearA & bearB;
        }
    }

    private static void adx(double[] adx, double[] plus, double[] minus, double threshold, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long gate = 0, over = 0, under = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                boolean trending = adx[i] > threshold;
                double a = plus[i], b = minus[i];
                long bit = 1L << i;
                gate |= trending ? bit : 0L;
                over |= a > b ? bit : 0L;
                under |= a < b ? bit : 0L;
            }
            long bull = gate & over;
            up[w] = bull;
            down[w] = gate & under;
        }
    }

    private static void aroon(double[] aroonDown, double[] aroonUp, double strong, int n, long[] up, long[] down) {
        double weak = 100 - strong;
        for (int w = 0; w < up.length; w++) {
            long bullA = 0, bullB = 0, bearA = 0, bearB = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                double d = aroonDown[i], u = aroonUp[i];
                long bit = 1L << i;
                bullA |= u >= strong ? bit : 0L;
                bullB |= d <= weak ? bit : 0L;
                bearA |= d >= strong ? bit : 0L;
                bearB |= u <= weak ? bit : 0L;
            }
            long bull = bullA & bullB;
            up[w] = bull;
            down[w] = bearA & bearB & ~bull;
        }
    }

    private static void supertrend(double[] line, double[] direction, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long gate = 0, over = 0, under = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                boolean defined = line[i] <= Double.POSITIVE_INFINITY;
                double d = direction[i];
                long bit = 1L << i;
                gate |= defined ? bit : 0L;
                over |= d > 0 ? bit : 0L;
                under |= d < 0 ? bit : 0L;
            }
            long bull = gate & over;
            up[w] = bull;
            down[w] = gate & under;
        }
    }

    private static void ichimoku(double[] tenkan, double[] kijun, double[] spanA, double[] spanB,
                                 double[] close, int s, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long bullA = 0, bullB = 0, bearA = 0, bearB = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                double top = Math.max(spanA[i], spanB[i]);
                double bottom = Math.min(spanA[i], spanB[i]);
                double c = close[s + i], t = tenkan[i], k = kijun[i];
                long bit = 1L << i;
                bullA |= c > top ? bit : 0L;
                bullB |= t > k ? bit : 0L;
                bearA |= c < bottom ? bit : 0L;
                bearB |= t < k ? bit : 0L;
            }
            long bull = bullA & bullB;
            up[w] = bull;
            down[w] = bearA & bearB & ~bull;
        }
    }

    /** While {@code v} rises, the sign of {@code x[xo+i]} against {@code y[yo+i]} (ATR, STDDEV). */
    private static void risingThenCandle(double[] v, double[] x, int xo, double[] y, int yo, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long gate = 0, over = 0, under = 0;
            for (int i = begin(w, 1), e = end(w, n); i < e; i++) {
                boolean rising = v[i] > v[i - 1];
                double a = x[xo + i], b = y[yo + i];
                long bit = 1L << i;
                gate |= rising ? bit : 0L;
                over |= a > b ? bit : 0L;
                under |= a < b ? bit : 0L;
            }
            long bull = gate & over;
            up[w] = bull;
            down[w] = gate & under;
        }
    }

    private static void natr(double[] v, double threshold, double[] close, double[] open, int s, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long gate = 0, over = 0, under = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                boolean wide = v[i] >= threshold;
                double c = close[s + i], o = open[s + i];
                long bit = 1L << i;
                gate |= wide ? bit : 0L;
                over |= c > o ? bit : 0L;
                under |= c < o ? bit : 0L;
            }
            long bull = gate & over;
            up[w] = bull;
            down[w] = gate & under;
        }
    }

    /** Mean reversion: bullish below the lower band, bearish above the upper one. */
    private static void bbands(double[] upper, double[] lower, double[] close, int s, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long gate = 0, over = 0, under = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                boolean defined = upper[i] <= Double.POSITIVE_INFINITY;
                double c = close[s + i];
                long bit = 1L << i;
                gate |= defined ? bit : 0L;
                over |= c < lower[i] ? bit : 0L;
                under |= c > upper[i] ? bit : 0L;
            }
            long bull = gate & over;
            up[w] = bull;
            down[w] = gate & under & ~bull;
        }
    }

    /**
     * Breakout: bullish when the close is above {@code above}, bearish when below {@code below}, both read
     * {@code lag} bars back; neutral while {@code first} (the first output, at this bar) is NaN.
     */
    private static void channel(double[] first, double[] above, double[] below, double[] close, int s, int lag,
                                int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long gate = 0, over = 0, under = 0;
            for (int i = begin(w, lag), e = end(w, n); i < e; i++) {
                boolean defined = first[i] <= Double.POSITIVE_INFINITY;
                double c = close[s + i];
                long bit = 1L << i;
                gate |= defined ? bit : 0L;
                over |= c > above[i - lag] ? bit : 0L;
                under |= c < below[i - lag] ? bit : 0L;
            }
            long bull = gate & over;
            up[w] = bull;
            down[w] = gate & under & ~bull;
        }
    }

    private static void ad(double[] v, double[] close, int s, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long bullA = 0, bullB = 0, bearA = 0, bearB = 0;
            for (int i = begin(w, 1), e = end(w, n); i < e; i++) {
                double x = v[i], previous = v[i - 1];
                double c = close[s + i], previousClose = close[s + i - 1];
                long bit = 1L << i;
                bullA |= x > previous ? bit : 0L;
                bullB |= c > previousClose ? bit : 0L;
                bearA |= x < previous ? bit : 0L;
                bearB |= c < previousClose ? bit : 0L;
            }
            long bull = bullA & bullB;
            up[w] = bull;
            down[w] = bearA & bearB;
        }
    }

    private static void vosc(double[] v, double[] close, int s, int n, long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long gate = 0, over = 0, under = 0;
            for (int i = begin(w, 1), e = end(w, n); i < e; i++) {
                boolean rising = v[i] > 0;
                double c = close[s + i], previousClose = close[s + i - 1];
                long bit = 1L << i;
                gate |= rising ? bit : 0L;
                over |= c > previousClose ? bit : 0L;
                under |= c < previousClose ? bit : 0L;
            }
            long bull = gate & over;
            up[w] = bull;
            down[w] = gate & under;
        }
    }

    private static void heikinAshi(double[] haOpen, double[] haHigh, double[] haLow, double[] haClose, int n,
                                   long[] up, long[] down) {
        for (int w = 0; w < up.length; w++) {
            long bullA = 0, bullB = 0, bearA = 0, bearB = 0;
            for (int i = begin(w, 0), e = end(w, n); i < e; i++) {
                double o = haOpen[i], c = haClose[i];
                long bit = 1L << i;
                bullA |= c > o ? bit : 0L;
                bullB |= haLow[i] >= o ? bit : 0L;
                bearA |= c < o ? bit : 0L;
                bearB |= haHigh[i] <= o ? bit : 0L;
            }
            long bull = bullA & bullB;
            up[w] = bull;
            down[w] = bearA & bearB & ~bull;
        }
    }
}
