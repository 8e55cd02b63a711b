package io.gpubot.core.indicator;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.CandleSeries;

import java.util.Arrays;

/**
 * The streaming form of an indicator: a state machine fed one closed bar at a time. After each
 * {@link #update} the outputs are read with {@link #value(int)}; they are NaN until the indicator has
 * seen {@link IndicatorSpec#warmUp()} bars before the current one (all outputs warm up together).
 *
 * <p>The batch form ({@link #run}) feeds the same {@code update} over the columns of a series, so a
 * value computed live at bar t is bit-for-bit the value the backtest computed at bar t, given the same
 * first bar. Implementations keep their state in primitive fields and ring buffers and allocate nothing
 * per bar. Every concrete class is final and overrides {@link #run} with its own copy of the batch loop,
 * so that the call to {@code update} inside it is monomorphic and inlined by the JIT (a single shared loop
 * would see fifty receiver types and fall back to slow virtual calls). The simplest types (SMA, EMA, WMA,
 * TRIMA, KAMA, T3, MOM, ROC, STOCH, STOCHF, WILLR, OBV, ADOSC, VOSC) go one step further: their
 * batch runs the same per-bar arithmetic with the running state in local variables, because a state
 * field stored and reloaded every bar doubles the time of a short dependency chain. The tests compare
 * every output bit of batch, streaming, and batch-then-streaming runs for all types.
 */
public abstract class Indicator {

    /** The current outputs, in the order of {@link IndicatorType#outputs()}; written by {@code update}. */
    protected final double[] out;

    protected Indicator(int outputs) {
        this.out = new double[outputs];
        Arrays.fill(out, Double.NaN);
    }

    /** Feeds the next closed bar. Bars must come in time order, each exactly once. */
    public abstract void update(long time, double open, double high, double low, double close, double volume);

    /** Feeds the next closed bar. */
    public final void update(Candle candle) {
        update(candle.openTime(), candle.open(), candle.high(), candle.low(), candle.close(), candle.volume());
    }

    /** Output {@code k} after the last update; NaN while warming up. */
    public final double value(int k) {
        return out[k];
    }

    /** The primary output (output 0) after the last update. */
    public final double value() {
        return out[0];
    }

    public final int outputCount() {
        return out.length;
    }

    /** Copies the current outputs into {@code target} (length at least {@link #outputCount()}). */
    public final void copyValues(double[] target) {
        System.arraycopy(out, 0, target, 0, out.length);
    }

    /**
     * Runs {@code update} over bars {@code [from, to)} of the raw columns and writes output {@code k} of
     * bar {@code i} to {@code outputs[k][i - from + offset]}.
     */
    public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                    int from, int to, double[][] outputs, int offset) {
        final double[] current = out;
        final int n = current.length;
        for (int i = from; i < to; i++) {
            update(time[i], open[i], high[i], low[i], close[i], volume[i]);
            final int j = i - from + offset;
            for (int k = 0; k < n; k++) {
                outputs[k][j] = current[k];
            }
        }
    }

    /** Runs this (fresh) indicator over the whole series and returns one array per output. */
    public final double[][] run(CandleSeries series) {
        int size = series.size();
        double[][] outputs = new double[out.length][size];
        int s = series.start();
        run(series.timeColumn(), series.openColumn(), series.highColumn(), series.lowColumn(),
                series.closeColumn(), series.volumeColumn(), s, s + size, outputs, 0);
        return outputs;
    }

    /** TA-Lib's notion of "zero" for divisors: {@code |x| < 1e-8}. */
    static boolean isZero(double x) {
        return -0.00000001 < x && x < 0.00000001;
    }
}
