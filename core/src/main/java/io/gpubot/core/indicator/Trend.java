package io.gpubot.core.indicator;

/** Trend measures: directional movement, Aroon, regression, SAR, SuperTrend, Ichimoku. */
final class Trend {

    private Trend() {
    }

    /** TA-Lib's true range of a bar given the previous close. */
    static double trueRange(double high, double low, double previousClose) {
        double range = high - low;
        double candidate = Math.abs(previousClose - high);
        if (candidate > range) range = candidate;
        candidate = Math.abs(previousClose - low);
        if (candidate > range) range = candidate;
        return range;
    }

    /**
     * TA-Lib ADX with its +DI and -DI (Wilder sums seeded over the first {@code period - 1} moves).
     * Outputs: adx, plusDi, minusDi; all defined from bar {@code 2 period - 1}.
     */
    static final class Adx extends Indicator {
        private final int period;
        private int count;
        private double previousHigh;
        private double previousLow;
        private double previousClose;
        private double plusDm;
        private double minusDm;
        private double range;
        private double sumDx;
        private double adx;

        Adx(int period) {
            super(3);
            this.period = period;
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            int t = count++;
            if (t == 0) {
                previousHigh = high;
                previousLow = low;
                previousClose = close;
                return;
            }
            double diffP = high - previousHigh;
            previousHigh = high;
            double diffM = previousLow - low;
            previousLow = low;
            double tr = trueRange(high, low, previousClose);
            previousClose = close;
            if (t < period) {
                if ((diffM > 0) && (diffP < diffM)) minusDm += diffM;
                else if ((diffP > 0) && (diffP > diffM)) plusDm += diffP;
                range += tr;
                return;
            }
            minusDm -= minusDm / period;
            plusDm -= plusDm / period;
            if ((diffM > 0) && (diffP < diffM)) minusDm += diffM;
            else if ((diffP > 0) && (diffP > diffM)) plusDm += diffP;
            range = range - (range / period) + tr;
            double minusDi = 0.0;
            double plusDi = 0.0;
            double dx = Double.NaN;
            if (!isZero(range)) {
                minusDi = 100.0 * (minusDm / range);
                plusDi = 100.0 * (plusDm / range);
                double sum = minusDi + plusDi;
                if (!isZero(sum)) dx = 100.0 * (Math.abs(minusDi - plusDi) / sum);
            }
            if (t < 2 * period - 1) {
                if (dx == dx) sumDx += dx;
                return;
            }
            if (t == 2 * period - 1) {
                if (dx == dx) sumDx += dx;
                adx = sumDx / period;
            } else if (dx == dx) {
                adx = ((adx * (period - 1)) + dx) / period;
            }
            out[0] = adx;
            out[1] = plusDi;
            out[2] = minusDi;
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
     * TA-Lib AROON and AROONOSC over the last {@code period + 1} bars (ties go to the newest bar).
     * Outputs: down, up, oscillator.
     */
    static final class Aroon extends Indicator {
        private final int period;
        private final double factor;
        private final RollingExtremes window;

        Aroon(int period) {
            super(3);
            this.period = period;
            this.factor = 100.0 / period;
            window = new RollingExtremes(period + 1);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            window.update(high, low);
            if (!window.isFull()) return;
            int highestAgo = window.barsSinceHighest();
            int lowestAgo = window.barsSinceLowest();
            out[0] = factor * (period - lowestAgo);
            out[1] = factor * (period - highestAgo);
            out[2] = factor * (lowestAgo - highestAgo);
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

    /** TA-Lib's least-squares line over the last {@code period} closes. */
    static final class Regression {
        private final int period;
        private final double sumX;
        private final double divisor;
        private final DoubleRing closes;
        double slope;
        double intercept;

        Regression(int period) {
            this.period = period;
            this.sumX = period * (period - 1) * 0.5;
            double sumXSqr = period * (period - 1) * (2 * period - 1) / 6;
            this.divisor = sumX * sumX - period * sumXSqr;
            this.closes = new DoubleRing(period);
        }

        boolean update(double close) {
            closes.push(close);
            if (!closes.isFull()) return false;
            double sumXY = 0;
            double sumY = 0;
            for (int i = period; i-- != 0; ) {
                double y = closes.get(i);
                sumY += y;
                sumXY += (double) i * y;
            }
            slope = (period * sumXY - sumX * sumY) / divisor;
            intercept = (sumY - slope * sumX) / (double) period;
            return true;
        }

        double forecast() {
            return intercept + slope * (double) period;
        }
    }

    /** TA-Lib LINEARREG_SLOPE. */
    static final class LinearRegressionSlope extends Indicator {
        private final Regression regression;

        LinearRegressionSlope(int period) {
            super(1);
            regression = new Regression(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (regression.update(close)) out[0] = regression.slope;
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

    /** TA-Lib TSF: the regression line extended one bar ahead. */
    static final class TimeSeriesForecast extends Indicator {
        private final Regression regression;

        TimeSeriesForecast(int period) {
            super(1);
            regression = new Regression(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (regression.update(close)) out[0] = regression.forecast();
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
     * TA-Lib SAR: Wilder's parabolic stop and reverse; the first direction comes from the first bar's
     * directional movement, as in TA-Lib. The value at bar t is the stop in force during bar t.
     */
    static final class ParabolicSar extends Indicator {
        private final double acceleration;
        private final double maximum;
        private int count;
        private boolean isLong;
        private double sar;
        private double ep;
        private double af;
        private double newHigh;
        private double newLow;

        ParabolicSar(double acceleration, double maximum) {
            super(1);
            this.acceleration = Math.min(acceleration, maximum);
            this.maximum = maximum;
            this.af = this.acceleration;
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            int t = count++;
            if (t == 0) {
                newHigh = high;
                newLow = low;
                return;
            }
            if (t == 1) {
                double diffP = high - newHigh;
                double diffM = newLow - low;
                double minusDm = (diffM > 0) && (diffP < diffM) ? diffM : 0.0;
                isLong = !(minusDm > 0);
                if (isLong) {
                    ep = high;
                    sar = newLow;
                } else {
                    ep = low;
                    sar = newHigh;
                }
                newLow = low;
                newHigh = high;
            }
            double prevLow = newLow;
            double prevHigh = newHigh;
            newLow = low;
            newHigh = high;
            if (isLong) {
                if (newLow <= sar) {
                    isLong = false;
                    sar = ep;
                    if (sar < prevHigh) sar = prevHigh;
                    if (sar < newHigh) sar = newHigh;
                    out[0] = sar;
                    af = acceleration;
                    ep = newLow;
                    sar = sar + af * (ep - sar);
                    if (sar < prevHigh) sar = prevHigh;
                    if (sar < newHigh) sar = newHigh;
                } else {
                    out[0] = sar;
                    if (newHigh > ep) {
                        ep = newHigh;
                        af += acceleration;
                        if (af > maximum) af = maximum;
                    }
                    sar = sar + af * (ep - sar);
                    if (sar > prevLow) sar = prevLow;
                    if (sar > newLow) sar = newLow;
                }
            } else {
                if (newHigh >= sar) {
                    isLong = true;
                    sar = ep;
                    if (sar > prevLow) sar = prevLow;
                    if (sar > newLow) sar = newLow;
                    out[0] = sar;
                    af = acceleration;
                    ep = newHigh;
                    sar = sar + af * (ep - sar);
                    if (sar > prevLow) sar = prevLow;
                    if (sar > newLow) sar = newLow;
                } else {
                    out[0] = sar;
                    if (newLow < ep) {
                        ep = newLow;
                        af += acceleration;
                        if (af > maximum) af = maximum;
                    }
                    sar = sar + af * (ep - sar);
                    if (sar < prevHigh) sar = prevHigh;
                    if (sar < newHigh) sar = newHigh;
                }
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

    /**
     * SuperTrend (Lean's band rules) on a Wilder ATR whose first true range is the first bar's
     * high - low (Lean's convention; TA-Lib's ATR skips the first bar). The first direction, at the bar
     * the ATR is ready, is up when the close is at or above the bar's midpoint. Outputs: supertrend,
     * direction (+1 up, -1 down).
     */
    static final class SuperTrend extends Indicator {
        private final double multiplier;
        private final WilderAverage atr;
        private boolean started;
        private boolean ready;
        private double previousClose;
        private double trailingUpper;
        private double trailingLower;
        private double direction;

        SuperTrend(int period, double multiplier) {
            super(2);
            this.multiplier = multiplier;
            this.atr = new WilderAverage(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double tr = started ? trueRange(high, low, previousClose) : high - low;
            started = true;
            double average = atr.update(tr);
            if (average != average) {
                previousClose = close;
                return;
            }
            double middle = (high + low) / 2;
            double basicLower = middle - multiplier * average;
            double basicUpper = middle + multiplier * average;
            if (!ready) {
                ready = true;
                trailingLower = basicLower;
                trailingUpper = basicUpper;
                direction = close >= middle ? 1 : -1;
            } else {
                double lower = previousClose > trailingLower ? Math.max(basicLower, trailingLower) : basicLower;
                double upper = previousClose < trailingUpper ? Math.min(basicUpper, trailingUpper) : basicUpper;
                trailingLower = lower;
                trailingUpper = upper;
                if (close > upper) direction = 1;
                else if (close < lower) direction = -1;
            }
            previousClose = close;
            out[0] = direction > 0 ? trailingLower : trailingUpper;
            out[1] = direction;
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
     * Ichimoku: tenkan and kijun midpoints, and the cloud in force now (senkou A and B computed
     * {@code kijun} bars ago). Outputs: tenkan, kijun, senkouA, senkouB.
     */
    static final class Ichimoku extends Indicator {
        private final int kijun;
        private final RollingExtremes tenkanWindow;
        private final RollingExtremes kijunWindow;
        private final RollingExtremes senkouWindow;
        private final DoubleRing spanA;
        private final DoubleRing spanB;

        Ichimoku(int tenkan, int kijun, int senkou) {
            super(4);
            this.kijun = kijun;
            tenkanWindow = new RollingExtremes(tenkan);
            kijunWindow = new RollingExtremes(kijun);
            senkouWindow = new RollingExtremes(senkou);
            spanA = new DoubleRing(kijun + 1);
            spanB = new DoubleRing(kijun + 1);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            tenkanWindow.update(high, low);
            kijunWindow.update(high, low);
            senkouWindow.update(high, low);
            double tenkanLine = tenkanWindow.isFull() ? (tenkanWindow.highest + tenkanWindow.lowest) / 2 : Double.NaN;
            double kijunLine = kijunWindow.isFull() ? (kijunWindow.highest + kijunWindow.lowest) / 2 : Double.NaN;
            double b = senkouWindow.isFull() ? (senkouWindow.highest + senkouWindow.lowest) / 2 : Double.NaN;
            spanA.push((tenkanLine + kijunLine) / 2);
            spanB.push(b);
            if (!spanB.isFull()) return;
            double cloudB = spanB.get(kijun);
            if (cloudB != cloudB) return;
            out[0] = tenkanLine;
            out[1] = kijunLine;
            out[2] = spanA.get(kijun);
            out[3] = cloudB;
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
