package io.gpubot.app.report;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The held-out line on a backtest chart: drawn where the held-out bars start, on all three panels, and only then. */
class BacktestChartTest {

    private static final int BARS = 400;
    private static final long START = 1_700_000_000_000L / Timeframe.H4.millis() * Timeframe.H4.millis();

    @Test
    void theHeldOutLineStandsAtItsBarAcrossPriceEquityAndDrawdown() throws Exception {
        CandleSeries candles = candles();
        BufferedImage none = chart(candles).render("t", candles, List.of(), OptionalLong.empty());
        BufferedImage quarter = chart(candles).render("t", candles, List.of(), OptionalLong.of(candles.time(BARS / 4)));
        BufferedImage threeQuarters = chart(candles).render("t", candles, List.of(), OptionalLong.of(candles.time(3 * BARS / 4)));

        assertThat(markedColumn(none)).as("no line without a held-out start").isEqualTo(-1);
        int a = markedColumn(quarter);
        int b = markedColumn(threeQuarters);
        assertThat(a).isBetween(none.getWidth() / 5, none.getWidth() / 3);
        assertThat(b).isBetween(2 * none.getWidth() / 3, 4 * none.getWidth() / 5);
        // On every panel (price 520 px, equity 300, drawdown 220, stacked), at the same column: one time axis.
        assertThat(markedColumn(quarter, 0, 520)).isEqualTo(a);
        assertThat(markedColumn(quarter, 520, 820)).isEqualTo(a);
        assertThat(markedColumn(quarter, 820, 1040)).isEqualTo(a);
    }

    @Test
    void aHeldOutStartOutsideTheChartDrawsNothing() throws Exception {
        CandleSeries candles = candles();
        BufferedImage before = chart(candles).render("t", candles, List.of(), OptionalLong.of(candles.time(0) - Timeframe.H4.millis()));
        BufferedImage after = chart(candles).render("t", candles, List.of(), OptionalLong.of(candles.time(BARS - 1) + Timeframe.H4.millis()));
        assertThat(markedColumn(before)).isEqualTo(-1);
        assertThat(markedColumn(after)).isEqualTo(-1);
    }

    private static BacktestChart chart(CandleSeries candles) {
        BacktestChart chart = new BacktestChart();
        for (int i = 0; i < candles.size(); i++) chart.onBarClosed(candles.time(i), candles.close(i), 1_000 + i % 37 - 18);
        return chart;
    }

    private static CandleSeries candles() {
        long[] time = new long[BARS];
        double[] open = new double[BARS], high = new double[BARS], low = new double[BARS], close = new double[BARS], volume = new double[BARS];
        for (int i = 0; i < BARS; i++) {
            time[i] = START + i * Timeframe.H4.millis();
            close[i] = 30_000 + 2_000 * Math.sin(i / 20.0);
            open[i] = close[i] - 50;
            high[i] = close[i] + 100;
            low[i] = open[i] - 100;
            volume[i] = 1;
        }
        return CandleSeries.of(Timeframe.H4, time, open, high, low, close, volume);
    }

    /** The column with the most pixels of the held-out colour (at least 100), or -1. */
    private static int markedColumn(BufferedImage image) {
        return markedColumn(image, 0, image.getHeight());
    }

    /** The column with the most pixels of the held-out colour between rows {@code from} and {@code to} (at least a third of them), or -1. */
    private static int markedColumn(BufferedImage image, int from, int to) {
        int best = -1;
        int most = Math.min(100, (to - from) / 3);
        for (int x = 0; x < image.getWidth(); x++) {
            int n = markedRows(image, x, from, to);
            if (n >= most) {
                most = n;
                best = x;
            }
        }
        return best;
    }

    private static int markedRows(BufferedImage image, int x, int from, int to) {
        int n = 0;
        for (int y = from; y < to; y++) if ((image.getRGB(x, y) & 0xFFFFFF) == (BacktestChart.HELD_OUT.getRGB() & 0xFFFFFF)) n++;
        return n;
    }
}
