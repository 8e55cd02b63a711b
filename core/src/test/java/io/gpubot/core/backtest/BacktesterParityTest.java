package io.gpubot.core.backtest;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.indicator.TestCandles;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import io.gpubot.core.signal.Consensus;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Trade;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast engine must give exactly the reference stepper's trades and metrics (DESIGN §5, "parity by
 * construction"): record equality compares every double bit for bit.
 */
class BacktesterParityTest {

    static final Contract BTC = Contracts.get("XBTUSDTM");
    static final RunSettings RUN = RunSettings.withBalance(10_000);

    static void assertSame(BacktestResult fast, BacktestResult reference) {
        assertThat(fast.trades()).as(reference.bot().canonical()).isEqualTo(reference.trades());
        assertThat(fast.metrics()).as(reference.bot().canonical()).isEqualTo(reference.metrics());
    }

    @Test
    void aThousandRandomBotsOnNineYearsOfRealBitcoinCandles() {
        CandleSeries btc = TestCandles.btc4h();
        List<Bot> bots = RandomBots.of(BTC).draw(1_000, 20_261_123L);
        Backtester backtester = new Backtester(btc, BTC, RUN);
        List<BacktestResult> fast = backtester.run(bots, 2);

        int trading = 0;
        int trades = 0;
        for (int i = 0; i < bots.size(); i++) {
            BacktestResult reference = Backtester.reference(bots.get(i), btc, BTC, RUN, 0, btc.size());
            assertSame(fast.get(i), reference);
            if (!reference.trades().isEmpty()) trading++;
            trades += reference.trades().size();
        }
        assertThat(trading).as("bots that traded").isGreaterThan(250);
        assertThat(trades).as("trades compared").isGreaterThan(10_000);
        assertThat(fast.stream().flatMap(r -> r.trades().stream()).map(Trade::reason).distinct().collect(Collectors.toSet()))
                .as("every way out of a position was exercised")
                .containsExactlyInAnyOrder(io.gpubot.core.trade.ExitReason.TAKE_PROFIT, io.gpubot.core.trade.ExitReason.STOP_LOSS,
                        io.gpubot.core.trade.ExitReason.SIGNAL, io.gpubot.core.trade.ExitReason.END, io.gpubot.core.trade.ExitReason.LIQUIDATION);
        // Every entry's stop lies nearer than its liquidation price (or the entry is refused), so within a bar the stop fires
        // first: a liquidation happens only where a bar opens at or beyond the liquidation price (rule 5.1), and loses the margin.
        fast.stream().flatMap(r -> r.trades().stream()).filter(t -> t.reason() == io.gpubot.core.trade.ExitReason.LIQUIDATION).forEach(t -> {
            int bar = btc.ceilingIndex(t.exitTime());
            assertThat(btc.time(bar)).isEqualTo(t.exitTime());
            assertThat(t.side().sign() * (btc.open(bar) - t.exitPrice())).as("the open of %s gapped to or beyond the liquidation price", t)
                    .isLessThanOrEqualTo(0);
            assertThat(t.exitFee()).isZero();
        });
        assertThat(backtester.cache().computations()).as("indicator work is shared").isLessThan(backtester.cache().requests());
    }

    @Test
    void windowsWarmUpOnTheBarsBeforeThemAndMatchTheReference() {
        CandleSeries btc = TestCandles.btc4h();
        Backtester backtester = new Backtester(btc, BTC, RUN);
        int[][] windows = {{0, 500}, {3_000, 4_500}, {10_000, 12_000}, {19_000, btc.size()}};
        for (Bot bot : RandomBots.of(BTC).draw(150, 7)) {
            for (int[] w : windows) {
                assertSame(backtester.run(bot, w[0], w[1]), Backtester.reference(bot, btc, BTC, RUN, w[0], w[1]));
            }
        }
    }

    @Test
    void cyclesGivePerWindowResultsEqualToTheReferenceInEachWindow() {
        CandleSeries btc = TestCandles.btc4h();
        Backtester backtester = new Backtester(btc, BTC, RUN);
        List<Cycle> cycles = List.of(new Cycle(2_000, 3_000), new Cycle(8_000, 9_500), new Cycle(15_000, 15_800));
        List<Bot> bots = RandomBots.of(BTC).draw(60, 21);
        List<List<BacktestResult>> results = backtester.runCycles(bots, cycles, 2);
        for (int b = 0; b < bots.size(); b++) {
            assertThat(results.get(b)).hasSize(3);
            for (int c = 0; c < cycles.size(); c++) {
                assertSame(results.get(b).get(c), Backtester.reference(bots.get(b), btc, BTC, RUN, cycles.get(c).from(), cycles.get(c).to()));
                assertThat(results.get(b).get(c).metrics().bars()).isEqualTo(cycles.get(c).bars());
            }
        }
    }

    @Test
    void metricsOnlyGivesTheSameMetricsWithoutTradeLists() {
        CandleSeries btc = TestCandles.btc4h();
        Backtester full = new Backtester(btc, BTC, RUN);
        List<Bot> bots = RandomBots.of(BTC).draw(50, 33);
        List<BacktestResult> withTrades = full.run(bots, 2);
        List<BacktestResult> metricsOnly = full.metricsOnly().run(bots, 2);
        for (int i = 0; i < bots.size(); i++) {
            assertThat(metricsOnly.get(i).metrics()).isEqualTo(withTrades.get(i).metrics());
            assertThat(metricsOnly.get(i).trades()).isEmpty();
        }
        assertThat(withTrades.stream().mapToInt(r -> r.trades().size()).sum()).isPositive();
    }

    @Test
    void aConsensusShareBelowOneTakesTheCountingPath() {
        CandleSeries btc = TestCandles.btc4h();
        Backtester backtester = new Backtester(btc, BTC, RUN);
        SplittableRandom random = new SplittableRandom(3);
        int trades = 0;
        for (Bot unanimous : RandomBots.of(BTC).draw(150, 11)) {
            Bot bot = new Bot(unanimous.name(), unanimous.indicators(), new Consensus(0.5 + 0.1 * random.nextInt(5)),
                    unanimous.leverage(), unanimous.exits(), unanimous.sizing(), null);
            BacktestResult reference = Backtester.reference(bot, btc, BTC, RUN, 0, btc.size());
            assertSame(backtester.run(bot), reference);
            trades += reference.trades().size();
        }
        assertThat(trades).isGreaterThan(1_000);
    }

    @Test
    void minuteBarsWithFundingEveryEightHours() {
        CandleSeries minutes = SyntheticMarket.bitcoinLike(99).generate(60_000);
        Backtester backtester = new Backtester(minutes, BTC, RUN);
        int trades = 0;
        for (Bot bot : RandomBots.of(BTC).draw(200, 5)) {
            BacktestResult reference = Backtester.reference(bot, minutes, BTC, RUN, 0, minutes.size());
            assertSame(backtester.run(bot), reference);
            trades += reference.trades().size();
        }
        assertThat(trades).isGreaterThan(1_000);
    }
}
