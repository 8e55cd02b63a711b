package io.gpubot.live.exec;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.trade.Side;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.live.Journal;
import io.gpubot.live.Journal.LivePosition;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.risk.RiskLimits;
import io.gpubot.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.gpubot.live.exec.LiveTestMarket.DIP;
import static io.gpubot.live.exec.LiveTestMarket.FIRST_LIVE_BAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A round trip over 127.0.0.1 with the sandbox leaving the stop attached by {@code /api/v1/st-orders} out of
 * {@code GET /api/v1/stopOrders} ({@code --attached-stops unlisted}), then listing it: the executor places its own
 * stop, makes the two one as soon as it can see both, and leaves nothing resting after the stop closed the
 * position. The numbers are {@link LiveExecutorTest}'s: 290 contracts at 40 040, stop-loss 39 439.4.
 */
class AttachedStopSandboxTest {

    static final double STOP = 39_439.4;

    @TempDir
    Path dir;

    final List<SessionEvent> events = new ArrayList<>();

    private static double level(Map<String, Object> order) {
        return Double.parseDouble(String.valueOf(order.get("stopPrice")));
    }

    @Test
    void anUnlistedAttachedStopIsDoubledByOursUntilListedThenOneStopClosesThePositionAndNothingIsLeft() {
        try (Sandbox sandbox = Sandbox.builder(DIP, LiveTestMarket.XBT).from(DIP.time(FIRST_LIVE_BAR)).startBalance(10_000)
                .attachedStopsListed(false).start();
             KucoinRestClient client = LiveTestMarket.client(sandbox);
             Journal journal = Journal.open(dir.resolve("live.db"))) {
            Bot bot = LiveTestMarket.bot();
            LiveExecutor executor = LiveTestMarket.executor(sandbox, client, bot, journal, RiskLimits.DEFAULT, events::add);
            assertThat(executor.onDecision(LiveTestMarket.runner(bot), DIP.time(FIRST_LIVE_BAR - 1), Side.LONG, false, true,
                    DIP.close(FIRST_LIVE_BAR - 1)).entry().filled()).isTrue();
            String attached = journal.exchangeOrders().get(0).clientOid() + "-sl";

            // not seen, so ours is placed: one stop in the list, the attached one resting beside it unseen
            assertThat(sandbox.exchange().listedStopOrders()).singleElement().satisfies(o -> {
                assertThat(o.get("clientOid")).isNotEqualTo(attached);
                assertThat(level(o)).isEqualTo(STOP);
            });
            assertThat(sandbox.exchange().activeOrders(true)).extracting(o -> o.get("clientOid")).hasSize(2).contains(attached);

            sandbox.exchange().listAttachedStops(true);
            executor.onPrice(sandbox.now(), 40_000);

            assertThat(sandbox.exchange().activeOrders(true)).as("both at the rule's level: ours, the current leg, stays").singleElement()
                    .satisfies(o -> {
                        assertThat(o.get("clientOid")).isNotEqualTo(attached);
                        assertThat(level(o)).isEqualTo(STOP);
                    });
            assertThat(events).anyMatch(e -> e.kind() == SessionEvent.Kind.WARNING && e.text().startsWith("two stop-losses rested on the position"));

            sandbox.step(3); // through bar 7, whose low of 39 000 crosses the stop
            assertThat(sandbox.exchange().position()).isEmpty();
            executor.onPrice(sandbox.now(), 39_500);

            LivePosition closed = journal.livePositions().get(0);
            assertThat(closed.exitReason()).isEqualTo("STOP_LOSS");
            assertThat(closed.exitPrice()).isCloseTo(39_399.9, within(1e-6));
            assertThat(LiveTestMarket.protection(sandbox)).as("nothing reduce-only rests after the close").isEmpty();
        }
    }
}
