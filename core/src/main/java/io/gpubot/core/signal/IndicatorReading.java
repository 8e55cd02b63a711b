package io.gpubot.core.signal;

import io.gpubot.core.indicator.IndicatorSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One indicator's line in a consensus breakdown: its spec (name and parameters), its output values at the
 * bar and its vote (+1, -1, 0).
 */
public record IndicatorReading(IndicatorSpec spec, double[] values, int vote) {

    public IndicatorReading {
        values = values.clone();
        if (vote < -1 || vote > 1) throw new IllegalArgumentException("vote must be -1, 0 or 1: " + vote);
    }

    public String name() {
        return spec.type().name();
    }

    public Map<String, Double> parameters() {
        return spec.parameterMap();
    }

    /** Output names to values at the bar. */
    public Map<String, Double> outputs() {
        Map<String, Double> map = new LinkedHashMap<>();
        List<String> names = spec.type().outputs();
        for (int k = 0; k < names.size(); k++) map.put(names.get(k), values[k]);
        return map;
    }

    /** The primary output. */
    public double value() {
        return values[0];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndicatorReading r && r.spec.equals(spec) && java.util.Arrays.equals(r.values, values) && r.vote == vote;
    }

    @Override
    public int hashCode() {
        return spec.hashCode() * 31 + vote;
    }

    @Override
    public String toString() {
        return spec + " " + outputs() + " vote " + vote;
    }
}
