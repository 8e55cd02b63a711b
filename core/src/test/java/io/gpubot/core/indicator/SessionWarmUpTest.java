package io.gpubot.core.indicator;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.market.Timeframe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session VWAP declares the warm-up a live stream needs to equal a stream that saw all of history:
 * one whole session in bars of the timeframe (its NaN warm-up is 0, which is not enough).
 */
class SessionWarmUpTest {

    static final IndicatorSpec DAILY_VWAP = IndicatorSpec.of(IndicatorType.VWAP, 24);

    @Test
    void aSessionVwapNeedsOneWholeSessionOfBars() {
        assertThat(DAILY_VWAP.warmUp()).isZero();
        assertThat(DAILY_VWAP.warmUp(Timeframe.M1)).isEqualTo(1_440);
        assertThat(DAILY_VWAP.warmUp(Timeframe.H1)).isEqualTo(24);
        assertThat(DAILY_VWAP.warmUp(Timeframe.D1)).isEqualTo(1);
        assertThat(IndicatorSpec.of(IndicatorType.VWAP, 168).warmUp(Timeframe.H4)).isEqualTo(42);
        IndicatorSpec rsi = IndicatorSpec.defaults(IndicatorType.RSI);
        assertThat(rsi.warmUp(Timeframe.M1)).as("types not anchored to a session keep their warm-up").isEqualTo(rsi.warmUp());
    }

    @Test
    void aStreamWarmedUpOnTheDeclaredBarsEqualsTheFullHistoryOneAWarmUpOf200MinutesDoesNot() {
        CandleSeries minutes = SyntheticMarket.bitcoinLike(3).withTimeframe(Timeframe.M1).generate(6_000);
        int live = 5_000;
        assertThat(agreeFrom(minutes, live, DAILY_VWAP.warmUp(Timeframe.M1))).as("warmed up on 1,440 bars").isTrue();
        assertThat(agreeFrom(minutes, live, 200)).as("warmed up on 200 bars: a different session start").isFalse();
    }

    /** Whether a stream fed bars {@code [live - warmUp, end)} gives, from {@code live} on, exactly the values of one fed every bar. */
    private static boolean agreeFrom(CandleSeries s, int live, int warmUp) {
        Indicator full = DAILY_VWAP.newIndicator();
        Indicator late = DAILY_VWAP.newIndicator();
        boolean same = true;
        for (int i = 0; i < s.size(); i++) {
            full.update(s.time(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
            if (i >= live - warmUp) late.update(s.time(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
            if (i >= live) same &= Double.doubleToLongBits(full.value()) == Double.doubleToLongBits(late.value());
        }
        return same;
    }
}
