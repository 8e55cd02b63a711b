package io.gpubot.core.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandleSeriesTest {

    static final long T0 = 1_700_000_040_000L - 1_700_000_040_000L % 60_000L;  // a minute boundary

    static CandleSeries minutes(long... offsets) {
        CandleSeries.Builder b = CandleSeries.builder(Timeframe.M1);
        for (long k : offsets) {
            double p = 100 + k;
            b.add(T0 + k * 60_000, p, p + 2, p - 1, p + 1, 10 * k);
        }
        return b.build();
    }

    @Test
    void columnsAndCandles() {
        CandleSeries s = minutes(0, 1, 2);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.candle(1)).isEqualTo(new Candle(T0 + 60_000, 101, 103, 100, 102, 10));
        assertThat(s.firstTime()).isEqualTo(T0);
        assertThat(s.lastTime()).isEqualTo(T0 + 120_000);
        assertThat(s.endTime()).isEqualTo(T0 + 180_000);
        assertThat(s.closes()).containsExactly(101, 102, 103);
    }

    @Test
    void slicesShareTheColumnsWithoutCopying() {
        CandleSeries s = minutes(0, 1, 2, 3, 4);
        CandleSeries middle = s.slice(1, 4);
        assertThat(middle.closeColumn()).isSameAs(s.closeColumn());
        assertThat(middle.start()).isEqualTo(1);
        assertThat(middle.size()).isEqualTo(3);
        assertThat(middle.close(0)).isEqualTo(102);
        assertThat(middle.slice(1, 2).close(0)).isEqualTo(103);
        assertThatThrownBy(() -> middle.close(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void betweenSelectsBarsOpeningInTheHalfOpenRange() {
        CandleSeries s = minutes(0, 1, 2, 5, 6);
        CandleSeries part = s.between(T0 + 60_000, T0 + 6 * 60_000);
        assertThat(part.size()).isEqualTo(3);
        assertThat(part.firstTime()).isEqualTo(T0 + 60_000);
        assertThat(part.lastTime()).isEqualTo(T0 + 5 * 60_000);
        assertThat(s.between(T0 + 3 * 60_000, T0 + 5 * 60_000).isEmpty()).isTrue();
        assertThat(s.between(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(s);
        assertThat(part.ceilingIndex(T0 + 3 * 60_000)).isEqualTo(2);
        assertThat(part.indexOf(T0 + 2 * 60_000)).isEqualTo(1);
        assertThat(part.indexOf(T0 + 3 * 60_000)).isEqualTo(-1);
    }

    @Test
    void gapsAreCountedNotFilled() {
        CandleSeries s = minutes(0, 1, 4, 5, 6, 9);
        Gaps g = s.gaps();
        assertThat(g.count()).isEqualTo(2);
        assertThat(g.missingBars()).isEqualTo(4);
        assertThat(g.largestMissing()).isEqualTo(2);
        assertThat(g.largestGapStart()).isEqualTo(T0 + 2 * 60_000);
        assertThat(s.size()).isEqualTo(6);
        assertThat(minutes(0, 1, 2).gaps()).isEqualTo(Gaps.NONE);
        assertThat(s.slice(2, 5).gaps()).isEqualTo(Gaps.NONE);
        assertThat(g.describe(Timeframe.M1)).isEqualTo("2 gaps, 4 bars missing, largest 2 bars (2m) from " + java.time.Instant.ofEpochMilli(T0 + 2 * 60_000));
        assertThat(Gaps.span(4 * 86_400_000L)).isEqualTo("4d");
        assertThat(Gaps.span(30 * 3_600_000L + 60_000)).isEqualTo("1d 6h 1m");
        assertThat(Gaps.span(0)).isEqualTo("0m");
    }

    @Test
    void timesMustIncreaseAndAlign() {
        assertThatThrownBy(() -> CandleSeries.builder(Timeframe.M1).add(T0, 1, 1, 1, 1, 0).add(T0, 1, 1, 1, 1, 0).build())
                .hasMessageContaining("not after bar 0");
        assertThatThrownBy(() -> CandleSeries.builder(Timeframe.M1).add(T0 + 1, 1, 1, 1, 1, 0).build())
                .hasMessageContaining("not on a 1m boundary");
    }

    @Test
    void equalityIsByContentAcrossViews() {
        CandleSeries s = minutes(0, 1, 2, 3);
        assertThat(s.slice(1, 3)).isEqualTo(minutes(1, 2)).hasSameHashCodeAs(minutes(1, 2));
        assertThat(s.slice(1, 3).compact()).isEqualTo(s.slice(1, 3));
        assertThat(s.slice(0, 2)).isNotEqualTo(minutes(1, 2));
    }

    @Test
    void candleRulesNameTheField() {
        assertThat(CandleRules.defect(10, 12, 9, 11, 5)).isNull();
        assertThat(CandleRules.defect(10, 8, 9, 9.5, 5)).isEqualTo("high: 8.0 is below low 9.0");
        assertThat(CandleRules.defect(10, 12, 10.5, 11, 5)).isEqualTo("low: 10.5 is above min(open, close) 10.0");
        assertThat(CandleRules.defect(10, 10.5, 9, 11, 5)).isEqualTo("high: 10.5 is below max(open, close) 11.0");
        assertThat(CandleRules.defect(Double.NaN, 12, 9, 11, 5)).isEqualTo("open: not a finite number (NaN)");
        assertThat(CandleRules.defect(10, 12, 9, 11, -1)).isEqualTo("volume: must not be negative, got -1.0");
        assertThat(CandleRules.defect(10, 12, 0, 11, 1)).isEqualTo("low: price must be above 0, got 0.0");
    }
}
