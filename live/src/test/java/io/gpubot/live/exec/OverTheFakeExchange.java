package io.gpubot.live.exec;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.trade.Side;
import io.gpubot.live.ExecutedDecision;
import io.gpubot.live.Journal;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.risk.RiskGuard;
import io.gpubot.live.risk.RiskLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live executor over the in-memory exchange ({@link FakeExchange}) with its own journal, for the executor's
 * unit tests: decided at 40 000, a long fills at 40 040 (0.1% slippage), 290 contracts by 2% risk of 10 000 USDT,
 * stop-loss 39 439.4 (1.5%), take-profit 41 241.2 (3%). After each test no position stood without a stop-loss.
 */
abstract class OverTheFakeExchange {

    static final long T = LiveTestMarket.T0;
    static final long LOTS = 290;
    static final double FILL = 40_040;
    static final double STOP = 39_439.4;
    static final double TAKE = 41_241.2;
    static final double ENTRY_FEE = LOTS * 0.001 * FILL * 0.0006;

    @TempDir
    Path dir;

    final FakeExchange exchange = new FakeExchange();
    final List<SessionEvent> events = new ArrayList<>();
    final Bot bot = LiveTestMarket.bot();
    final BotRunner runner = LiveTestMarket.runner(bot);
    Journal journal;
    LiveExecutor executor;

    @BeforeEach
    void open() {
        journal = Journal.open(dir.resolve("live.db"));
        executor = newExecutor();
    }

    @AfterEach
    void close() {
        journal.close();
        assertThat(exchange.violations).as("a position never stood without a stop-loss").isEmpty();
    }

    /** A new executor on the same exchange and journal (the process restarted). */
    LiveExecutor newExecutor() {
        LiveExecutor.Settings settings = new LiveExecutor.Settings(0.001, 0, 3, 4, Duration.ofMillis(250));
        return new LiveExecutor(exchange, bot, LiveTestMarket.XBT, journal, new RiskGuard(RiskLimits.DEFAULT, LiveTestMarket.XBT), events::add,
                settings, () -> exchange.time, d -> exchange.onPause.run());
    }

    /** The model decided at 40 000 to enter on {@code side}. */
    ExecutedDecision enter(Side side) {
        return executor.onDecision(runner, T, side, false, true, 40_000);
    }
}
