package io.gpubot.core.indicator;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Types without an outside reference, on small series computed by hand. */
class HandComputedTest {

    private static final long HOUR = 3_600_000L;

    /** Bars (high, low, close, volume) an hour apart starting at {@code firstHour} hours after the epoch. */
    private static CandleSeries bars(long firstHour, double[]... hlcv) {
        int n = hlcv.length;
        long[] time = new long[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = (firstHour + i) * HOUR;
            high[i] = hlcv[i][0];
            low[i] = hlcv[i][1];
            close[i] = hlcv[i][2];
            open[i] = close[i];
            volume[i] = hlcv[i][3];
        }
        return CandleSeries.of(Timeframe.H1, time, open, high, low, close, volume);
    }

    @Test
    void sessionVwapRestartsAtTheSessionBoundary() {
        CandleSeries series = bars(22,
                new double[] {11, 9, 10, 1},   // 22:00, typical 10
                new double[] {13, 11, 12, 3},  // 23:00, typical 12 -> (10 + 36) / 4
                new double[] {21, 19, 20, 2},  // 00:00 next day: new session
                new double[] {31, 29, 30, 0}); // no volume: VWAP unchanged
        double[] vwap = IndicatorSpec.parse("VWAP(session=24)").compute(series).output(0);
        assertThat(vwap).containsExactly(10.0, 11.5, 20.0, 20.0);
        double[] hourly = IndicatorSpec.parse("VWAP(session=1)").compute(series).output(0);
        assertThat(hourly).containsExactly(10.0, 12.0, 20.0, 30.0);
    }

    @Test
    void weeklySessionsStartOnMonday() {
        long sunday = 10 * 24 + 23; // Sunday 1970-01-11 23:00 UTC, in hours since the epoch
        CandleSeries series = bars(sunday,
                new double[] {11, 9, 10, 1},   // Sunday 23:00
                new double[] {21, 19, 20, 1},  // Monday 00:00: a new week
                new double[] {31, 29, 30, 1}); // Monday 01:00: same week
        double[] vwap = IndicatorSpec.parse("VWAP(session=168)").compute(series).output(0);
        assertThat(vwap).containsExactly(10.0, 20.0, 25.0);
    }

    @Test
    void pivotPointsUseThePreviousBars() {
        CandleSeries series = bars(0,
                new double[] {10, 8, 9, 1},
                new double[] {12, 9, 11, 1},
                new double[] {13, 10, 12, 1},
                new double[] {14, 12, 13, 1});
        IndicatorValues pivots = IndicatorSpec.parse("PIVOT(period=2)").compute(series);
        assertThat(pivots.output("pivot")[0]).isNaN();
        assertThat(pivots.output("pivot")[1]).isNaN();
        double p = (12 + 8 + 11) / 3.0;
        assertThat(pivots.output("pivot")[2]).isCloseTo(p, within(1e-12));
        assertThat(pivots.output("r1")[2]).isCloseTo(2 * p - 8, within(1e-12));
        assertThat(pivots.output("s1")[2]).isCloseTo(2 * p - 12, within(1e-12));
        double q = (13 + 9 + 12) / 3.0;
        assertThat(pivots.output("pivot")[3]).isCloseTo(q, within(1e-12));
        assertThat(pivots.output("r1")[3]).isCloseTo(2 * q - 9, within(1e-12));
        assertThat(pivots.output("s1")[3]).isCloseTo(2 * q - 13, within(1e-12));
    }

    @Test
    void fractalsAreConfirmedSpanBarsLater() {
        CandleSeries series = bars(0,
                new double[] {1, 0.5, 1, 1},
                new double[] {2, 0.4, 1, 1},
                new double[] {5, 0.1, 1, 1},   // up fractal (5) and down fractal (0.1), known at bar 4
                new double[] {3, 0.3, 1, 1},
                new double[] {2, 0.4, 1, 1},
                new double[] {4, 0.6, 1, 1},
                new double[] {4, 0.7, 1, 1},   // equal highs: not a fractal
                new double[] {3, 0.2, 1, 1},
                new double[] {2, 0.3, 1, 1},
                new double[] {1, 0.5, 1, 1});  // down fractal 0.2 at bar 7, known at bar 9
        IndicatorValues fractals = IndicatorSpec.parse("FRACTAL(span=2)").compute(series);
        double[] up = fractals.output("up");
        double[] down = fractals.output("down");
        for (int i = 0; i < 4; i++) {
            assertThat(up[i]).isNaN();
            assertThat(down[i]).isNaN();
        }
        assertThat(up[4]).isEqualTo(5.0);
        assertThat(down[4]).isEqualTo(0.1);
        assertThat(up[8]).isEqualTo(5.0);
        assertThat(down[8]).isEqualTo(0.1);
        assertThat(down[9]).isEqualTo(0.2);
    }

    @Test
    void fractalLevelsBeforeTheFirstFractalAreTheWindowExtremes() {
        CandleSeries series = bars(0,
                new double[] {1, 0.1, 1, 1},
                new double[] {2, 0.2, 1, 1},
                new double[] {3, 0.3, 1, 1},
                new double[] {4, 0.4, 1, 1},
                new double[] {5, 0.5, 1, 1});
        IndicatorValues fractals = IndicatorSpec.parse("FRACTAL(span=2)").compute(series);
        assertThat(fractals.output("up")[4]).isEqualTo(5.0);
        assertThat(fractals.output("down")[4]).isEqualTo(0.1);
    }

    @Test
    void volumeOscillatorIsThePercentGapOfTheVolumeAverages() {
        CandleSeries series = bars(0,
                new double[] {1, 1, 1, 10},
                new double[] {1, 1, 1, 20},
                new double[] {1, 1, 1, 30},
                new double[] {1, 1, 1, 60});
        double[] vosc = IndicatorSpec.parse("VOSC(fast=2,slow=4)").compute(series).output(0);
        assertThat(vosc[2]).isNaN();
        assertThat(vosc[3]).isCloseTo(100.0 * (45.0 - 30.0) / 30.0, within(1e-12));
    }
}
