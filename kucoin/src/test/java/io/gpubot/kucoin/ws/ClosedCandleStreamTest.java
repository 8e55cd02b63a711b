package io.gpubot.kucoin.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosedCandleStreamTest {

    private static final long M = 60_000;
    private static final long T0 = 1_731_898_200_000L;
    private final List<Candle> closed = new ArrayList<>();
    private final List<long[]> gaps = new ArrayList<>();
    private final ClosedCandleStream stream = new ClosedCandleStream(Timeframe.M1, 2_000, new ClosedCandleStream.Listener() {
        @Override
        public void closed(Candle bar) {
            closed.add(bar);
        }

        @Override
        public void gap(long from, long to) {
            gaps.add(new long[] {from, to});
        }
    });

    private static CandleUpdate update(long openTime, double close) {
        return new CandleUpdate("XBTUSDTM", Timeframe.M1, new Candle(openTime, 100, Math.max(100, close), Math.min(100, close), close, 1), openTime + 1);
    }

    @Test
    void aBarIsEmittedOnceWithItsLastStateWhenTheNextStarts() {
        stream.accept(update(T0, 101));
        stream.accept(update(T0, 102));
        assertThat(closed).isEmpty();
        stream.accept(update(T0 + M, 103));
        stream.accept(update(T0, 99));
        stream.accept(update(T0 + M, 104));
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0);
        assertThat(closed.get(0).close()).isEqualTo(102);
        assertThat(gaps).isEmpty();
    }

    @Test
    void missingBarsAreReportedAsAGap() {
        stream.accept(update(T0, 101));
        stream.accept(update(T0 + 4 * M, 101));
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0);
        assertThat(gaps).singleElement().isEqualTo(new long[] {T0 + M, T0 + 4 * M});
        stream.accept(update(T0 + 5 * M, 101));
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0, T0 + 4 * M);
        assertThat(gaps).hasSize(1);
    }

    @Test
    void theClockClosesABarInAQuietMarketAfterTheGracePeriod() {
        stream.accept(update(T0, 101));
        stream.onClock(T0 + M + 1_999);
        assertThat(closed).isEmpty();
        stream.onClock(T0 + M + 2_000);
        assertThat(closed).hasSize(1);
        stream.accept(update(T0, 105));
        stream.onClock(T0 + 10 * M);
        assertThat(closed).hasSize(1);
        stream.accept(update(T0 + M, 101));
        assertThat(gaps).isEmpty();
    }

    @Test
    void aLostConnectionDropsTheBarInProgressAndReportsItAsAGap() {
        stream.accept(update(T0, 101));
        stream.accept(update(T0 + M, 101));
        stream.connectionLost();
        stream.accept(update(T0 + 3 * M, 101));
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0);
        assertThat(gaps).singleElement().isEqualTo(new long[] {T0 + M, T0 + 3 * M});
    }

    @Test
    void resumingAfterTheStoredHistoryReportsWhatIsMissingSinceThen() {
        stream.resumeAfter(T0 - 10 * M);
        stream.accept(update(T0, 101));
        assertThat(gaps).singleElement().isEqualTo(new long[] {T0 - 9 * M, T0});
        stream.accept(update(T0 - 10 * M, 101));
        stream.accept(update(T0 + M, 101));
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0);
    }

    @Test
    void otherTimeframesAreIgnored() {
        stream.accept(new CandleUpdate("XBTUSDTM", Timeframe.M5, new Candle(T0, 1, 1, 1, 1, 1), T0));
        stream.accept(update(T0 + M, 101));
        stream.accept(update(T0 + 2 * M, 101));
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0 + M);
    }
}
