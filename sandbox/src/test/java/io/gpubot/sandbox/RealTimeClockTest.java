package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpubot.core.market.CandleSeries;
import org.junit.jupiter.api.Test;

/** With a speed the clock runs by itself; the test waits for it without asserting how long it takes. */
class RealTimeClockTest {

    @Test
    void atASpeedTheReplayAdvancesWithoutBeingStepped() throws Exception {
        CandleSeries bars = TestMarket.BTC_4H;
        // 100 000 times real time: eight hours of replay in about 0.3 s; the data lasts 86 s.
        try (Sandbox sandbox = Sandbox.builder(bars, TestMarket.XBT).from(bars.time(10)).speed(100_000).start()) {
            for (int i = 0; i < 200 && sandbox.now() < bars.time(12); i++) {
                Thread.sleep(50);
            }
            assertThat(sandbox.now()).isGreaterThanOrEqualTo(bars.time(12));
            Exchange.Quote quote = sandbox.exchange().quote();
            int bar = bars.indexOf(bars.timeframe().floor(quote.time()));
            assertThat(quote.price()).isIn(bars.open(bar), bars.low(bar), bars.high(bar), bars.close(bar));
        }
    }
}
