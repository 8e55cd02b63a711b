package io.gpubot.core.signal;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.indicator.IndicatorValues;
import io.gpubot.core.market.CandleSeries;

/**
 * The classification rule of every indicator type: bullish (+1), bearish (-1) or neutral (0), from the
 * outputs at this bar and the previous bar and the bar's candle. A warming-up indicator (NaN now) is
 * neutral; a rule that needs the previous bar is neutral when that is missing. The rule texts are
 * {@link IndicatorType#rule()}.
 *
 * <p>Streaming ({@link SignalTracker}) and batch ({@link #votes}) both call {@link #classify}, so the
 * votes are identical either way. {@link #voteBits} is the fast batch path for the backtester: the same
 * rules restated as one loop per rule family writing bitsets, tested to agree with {@link #classify} on
 * every type.
 */
public final class SignalRules {

    public static final int BULLISH = 1;
    public static final int BEARISH = -1;
    public static final int NEUTRAL = 0;

    private SignalRules() {
    }

    /**
     * The vote of one indicator at one bar.
     *
     * @param type          the indicator type
     * @param p             the spec's parameter values (rule levels included)
     * @param now           the outputs at this bar
     * @param prev          the outputs at the previous bar (NaN when there is none)
     * @param previousClose the previous bar's close (NaN when there is none)
     */
    public static int classify(IndicatorType type, double[] p, double[] now, double[] prev,
                               double open, double high, double low, double close, double previousClose) {
        double v = now[0];
        if (v != v) return NEUTRAL;
        switch (type) {
            case SMA, WMA, VWMA:
                return sign(close, v);
            case EMA, DEMA, TEMA, TRIMA, KAMA, T3, HMA:
                return sign(v, prev[0]);
            case RSI, MFI, STOCHRSI, WILLR, CCI:
                return v < p[type == IndicatorType.STOCHRSI ? 3 : 1] ? BULLISH
                        : v > p[type == IndicatorType.STOCHRSI ? 4 : 2] ? BEARISH : NEUTRAL;
            case ULTOSC:
                return v < p[3] ? BULLISH : v > p[4] ? BEARISH : NEUTRAL;
            case STOCH:
                if (v < p[3] && v > now[1]) return BULLISH;
                if (v > p[4] && v < now[1]) return BEARISH;
                return NEUTRAL;
            case STOCHF, TSI, MACD:
                return sign(v, now[1]);
            case CMO:
                if (v < -p[1] && v > prev[0]) return BULLISH;
                if (v > p[1] && v < prev[0]) return BEARISH;
                return NEUTRAL;
            case PPO:
                return level(v, p[2]);
            case ROC:
                return level(v, p[1]);
            case CMF:
                return level(v, p[1]);
            case APO, MOM, TRIX, DPO, ADOSC, LINEARREG_SLOPE:
                return sign(v, 0.0);
            case AO:
                if (v > 0 && v > prev[0]) return BULLISH;
                if (v < 0 && v < prev[0]) return BEARISH;
                return NEUTRAL;
            case ADX:
                if (!(v > p[1])) return NEUTRAL;
                return sign(now[1], now[2]);
            case AROON:
                if (now[1] >= p[1] && now[0] <= 100 - p[1]) return BULLISH;
                if (now[0] >= p[1] && now[1] <= 100 - p[1]) return BEARISH;
                return NEUTRAL;
            case TSF:
                return sign(v, close);
            case SAR, VWAP:
                return sign(close, v);
            case SUPERTREND:
                return now[1] > 0 ? BULLISH : now[1] < 0 ? BEARISH : NEUTRAL;
            case ICHIMOKU: {
                double top = Math.max(now[2], now[3]);
                double bottom = Math.min(now[2], now[3]);
                if (close > top && now[0] > now[1]) return BULLISH;
                if (close < bottom && now[0] < now[1]) return BEARISH;
                return NEUTRAL;
            }
            case ATR:
                if (!(v > prev[0])) return NEUTRAL;
                return sign(close, previousClose);
            case NATR:
                if (!(v >= p[1])) return NEUTRAL;
                return sign(close, open);
            case STDDEV:
                if (!(v > prev[0])) return NEUTRAL;
                return sign(close, open);
            case BBANDS:
                return close < now[2] ? BULLISH : close > now[0] ? BEARISH : NEUTRAL;
            case KELTNER:
                return close > now[0] ? BULLISH : close < now[2] ? BEARISH : NEUTRAL;
            case DONCHIAN:
                return close > prev[0] ? BULLISH : close < prev[2] ? BEARISH : NEUTRAL;
            case OBV:
                return sign(v, now[1]);
            case AD:
                if (v > prev[0] && close > previousClose) return BULLISH;
                if (v < prev[0] && close < previousClose) return BEARISH;
                return NEUTRAL;
            case VOSC:
                if (!(v > 0)) return NEUTRAL;
                return sign(close, previousClose);
            case PIVOT:
                return close > now[1] ? BULLISH : close < now[2] ? BEARISH : NEUTRAL;
            case FRACTAL:
                return close > v ? BULLISH : close < now[1] ? BEARISH : NEUTRAL;
            case HEIKINASHI:
                if (now[3] > v && now[2] >= v) return BULLISH;
                if (now[3] < v && now[1] <= v) return BEARISH;
                return NEUTRAL;
            default:
                throw new IllegalStateException("no rule for " + type);
        }
    }

    /** +1 when a > b, -1 when a < b, 0 when equal or either is NaN. */
    private static int sign(double a, double b) {
        return a > b ? BULLISH : a < b ? BEARISH : NEUTRAL;
    }

    /** +1 above +level, -1 below -level. */
    private static int level(double v, double level) {
        return v > level ? BULLISH : v < -level ? BEARISH : NEUTRAL;
    }

    /** The vote of {@code spec} at every bar of the series; computes the indicator first. */
    public static byte[] votes(IndicatorSpec spec, CandleSeries series) {
        return votes(spec.compute(series), series);
    }

    /** The vote at every bar, from values already computed over the same series. */
    public static byte[] votes(IndicatorValues values, CandleSeries series) {
        IndicatorType type = values.spec().type();
        double[] p = values.spec().values();
        int outputs = values.outputCount();
        int size = series.size();
        if (values.size() != size) throw new IllegalArgumentException("values cover " + values.size() + " bars, series " + size);
        double[][] columns = new double[outputs][];
        for (int k = 0; k < outputs; k++) columns[k] = values.output(k);
        double[] now = new double[outputs];
        double[] prev = new double[outputs];
        java.util.Arrays.fill(prev, Double.NaN);
        double[] open = series.openColumn();
        double[] high = series.highColumn();
        double[] low = series.lowColumn();
        double[] close = series.closeColumn();
        int s = series.start();
        byte[] votes = new byte[size];
        double previousClose = Double.NaN;
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < outputs; k++) now[k] = columns[k][i];
            int j = s + i;
            votes[i] = (byte) classify(type, p, now, prev, open[j], high[j], low[j], close[j], previousClose);
            double[] swap = prev;
            prev = now;
            now = swap;
            previousClose = close[j];
        }
        return votes;
    }

    /**
     * The vote at every bar as bitsets, from values already computed over the same series: equal, bar for
     * bar, to {@link #votes(IndicatorValues, CandleSeries)}, without its per-bar dispatch and copying.
     */
    public static VoteBitsets voteBits(IndicatorValues values, CandleSeries series) {
        return VoteKernels.classify(values, series);
    }
}
