package io.gpubot.core.trade;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.SyntheticMarket;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Trader#run}, the batch path with its shortcuts, against {@link Trader#onBar} bar by bar with
 * the same signals: the same trades and the same equity statistics, double for double.
 */
class TraderBatchPathTest {

    static final CandleSeries MINUTES = SyntheticMarket.bitcoinLike(17).generate(40_000);
    static final PreparedBars PREPARED = new PreparedBars(MINUTES, atr(MINUTES));

    static double[] atr(CandleSeries s) {
        double[] a = new double[s.size()];
        Arrays.fill(a, 50.0);
        return a;
    }

    record Outcome(Trader trader, int quietBlocks) {
    }

    static Outcome batch(TradingPlan plan, long[] buy, long[] sell, int from, int to) {
        Trader t = new Trader(plan, RunSettings.withBalance(10_000));
        t.run(PREPARED, from, to, buy, sell);
        t.finish();
        return new Outcome(t, t.quietBlocks);
    }

    static Trader barByBar(TradingPlan plan, long[] buy, long[] sell, int from, int to) {
        Trader t = new Trader(plan, RunSettings.withBalance(10_000));
        for (int i = from; i < to; i++) {
            int signal = (buy[i >>> 6] >>> i & 1) != 0 ? 1 : (sell[i >>> 6] >>> i & 1) != 0 ? -1 : 0;
            t.onBar(MINUTES.time(i), MINUTES.open(i), MINUTES.high(i), MINUTES.low(i), MINUTES.close(i), signal, 50.0);
        }
        t.finish();
        return t;
    }

    static long[][] signals(long seed, double density) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] buy = new long[(MINUTES.size() + 63) / 64];
        long[] sell = new long[buy.length];
        for (int i = 0; i < MINUTES.size(); i++) {
            double u = r.nextDouble();
            if (u < density) buy[i >>> 6] |= 1L << i;
            else if (u < 2 * density) sell[i >>> 6] |= 1L << i;
        }
        return new long[][] {buy, sell};
    }

    static void assertSame(Trader batch, Trader reference) {
        assertThat(batch.trades()).isEqualTo(reference.trades());
        assertThat(batch.balance()).isEqualTo(reference.balance());
        assertThat(batch.bars()).isEqualTo(reference.bars());
        assertThat(batch.barsInPosition()).isEqualTo(reference.barsInPosition());
        EquityRecorder b = batch.equityRecorder();
        EquityRecorder r = reference.equityRecorder();
        assertThat(b.maxDrawdown()).isEqualTo(r.maxDrawdown());
        assertThat(b.maxDrawdownDuration()).isEqualTo(r.maxDrawdownDuration());
        assertThat(b.peak()).isEqualTo(r.peak());
        assertThat(b.lastEquity()).isEqualTo(r.lastEquity());
        assertThat(b.lastTime()).isEqualTo(r.lastTime());
        assertThat(b.dailyEquity()).isEqualTo(r.dailyEquity());
    }

    @Property(tries = 60)
    void batchEqualsBarByBar(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                             @ForAll @IntRange(min = 0, max = 2) int exitWidth,
                             @ForAll @IntRange(min = 0, max = 30_000) int from) {
        double[] tp = {0.004, 0.02, 0.08};
        double[] sl = {0.003, 0.01, 0.04};
        TradingPlan plan = new TradingPlan(Contracts.get("XBTUSDTM"), 2, ExitLevels.fractions(tp[exitWidth], sl[exitWidth]),
                new Sizing(SizingMethod.FIXED_MARGIN, 0.2));
        long[][] s = signals(seed, seed % 2 == 0 ? 0.0005 : 0.01);
        assertSame(batch(plan, s[0], s[1], from, MINUTES.size()).trader(), barByBar(plan, s[0], s[1], from, MINUTES.size()));
    }

    /**
     * Leverage 20 at half the equity with tight stops and a 2% daily loss limit: most days end locked, so
     * the flat stretches whose signals the limit refuses are skipped to the next day; the run ends inside
     * such a day too, so what is pending after it must also match. Dense signals give runs of signal bars,
     * each refused by the limit: the order left by one is dropped before the next bar is skipped.
     */
    @Property(tries = 30)
    void dailyLossLockedDaysSkippedExactly(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                           @ForAll @IntRange(min = 0, max = 30_000) int from,
                                           @ForAll @IntRange(min = 1, max = 1_440) int cutBeforeEnd,
                                           @ForAll boolean dense) {
        TradingPlan tight = new TradingPlan(Contracts.get("XBTUSDTM"), 20, ExitLevels.fractions(0.004, 0.003),
                new Sizing(SizingMethod.FIXED_MARGIN, 0.5));
        RunSettings limited = RunSettings.withBalance(10_000).withLimits(new RiskLimits(100_000, 0.02, 10, 10));
        long[][] s = signals(seed, dense ? 0.3 : 0.01);
        int to = MINUTES.size() - cutBeforeEnd;
        Trader batch = new Trader(tight, limited);
        batch.run(PREPARED, from, to, s[0], s[1]);
        Trader reference = new Trader(tight, limited);
        for (int i = from; i < to; i++) {
            int signal = (s[0][i >>> 6] >>> i & 1) != 0 ? 1 : (s[1][i >>> 6] >>> i & 1) != 0 ? -1 : 0;
            reference.onBar(MINUTES.time(i), MINUTES.open(i), MINUTES.high(i), MINUTES.low(i), MINUTES.close(i), signal, 50.0);
        }
        assertThat(batch.hasPendingOrder()).as("an order pending after the run").isEqualTo(reference.hasPendingOrder());
        batch.finish();
        reference.finish();
        assertSame(batch, reference);
        assertThat(batch.equityRecorder().maxIntrabarDrawdown()).isEqualTo(reference.equityRecorder().maxIntrabarDrawdown());
        assertThat(batch.lockedStretches).as("locked stretches skipped").isPositive();
    }

    @Test
    void longHeldPositionsPassQuietBlocksInOneStep() {
        TradingPlan wide = new TradingPlan(Contracts.get("XBTUSDTM"), 2, ExitLevels.fractions(0.2, 0.1), new Sizing(SizingMethod.FIXED_MARGIN, 0.2));
        long[][] s = signals(5, 0.0002);
        Outcome batch = batch(wide, s[0], s[1], 0, MINUTES.size());
        assertSame(batch.trader(), barByBar(wide, s[0], s[1], 0, MINUTES.size()));
        assertThat(batch.quietBlocks()).as("blocks passed in one step").isGreaterThan(100);
        assertThat(batch.trader().trades()).isNotEmpty();
    }
}
