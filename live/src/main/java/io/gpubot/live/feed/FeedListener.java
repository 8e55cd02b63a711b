package io.gpubot.live.feed;

import io.gpubot.core.market.Candle;

/** What a {@link MarketFeed} reports. Called from the feed's threads; implementations must be thread-safe. */
public interface FeedListener {

    /** A final bar (confirmed by the exchange), strictly after every bar reported before. */
    void onClosedBar(Candle bar);

    /**
     * {@link #onClosedBar(Candle)} with what the feed knows of the exchange's clock at delivery:
     * {@code marketTime} is a moment the market is known to have reached (the open time of the newest
     * kline the exchange returned, the close of the newest bar a candle push showed closed), or
     * {@link Long#MIN_VALUE} when the feed knows nothing beyond the bar itself. A session uses it to tell
     * a bar that arrives in time for its decision from one backfilled after an outage.
     */
    default void onClosedBar(Candle bar, long marketTime) {
        onClosedBar(bar);
    }

    /** The latest traded (or mark) price, between bar closes. */
    default void onPrice(long time, double price) {
    }

    /** The connection changed state; {@code detail} says why, in words a trader understands. */
    default void onConnection(ConnectionState state, String detail) {
    }

    /** Something failed that the feed could not recover from by itself; the session should stop. */
    default void onFatal(String message, Throwable cause) {
    }
}
