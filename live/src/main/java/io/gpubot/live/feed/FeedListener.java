package io.gpubot.live.feed;

import io.gpubot.core.market.Candle;

/** What a {@link MarketFeed} reports. Called from the feed's threads; implementations must be thread-safe. */
public interface FeedListener {

    /** A final bar (confirmed by the exchange), strictly after every bar reported before. */
    void onClosedBar(Candle bar);

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
