package io.gpubot.live.feed;

/** The market connection as the dashboard shows it. */
public enum ConnectionState {
    CONNECTING,
    /** Fetching missing bars through REST before live bars continue. */
    BACKFILLING,
    LIVE,
    RECONNECTING,
    /** A replay of a candle file: no connection at all. */
    REPLAY,
    CLOSED
}
