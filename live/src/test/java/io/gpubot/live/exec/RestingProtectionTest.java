package io.gpubot.live.exec;

import io.gpubot.core.trade.Side;
import io.gpubot.live.Journal;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.exec.ExchangePort.OrderReport;
import io.gpubot.live.risk.RiskGuard;
import io.gpubot.live.risk.RiskLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard shows the stops that rest on the exchange whoever placed them (issue 13 item 8): a
 * position protected by an earlier session is not "TP MISSING SL MISSING".
 */
class RestingProtectionTest {

    @TempDir
    Path dir;

    private static LiveExecutor executor(FakeExchange exchange, Journal journal, List<SessionEvent> events) {
        return new LiveExecutor(exchange, LiveTestMarket.bot(), LiveTestMarket.XBT, journal, new RiskGuard(RiskLimits.DEFAULT, LiveTestMarket.XBT),
                events::add, new LiveExecutor.Settings(0.001, 0, 3, 4, Duration.ofMillis(250)), () -> exchange.time, d -> exchange.onPause.run());
    }

    @Test
    void aPositionProtectedByAnEarlierSessionShowsItsRestingStops() {
        FakeExchange exchange = new FakeExchange();
        List<SessionEvent> events = new ArrayList<>();
        try (Journal first = Journal.open(dir.resolve("first.db"))) {
            executor(exchange, first, events).onDecision(LiveTestMarket.runner(LiveTestMarket.bot()), LiveTestMarket.T0, Side.LONG, false, true,
                    40_000);
        }
        try (Journal second = Journal.open(dir.resolve("second.db"))) {
            LiveExecutor later = executor(exchange, second, events);
            assertThat(later.reconcile()).anyMatch(l -> l.contains("that the journal does not know; not touched"));
            ExchangeState s = later.state();
            assertThat(s.side()).isEqualTo("LONG");
            assertThat(s.stopLoss()).as("the stop-loss the first session placed").isEqualTo(ExecutorFailurePathsTest.STOP);
            assertThat(s.takeProfit()).as("the take-profit the first session placed").isEqualTo(ExecutorFailurePathsTest.TAKE);
        }
    }

    private static OrderReport stop(boolean buy, double level, boolean reduceOnly) {
        return new OrderReport("s" + level, "c" + level, buy, true, 10, 0, Double.NaN, reduceOnly, level, Double.NaN);
    }

    private static OrderReport limit(boolean buy, double level) {
        return new OrderReport("l" + level, "d" + level, buy, true, 10, 0, Double.NaN, true, Double.NaN, level);
    }

    @Test
    void theNearestReduceOnlyOrdersOnTheClosingSideAreTheLevels() {
        // a long at 40,000: sell stops below are stop-losses (the nearest counts), a sell limit above a take-profit
        double[] levels = LiveExecutor.restingProtection(true, 40_000,
                List.of(stop(false, 39_000, true), stop(false, 39_500, true), stop(false, 38_000, false), stop(true, 41_000, true)),
                List.of(limit(false, 42_000), limit(false, 41_500), limit(true, 41_000)));
        assertThat(levels).containsExactly(41_500, 39_500);
        // a short at 40,000: buy stops above are stop-losses, a buy stop below is a take-profit trigger
        double[] shortLevels = LiveExecutor.restingProtection(false, 40_000, List.of(stop(true, 40_800, true), stop(true, 39_200, true)), List.of());
        assertThat(shortLevels).containsExactly(39_200, 40_800);
        assertThat(LiveExecutor.restingProtection(true, 40_000, List.of(), List.of())).containsExactly(Double.NaN, Double.NaN);
    }
}
