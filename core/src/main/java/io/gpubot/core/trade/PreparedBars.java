package io.gpubot.core.trade;

import io.gpubot.core.market.CandleSeries;

/**
 * A series with what the batch path of {@link Trader} reads besides the candles, computed once and
 * shared by every bot: the ATR at each close, where each UTC day starts, and the extremes of each block
 * of {@value #BLOCK} bars (which let a held position pass a quiet block in one step).
 */
public final class PreparedBars {

    /** Bars per block; one block is one word of a signal bitset. */
    public static final int BLOCK = 64;

    final CandleSeries series;
    final double[] atr;
    final int[] dayStarts;
    final double[] blockMinLow;
    final double[] blockMaxHigh;
    final double[] blockMinClose;
    final double[] blockMaxClose;

    /**
     * @param atr ATR at each bar's close (index as the series)
     */
    public PreparedBars(CandleSeries series, double[] atr) {
        if (atr.length != series.size()) throw new IllegalArgumentException("ATR covers " + atr.length + " bars, the series " + series.size());
        this.series = series;
        this.atr = atr;
        this.dayStarts = EquityRecorder.dayStarts(series.timeColumn(), series.start(), series.start() + series.size());
        int blocks = (series.size() + BLOCK - 1) / BLOCK;
        blockMinLow = new double[blocks];
        blockMaxHigh = new double[blocks];
        blockMinClose = new double[blocks];
        blockMaxClose = new double[blocks];
        double[] low = series.lowColumn();
        double[] high = series.highColumn();
        double[] close = series.closeColumn();
        int base = series.start();
        for (int b = 0; b < blocks; b++) {
            double minLow = Double.POSITIVE_INFINITY;
            double maxHigh = Double.NEGATIVE_INFINITY;
            double minClose = Double.POSITIVE_INFINITY;
            double maxClose = Double.NEGATIVE_INFINITY;
            int end = Math.min(series.size(), (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < end; i++) {
                int k = base + i;
                minLow = Math.min(minLow, low[k]);
                maxHigh = Math.max(maxHigh, high[k]);
                minClose = Math.min(minClose, close[k]);
                maxClose = Math.max(maxClose, close[k]);
            }
            blockMinLow[b] = minLow;
            blockMaxHigh[b] = maxHigh;
            blockMinClose[b] = minClose;
            blockMaxClose[b] = maxClose;
        }
    }

    public CandleSeries series() {
        return series;
    }

    /** The ATR at each bar's close, index as the series (shared: do not change it, nor the arrays below). */
    public double[] atr() {
        return atr;
    }

    /** Indices of the first bar of each UTC day, ascending. */
    public int[] dayStarts() {
        return dayStarts;
    }

    /** The lowest low of each block of {@value #BLOCK} bars. */
    public double[] blockMinLow() {
        return blockMinLow;
    }

    /** The highest high of each block. */
    public double[] blockMaxHigh() {
        return blockMaxHigh;
    }

    /** The lowest close of each block. */
    public double[] blockMinClose() {
        return blockMinClose;
    }

    /** The highest close of each block. */
    public double[] blockMaxClose() {
        return blockMaxClose;
    }
}
