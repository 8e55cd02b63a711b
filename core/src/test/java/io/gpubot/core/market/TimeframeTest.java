package io.gpubot.core.market;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeframeTest {

    @Test
    void parsesLabelsKucoinNamesAndGranularities() {
        assertThat(Timeframe.parse("4h")).isEqualTo(Timeframe.H4);
        assertThat(Timeframe.parse("4hour")).isEqualTo(Timeframe.H4);
        assertThat(Timeframe.parse("240")).isEqualTo(Timeframe.H4);
        assertThat(Timeframe.parse(" 1M ".toLowerCase())).isEqualTo(Timeframe.M1);
        assertThat(Timeframe.W1.granularityMinutes()).isEqualTo(10080);
        assertThat(Timeframe.M15.webSocketName()).isEqualTo("15min");
        assertThat(Timeframe.D1.webSocketName()).isEqualTo("1day");
    }

    @Test
    void unknownTimeframeNamesTheSupportedOnes() {
        assertThatThrownBy(() -> Timeframe.parse("3m"))
                .hasMessage("unsupported timeframe '3m'; KuCoin Futures supports 1m 5m 15m 30m 1h 2h 4h 8h 12h 1d 1w");
    }

    @Test
    void barsAlignToUtcBoundariesAndWeeksStartOnMonday() {
        long t = Instant.parse("2024-01-03T13:47:12Z").toEpochMilli();  // a Wednesday
        assertThat(Instant.ofEpochMilli(Timeframe.M15.floor(t))).isEqualTo(Instant.parse("2024-01-03T13:45:00Z"));
        assertThat(Instant.ofEpochMilli(Timeframe.H4.floor(t))).isEqualTo(Instant.parse("2024-01-03T12:00:00Z"));
        assertThat(Instant.ofEpochMilli(Timeframe.D1.floor(t))).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(Timeframe.W1.floor(t))).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(Timeframe.W1.isAligned(Instant.parse("2024-01-08T00:00:00Z").toEpochMilli())).isTrue();
        assertThat(Timeframe.W1.isAligned(Instant.parse("2024-01-04T00:00:00Z").toEpochMilli())).isFalse();
        assertThat(Timeframe.H1.floor(-1)).isEqualTo(-3_600_000L);
    }

    @Test
    void multiples() {
        assertThat(Timeframe.M15.isMultipleOf(Timeframe.M5)).isTrue();
        assertThat(Timeframe.D1.isMultipleOf(Timeframe.H4)).isTrue();
        assertThat(Timeframe.H4.isMultipleOf(Timeframe.D1)).isFalse();
        assertThat(Timeframe.ofMillis(14_400_000L)).contains(Timeframe.H4);
        assertThat(Timeframe.ofMillis(180_000L)).isEmpty();
    }
}
