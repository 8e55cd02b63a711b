package io.gpubot.core.indicator;

/** Levels read from the shape of recent bars. */
final class PriceStructure {

    private PriceStructure() {
    }

    /**
     * Floor pivot points from the previous {@code period} bars (not including the current one): pivot
     * {@code P = (highest high + lowest low + last close) / 3}, {@code R1 = 2P - low}, {@code S1 = 2P - high}.
     * Outputs: pivot, r1, s1.
     */
    static final class PivotPoints extends Indicator {
        private final RollingExtremes window;
        private double previousClose;

        PivotPoints(int period) {
            super(3);
            window = new RollingExtremes(period);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            if (window.isFull()) {
                double h = window.highest;
                double l = window.lowest;
                double pivot = (h + l + previousClose) / 3;
                out[0] = pivot;
                out[1] = 2 * pivot - l;
                out[2] = 2 * pivot - h;
            }
            window.update(high, low);
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
     * Williams fractals: an up fractal is a high strictly above the {@code span} highs on each side, known
     * {@code span} bars later; a down fractal mirrors it on lows. Outputs: the latest up-fractal high and
     * down-fractal low; before the first one is found, the highest high / lowest low of the window.
     */
    static final class Fractals extends Indicator {
        private final int span;
        private final int width;
        private final DoubleRing highs;
        private final DoubleRing lows;
        private boolean upFound;
        private boolean downFound;
        private double up;
        private double down;

        Fractals(int span) {
            super(2);
            this.span = span;
            this.width = 2 * span + 1;
            highs = new DoubleRing(width);
            lows = new DoubleRing(width);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            highs.push(high);
            lows.push(low);
            if (!highs.isFull()) return;
            double centreHigh = highs.get(span);
            double centreLow = lows.get(span);
            boolean isUp = true;
            boolean isDown = true;
            for (int ago = 0; ago < width; ago++) {
                if (ago == span) continue;
                if (highs.get(ago) >= centreHigh) isUp = false;
                if (lows.get(ago) <= centreLow) isDown = false;
            }
            if (isUp) {
                upFound = true;
                up = centreHigh;
            }
            if (isDown) {
                downFound = true;
                down = centreLow;
            }
            out[0] = upFound ? up : highs.max(width);
            out[1] = downFound ? down : lows.min(width);
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

    /** Heikin-Ashi candles. Outputs: open, high, low, close. */
    static final class HeikinAshi extends Indicator {
        private boolean started;
        private double haOpen;
        private double haClose;

        HeikinAshi() {
            super(4);
        }

        @Override
        public void update(long time, double open, double high, double low, double close, double volume) {
            haOpen = started ? (haOpen + haClose) / 2 : (open + close) / 2;
            started = true;
            haClose = (open + high + low + close) / 4;
            out[0] = haOpen;
            out[1] = Math.max(high, Math.max(haOpen, haClose));
            out[2] = Math.min(low, Math.min(haOpen, haClose));
            out[3] = haClose;
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
