package io.gpubot.core.signal;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.TestCandles;
import io.gpubot.core.market.CandleSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalSeriesTest {

    @Test
    void carriesTheBatchValuesAndTheStreamingVotes() {
        CandleSeries series = TestCandles.btc4h().slice(0, 2_000);
        IndicatorSpec spec = IndicatorSpec.parse("MACD(12,26,9)");
        SignalSeries signals = SignalSeries.compute(spec, series);
        assertThat(signals.size()).isEqualTo(2_000);
        assertThat(signals.spec()).isEqualTo(spec);
        SignalTracker tracker = new SignalTracker(spec);
        for (int i = 0; i < series.size(); i++) {
            assertThat(tracker.update(series.candle(i))).as("bar %d", i).isEqualTo(signals.votes()[i]);
            assertThat(Double.doubleToRawLongBits(tracker.value(0))).isEqualTo(Double.doubleToRawLongBits(signals.values().output("macd")[i]));
        }
        assertThat(signals.votes()).contains((byte) 1, (byte) -1);
        for (int i = 0; i < spec.warmUp(); i++) assertThat(signals.votes()[i]).isZero();
    }
}
