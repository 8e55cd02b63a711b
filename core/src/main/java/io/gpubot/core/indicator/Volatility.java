package io.gpubot.core.indicator;

/** Volatility measures and bands. */
final class Volatility {

    private Volatility() {
    }

    /** TA-Lib ATR: Wilder average of true ranges from the second bar on. */
    static final class Atr extends Indicator {
        private final WilderAverage average;
        private boolean started;
        private double previousClose;

        Atr(int period) {
            super(1);
            average = new WilderAverage(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (started) out[0] = average.update(Trend.trueRange(high, low, previousClose));
            started = true;
            previousClose = close;
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

    /** TA-Lib NATR: ATR as a percentage of the close (0 when the close is 0). */
    static final class Natr extends Indicator {
        private final WilderAverage average;
        private boolean started;
        private double previousClose;

        Natr(int period) {
            super(1);
            average = new WilderAverage(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (started) {
                double atr = average.update(Trend.trueRange(high, low, previousClose));
                if (atr == atr) out[0] = !isZero(close) ? (atr / close) * 100.0 : 0.0;
            }
            started = true;
            previousClose = close;
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
     * TA-Lib BBANDS with an SMA middle and population standard deviation (mean of squares minus square
     * of the mean, 0 below 1e-8). Outputs: upper, middle, lower.
     */
    static final class Bollinger extends Indicator {
        private final int period;
        private final double deviations;
        private final RollingSma sma;
        private final DoubleRing window;
        private double sumOfSquares;

        Bollinger(int period, double deviations) {
            super(3);
            this.period = period;
            this.deviations = deviations;
            sma = new RollingSma(period);
            window = new DoubleRing(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double middle = sma.update(close);
            window.push(close);
            sumOfSquares += close * close;
            if (!window.isFull()) return;
            double meanOfSquares = sumOfSquares / period;
            double oldest = window.get(period - 1);
            sumOfSquares -= oldest * oldest;
            meanOfSquares -= middle * middle;
            double deviation = meanOfSquares < 0.00000001 ? 0.0 : Math.sqrt(meanOfSquares);
            if (deviations == 1.0) {
                out[0] = middle + deviation;
                out[2] = middle - deviation;
            } else {
                double width = deviation * deviations;
                out[0] = middle + width;
                out[2] = middle - width;
            }
            out[1] = middle;
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

    /** TA-Lib STDDEV (nbDev 1): population standard deviation of closes. */
    static final class StandardDeviation extends Indicator {
        private final int period;
        private final DoubleRing window;
        private double sum;
        private double sumOfSquares;

        StandardDeviation(int period) {
            super(1);
            this.period = period;
            window = new DoubleRing(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            window.push(close);
            sum += close;
            sumOfSquares += close * close;
            if (!window.isFull()) return;
            double mean = sum / period;
            double meanOfSquares = sumOfSquares / period;
            double oldest = window.get(period - 1);
            sum -= oldest;
            sumOfSquares -= oldest * oldest;
            double variance = meanOfSquares - mean * mean;
            out[0] = variance < 0.00000001 ? 0.0 : Math.sqrt(variance);
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
     * Keltner channels as Lean defines them: SMA of the typical price (h+l+c)/3 as the middle, bands at {@code multiplier} times the
     * simple average of true ranges (the first bar's range is high - low). Outputs: upper, middle, lower.
     */
    static final class Keltner extends Indicator {
        private final double multiplier;
        private final RollingSma middle;
        private final RollingSma averageRange;
        private boolean started;
        private double previousClose;

        Keltner(int period, double multiplier) {
            super(3);
            this.multiplier = multiplier;
            middle = new RollingSma(period);
            averageRange = new RollingSma(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double tr = started ? Trend.trueRange(high, low, previousClose) : high - low;
            started = true;
            previousClose = close;
            double m = middle.update((high + low + close) / 3);
            double atr = averageRange.update(tr);
            if (m != m) return;
            double width = multiplier * atr;
            out[0] = m + width;
            out[1] = m;
            out[2] = m - width;
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

    /** Donchian channel: highest high and lowest low of the last {@code period} bars, and their midpoint. */
    static final class Donchian extends Indicator {
        private final RollingExtremes window;

        Donchian(int period) {
            super(3);
            window = new RollingExtremes(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            window.update(high, low);
            if (!window.isFull()) return;
            double upper = window.highest;
            double lower = window.lowest;
            out[0] = upper;
            out[1] = (upper + lower) / 2;
            out[2] = lower;
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
