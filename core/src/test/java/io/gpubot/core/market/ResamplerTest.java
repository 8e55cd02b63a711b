package io.gpubot.core.market;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResamplerTest {

    static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void minutesToFiveMinutesDropsPartialFirstAndLastBuckets() {
        CandleSeries.Builder b = CandleSeries.builder(Timeframe.M1);
        // 12:03 and 12:04 belong to a bucket that opened before the data: dropped.
        b.add(at("2024-01-01T12:03:00Z"), 10, 11, 9, 10, 1);
        b.add(at("2024-01-01T12:04:00Z"), 10, 12, 10, 11, 1);
        // 12:05 .. 12:09: a full bucket.
        b.add(at("2024-01-01T12:05:00Z"), 11, 13, 10.5, 12, 2);
        b.add(at("2024-01-01T12:06:00Z"), 12, 12.5, 11, 11.5, 3);
        b.add(at("2024-01-01T12:07:00Z"), 11.5, 14, 11.5, 13.5, 4);
        b.add(at("2024-01-01T12:08:00Z"), 13.5, 13.5, 8, 9, 5);
        b.add(at("2024-01-01T12:09:00Z"), 9, 10, 8.5, 9.5, 6);
        // 12:10 .. 12:14 with 12:12 missing: built from the four bars it has.
        b.add(at("2024-01-01T12:10:00Z"), 9.5, 10, 9, 9.8, 1);
        b.add(at("2024-01-01T12:11:00Z"), 9.8, 11, 9.7, 10.9, 1);
        b.add(at("2024-01-01T12:13:00Z"), 10.9, 11.2, 10.1, 10.2, 1);
        b.add(at("2024-01-01T12:14:00Z"), 10.2, 10.4, 10, 10.3, 1);
        // 12:15 .. 12:17: the series ends before the bucket closes: dropped.
        b.add(at("2024-01-01T12:15:00Z"), 10.3, 10.5, 10.2, 10.4, 1);
        b.add(at("2024-01-01T12:16:00Z"), 10.4, 10.6, 10.3, 10.5, 1);
        b.add(at("2024-01-01T12:17:00Z"), 10.5, 10.7, 10.4, 10.6, 1);

        CandleSeries five = Resampler.resample(b.build(), Timeframe.M5);

        assertThat(five.size()).isEqualTo(2);
        assertThat(five.candle(0)).isEqualTo(new Candle(at("2024-01-01T12:05:00Z"), 11, 14, 8, 9.5, 20));
        assertThat(five.candle(1)).isEqualTo(new Candle(at("2024-01-01T12:10:00Z"), 9.5, 11.2, 9, 10.3, 4));
    }

    @Test
    void fourHoursToDaysAlignsToMidnightUtc() {
        CandleSeries.Builder b = CandleSeries.builder(Timeframe.H4);
        long day = at("2024-03-10T00:00:00Z");
        double[][] bars = {
                {100, 105, 99, 104, 10}, {104, 110, 103, 109, 20}, {109, 109, 95, 96, 30},
                {96, 98, 90, 97, 40}, {97, 101, 96, 100, 50}, {100, 102, 99, 101, 60},
                {101, 103, 100, 102, 1}, {102, 104, 101, 103, 2}};
        for (int i = 0; i < bars.length; i++) {
            double[] v = bars[i];
            b.add(day + i * Timeframe.H4.millis(), v[0], v[1], v[2], v[3], v[4]);
        }
        CandleSeries daily = Resampler.resample(b.build(), Timeframe.D1);
        assertThat(daily.size()).isEqualTo(1);
        assertThat(daily.candle(0)).isEqualTo(new Candle(day, 100, 110, 90, 101, 210));
    }

    @Test
    void refusesTargetsThatAreNotWholeMultiples() {
        CandleSeries s = CandleSeries.builder(Timeframe.M5).add(0, 1, 1, 1, 1, 1).build();
        assertThatThrownBy(() -> Resampler.resample(s, Timeframe.M1)).hasMessageContaining("not a whole multiple");
        assertThat(Resampler.resample(s, Timeframe.M5)).isSameAs(s);
        assertThat(Resampler.resample(CandleSeries.empty(Timeframe.M1), Timeframe.H1).isEmpty()).isTrue();
    }

    @Test
    void weeksStartOnMonday() {
        CandleSeries.Builder b = CandleSeries.builder(Timeframe.D1);
        long sunday = at("2024-01-07T00:00:00Z");
        for (int i = 0; i < 9; i++) {  // Sunday .. the Monday after next
            b.add(sunday + i * Timeframe.D1.millis(), 10 + i, 11 + i, 9 + i, 10.5 + i, 1);
        }
        CandleSeries weeks = Resampler.resample(b.build(), Timeframe.W1);
        assertThat(weeks.size()).isEqualTo(1);
        assertThat(weeks.candle(0)).isEqualTo(new Candle(at("2024-01-08T00:00:00Z"), 11, 18, 10, 17.5, 7));
    }
}
