package io.gpubot.evolve;

import io.gpubot.core.market.CandleSeries;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WalkForwardTest {

    @Test
    void rollingFoldsTrainOnOnePartAndTestOnTheNextWithoutOverlap() {
        List<WalkForward.Fold> folds = WalkForward.folds(200, 2_200, 3, false);
        // 2,000 bars in 4 parts of 500
        assertThat(folds).containsExactly(new WalkForward.Fold(200, 700, 700, 1_200), new WalkForward.Fold(700, 1_200, 1_200, 1_700),
                new WalkForward.Fold(1_200, 1_700, 1_700, 2_200));
        for (int k = 0; k < folds.size(); k++) {
            WalkForward.Fold f = folds.get(k);
            assertThat(f.trainTo()).isLessThanOrEqualTo(f.testFrom());
            if (k > 0) assertThat(f.testFrom()).isEqualTo(folds.get(k - 1).testTo());
        }
    }

    @Test
    void anchoredFoldsAllStartAtTheFirstBarAndTheLastTestTakesTheRemainder() {
        List<WalkForward.Fold> folds = WalkForward.folds(200, 2_203, 2, true);
        assertThat(folds).containsExactly(new WalkForward.Fold(200, 867, 867, 1_534), new WalkForward.Fold(200, 1_534, 1_534, 2_203));
    }

    /** Changing every bar from a fold's test part on cannot change what that fold's training chose. */
    @Test
    void noBarOfATestFoldIsSeenByItsTraining() {
        EvolveOptions options = EngineTest.OPTIONS.withFitness(Fitness.EDGE);
        List<WalkForward.Fold> folds = WalkForward.folds(200, 2_500, 2, false);
        WalkForward.Result original = WalkForward.run(EngineTest.CANDLES, EngineTest.BTC, EngineTest.RUN, options, folds, 1);
        CandleSeries changed = scaledFrom(EngineTest.CANDLES, folds.get(0).testFrom(), 1.7);
        WalkForward.Result other = WalkForward.run(changed, EngineTest.BTC, EngineTest.RUN, options, folds, 1);

        assertThat(other.folds().get(0).best().canonical()).isEqualTo(original.folds().get(0).best().canonical());
        assertThat(other.folds().get(0).score()).isEqualTo(original.folds().get(0).score());
        // The test bars did change, and the chained curve covers exactly the test parts.
        assertThat(other.time()).hasSize(2_500 - folds.get(0).testFrom());
        assertThat(other.time()[0]).isEqualTo(EngineTest.CANDLES.time(folds.get(0).testFrom()));
        assertThat(original.equity()[original.equity().length - 1]).isEqualTo(1 + original.returnPct() / 100, org.assertj.core.api.Assertions.within(1e-12));
    }

    /**
     * A copy of {@code s} whose bars from {@code from} on are stretched by {@code factor} around the open of
     * bar {@code from}: another path from there on. The series' columns are shared, so this builds new ones.
     */
    static CandleSeries scaledFrom(CandleSeries s, int from, double factor) {
        int n = s.size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double anchor = s.open(from);
        for (int i = 0; i < n; i++) {
            t[i] = s.time(i);
            o[i] = s.open(i);
            h[i] = s.high(i);
            l[i] = s.low(i);
            c[i] = s.close(i);
            v[i] = s.volume(i);
            if (i < from) continue;
            o[i] = anchor + (o[i] - anchor) * factor;
            c[i] = anchor + (c[i] - anchor) * factor;
            h[i] = Math.max(Math.max(o[i], c[i]), anchor + (h[i] - anchor) * factor);
            l[i] = Math.max(1e-6, Math.min(Math.min(o[i], c[i]), anchor + (l[i] - anchor) * factor));
        }
        return CandleSeries.of(s.timeframe(), t, o, h, l, c, v);
    }
}
