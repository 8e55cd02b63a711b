package io.gpubot.live.feed;

/**
 * Where a session's market data comes from: closed bars, in time order, each exactly once, and the
 * live price between them. The exchange feed (WebSocket candles confirmed through REST, gaps
 * backfilled) and a candle-file replay are the two kinds.
 *
 * <p>{@link #start} returns at once; the feed calls its listener from its own threads, so a session
 * hands the events to its one engine thread (see {@link FeedListener}).
 */
public interface MarketFeed extends AutoCloseable {

    /**
     * Starts delivering bars that open after {@code afterOpenTime} (the last bar the session already
     * processed, or {@link Long#MIN_VALUE} for none): missing bars up to now are backfilled first.
     */
    void start(long afterOpenTime, FeedListener listener);

    /** Stops delivering and releases connections; no event follows. */
    @Override
    void close();
}
