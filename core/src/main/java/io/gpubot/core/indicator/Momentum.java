package io.gpubot.core.indicator;

/** Momentum measures: differences of averages, rates of change, detrended price. */
final class Momentum {

    private Momentum() {
    }

    /**
     * TA-Lib MACD. Both averages start at bar {@code slow - 1}: the slow EMA seeded with the SMA of the
     * first {@code slow} closes, the fast EMA with the SMA of the {@code fast} closes ending there (TA-Lib's
     * alignment, which differs from a free-running EMA(fast)). Outputs: macd, signal, histogram.
     */
    static final class Macd extends Indicator {
        private final int fast;
        private final int slow;
        private final double fastK;
        private final DoubleRing recent;
        private final SeededEma slowEma;
        private final SeededEma signal;
        private int count;
        private double fastEma;

        Macd(int fast, int slow, int signalPeriod) {
            super(3);
            this.fast = fast;
            this.slow = slow;
            this.fastK = 2.0 / (fast + 1);
            this.recent = new DoubleRing(fast);
            this.slowEma = new SeededEma(slow);
            this.signal = new SeededEma(signalPeriod);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            count++;
            double slowValue = slowEma.update(close);
            if (count < slow) {
                recent.push(close);
                return;
            }
            if (count == slow) {
                recent.push(close);
                double sum = 0.0;
                for (int ago = fast - 1; ago >= 0; ago--) sum += recent.get(ago);
                fastEma = sum / fast;
            } else {
                fastEma = ((close - fastEma) * fastK) + fastEma;
            }
            double macd = fastEma - slowValue;
            double signalValue = signal.update(macd);
            if (signalValue != signalValue) return;
            out[0] = macd;
            out[1] = signalValue;
            out[2] = macd - signalValue;
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

    /** TA-Lib APO with EMAs: EMA(fast) - EMA(slow), each a free-running SMA-seeded EMA. */
    static final class Apo extends Indicator {
        private final SeededEma fastEma;
        private final SeededEma slowEma;

        Apo(int fast, int slow) {
            super(1);
            fastEma = new SeededEma(fast);
            slowEma = new SeededEma(slow);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double f = fastEma.update(close);
            double s = slowEma.update(close);
            if (s == s) out[0] = f - s;
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

    /** TA-Lib PPO with EMAs: (EMA(fast) - EMA(slow)) / EMA(slow) in percent. */
    static final class Ppo extends Indicator {
        private final SeededEma fastEma;
        private final SeededEma slowEma;

        Ppo(int fast, int slow) {
            super(1);
            fastEma = new SeededEma(fast);
            slowEma = new SeededEma(slow);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double f = fastEma.update(close);
            double s = slowEma.update(close);
            if (s == s) out[0] = !isZero(s) ? ((f - s) / s) * 100.0 : 0.0;
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

    /** TA-Lib MOM: close minus the close {@code period} bars ago. */
    static final class Mom extends Indicator {
        private final double[] closes;
        private int next;
        private int count;

        Mom(int period) {
            super(1);
            closes = new double[period + 1];
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            int slot = next;
            closes[slot] = close;
            next = slot + 1 == closes.length ? 0 : slot + 1;
            if (count < closes.length && ++count < closes.length) return;
            double before = closes[next]; // the oldest: the close period bars ago
            out[0] = close - before;
        }

        // The same arithmetic as update(), with the ring position in a local for the batch.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] first = outputs[0];
            int i = from;
            for (; i < to && count < closes.length; i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                first[i - from + offset] = out[0];
            }
            final double[] ring = closes;
            final int capacity = ring.length;
            final int period = capacity - 1;
            int slot = next;
            double last = out[0];
            // while the close period bars ago is not in this batch's input, it comes from the ring
            for (; i < to && i - period < from; i++) {
                double x = close[i];
                ring[slot] = x;
                slot = slot + 1 == capacity ? 0 : slot + 1;
                double before = ring[slot];
                last = x - before;
                first[i - from + offset] = last;
            }
            // then straight from the input (the same values the ring would hold)
            final int direct = i;
            for (; i < to; i++) {
                double x = close[i];
                double before = close[i - period];
                last = x - before;
                first[i - from + offset] = last;
            }
            // leave the ring as the updates would have: the last closes in their slots
            int written = to - direct;
            int replay = Math.min(written, capacity);
            slot = (int) ((slot + (long) (written - replay)) % capacity);
            for (int t = to - replay; t < to; t++) {
                ring[slot] = close[t];
                slot = slot + 1 == capacity ? 0 : slot + 1;
            }
            next = slot;
            out[0] = last;
        }
    }

    /** TA-Lib ROC: percent change from the close {@code period} bars ago (0 when that close is 0). */
    static final class Roc extends Indicator {
        private final double[] closes;
        private int next;
        private int count;

        Roc(int period) {
            super(1);
            closes = new double[period + 1];
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            int slot = next;
            closes[slot] = close;
            next = slot + 1 == closes.length ? 0 : slot + 1;
            if (count < closes.length && ++count < closes.length) return;
            double before = closes[next]; // the oldest: the close period bars ago
            out[0] = before != 0.0 ? ((close / before) - 1.0) * 100.0 : 0.0;
        }

        // The same arithmetic as update(), with the ring position in a local for the batch.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] first = outputs[0];
            int i = from;
            for (; i < to && count < closes.length; i++) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                first[i - from + offset] = out[0];
            }
            final double[] ring = closes;
            final int capacity = ring.length;
            final int period = capacity - 1;
            int slot = next;
            double last = out[0];
            // while the close period bars ago is not in this batch's input, it comes from the ring
            for (; i < to && i - period < from; i++) {
                double x = close[i];
                ring[slot] = x;
                slot = slot + 1 == capacity ? 0 : slot + 1;
                double before = ring[slot];
                last = before != 0.0 ? ((x / before) - 1.0) * 100.0 : 0.0;
                first[i - from + offset] = last;
            }
            // then straight from the input (the same values the ring would hold)
            final int direct = i;
            for (; i < to; i++) {
                double x = close[i];
                double before = close[i - period];
                last = before != 0.0 ? ((x / before) - 1.0) * 100.0 : 0.0;
                first[i - from + offset] = last;
            }
            // leave the ring as the updates would have: the last closes in their slots
            int written = to - direct;
            int replay = Math.min(written, capacity);
            slot = (int) ((slot + (long) (written - replay)) % capacity);
            for (int t = to - replay; t < to; t++) {
                ring[slot] = close[t];
                slot = slot + 1 == capacity ? 0 : slot + 1;
            }
            next = slot;
            out[0] = last;
        }
    }

    /** TA-Lib TRIX: one-bar percent change of a triple SMA-seeded EMA. */
    static final class Trix extends Indicator {
        private final SeededEma first;
        private final SeededEma second;
        private final SeededEma third;
        private double previous = Double.NaN;

        Trix(int period) {
            super(1);
            first = new SeededEma(period);
            second = new SeededEma(period);
            third = new SeededEma(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double e3 = third.update(second.update(first.update(close)));
            if (e3 != e3) return;
            if (previous == previous) out[0] = previous != 0.0 ? ((e3 / previous) - 1.0) * 100.0 : 0.0;
            previous = e3;
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
     * True strength index: 100 x EMA(EMA(change, long), short) / EMA(EMA(|change|, long), short), and an
     * EMA(signal) of it. EMAs are SMA-seeded (TA-Lib convention; charting packages seed with the first
     * value, so early values differ until the seed has decayed). Outputs: tsi, signal.
     */
    static final class Tsi extends Indicator {
        private final SeededEma changeLong;
        private final SeededEma changeShort;
        private final SeededEma absLong;
        private final SeededEma absShort;
        private final SeededEma signal;
        private boolean started;
        private double previousClose;

        Tsi(int longPeriod, int shortPeriod, int signalPeriod) {
            super(2);
            changeLong = new SeededEma(longPeriod);
            changeShort = new SeededEma(shortPeriod);
            absLong = new SeededEma(longPeriod);
            absShort = new SeededEma(shortPeriod);
            signal = new SeededEma(signalPeriod);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (!started) {
                started = true;
                previousClose = close;
                return;
            }
            double change = close - previousClose;
            previousClose = close;
            double numerator = changeShort.update(changeLong.update(change));
            double denominator = absShort.update(absLong.update(Math.abs(change)));
            if (denominator != denominator) return;
            double tsi = denominator != 0.0 ? 100.0 * (numerator / denominator) : 0.0;
            double signalValue = signal.update(tsi);
            if (signalValue != signalValue) return;
            out[0] = tsi;
            out[1] = signalValue;
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

    /** Awesome oscillator: SMA(median price, fast) - SMA(median price, slow). */
    static final class Awesome extends Indicator {
        private final RollingSma fastSma;
        private final RollingSma slowSma;

        Awesome(int fast, int slow) {
            super(1);
            fastSma = new RollingSma(fast);
            slowSma = new RollingSma(slow);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double median = (high + low) / 2;
            double f = fastSma.update(median);
            double s = slowSma.update(median);
            if (s == s) out[0] = f - s;
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

    /** Detrended price oscillator: the close {@code period/2 + 1} bars ago minus today's SMA(period). */
    static final class Dpo extends Indicator {
        private final int lag;
        private final DoubleRing closes;
        private final RollingSma sma;

        Dpo(int period) {
            super(1);
            lag = period / 2 + 1;
            closes = new DoubleRing(lag + 1);
            sma = new RollingSma(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            closes.push(close);
            double average = sma.update(close);
            if (average == average) out[0] = closes.get(lag) - average;
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
