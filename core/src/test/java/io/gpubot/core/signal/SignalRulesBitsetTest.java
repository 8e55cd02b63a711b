package io.gpubot.core.signal;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.indicator.IndicatorValues;
import io.gpubot.core.indicator.Parameter;
import io.gpubot.core.indicator.TestCandles;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.SyntheticMarket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The bitset kernel ({@link SignalRules#voteBits}) against the per-bar rule ({@link SignalRules#votes},
 * which calls {@link SignalRules#classify}): for every type, with its defaults, its grid's extremes and
 * random grid draws, on real and synthetic candles, the votes are equal at every bar, including the first
 * bar, the NaN warm-up, flat stretches where outputs repeat, and series that start inside shared columns.
 */
class SignalRulesBitsetTest {

    private static final int RANDOM_DRAWS = 6;

    private static Map<String, CandleSeries> seriesByName;

    private static synchronized Map<String, CandleSeries> series() {
        if (seriesByName == null) {
            Map<String, CandleSeries> all = new LinkedHashMap<>();
            CandleSeries btc = TestCandles.btc4h();
            all.put("BTC 4h", btc);
            all.put("BTC 4h bars 5001..8999 (offset start)", btc.slice(5_001, 9_000));
            all.put("BTC 4h bars 700..764 (65 bars)", btc.slice(700, 765));
            all.put("BTC 4h bar 900 alone", btc.slice(900, 901));
            all.put("synthetic 1m with flat stretches", withFlatStretches(SyntheticMarket.bitcoinLike(7).generate(30_000)));
            all.put("synthetic 1m bars 333..20000 (offset start)", SyntheticMarket.bitcoinLike(11).generate(20_000).slice(333, 20_000));
            seriesByName = all;
        }
        return seriesByName;
    }

    /**
     * Bars 4,000..4,599 repeat one price on positive volume and 9,000..9,299 one price on zero volume, so
     * outputs stay equal from bar to bar (46 of the 50 types tie with the previous bar there) and
     * comparisons meet exact ties.
     */
    private static CandleSeries withFlatStretches(CandleSeries base) {
        int n = base.size();
        long[] time = new long[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = base.time(i);
            open[i] = base.open(i);
            high[i] = base.high(i);
            low[i] = base.low(i);
            close[i] = base.close(i);
            volume[i] = base.volume(i);
        }
        flatten(open, high, low, close, volume, 4_000, 4_600, 25.0);
        flatten(open, high, low, close, volume, 9_000, 9_300, 0.0);
        return CandleSeries.of(base.timeframe(), time, open, high, low, close, volume);
    }

    private static void flatten(double[] open, double[] high, double[] low, double[] close, double[] volume,
                                int from, int to, double barVolume) {
        double price = close[from - 1];
        for (int i = from; i < to; i++) {
            open[i] = price;
            high[i] = price;
            low[i] = price;
            close[i] = price;
            volume[i] = barVolume;
        }
    }

    /** Defaults, every parameter at its grid's lowest and highest value where allowed, then random draws. */
    static List<IndicatorSpec> specs(IndicatorType type) {
        Set<IndicatorSpec> specs = new LinkedHashSet<>();
        specs.add(IndicatorSpec.defaults(type));
        List<Parameter> parameters = type.parameters();
        for (int k = 0; k < parameters.size(); k++) {
            double[] grid = parameters.get(k).grid();
            for (double extreme : new double[] {grid[0], grid[grid.length - 1]}) {
                double[] values = type.defaults();
                values[k] = extreme;
                if (type.constraintViolation(values).isEmpty()) specs.add(IndicatorSpec.of(type, values));
            }
        }
        Random random = new Random(type.ordinal() * 7919L + 1);
        int draws = 0;
        for (int attempt = 0; attempt < 1_000 && draws < RANDOM_DRAWS; attempt++) {
            double[] values = new double[parameters.size()];
            for (int k = 0; k < values.length; k++) {
                double[] grid = parameters.get(k).grid();
                values[k] = grid[random.nextInt(grid.length)];
            }
            if (type.constraintViolation(values).isEmpty() && specs.add(IndicatorSpec.of(type, values))) draws++;
        }
        return new ArrayList<>(specs);
    }

    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void bitsetsEqualTheVotesOfClassifyAtEveryBar(IndicatorType type) {
        List<IndicatorSpec> specs = specs(type);
        assertThat(specs).as("%s specs tried", type).hasSizeGreaterThan(type.parameters().isEmpty() ? 0 : 2);
        long bullish = 0;
        long bearish = 0;
        for (Map.Entry<String, CandleSeries> named : series().entrySet()) {
            CandleSeries candles = named.getValue();
            for (IndicatorSpec spec : specs) {
                IndicatorValues values = spec.compute(candles);
                byte[] expected = SignalRules.votes(values, candles);
                VoteBitsets bits = SignalRules.voteBits(values, candles);
                int words = Math.max(1, (candles.size() + 63) >>> 6);
                assertThat(bits.bullish()).as("%s on %s: bullish words", spec, named.getKey()).hasSize(words);
                assertThat(bits.bearish()).as("%s on %s: bearish words", spec, named.getKey()).hasSize(words);
                for (int i = 0; i < expected.length; i++) {
                    if (bits.voteAt(i) != expected[i]) {
                        fail("%s on %s, bar %d: bitset vote %d, classify %d (outputs %s)", spec, named.getKey(), i,
                                bits.voteAt(i), expected[i], outputsAt(values, i));
                    }
                    if (expected[i] > 0) bullish++;
                    if (expected[i] < 0) bearish++;
                }
                for (int w = 0; w < words; w++) {
                    assertThat(bits.bullish()[w] & bits.bearish()[w]).as("%s on %s: bars both bullish and bearish in word %d", spec, named.getKey(), w).isZero();
                }
                int tail = candles.size() & 63;
                if (tail != 0 || candles.size() == 0) {
                    long pastEnd = -1L << tail;
                    assertThat(bits.bullish()[words - 1] & pastEnd).as("%s on %s: bullish bits past the end", spec, named.getKey()).isZero();
                    assertThat(bits.bearish()[words - 1] & pastEnd).as("%s on %s: bearish bits past the end", spec, named.getKey()).isZero();
                }
            }
        }
        assertThat(bullish).as("%s bullish bars compared", type).isPositive();
        assertThat(bearish).as("%s bearish bars compared", type).isPositive();
    }

    private static String outputsAt(IndicatorValues values, int i) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < values.outputCount(); k++) {
            if (k > 0) text.append(", ");
            text.append(values.outputNames().get(k)).append('=').append(values.output(k)[i]);
            if (i > 0) text.append(" (prev ").append(values.output(k)[i - 1]).append(')');
        }
        return text.toString();
    }
}
