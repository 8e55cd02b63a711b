package io.gpubot.live;

/**
 * What a screen may do with a running session: look at it and stop it. Thread-safe; the session's
 * engine thread does the work, these calls only ask.
 */
public interface SessionControl {

    /** The session now (never null; the first snapshot exists before the first bar). */
    SessionSnapshot snapshot();

    /** Quit: stop after the bar in progress, leaving positions and exchange orders as they are (a paper session can be resumed). */
    void requestStop();

    /** Kill switch: cancel every order, close every position at market, then stop. */
    void requestKill(String reason);

    /** True once the session has ended (stopped, killed, or its feed ran out). */
    boolean finished();
}
