package io.gpubot.core.trade;

/** The direction of a position: long profits when the price rises, short when it falls. */
public enum Side {
    LONG(1), SHORT(-1);

    private final int sign;

    Side(int sign) {
        this.sign = sign;
    }

    /** +1 for long, -1 for short: PnL is {@code sign × (exit − entry) × contracts × multiplier}. */
    public int sign() {
        return sign;
    }

    public Side opposite() {
        return this == LONG ? SHORT : LONG;
    }

    /** The side a signal asks for: +1 long, -1 short. */
    public static Side of(int signal) {
        if (signal == 0) throw new IllegalArgumentException("a signal of 0 asks for no side");
        return signal > 0 ? LONG : SHORT;
    }
}
