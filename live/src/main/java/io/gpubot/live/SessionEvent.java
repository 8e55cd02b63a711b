package io.gpubot.live;

/**
 * Something a trader wants to see in the dashboard's event list: a fill, an exit, a refusal, a
 * reconnect, a warning.
 *
 * @param time epoch ms (wall clock for connection events, bar time for trading events)
 * @param bot  the bot it concerns, or {@code null} for the session
 */
public record SessionEvent(long time, Kind kind, String bot, String text) {

    /** What kind of event, for its colour. */
    public enum Kind { ENTRY, EXIT, ORDER, REFUSAL, FUNDING, CONNECTION, WARNING, ERROR, INFO }
}
