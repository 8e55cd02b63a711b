package io.gpubot.core.indicator;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.signal.SignalRules;
import io.gpubot.core.signal.SignalTracker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * All 50 types, streamed bar by bar and run in batch over the BTC 4h candles: every output at every bar
 * has the same bits, the votes are identical, and outputs are NaN exactly during the warm-up.
 */
class StreamingEqualsBatchTest {

    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void streamingAndBatchAgreeBitForBit(IndicatorType type) {
        CandleSeries series = TestCandles.btc4h();
        IndicatorSpec spec = IndicatorSpec.defaults(type);
        IndicatorValues batch = spec.compute(series);
        byte[] batchVotes = SignalRules.votes(batch, series);

        Indicator streaming = spec.newIndicator();
        SignalTracker tracker = new SignalTracker(spec);
        int warmUp = spec.warmUp();
        int bullish = 0;
        int bearish = 0;
        for (int i = 0; i < series.size(); i++) {
            streaming.update(series.candle(i));
            int vote = tracker.update(series.candle(i));
            for (int k = 0; k < streaming.outputCount(); k++) {
                double live = streaming.value(k);
                double backtest = batch.output(k)[i];
                if (Double.doubleToRawLongBits(live) != Double.doubleToRawLongBits(backtest)) {
                    fail("%s output %d at bar %d: streaming %s, batch %s", spec, k, i, live, backtest);
                }
                if (i < warmUp) assertThat(live).as("%s output %d at bar %d", spec, k, i).isNaN();
                else assertThat(live).as("%s output %d at bar %d", spec, k, i).isNotNaN();
                assertThat(Double.doubleToRawLongBits(tracker.value(k))).isEqualTo(Double.doubleToRawLongBits(live));
            }
            if (vote != batchVotes[i]) fail("%s vote at bar %d: streaming %d, batch %d", spec, i, vote, batchVotes[i]);
            if (i < warmUp) assertThat(vote).as("vote while warming up").isZero();
            if (vote > 0) bullish++;
            if (vote < 0) bearish++;
        }
        assertThat(bullish).as("%s bullish bars", spec).isPositive();
        assertThat(bearish).as("%s bearish bars", spec).isPositive();
    }

    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void aSliceStartsFreshAndMatchesAFreshStream(IndicatorType type) {
        CandleSeries series = TestCandles.btc4h().slice(5_000, 6_000);
        IndicatorSpec spec = IndicatorSpec.defaults(type);
        IndicatorValues batch = spec.compute(series);
        Indicator streaming = spec.newIndicator();
        for (int i = 0; i < series.size(); i++) {
            streaming.update(series.candle(i));
            for (int k = 0; k < streaming.outputCount(); k++) {
                assertThat(Double.doubleToRawLongBits(streaming.value(k)))
                        .as("%s output %d at bar %d", spec, k, i)
                        .isEqualTo(Double.doubleToRawLongBits(batch.output(k)[i]));
            }
        }
    }

    /** The live engine may warm up with a batch over history and then stream: that must change nothing. */
    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void aBatchThenStreamingContinuesExactly(IndicatorType type) {
        CandleSeries series = TestCandles.btc4h().slice(0, 3_000);
        IndicatorSpec spec = IndicatorSpec.defaults(type);
        IndicatorValues whole = spec.compute(series);
        for (int half : new int[] {1, 10, 40, 1_700}) {
            Indicator indicator = spec.newIndicator();
            double[][] head = new double[indicator.outputCount()][half];
            indicator.run(series.timeColumn(), series.openColumn(), series.highColumn(), series.lowColumn(),
                    series.closeColumn(), series.volumeColumn(), series.start(), series.start() + half, head, 0);
            for (int k = 0; k < indicator.outputCount(); k++) {
                for (int i = 0; i < half; i++) {
                    assertThat(Double.doubleToRawLongBits(head[k][i])).as("%s output %d at bar %d of a %d-bar batch", spec, k, i, half)
                            .isEqualTo(Double.doubleToRawLongBits(whole.output(k)[i]));
                }
                assertThat(Double.doubleToRawLongBits(indicator.value(k))).as("%s output %d after a %d-bar batch", spec, k, half)
                        .isEqualTo(Double.doubleToRawLongBits(whole.output(k)[half - 1]));
            }
            for (int i = half; i < series.size(); i++) {
                indicator.update(series.candle(i));
                for (int k = 0; k < indicator.outputCount(); k++) {
                    assertThat(Double.doubleToRawLongBits(indicator.value(k))).as("%s output %d at bar %d after a %d-bar batch", spec, k, i, half)
                            .isEqualTo(Double.doubleToRawLongBits(whole.output(k)[i]));
                }
            }
        }
    }
}
