package io.gpubot.live;

import io.gpubot.live.feed.ConnectionState;

import java.util.List;

/**
 * A trading session at one moment, immutable, for the dashboard: published by the engine thread after
 * every bar and price change, read by the screen at its own pace.
 *
 * @param mode       {@code PAPER} or {@code LIVE} (or {@code REPLAY})
 * @param time       epoch ms of the last price or bar
 * @param price      the last price (NaN before the first)
 * @param barTime    open time of the last closed bar processed ({@link Long#MIN_VALUE} before the first)
 * @param bars       bars processed in the session
 * @param events     the latest events, oldest first
 * @param stopped    true once the session has ended (the screen shows it and waits for a key)
 * @param exchange   a live session's real position and orders on the exchange, one line; {@code null} for paper
 */
public record SessionSnapshot(String session, String mode, String symbol, String timeframe, ConnectionState connection,
                              String connectionDetail, long time, double price, long barTime, long bars,
                              List<BotSnapshot> bots, List<SessionEvent> events, boolean stopped, String exchange) {

    public SessionSnapshot {
        bots = List.copyOf(bots);
        events = List.copyOf(events);
    }

    /** A paper session's snapshot: nothing on an exchange. */
    public SessionSnapshot(String session, String mode, String symbol, String timeframe, ConnectionState connection,
                           String connectionDetail, long time, double price, long barTime, long bars,
                           List<BotSnapshot> bots, List<SessionEvent> events, boolean stopped) {
        this(session, mode, symbol, timeframe, connection, connectionDetail, time, price, barTime, bars, bots, events, stopped, null);
    }
}
