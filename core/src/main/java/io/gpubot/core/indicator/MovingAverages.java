package io.gpubot.core.indicator;

/** The moving averages of closes (and, for VWMA, volumes). */
final class MovingAverages {

    private MovingAverages() {
    }

    /** TA-Lib SMA. */
    static final class Sma extends Indicator {
        private final RollingSma sma;

        Sma(int period) {
            super(1);
            sma = new RollingSma(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            out[0] = sma.update(close);
        }

        // The same running-sum arithmetic as update(), with the state in locals for the batch.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            if (from == to) return;
            sma.updateAll(close, from, to, outputs[0], offset);
            out[0] = sma.value();
        }
    }

    /** TA-Lib EMA (SMA-seeded). */
    static final class Ema extends Indicator {
        private final SeededEma ema;

        Ema(int period) {
            super(1);
            ema = new SeededEma(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            out[0] = ema.update(close);
        }

        // Until seeded the batch runs update(); after that the same SeededEma.step with the state in a
        // local, so the loop-carried value stays in a register (bit-identical: the same arithmetic).
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] first = outputs[0];
            int i = from;
            for (; i < to && !ema.isSeeded(); i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                first[i - from + offset] = out[0];
            }
            if (i == to) return;
            final double k = ema.k();
            double value = ema.value();
            for (; i < to; i++) {
                double x = close[i];
                if (x == x) value = SeededEma.step(value, x, k);
                first[i - from + offset] = value;
            }
            ema.resume(value);
            out[0] = value;
        }
    }

    /** A linearly weighted average in TA-Lib's running-sum form (newest weight {@code period}). */
    static final class WeightedAverage {
        private final int period;
        private final double divider;
        private final double[] window;
        private int next;
        private int count;
        private double periodSum;
        private double periodSub;
        private double trailingValue;
        private double value = Double.NaN;

        WeightedAverage(int period) {
            this.period = period;
            this.divider = (period * (period + 1)) >> 1;
            this.window = new double[period];
        }

        double update(double x) {
            if (x != x) return value;
            int slot = next;
            window[slot] = x;
            next = slot + 1 == period ? 0 : slot + 1;
            count++;
            if (count < period) {
                periodSub += x;
                periodSum += x * count;
                return value;
            }
            periodSub += x;
            periodSub -= trailingValue;
            periodSum += x * period;
            trailingValue = window[next]; // the oldest value of this window
            value = periodSum / divider;
            periodSum -= periodSub;
            return value;
        }

        /** {@link #update} over {@code input[from, to)} into {@code output}, the state held in locals. */
        void updateAll(double[] input, int from, int to, double[] output, int outputOffset) {
            int i = from;
            for (; i < to && count < period; i++) output[i - from + outputOffset] = update(input[i]);
            final double[] w = window;
            final int p = period;
            final double d = divider;
            int slot = next;
            double sum = periodSum;
            double sub = periodSub;
            double trailing = trailingValue;
            double v = value;
            for (; i < to; i++) {
                double x = input[i];
                if (x == x) {
                    w[slot] = x;
                    slot = slot + 1 == p ? 0 : slot + 1;
                    sub += x;
                    sub -= trailing;
                    sum += x * p;
                    trailing = w[slot];
                    v = sum / d;
                    sum -= sub;
                }
                output[i - from + outputOffset] = v;
            }
            next = slot;
            periodSum = sum;
            periodSub = sub;
            trailingValue = trailing;
            value = v;
        }

        double value() {
            return value;
        }
    }

    /** TA-Lib WMA. */
    static final class Wma extends Indicator {
        private final WeightedAverage wma;

        Wma(int period) {
            super(1);
            wma = new WeightedAverage(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            out[0] = wma.update(close);
        }

        // The same running-sum arithmetic as update(), with the state in locals for the batch.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            if (from == to) return;
            wma.updateAll(close, from, to, outputs[0], offset);
            out[0] = wma.value();
        }
    }

    /** TA-Lib DEMA: {@code 2 EMA - EMA(EMA)}. */
    static final class Dema extends Indicator {
        private final SeededEma first;
        private final SeededEma second;

        Dema(int period) {
            super(1);
            first = new SeededEma(period);
            second = new SeededEma(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double e1 = first.update(close);
            double e2 = second.update(e1);
            out[0] = e2 == e2 ? (2.0 * e1) - e2 : Double.NaN;
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

    /** TA-Lib TEMA: {@code 3 EMA - 3 EMA(EMA) + EMA(EMA(EMA))}. */
    static final class Tema extends Indicator {
        private final SeededEma first;
        private final SeededEma second;
        private final SeededEma third;

        Tema(int period) {
            super(1);
            first = new SeededEma(period);
            second = new SeededEma(period);
            third = new SeededEma(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double e1 = first.update(close);
            double e2 = second.update(e1);
            double e3 = third.update(e2);
            out[0] = e3 == e3 ? e3 + ((3.0 * e1) - (3.0 * e2)) : Double.NaN;
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
     * TA-Lib TRIMA: the SMA of an SMA, weights rising then falling. Odd period n: both over (n+1)/2;
     * even: n/2 then n/2+1. Computed as two running sums (TA-Lib uses one weighted running sum; the
     * results agree to about 1e-15 relative).
     */
    static final class Trima extends Indicator {
        private final RollingSma inner;
        private final RollingSma outer;

        Trima(int period) {
            super(1);
            int a = (period & 1) == 1 ? (period + 1) / 2 : period / 2;
            int b = (period & 1) == 1 ? a : a + 1;
            inner = new RollingSma(a);
            outer = new RollingSma(b);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double s = inner.update(close);
            out[0] = s == s ? outer.update(s) : Double.NaN;
        }

        // The inner average runs over the closes into the output column, then the outer one over its
        // defined part in place (each element is read before it is overwritten): the same arithmetic.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            if (from == to) return;
            final double[] column = outputs[0];
            inner.updateAll(close, from, to, column, offset);
            int end = offset + (to - from);
            int j = offset;
            while (j < end && column[j] != column[j]) j++;
            if (j < end) {
                outer.updateAll(column, j, end, column, j);
                out[0] = outer.value();
            }
        }
    }

    /** TA-Lib KAMA: Kaufman's adaptive average, fast 2 and slow 30 fixed as in TA-Lib. */
    static final class Kama extends Indicator {
        private static final double CONST_MAX = 2.0 / (30.0 + 1.0);
        private static final double CONST_DIFF = 2.0 / (2.0 + 1.0) - CONST_MAX;
        private final int period;
        private final DoubleRing closes;
        private int count;
        private double sumRoc;
        private double kama;

        Kama(int period) {
            super(1);
            this.period = period;
            this.closes = new DoubleRing(period + 2);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            closes.push(close);
            count++;
            if (count == 1) return;
            if (count <= period) {
                sumRoc += Math.abs(closes.get(1) - close);
                return;
            }
            double trailing = closes.get(period);
            if (count == period + 1) {
                sumRoc += Math.abs(closes.get(1) - close);
                kama = closes.get(1);
            } else {
                sumRoc -= Math.abs(closes.get(period + 1) - trailing);
                sumRoc += Math.abs(close - closes.get(1));
            }
            double periodRoc = close - trailing;
            double ratio = (sumRoc <= periodRoc) || isZero(sumRoc) ? 1.0 : Math.abs(periodRoc / sumRoc);
            double smoothing = (ratio * CONST_DIFF) + CONST_MAX;
            smoothing *= smoothing;
            kama = ((close - kama) * smoothing) + kama;
            out[0] = kama;
        }

        // Once the closes a bar needs (period + 1 bars back) are inside the batch's input, the same
        // arithmetic reads them from the input with the state in locals; the ring is refilled at the end.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] first = outputs[0];
            int i = from;
            for (; i < to && (count <= period + 1 || i - period - 1 < from); i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                first[i - from + offset] = out[0];
            }
            if (i == to) return;
            final int direct = i;
            double sum = sumRoc;
            double value = kama;
            for (; i < to; i++) {
                double x = close[i];
                double trailing = close[i - period];
                sum -= Math.abs(close[i - period - 1] - trailing);
                sum += Math.abs(x - close[i - 1]);
                double periodRoc = x - trailing;
                double ratio = (sum <= periodRoc) || isZero(sum) ? 1.0 : Math.abs(periodRoc / sum);
                double smoothing = (ratio * CONST_DIFF) + CONST_MAX;
                smoothing *= smoothing;
                value = ((x - value) * smoothing) + value;
                first[i - from + offset] = value;
            }
            sumRoc = sum;
            kama = value;
            out[0] = value;
            count += to - direct;
            for (int t = Math.max(direct, to - closes.capacity()); t < to; t++) closes.push(close[t]);
        }
    }

    /** TA-Lib T3: Tillson's six-fold EMA with volume factor v, each stage SMA-seeded. */
    static final class T3 extends Indicator {
        private final int period;
        private final double k;
        private final double oneMinusK;
        private final double c1;
        private final double c2;
        private final double c3;
        private final double c4;
        private final double[] e = new double[6];
        private int stage;
        private int stageCount;
        private double stageSum;

        T3(int period, double vFactor) {
            super(1);
            this.period = period;
            this.k = 2.0 / (period + 1.0);
            this.oneMinusK = 1.0 - k;
            double square = vFactor * vFactor;
            c1 = -(square * vFactor);
            c2 = 3.0 * (square - c1);
            c3 = -6.0 * square - 3.0 * (vFactor - c1);
            c4 = 1.0 + 3.0 * vFactor - c1 + 3.0 * square;
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double input = close;
            for (int s = 0; s < stage; s++) {
                e[s] = (k * input) + (oneMinusK * e[s]);
                input = e[s];
            }
            if (stage < 6) {
                stageSum += input;
                if (++stageCount == period) {
                    e[stage] = stageSum / period;
                    stage++;
                    stageSum = e[stage - 1];
                    stageCount = 1;
                }
                if (stage < 6) return;
            }
            out[0] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2];
        }

        // Until all six stages are seeded the batch runs update(); then the same steps with the six
        // averages in locals, so the chain of dependent updates stays in registers.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] first = outputs[0];
            int i = from;
            for (; i < to && stage < 6; i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                first[i - from + offset] = out[0];
            }
            if (i == to) return;
            double e0 = e[0];
            double e1 = e[1];
            double e2 = e[2];
            double e3 = e[3];
            double e4 = e[4];
            double e5 = e[5];
            double last = out[0];
            for (; i < to; i++) {
                double x = close[i];
                e0 = (k * x) + (oneMinusK * e0);
                e1 = (k * e0) + (oneMinusK * e1);
                e2 = (k * e1) + (oneMinusK * e2);
                e3 = (k * e2) + (oneMinusK * e3);
                e4 = (k * e3) + (oneMinusK * e4);
                e5 = (k * e4) + (oneMinusK * e5);
                last = c1 * e5 + c2 * e4 + c3 * e3 + c4 * e2;
                first[i - from + offset] = last;
            }
            e[0] = e0;
            e[1] = e1;
            e[2] = e2;
            e[3] = e3;
            e[4] = e4;
            e[5] = e5;
            out[0] = last;
        }
    }

    /** Hull moving average: {@code WMA(2 WMA(n/2) - WMA(n), floor(sqrt n))}. */
    static final class Hma extends Indicator {
        private final WeightedAverage half;
        private final WeightedAverage full;
        private final WeightedAverage hull;

        Hma(int period) {
            super(1);
            half = new WeightedAverage(period / 2);
            full = new WeightedAverage(period);
            hull = new WeightedAverage((int) Math.sqrt(period));
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double h = half.update(close);
            double f = full.update(close);
            out[0] = f == f ? hull.update(2 * h - f) : Double.NaN;
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

    /** Volume-weighted moving average: {@code sum(close * volume) / sum(volume)}; the SMA when no volume traded. */
    static final class Vwma extends Indicator {
        private final int period;
        private final DoubleRing closes;
        private final DoubleRing volumes;

        Vwma(int period) {
            super(1);
            this.period = period;
            closes = new DoubleRing(period);
            volumes = new DoubleRing(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            closes.push(close);
            volumes.push(volume);
            if (!closes.isFull()) return;
            double weighted = 0;
            double volumeSum = 0;
            double closeSum = 0;
            for (int ago = period - 1; ago >= 0; ago--) {
                double c = closes.get(ago);
                double v = volumes.get(ago);
                weighted += c * v;
                volumeSum += v;
                closeSum += c;
            }
            out[0] = volumeSum > 0 ? weighted / volumeSum : closeSum / period;
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
