package io.gpubot.core.backtest;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.TestCandles;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.signal.SignalRules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndicatorCacheTest {

    static final CandleSeries BTC = TestCandles.btc4h();

    @Test
    void specsThatDifferOnlyInTheirLevelsShareOneComputation() {
        IndicatorSpec rsi = IndicatorSpec.parse("RSI(period=14,oversold=30,overbought=70)");
        IndicatorSpec tighter = IndicatorSpec.parse("RSI(period=14,oversold=25,overbought=75)");
        IndicatorSpec shorter = IndicatorSpec.parse("RSI(period=7,oversold=25,overbought=75)");
        assertThat(tighter.computation()).isEqualTo(rsi);
        assertThat(shorter.computation()).isEqualTo(IndicatorSpec.parse("RSI(period=7)"));
        assertThat(rsi.compute(BTC).as(tighter).spec()).isEqualTo(tighter);
        assertThatThrownBy(() -> rsi.compute(BTC).as(shorter)).hasMessageContaining("does not compute the same values");

        IndicatorCache cache = new IndicatorCache(BTC, IndicatorCache.DEFAULT_MAX_BYTES);
        cache.prefetch(List.of(rsi, tighter, shorter, rsi), 2);
        assertThat(cache.computations()).as("RSI(14) once for two specs, RSI(7) once").isEqualTo(2);
        assertThat(cache.voteComputations()).isEqualTo(3);

        // The shared values classify exactly as a spec computed on its own.
        VoteBits shared = cache.votes(tighter);
        VoteBits alone = VoteBits.of(SignalRules.votes(tighter, BTC));
        assertThat(shared.bullish()).isEqualTo(alone.bullish());
        assertThat(shared.bearish()).isEqualTo(alone.bearish());
        assertThat(cache.computations()).as("served from the cache").isEqualTo(2);
    }

    @Test
    void theCacheStaysWithinItsBound() {
        long oneSpec = VoteBits.of(new byte[BTC.size()]).bytes();
        IndicatorCache cache = new IndicatorCache(BTC, 2 * oneSpec);
        for (String s : List.of("EMA(10)", "EMA(20)", "EMA(50)", "EMA(100)")) cache.votes(IndicatorSpec.parse(s));
        assertThat(cache.bytes()).isLessThanOrEqualTo(2 * oneSpec);
        cache.votes(IndicatorSpec.parse("EMA(10)"));
        assertThat(cache.computations()).as("EMA(10) was dropped and computed again").isEqualTo(5);
    }
}
