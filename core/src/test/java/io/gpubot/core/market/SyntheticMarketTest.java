package io.gpubot.core.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticMarketTest {

    static final int YEAR_OF_MINUTES = 525_600;

    @Test
    void theSameSeedGivesTheSameSeriesAndAnotherSeedAnother() {
        CandleSeries a = SyntheticMarket.bitcoinLike(7).generate(10_000);
        assertThat(SyntheticMarket.bitcoinLike(7).generate(10_000)).isEqualTo(a);
        assertThat(SyntheticMarket.bitcoinLike(8).generate(10_000)).isNotEqualTo(a);
    }

    @Test
    void aYearOfMinutesIsValidContinuousAndOnTheTick() {
        CandleSeries s = SyntheticMarket.bitcoinLike(42).generate(YEAR_OF_MINUTES);
        assertThat(s.size()).isEqualTo(YEAR_OF_MINUTES);
        assertThat(s.gaps().isEmpty()).isTrue();
        for (int i = 0; i < s.size(); i++) {
            assertThat(CandleRules.defect(s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i))).isNull();
            if (i > 0) assertThat(s.open(i)).isEqualTo(s.close(i - 1));
            assertThat(Math.abs(s.close(i) * 10 - Math.rint(s.close(i) * 10))).isLessThan(1e-6);
        }
    }

    @Test
    void returnsClusterAndHaveFatTailsLikeRealMarkets() {
        CandleSeries s = SyntheticMarket.bitcoinLike(42).generate(200_000);
        int n = s.size() - 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = Math.log(s.close(i + 1) / s.close(i));
        double mean = 0;
        for (double x : r) mean += x;
        mean /= n;
        double m2 = 0;
        double m4 = 0;
        for (double x : r) {
            double d = x - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m4 /= n;
        double kurtosis = m4 / (m2 * m2);
        assertThat(kurtosis).as("kurtosis of 1m log returns").isGreaterThan(4);

        double absMean = 0;
        for (double x : r) absMean += Math.abs(x);
        absMean /= n;
        double cov = 0;
        double var = 0;
        for (int i = 1; i < n; i++) {
            cov += (Math.abs(r[i]) - absMean) * (Math.abs(r[i - 1]) - absMean);
            var += (Math.abs(r[i]) - absMean) * (Math.abs(r[i]) - absMean);
        }
        assertThat(cov / var).as("autocorrelation of |returns| at lag 1").isGreaterThan(0.05);

        double annualised = Math.sqrt(m2 * YEAR_OF_MINUTES);
        assertThat(annualised).as("annualised volatility").isBetween(0.3, 1.5);
    }

    @Test
    void otherTimeframesStartOnTheirGrid() {
        CandleSeries s = SyntheticMarket.bitcoinLike(1).withTimeframe(Timeframe.H4).generate(100);
        assertThat(s.timeframe()).isEqualTo(Timeframe.H4);
        assertThat(s.time(1) - s.time(0)).isEqualTo(Timeframe.H4.millis());
    }
}
