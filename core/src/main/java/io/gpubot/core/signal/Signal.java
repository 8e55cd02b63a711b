package io.gpubot.core.signal;

/** What a bot's indicators decide at a bar's close. */
public enum Signal {
    BUY(1), SELL(-1), NONE(0);

    private final int direction;

    Signal(int direction) {
        this.direction = direction;
    }

    /** +1, -1 or 0. */
    public int direction() {
        return direction;
    }
}
