package io.gpubot.core.indicator;

import java.util.List;

import io.gpubot.core.market.CandleSeries;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An indicator type with all its parameter values: what a bot gene holds and what is computed, always.
 * Immutable. The canonical text form lists every parameter by name, e.g.
 * {@code MACD(fast=12,slow=26,signal=9)}; {@link #parse} reads it back and also accepts omitted
 * parameters (defaults) and positional values ({@code RSI(14)}).
 */
public final class IndicatorSpec {

    private final IndicatorType type;
    private final double[] values;

    private IndicatorSpec(IndicatorType type, double[] values) {
        this.type = type;
        this.values = values;
    }

    /**
     * A spec with the given values in the order of {@link IndicatorType#parameters()}.
     *
     * @throws IllegalArgumentException when a value is out of range, not whole for an integer parameter,
     *                                  the count is wrong, or the values violate the type's constraint
     */
    public static IndicatorSpec of(IndicatorType type, double... values) {
        Objects.requireNonNull(type, "type");
        if (values.length != type.parameters().size()) {
            throw new IllegalArgumentException(type + " takes " + type.parameters().size() + " parameters, got "
                    + values.length + "; valid: " + validParameters(type));
        }
        double[] copy = values.clone();
        for (int k = 0; k < copy.length; k++) {
            Parameter parameter = type.parameters().get(k);
            if (!parameter.accepts(copy[k])) {
                throw new IllegalArgumentException(type + ": " + parameter.name() + "=" + Parameter.format(copy[k])
                        + " is not allowed" + (parameter.integer() && copy[k] != Math.rint(copy[k]) ? " (whole numbers only)" : "")
                        + "; valid: " + validParameters(type));
            }
            if (copy[k] == 0.0) copy[k] = 0.0; // one zero: -0.0 and 0.0 must give equal specs
        }
        type.constraintViolation(copy).ifPresent(problem -> {
            throw new IllegalArgumentException(type + ": " + problem + "; valid: " + validParameters(type));
        });
        return new IndicatorSpec(type, copy);
    }

    /** The type with its default parameters. */
    public static IndicatorSpec defaults(IndicatorType type) {
        return of(type, type.defaults());
    }

    /**
     * Reads {@code NAME}, {@code NAME()}, {@code NAME(v1,v2)} or {@code NAME(p=v,...)} (names and type
     * case-insensitive; positional values first, then named ones; omitted ones take their defaults).
     *
     * @throws IllegalArgumentException with the valid parameters and ranges when the text is malformed,
     *                                  names an unknown type or parameter, or a value is not allowed
     */
    public static IndicatorSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        int open = trimmed.indexOf('(');
        String name = open < 0 ? trimmed : trimmed.substring(0, open).trim();
        IndicatorType type = IndicatorType.named(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown indicator '" + name + "' in '" + text + "'; known: "
                        + Arrays.stream(IndicatorType.values()).map(Enum::name).collect(Collectors.joining(", "))));
        double[] values = type.defaults();
        if (open < 0) return of(type, values);
        if (!trimmed.endsWith(")")) {
            throw malformed(text, type, "missing ')'");
        }
        String inside = trimmed.substring(open + 1, trimmed.length() - 1).trim();
        if (inside.isEmpty()) return of(type, values);
        String[] arguments = inside.split(",", -1);
        boolean[] given = new boolean[values.length];
        boolean namedSeen = false;
        for (int position = 0; position < arguments.length; position++) {
            String argument = arguments[position].trim();
            int equals = argument.indexOf('=');
            int index;
            String valueText;
            if (equals < 0) {
                if (namedSeen) throw malformed(text, type, "positional value '" + argument + "' after a named one");
                if (position >= values.length) throw malformed(text, type, "too many values");
                index = position;
                valueText = argument;
            } else {
                namedSeen = true;
                String parameterName = argument.substring(0, equals).trim();
                index = type.parameterIndex(parameterName);
                if (index < 0) throw malformed(text, type, "unknown parameter '" + parameterName + "'");
                valueText = argument.substring(equals + 1).trim();
            }
            if (given[index]) {
                throw malformed(text, type, "parameter '" + type.parameters().get(index).name() + "' given twice");
            }
            given[index] = true;
            try {
                values[index] = Double.parseDouble(valueText);
            } catch (NumberFormatException e) {
                throw malformed(text, type, "'" + valueText + "' is not a number");
            }
            if (!Double.isFinite(values[index])) throw malformed(text, type, "'" + valueText + "' is not a finite number");
        }
        return of(type, values);
    }

    private static IllegalArgumentException malformed(String text, IndicatorType type, String problem) {
        return new IllegalArgumentException("bad indicator spec '" + text + "': " + problem + "; valid for " + type
                + ": " + validParameters(type));
    }

    /** {@code period 2..100 (default 14), oversold 5..50 (default 30)}, or {@code no parameters}. */
    public static String validParameters(IndicatorType type) {
        if (type.parameters().isEmpty()) return "no parameters";
        return type.parameters().stream().map(Parameter::describe).collect(Collectors.joining(", "));
    }

    public IndicatorType type() {
        return type;
    }

    /** The parameter values in the order of {@link IndicatorType#parameters()} (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The value of the named parameter. */
    public double value(String parameter) {
        int index = type.parameterIndex(parameter);
        if (index < 0) throw new IllegalArgumentException(type + " has no parameter '" + parameter + "'; valid: " + validParameters(type));
        return values[index];
    }

    /** Parameter names to values, in declaration order. */
    public Map<String, Double> parameterMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int k = 0; k < values.length; k++) map.put(type.parameters().get(k).name(), values[k]);
        return map;
    }

    /** Bars at the start of a series whose outputs are NaN. */
    public int warmUp() {
        return type.warmUp(values);
    }

    /**
     * Bars of history a stream must see before its values equal those of a stream that saw all of
     * history, on bars of {@code timeframe}: the NaN warm-up, and for a session-anchored type (VWAP) one
     * whole session, so that the last session start lies inside the warm-up.
     */
    public int warmUp(io.gpubot.core.market.Timeframe timeframe) {
        int hours = type.sessionHours(values);
        if (hours == 0) return warmUp();
        long sessionBars = Math.max(1, (hours * 3_600_000L + timeframe.millis() - 1) / timeframe.millis());
        return (int) Math.max(warmUp(), sessionBars);
    }

    /** A fresh streaming indicator for this spec. */
    public Indicator newIndicator() {
        return type.create(values);
    }

    /** All outputs of this spec over the series (batch form of the same code). */
    public IndicatorValues compute(CandleSeries series) {
        return new IndicatorValues(this, newIndicator().run(series));
    }

    /**
     * The spec of what is computed: this one with every level of the classification rule at its default.
     * Specs that differ only in their levels ({@code RSI(14,30,70)} and {@code RSI(14,25,75)}) have the
     * same computation and the same values.
     */
    public IndicatorSpec computation() {
        List<Parameter> parameters = type.parameters();
        double[] v = values.clone();
        boolean changed = false;
        for (int i = 0; i < v.length; i++) {
            if (parameters.get(i).level() && v[i] != parameters.get(i).defaultValue()) {
                v[i] = parameters.get(i).defaultValue();
                changed = true;
            }
        }
        return changed ? new IndicatorSpec(type, v) : this;
    }

    /** The canonical form, e.g. {@code RSI(period=14,oversold=30,overbought=70)}; {@code AD} without parameters. */
    @Override
    public String toString() {
        if (values.length == 0) return type.name();
        StringBuilder text = new StringBuilder(type.name()).append('(');
        for (int k = 0; k < values.length; k++) {
            if (k > 0) text.append(',');
            text.append(type.parameters().get(k).name().toLowerCase(Locale.ROOT)).append('=').append(Parameter.format(values[k]));
        }
        return text.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndicatorSpec other && other.type == type && Arrays.equals(other.values, values);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(values);
    }
}
