package io.gpubot.core.indicator;

/** Oscillators read against overbought/oversold levels. */
final class Oscillators {

    private Oscillators() {
    }

    /** TA-Lib RSI: Wilder-smoothed gains over gains plus losses, 0 when nothing moved. */
    static final class Rsi extends Indicator {
        private final WilderGainLoss averages;

        Rsi(int period) {
            super(1);
            averages = new WilderGainLoss(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (averages.update(close)) {
                double sum = averages.gain + averages.loss;
                out[0] = !isZero(sum) ? 100.0 * (averages.gain / sum) : 0.0;
            }
        }

        // The batch loop, repeated in every final class so that update() is a monomorphic, inlined call.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] current = out;
            final int n = current.length;
            if (n == 1) {
                final double[] first = outputs[0];
                for (int i = from; i < to; i++) {
                    update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                    first[i - from + offset] = current[0];
                }
                return;
            }
            for (int i = from; i < to; i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                final int j = i - from + offset;
                for (int k = 0; k < n; k++) outputs[k][j] = current[k];
            }
        }
    }

    /** TA-Lib CMO: like RSI but (gain - loss) / (gain + loss), from -100 to 100. */
    static final class Cmo extends Indicator {
        private final WilderGainLoss averages;

        Cmo(int period) {
            super(1);
            averages = new WilderGainLoss(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (averages.update(close)) {
                double sum = averages.gain + averages.loss;
                out[0] = !isZero(sum) ? 100.0 * ((averages.gain - averages.loss) / sum) : 0.0;
            }
        }

        // The batch loop, repeated in every final class so that update() is a monomorphic, inlined call.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] current = out;
            final int n = current.length;
            if (n == 1) {
                final double[] first = outputs[0];
                for (int i = from; i < to; i++) {
                    update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                    first[i - from + offset] = current[0];
                }
                return;
            }
            for (int i = from; i < to; i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                final int j = i - from + offset;
                for (int k = 0; k < n; k++) outputs[k][j] = current[k];
            }
        }
    }

    /** TA-Lib's raw %K: where the close sits in the range of the window, 0 for a flat window. */
    static double rawK(double close, double highest, double lowest) {
        double diff = (highest - lowest) / 100.0;
        return diff != 0.0 ? (close - lowest) / diff : 0.0;
    }

    /**
     * Feeds the defined (non-NaN) tail of {@code input[from, to)} to {@code sma}, writing its averages to
     * {@code output} at the same positions and NaN before; as update() feeds only defined values.
     */
    static void fillDefined(double[] input, int from, int to, RollingSma sma, double[] output) {
        int j = from;
        for (; j < to && input[j] != input[j]; j++) output[j] = sma.value();
        if (j < to) sma.updateAll(input, j, to, output, j);
    }

    /** TA-Lib STOCH with SMA smoothing: slow %K and slow %D. */
    static final class Stoch extends Indicator {
        private final RollingExtremes window;
        private final RollingSma slowK;
        private final RollingSma slowD;

        Stoch(int fastK, int slowK, int slowD) {
            super(2);
            window = new RollingExtremes(fastK);
            this.slowK = new RollingSma(slowK);
            this.slowD = new RollingSma(slowD);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            window.update(high, low);
            if (!window.isFull()) return;
            double k = slowK.update(rawK(close, window.highest, window.lowest));
            if (k != k) return;
            double d = slowD.update(k);
            if (d != d) return;
            out[0] = k;
            out[1] = d;
        }

        // Raw %K for the whole batch from the window extremes (state in locals), then the two SMAs
        // over it: the same arithmetic as update(); both outputs stay NaN until slow %D is defined.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            if (from == to) return;
            final double[] k = outputs[0];
            final double[] d = outputs[1];
            final double[] lowest = new double[to - from];
            window.updateAll(high, low, from, to, d, lowest, offset);
            int end = offset + (to - from);
            int j = offset;
            for (int i = from; i < to; i++, j++) {
                double highest = d[j];
                d[j] = highest == highest ? rawK(close[i], highest, lowest[i - from]) : Double.NaN;
            }
            fillDefined(d, offset, end, slowK, k);
            fillDefined(k, offset, end, slowD, d);
            for (j = offset; j < end && d[j] != d[j]; j++) k[j] = Double.NaN;
            if (d[end - 1] == d[end - 1]) {
                out[0] = k[end - 1];
                out[1] = d[end - 1];
            }
        }
    }

    /** TA-Lib STOCHF with SMA smoothing: fast %K and fast %D. */
    static final class StochFast extends Indicator {
        private final RollingExtremes window;
        private final RollingSma fastD;

        StochFast(int fastK, int fastD) {
            super(2);
            window = new RollingExtremes(fastK);
            this.fastD = new RollingSma(fastD);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            window.update(high, low);
            if (!window.isFull()) return;
            double k = rawK(close, window.highest, window.lowest);
            double d = fastD.update(k);
            if (d != d) return;
            out[0] = k;
            out[1] = d;
        }

        // Raw %K for the whole batch from the window extremes (state in locals), then %D over it:
        // the same arithmetic as update(); both outputs stay NaN until %D is defined.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            if (from == to) return;
            final double[] k = outputs[0];
            final double[] d = outputs[1];
            final double[] lowest = new double[to - from];
            window.updateAll(high, low, from, to, k, lowest, offset);
            int end = offset + (to - from);
            int j = offset;
            for (int i = from; i < to; i++, j++) {
                double highest = k[j];
                k[j] = highest == highest ? rawK(close[i], highest, lowest[i - from]) : Double.NaN;
            }
            fillDefined(k, offset, end, fastD, d);
            for (j = offset; j < end && d[j] != d[j]; j++) k[j] = Double.NaN;
            if (d[end - 1] == d[end - 1]) {
                out[0] = k[end - 1];
                out[1] = d[end - 1];
            }
        }
    }

    /** TA-Lib STOCHRSI: STOCHF applied to RSI values (fast %K, fast %D). */
    static final class StochRsi extends Indicator {
        private final WilderGainLoss averages;
        private final RollingExtremes rsis;
        private final RollingSma fastD;

        StochRsi(int period, int fastK, int fastD) {
            super(2);
            averages = new WilderGainLoss(period);
            rsis = new RollingExtremes(fastK);
            this.fastD = new RollingSma(fastD);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (!averages.update(close)) return;
            double sum = averages.gain + averages.loss;
            double rsi = !isZero(sum) ? 100.0 * (averages.gain / sum) : 0.0;
            rsis.update(rsi, rsi);
            if (!rsis.isFull()) return;
            double k = rawK(rsi, rsis.highest, rsis.lowest);
            double d = fastD.update(k);
            if (d != d) return;
            out[0] = k;
            out[1] = d;
        }

        // The batch loop, repeated in every final class so that update() is a monomorphic, inlined call.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] current = out;
            final int n = current.length;
            if (n == 1) {
                final double[] first = outputs[0];
                for (int i = from; i < to; i++) {
                    update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                    first[i - from + offset] = current[0];
                }
                return;
            }
            for (int i = from; i < to; i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                final int j = i - from + offset;
                for (int k = 0; k < n; k++) outputs[k][j] = current[k];
            }
        }
    }

    /** TA-Lib WILLR: Williams %R, from -100 (close at the low) to 0 (at the high). */
    static final class WilliamsR extends Indicator {
        private final RollingExtremes window;

        WilliamsR(int period) {
            super(1);
            window = new RollingExtremes(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            window.update(high, low);
            if (!window.isFull()) return;
            double highest = window.highest;
            double diff = (highest - window.lowest) / (-100.0);
            out[0] = diff != 0.0 ? (highest - close) / diff : 0.0;
        }

        // The window extremes for the whole batch first (state in locals), then the same formula.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            if (from == to) return;
            final double[] result = outputs[0];
            final double[] lowest = new double[to - from];
            window.updateAll(high, low, from, to, result, lowest, offset);
            double last = out[0];
            for (int i = from; i < to; i++) {
                int j = i - from + offset;
                double highest = result[j];
                if (highest == highest) {
                    double diff = (highest - lowest[i - from]) / (-100.0);
                    last = diff != 0.0 ? (highest - close[i]) / diff : 0.0;
                }
                result[j] = last;
            }
            out[0] = last;
        }
    }

    /** TA-Lib CCI: typical price against its mean, in units of 0.015 mean absolute deviation. */
    static final class Cci extends Indicator {
        private final int period;
        private final double[] buffer;
        private int count;

        Cci(int period) {
            super(1);
            this.period = period;
            buffer = new double[period];
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double last = (high + low + close) / 3;
            buffer[count % period] = last;
            count++;
            if (count < period) return;
            double average = 0;
            for (int j = 0; j < period; j++) average += buffer[j];
            average /= period;
            double deviation = 0;
            for (int j = 0; j < period; j++) deviation += Math.abs(buffer[j] - average);
            double distance = last - average;
            out[0] = (distance != 0.0) && (deviation != 0.0) ? distance / (0.015 * (deviation / period)) : 0.0;
        }

        // The batch loop, repeated in every final class so that update() is a monomorphic, inlined call.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] current = out;
            final int n = current.length;
            if (n == 1) {
                final double[] first = outputs[0];
                for (int i = from; i < to; i++) {
                    update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                    first[i - from + offset] = current[0];
                }
                return;
            }
            for (int i = from; i < to; i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                final int j = i - from + offset;
                for (int k = 0; k < n; k++) outputs[k][j] = current[k];
            }
        }
    }

    /** TA-Lib MFI: money flow of rising typical prices over all money flow, 0 when the total is below 1. */
    static final class Mfi extends Indicator {
        private final int period;
        private final DoubleRing positive;
        private final DoubleRing negative;
        private int count;
        private double previous;
        private double positiveSum;
        private double negativeSum;

        Mfi(int period) {
            super(1);
            this.period = period;
            positive = new DoubleRing(period);
            negative = new DoubleRing(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double typical = (high + low + close) / 3.0;
            count++;
            if (count == 1) {
                previous = typical;
                return;
            }
            if (count > period + 1) {
                positiveSum -= positive.get(period - 1);
                negativeSum -= negative.get(period - 1);
            }
            double change = typical - previous;
            previous = typical;
            double flow = typical * volume;
            if (change < 0) {
                negative.push(flow);
                negativeSum += flow;
                positive.push(0.0);
            } else if (change > 0) {
                positive.push(flow);
                positiveSum += flow;
                negative.push(0.0);
            } else {
                positive.push(0.0);
                negative.push(0.0);
            }
            if (count <= period) return;
            double total = positiveSum + negativeSum;
            out[0] = total < 1.0 ? 0.0 : 100.0 * (positiveSum / total);
        }

        // The batch loop, repeated in every final class so that update() is a monomorphic, inlined call.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] current = out;
            final int n = current.length;
            if (n == 1) {
                final double[] first = outputs[0];
                for (int i = from; i < to; i++) {
                    update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                    first[i - from + offset] = current[0];
                }
                return;
            }
            for (int i = from; i < to; i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                final int j = i - from + offset;
                for (int k = 0; k < n; k++) outputs[k][j] = current[k];
            }
        }
    }

    /**
     * TA-Lib ULTOSC: buying pressure over true range on three periods, weighted 4:2:1 from the shortest.
     * The periods are sorted first, as TA-Lib does.
     */
    static final class UltimateOscillator extends Indicator {
        private final int shortest;
        private final int middle;
        private final int longest;
        private final DoubleRing pressures;
        private final DoubleRing ranges;
        private double pressureShort;
        private double pressureMiddle;
        private double pressureLong;
        private double rangeShort;
        private double rangeMiddle;
        private double rangeLong;
        private int count;
        private double previousClose;

        UltimateOscillator(int period1, int period2, int period3) {
            super(1);
            int[] periods = {period1, period2, period3};
            java.util.Arrays.sort(periods);
            shortest = periods[0];
            middle = periods[1];
            longest = periods[2];
            pressures = new DoubleRing(longest);
            ranges = new DoubleRing(longest);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            int t = count++;
            double priorClose = previousClose;
            previousClose = close;
            if (t == 0) return;
            double trueLow = low < priorClose ? low : priorClose;
            double pressure = close - trueLow;
            double range = high - low;
            double candidate = Math.abs(priorClose - high);
            if (candidate > range) range = candidate;
            candidate = Math.abs(priorClose - low);
            if (candidate > range) range = candidate;
            pressures.push(pressure);
            ranges.push(range);
            // each sum starts so that it holds exactly its period's terms when the first value is due (bar longest)
            if (t >= longest - shortest + 1) {
                pressureShort += pressure;
                rangeShort += range;
            }
            if (t >= longest - middle + 1) {
                pressureMiddle += pressure;
                rangeMiddle += range;
            }
            pressureLong += pressure;
            rangeLong += range;
            if (t < longest) return;
            double output = 0.0;
            if (!isZero(rangeShort)) output += 4.0 * (pressureShort / rangeShort);
            if (!isZero(rangeMiddle)) output += 2.0 * (pressureMiddle / rangeMiddle);
            if (!isZero(rangeLong)) output += pressureLong / rangeLong;
            pressureShort -= pressures.get(shortest - 1);
            rangeShort -= ranges.get(shortest - 1);
            pressureMiddle -= pressures.get(middle - 1);
            rangeMiddle -= ranges.get(middle - 1);
            pressureLong -= pressures.get(longest - 1);
            rangeLong -= ranges.get(longest - 1);
            out[0] = 100.0 * (output / 7.0);
        }

        // The batch loop, repeated in every final class so that update() is a monomorphic, inlined call.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] current = out;
            final int n = current.length;
            if (n == 1) {
                final double[] first = outputs[0];
                for (int i = from; i < to; i++) {
                    update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                    first[i - from + offset] = current[0];
                }
                return;
            }
            for (int i = from; i < to; i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                final int j = i - from + offset;
                for (int k = 0; k < n; k++) outputs[k][j] = current[k];
            }
        }
    }
}
