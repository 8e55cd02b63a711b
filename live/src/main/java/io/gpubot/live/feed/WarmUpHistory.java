package io.gpubot.live.feed;

import io.gpubot.core.UserException;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Symbols;
import io.gpubot.core.market.TimeRange;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import io.gpubot.kucoin.KucoinRestClient;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent closed bars a session warms its bots up on before live bars arrive (no orders are
 * placed for them). Bars come from the candle store; what the store lacks is fetched from KuCoin and
 * stored first, so the next session asks the exchange only for what is new.
 *
 * <p>Uses the store from the calling thread only (the store is not thread-safe).
 */
public final class WarmUpHistory {

    private static final Logger log = LoggerFactory.getLogger(WarmUpHistory.class);

    private final CandleStore store;
    private final KucoinRestClient rest;

    /** @param rest the client of the exchange the store is filled from (not closed here) */
    public WarmUpHistory(CandleStore store, KucoinRestClient rest) {
        this.store = Objects.requireNonNull(store, "store");
        this.rest = Objects.requireNonNull(rest, "rest");
    }

    /**
     * The last {@code count} bars of the contract that had closed at {@code before} (epoch ms), oldest
     * first. Fewer when the exchange has no bars for part of that span (before the listing, an outage).
     *
     * @param symbolOrPair {@code XBTUSDTM} or {@code BTC/USDT}
     * @throws io.gpubot.kucoin.KucoinTransportException when the exchange cannot be reached for missing bars
     * @throws io.gpubot.kucoin.KucoinApiException       when the exchange refuses them
     */
    public CandleSeries lastBars(String symbolOrPair, Timeframe timeframe, int count, long before) {
        Objects.requireNonNull(timeframe, "timeframe");
        if (count < 0) throw new IllegalArgumentException("the number of warm-up bars must not be negative, got " + count);
        String symbol = Symbols.toContract(symbolOrPair);
        long end = timeframe.floor(before); // bars opening before this have closed by `before`
        long start = end - count * timeframe.millis();
        if (count == 0) return CandleSeries.empty(timeframe);
        SeriesKey key = SeriesKey.kucoin(symbol, timeframe);
        List<TimeRange> missing = store.missing(key, start, end);
        if (!missing.isEmpty()) fetch(key, missing);
        return store.load(key, start, end);
    }

    /**
     * As {@link #lastBars(String, Timeframe, int, long)}, with the timeframe as a trader types it
     * ({@code 1m}, {@code 4h}, {@code 1hour}, {@code 240}).
     *
     * @throws UserException naming the supported timeframes when {@code timeframe} is not one of them
     */
    public CandleSeries lastBars(String symbolOrPair, String timeframe, int count, long before) {
        Timeframe tf;
        try {
            tf = Timeframe.parse(Objects.requireNonNull(timeframe, "timeframe"));
        } catch (IllegalArgumentException e) {
            throw new UserException("cannot warm up on '" + timeframe + "' bars: KuCoin Futures supports " + Timeframe.supportedLabels());
        }
        return lastBars(symbolOrPair, tf, count, before);
    }

    /** The fewest rows a real page limit is taken to have (KuCoin's docs have said 200 and 500); fewer is a hole. */
    private static final int PLAUSIBLE_PAGE_ROWS = 100;

    private void fetch(SeriesKey key, List<TimeRange> missing) {
        Timeframe tf = key.timeframe();
        // One row of each call is the later bar that proves the page final.
        long pageSpan = (ExchangeFeed.ROWS_PER_CALL - 1) * tf.millis();
        int stored = 0;
        // Rows a call returns, as learned: an exchange that answers fewer than asked (200 rather than 500) keeps
        // the newest of the window, so the span shrinks to what comes back and pages advance by it.
        long pageLimitSpan = pageSpan;
        for (TimeRange range : missing) {
            long from = range.from();
            long span = pageLimitSpan;
            while (from < range.to()) {
                long to = Math.min(range.to(), from + span);
                // klines takes an inclusive end, so this asks for one bar more than the hole: a row is stored
                // only when a later row proves it final, so a bar still forming never enters the store.
                CandleSeries rows = rest.klines(key.symbol(), tf, from, to);
                CandleSeries inRange = rows.between(from, to + tf.millis());
                long asked = (to - from) / tf.millis() + 1;
                if (!inRange.isEmpty() && inRange.time(0) > from && inRange.size() < asked && span > tf.millis()) {
                    // Fewer rows than asked for, and not from the start: a page smaller than the window (learn it),
                    // or a hole in the exchange's data at its start (ask for exactly the part before the rows).
                    long learned = (inRange.size() - 1) * tf.millis();
                    if (inRange.size() >= PLAUSIBLE_PAGE_ROWS && learned < pageLimitSpan) pageLimitSpan = learned;
                    span = Math.max(tf.millis(), Math.min(pageLimitSpan, inRange.time(0) - from - tf.millis()));
                    continue;
                }
                CandleSeries page = inRange.isEmpty() ? inRange : inRange.between(from, Math.min(to, inRange.lastTime()));
                if (!page.isEmpty()) stored += store.upsert(key, page).inserted();
                // Pages advance by the rows that came back (the last one is the proof, not yet stored); an
                // empty answer is a hole in the exchange's data.
                from = inRange.isEmpty() || inRange.lastTime() <= from ? to : inRange.lastTime();
                span = pageLimitSpan;
            }
        }
        log.info("Warm-up: stored {} {} bars fetched from KuCoin", stored, key);
    }
}
