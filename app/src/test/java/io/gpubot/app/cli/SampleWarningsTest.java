package io.gpubot.app.cli;

import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.Provenance;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.Timeframe;
import io.gpubot.evolve.GenomeBounds;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SampleWarningsTest {

    static Metrics metrics(int bars, int trades) {
        return new Metrics(1000, 1000, 0, 0, 0, 0, 0, 0, -15.9, 0, 0, trades, 0, 0, 0, 0, 0, 0, bars);
    }

    @Test
    void aBotEvolvedOn4hBacktestedOn1mIsWarnedAndOn4hIsNot() {
        Bot random = new GenomeBounds(Contracts.get("XBTUSDTM"), 1, 3, 1, 5).random(new SplittableRandom(3));
        Bot evolved = random.withProvenance(new Provenance("run", 3, "XBTUSDTM", "4h", 0, 1, null, null));
        assertThat(SampleWarnings.timeframe(evolved, Timeframe.M1)).hasValueSatisfying(w -> assertThat(w).contains("evolved on 4h bars")
                .contains("backtested on 1m bars"));
        assertThat(SampleWarnings.timeframe(evolved, Timeframe.H4)).isEmpty();
        assertThat(SampleWarnings.timeframe(random, Timeframe.M1)).isEmpty();
    }

    @Test
    void sixDaysOf4hBarsAreTooFewAndAYearWithTradesIsNot() {
        // 36 bars of 4h = 6 days: the Sharpe of -15.9 the issue saw
        assertThat(SampleWarnings.tinySample(metrics(36, 20), Timeframe.H4)).hasValueSatisfying(w -> assertThat(w).startsWith("warning: 6.0 days and 20 trades"));
        assertThat(SampleWarnings.tinySample(metrics(2190, 9), Timeframe.H4)).isPresent();
        assertThat(SampleWarnings.tinySample(metrics(2190, 10), Timeframe.H4)).isEmpty();
    }
}
