package io.gpubot.core.indicator;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * A named parameter of an indicator type: an integer (periods) or a real number (multipliers, rule
 * levels), with its default, the inclusive range a spec may use, and the grid of values the genetic
 * algorithm draws from.
 *
 * @param name         the name used in specs, e.g. {@code period}
 * @param integer      whether only whole numbers are allowed
 * @param defaultValue the value an omitted parameter takes
 * @param min          smallest allowed value
 * @param max          largest allowed value
 * @param grid         the values the GA samples, ascending, all within {@code [min, max]}
 * @param level        whether this is a level of the classification rule (not used by the computation)
 */
public record Parameter(String name, boolean integer, double defaultValue, double min, double max,
                        double[] grid, boolean level) {

    /** The periods traders use; integer grids are these, clipped to the parameter's range. */
    static final int[] TRADER_PERIODS = {5, 7, 9, 10, 12, 14, 20, 21, 26, 30, 50, 100, 200};

    public Parameter {
        if (!(min <= defaultValue && defaultValue <= max)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
        }
        grid = grid.clone();
    }

    /** An integer period whose grid is the traders' periods within range, plus the default. */
    static Parameter period(String name, int defaultValue, int min, int max) {
        TreeSet<Double> values = new TreeSet<>();
        for (int p : TRADER_PERIODS) {
            if (p >= min && p <= max) values.add((double) p);
        }
        values.add((double) defaultValue);
        if (values.size() < 3) {
            for (int p = min; p <= max && values.size() < 5; p++) values.add((double) p);
        }
        return new Parameter(name, true, defaultValue, min, max, values.stream().mapToDouble(Double::doubleValue).toArray(), false);
    }

    /** A real parameter of the computation with an explicit grid. */
    static Parameter real(String name, double defaultValue, double min, double max, double... grid) {
        return new Parameter(name, false, defaultValue, min, max, grid, false);
    }

    /** A level of the classification rule with an explicit grid. */
    static Parameter level(String name, double defaultValue, double min, double max, double... grid) {
        return new Parameter(name, false, defaultValue, min, max, grid, true);
    }

    /** Whether {@code value} is allowed: inside the range and whole when the parameter is an integer. */
    public boolean accepts(double value) {
        return value >= min && value <= max && (!integer || value == Math.rint(value));
    }

    /** The grid, copied. */
    @Override
    public double[] grid() {
        return grid.clone();
    }

    /** {@code period 2..200 (default 14)}: how the parameter reads in error messages and docs. */
    public String describe() {
        return name + " " + format(min) + ".." + format(max) + " (default " + format(defaultValue) + ")";
    }

    /** The grid as text: {@code 5, 7, 9}. */
    public String describeGrid() {
        StringBuilder text = new StringBuilder();
        for (double value : grid) {
            if (text.length() > 0) text.append(", ");
            text.append(format(value));
        }
        return text.toString();
    }

    /** The shortest exact decimal: {@code 14}, {@code 0.02}, {@code 2.5}. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameter p && p.name.equals(name) && p.integer == integer && p.level == level
                && Double.compare(p.defaultValue, defaultValue) == 0 && Double.compare(p.min, min) == 0
                && Double.compare(p.max, max) == 0 && Arrays.equals(p.grid, grid);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(grid);
    }

    @Override
    public String toString() {
        return describe();
    }
}
