package io.gpubot.kucoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The downloader's pages advance by the rows the exchange returned, not by the page size we assume:
 * KuCoin's spec says 500 klines a call, older docs and ccxt 200, and funding history has been reported
 * capped at the newest 100. Whichever end of a range an exchange keeps, no row is skipped, and a real hole
 * costs one empty call.
 */
class PagingByRowsReturnedTest {

    /** An exchange holding rows at {@code times}, answering at most {@code limit} of a range, newest or oldest. */
    static final class LimitedExchange implements HistoryDownloader.RangeFetch {
        final TreeSet<Long> times;
        final int limit;
        final boolean newest;
        final TreeSet<Long> saved = new TreeSet<>();
        int calls;

        LimitedExchange(TreeSet<Long> times, int limit, boolean newest) {
            this.times = times;
            this.limit = limit;
            this.newest = newest;
        }

        @Override
        public HistoryDownloader.Rows fetch(long from, long to) {
            calls++;
            List<Long> inRange = new ArrayList<>(times.subSet(from, to));
            if (inRange.size() > limit) {
                inRange = newest ? inRange.subList(inRange.size() - limit, inRange.size()) : inRange.subList(0, limit);
            }
            if (inRange.isEmpty()) return HistoryDownloader.Rows.NONE;
            saved.addAll(inRange);
            return new HistoryDownloader.Rows(inRange.size(), inRange.get(0), inRange.get(inRange.size() - 1));
        }
    }

    static TreeSet<Long> bars(long step, int count, long holeFrom, long holeTo) {
        TreeSet<Long> t = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            long time = i * step;
            if (time < holeFrom || time >= holeTo) t.add(time);
        }
        return t;
    }

    @Test
    void aPageOfFiveHundredBarsFromAnExchangeThatAnswersTwoHundredLosesNothing() {
        long minute = 60_000;
        for (boolean newest : new boolean[] {true, false}) {
            LimitedExchange exchange = new LimitedExchange(bars(minute, 500, -1, -1), 200, newest);
            long saved = HistoryDownloader.fetchCovering(0, 500 * minute, minute, exchange);
            assertThat(saved).isEqualTo(500);
            assertThat(exchange.saved).isEqualTo(exchange.times);
            assertThat(exchange.calls).as("500 rows in pages of 200").isEqualTo(3);
        }
    }

    @Test
    void aFullPageCostsOneCallAndAHoleOneEmptyCallMore() {
        long minute = 60_000;
        LimitedExchange full = new LimitedExchange(bars(minute, 500, -1, -1), 500, true);
        assertThat(HistoryDownloader.fetchCovering(0, 500 * minute, minute, full)).isEqualTo(500);
        assertThat(full.calls).isEqualTo(1);

        // Bars 100..149 never existed (an exchange outage); the page limit is 200, newest kept.
        LimitedExchange holed = new LimitedExchange(bars(minute, 500, 100 * minute, 150 * minute), 200, true);
        assertThat(HistoryDownloader.fetchCovering(0, 500 * minute, minute, holed)).isEqualTo(450);
        assertThat(holed.saved).isEqualTo(holed.times);
        assertThat(holed.calls).isLessThanOrEqualTo(5);
    }

    @Test
    void theSettlementsOfASpanAreCountedOnTheEightHourGrid() {
        long h8 = 8 * 3_600_000L;
        // 2024-01-01 00:00 .. 2024-01-02 00:00 UTC: 00:00, 08:00, 16:00 (the next day's 00:00 is outside).
        long day = 1_704_067_200_000L;
        assertThat(HistoryDownloader.settlementsIn(new io.gpubot.core.market.TimeRange(day, day + 3 * h8), h8)).isEqualTo(3);
        // From 00:00:00.200: the 00:00 settlement, stamped a few ms late, still falls inside.
        assertThat(HistoryDownloader.settlementsIn(new io.gpubot.core.market.TimeRange(day + 200, day + 3 * h8), h8)).isEqualTo(3);
        assertThat(HistoryDownloader.settlementsIn(new io.gpubot.core.market.TimeRange(day + 1, day + h8 - 1), h8)).isEqualTo(1);
        assertThat(HistoryDownloader.settlementsIn(new io.gpubot.core.market.TimeRange(day + 3_600_000, day + h8), h8)).isZero();
    }

    @Test
    void fundingHistoryCappedAtTheNewestHundredStillComesWhole() {
        long eightHours = 8 * 3_600_000L;
        // Settlements stamped a few milliseconds late, as KuCoin stamps them.
        TreeSet<Long> settlements = new TreeSet<>();
        for (int i = 0; i < 300; i++) settlements.add(i * eightHours + 3 + (i % 5));
        LimitedExchange exchange = new LimitedExchange(settlements, 100, true);
        assertThat(HistoryDownloader.fetchCovering(0, 300 * eightHours, eightHours, exchange)).isEqualTo(300);
        assertThat(exchange.saved).isEqualTo(settlements);
    }
}
