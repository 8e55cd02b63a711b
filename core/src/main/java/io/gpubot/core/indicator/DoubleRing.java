package io.gpubot.core.indicator;

/** A fixed-capacity ring of the latest doubles; {@code get(0)} is the newest. */
final class DoubleRing {

    private final double[] values;
    private int next;
    private int size;

    DoubleRing(int capacity) {
        values = new double[capacity];
    }

    void push(double value) {
        values[next] = value;
        next = next + 1 == values.length ? 0 : next + 1;
        if (size < values.length) size++;
    }

    /** The value pushed {@code ago} pushes before the newest; {@code ago < size()}. */
    double get(int ago) {
        int index = next - 1 - ago;
        if (index < 0) index += values.length;
        return values[index];
    }

    int size() {
        return size;
    }

    int capacity() {
        return values.length;
    }

    boolean isFull() {
        return size == values.length;
    }

    /** Highest of the newest {@code count} values. */
    double max(int count) {
        double best = get(0);
        for (int ago = 1; ago < count; ago++) {
            double v = get(ago);
            if (v > best) best = v;
        }
        return best;
    }

    /** Lowest of the newest {@code count} values. */
    double min(int count) {
        double best = get(0);
        for (int ago = 1; ago < count; ago++) {
            double v = get(ago);
            if (v < best) best = v;
        }
        return best;
    }
}
