package io.gpubot.core.indicator;

import java.util.List;

/**
 * The outputs of one spec over a series: {@code output(k)[i]} is output k at bar i, NaN while warming up.
 * The arrays are owned by this value; callers must not change them.
 */
public final class IndicatorValues {

    private final IndicatorSpec spec;
    private final double[][] outputs;

    IndicatorValues(IndicatorSpec spec, double[][] outputs) {
        this.spec = spec;
        this.outputs = outputs;
    }

    public IndicatorSpec spec() {
        return spec;
    }

    public List<String> outputNames() {
        return spec.type().outputs();
    }

    /** Bars covered. */
    public int size() {
        return outputs[0].length;
    }

    /** Output {@code k} for every bar (shared array; read only). */
    public double[] output(int k) {
        return outputs[k];
    }

    /** The named output for every bar (shared array; read only). */
    public double[] output(String name) {
        int k = spec.type().outputIndex(name);
        if (k < 0) throw new IllegalArgumentException(spec.type() + " has no output '" + name + "'; outputs: " + outputNames());
        return outputs[k];
    }

    /** All outputs (shared arrays; read only). */
    public double[][] outputs() {
        return outputs.clone();
    }

    public int outputCount() {
        return outputs.length;
    }

    /**
     * The same values as those of {@code other}, a spec that differs from this one's only in the levels
     * of its rule: what is computed is the same, only the classification differs.
     *
     * @throws IllegalArgumentException when the two specs compute different things
     */
    public IndicatorValues as(IndicatorSpec other) {
        if (!other.computation().equals(spec.computation())) {
            throw new IllegalArgumentException(other + " does not compute the same values as " + spec);
        }
        return new IndicatorValues(other, outputs);
    }
}
