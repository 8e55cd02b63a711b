package io.gpubot.core.indicator;

/** Volume-based measures. */
final class Volume {

    private Volume() {
    }

    /** Close location value times volume: the money flow of one bar, 0 for a bar without range. */
    static double moneyFlow(double high, double low, double close, double volume) {
        double range = high - low;
        return range > 0.0 ? (((close - low) - (high - close)) / range) * volume : 0.0;
    }

    /**
     * TA-Lib OBV (starting at the first bar's volume, as TA-Lib does) and its SMA. Outputs: obv, sma.
     */
    static final class Obv extends Indicator {
        private final RollingSma sma;
        private boolean started;
        private double obv;
        private double previousClose;

        Obv(int period) {
            super(2);
            sma = new RollingSma(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (!started) {
                started = true;
                obv = volume;
            } else if (close > previousClose) {
                obv += volume;
            } else if (close < previousClose) {
                obv -= volume;
            }
            previousClose = close;
            double average = sma.update(obv);
            if (average == average) {
                out[0] = obv;
                out[1] = average;
            }
        }

        // The same arithmetic as update(), with the running total in locals; the SMA runs over the
        // OBV column afterwards, and OBV is blanked where its SMA is still warming up.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            if (from == to) return;
            final double[] obvColumn = outputs[0];
            double total = obv;
            double prior = previousClose;
            int i = from;
            if (!started) {
                started = true;
                total = volume[i];
                prior = close[i];
                obvColumn[offset] = total;
                i++;
            }
            for (; i < to; i++) {
                double x = close[i];
                if (x > prior) total += volume[i];
                else if (x < prior) total -= volume[i];
                prior = x;
                obvColumn[i - from + offset] = total;
            }
            obv = total;
            previousClose = prior;
            int end = offset + (to - from);
            sma.updateAll(obvColumn, offset, end, outputs[1], offset);
            for (int j = offset; j < end && outputs[1][j] != outputs[1][j]; j++) obvColumn[j] = Double.NaN;
            double average = sma.value();
            if (average == average) {
                out[0] = total;
                out[1] = average;
            }
        }
    }

    /** TA-Lib AD: the Chaikin accumulation/distribution line. */
    static final class AccumulationDistribution extends Indicator {
        private double ad;

        AccumulationDistribution() {
            super(1);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double range = high - low;
            if (range > 0.0) ad += (((close - low) - (high - close)) / range) * volume;
            out[0] = ad;
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

    /** TA-Lib ADOSC: EMA(fast) - EMA(slow) of the A/D line, both seeded with the first A/D value. */
    static final class ChaikinOscillator extends Indicator {
        private final double fastK;
        private final double slowK;
        private final int lookback;
        private int count;
        private double ad;
        private double fastEma;
        private double slowEma;

        ChaikinOscillator(int fast, int slow) {
            super(1);
            fastK = 2.0 / (fast + 1);
            slowK = 2.0 / (slow + 1);
            lookback = Math.max(fast, slow) - 1;
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double range = high - low;
            if (range > 0.0) ad += (((close - low) - (high - close)) / range) * volume;
            if (count++ == 0) {
                fastEma = ad;
                slowEma = ad;
            } else {
                fastEma = (fastK * ad) + ((1.0 - fastK) * fastEma);
                slowEma = (slowK * ad) + ((1.0 - slowK) * slowEma);
            }
            if (count > lookback) out[0] = fastEma - slowEma;
        }

        // The same arithmetic as update(), with the state in locals for the batch.
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            final double[] first = outputs[0];
            int i = from;
            if (i < to && count == 0) {
                update(time[i], open[i], high[i], low[i], close[i], volume[i]);
                first[offset] = out[0];
                i++;
            }
            double a = ad;
            double f = fastEma;
            double s = slowEma;
            int c = count;
            double last = out[0];
            for (; i < to; i++) {
                double h = high[i];
                double l = low[i];
                double x = close[i];
                double range = h - l;
                if (range > 0.0) a += (((x - l) - (h - x)) / range) * volume[i];
                c++;
                f = (fastK * a) + ((1.0 - fastK) * f);
                s = (slowK * a) + ((1.0 - slowK) * s);
                if (c > lookback) last = f - s;
                first[i - from + offset] = last;
            }
            ad = a;
            fastEma = f;
            slowEma = s;
            count = c;
            out[0] = last;
        }
    }

    /** Chaikin money flow: sum of money flow over sum of volume (0 without volume), as Lean. */
    static final class ChaikinMoneyFlow extends Indicator {
        private final int period;
        private final DoubleRing flows;
        private final DoubleRing volumes;

        ChaikinMoneyFlow(int period) {
            super(1);
            this.period = period;
            flows = new DoubleRing(period);
            volumes = new DoubleRing(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            flows.push(moneyFlow(high, low, close, volume));
            volumes.push(volume);
            if (!flows.isFull()) return;
            double flowSum = 0;
            double volumeSum = 0;
            for (int ago = period - 1; ago >= 0; ago--) {
                flowSum += flows.get(ago);
                volumeSum += volumes.get(ago);
            }
            out[0] = volumeSum != 0.0 ? flowSum / volumeSum : 0.0;
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
     * VWAP of the typical price, restarted at each session boundary: sessions of {@code hours} hours
     * counted from Monday 1970-01-05 00:00 UTC, so 24 is the UTC day and 168 the week from Monday (as
     * the 1w timeframe). While a session has no volume it is the bar's typical price.
     */
    static final class SessionVwap extends Indicator {
        private static final long MONDAY = 4 * 86_400_000L;
        private final long sessionMillis;
        private long session = Long.MIN_VALUE;
        private double priceVolume;
        private double volumeSum;

        SessionVwap(int hours) {
            super(1);
            sessionMillis = hours * 3_600_000L;
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            long current = Math.floorDiv(time - MONDAY, sessionMillis);
            if (current != session) {
                session = current;
                priceVolume = 0;
                volumeSum = 0;
            }
            double typical = (high + low + close) / 3;
            priceVolume += typical * volume;
            volumeSum += volume;
            out[0] = volumeSum > 0 ? priceVolume / volumeSum : typical;
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

    /** Volume oscillator: (SMA(volume, fast) - SMA(volume, slow)) / SMA(volume, slow) in percent. */
    static final class VolumeOscillator extends Indicator {
        private final RollingSma fastSma;
        private final RollingSma slowSma;

        VolumeOscillator(int fast, int slow) {
            super(1);
            fastSma = new RollingSma(fast);
            slowSma = new RollingSma(slow);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            double f = fastSma.update(volume);
            double s = slowSma.update(volume);
            if (s == s) out[0] = s != 0.0 ? 100.0 * ((f - s) / s) : 0.0;
        }

        // The two averages run over the volume column (one scratch column per batch), then combine as update().
        @Override
        public void run(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
                        int from, int to, double[][] outputs, int offset) {
            if (from == to) return;
            double[] fast = new double[to - from];
            final double[] result = outputs[0];
            fastSma.updateAll(volume, from, to, fast, 0);
            slowSma.updateAll(volume, from, to, result, offset);
            double last = out[0];
            for (int j = 0; j < fast.length; j++) {
                double s = result[offset + j];
                double f = fast[j];
                if (s == s) last = s != 0.0 ? 100.0 * ((f - s) / s) : 0.0;
                result[offset + j] = last;
            }
            out[0] = last;
        }
    }

}
