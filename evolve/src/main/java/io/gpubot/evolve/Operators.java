package io.gpubot.evolve;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.indicator.Parameter;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.Sizing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Crossover and mutation of bots. Every result goes through {@link GenomeBounds#repair}, so it is a
 * valid bot inside the bounds whatever the rates.
 *
 * @param bounds        the genome space
 * @param crossoverRate chance that a child mixes two parents rather than copying the first
 * @param mutationRate  chance, per kind of mutation, that a child mutates that way
 */
public record Operators(GenomeBounds bounds, double crossoverRate, double mutationRate) {

    public static final double DEFAULT_CROSSOVER_RATE = 0.7;
    public static final double DEFAULT_MUTATION_RATE = 0.15;

    public Operators {
        if (!(crossoverRate >= 0 && crossoverRate <= 1) || !(mutationRate >= 0 && mutationRate <= 1)) {
            throw new io.gpubot.core.UserException("crossover and mutation rates must be between 0 and 1");
        }
    }

    /** A child of two parents: crossover (at the crossover rate), then mutation. */
    public Bot breed(Bot first, Bot second, SplittableRandom random) {
        Bot child = random.nextDouble() < crossoverRate ? crossover(first, second, random) : first;
        return mutate(child, random);
    }

    /**
     * Mixes two parents. The indicator set: each type of either parent is inherited with probability
     * one half (a type both parents carry twice as likely); when both carry a type, each parameter
     * comes from either parent. Leverage, exits and sizing come from one parent or the other.
     */
    public Bot crossover(Bot first, Bot second, SplittableRandom random) {
        Map<IndicatorType, IndicatorSpec> a = byType(first);
        Map<IndicatorType, IndicatorSpec> b = byType(second);
        Set<IndicatorType> types = EnumSet.copyOf(a.keySet());
        types.addAll(b.keySet());
        List<IndicatorSpec> child = new ArrayList<>();
        for (IndicatorType type : types) {
            IndicatorSpec x = a.get(type);
            IndicatorSpec y = b.get(type);
            if (x != null && y != null) {
                if (random.nextInt(4) != 0) child.add(mixParameters(x, y, random));
            } else if (random.nextBoolean()) {
                child.add(x != null ? x : y);
            }
        }
        if (child.isEmpty()) child.addAll(random.nextBoolean() ? first.indicators() : second.indicators());
        Bot leverageParent = random.nextBoolean() ? first : second;
        Bot exitParent = random.nextBoolean() ? first : second;
        Bot sizingParent = random.nextBoolean() ? first : second;
        return bounds.repair(child, first.consensus(), leverageParent.leverage(), exitParent.exits(), sizingParent.sizing(), random);
    }

    /**
     * Each kind of mutation applies with the mutation rate: one parameter moved, one indicator's type
     * replaced, an indicator added, one removed, leverage redrawn, take-profit or stop-loss moved, sizing
     * redrawn.
     */
    public Bot mutate(Bot bot, SplittableRandom random) {
        List<IndicatorSpec> specs = new ArrayList<>(bot.indicators());
        int leverage = bot.leverage();
        ExitLevels exits = bot.exits();
        Sizing sizing = bot.sizing();
        if (random.nextDouble() < mutationRate) {
            int k = random.nextInt(specs.size());
            specs.set(k, mutateParameter(specs.get(k), random));
        }
        if (random.nextDouble() < mutationRate) {
            specs.set(random.nextInt(specs.size()), RandomBots.randomSpec(unusedType(specs, random), random));
        }
        if (random.nextDouble() < mutationRate && specs.size() < bounds.maxIndicators()) {
            specs.add(RandomBots.randomSpec(unusedType(specs, random), random));
        }
        if (random.nextDouble() < mutationRate && specs.size() > bounds.minIndicators()) {
            specs.remove(random.nextInt(specs.size()));
        }
        if (random.nextDouble() < mutationRate) {
            int[] allowed = bounds.leverages();
            leverage = allowed[random.nextInt(allowed.length)];
        }
        if (random.nextDouble() < mutationRate) {
            exits = mutateExits(exits, leverage, random);
        }
        if (random.nextDouble() < mutationRate) {
            sizing = bounds.random(random).sizing();
        }
        return bounds.repair(specs, bot.consensus(), leverage, exits, sizing, random);
    }

    /** One parameter moved to a neighbouring value of its grid, or to any grid value one time in four. */
    static IndicatorSpec mutateParameter(IndicatorSpec spec, SplittableRandom random) {
        List<Parameter> parameters = spec.type().parameters();
        if (parameters.isEmpty()) return spec;
        double[] values = spec.values().clone();
        int p = random.nextInt(parameters.size());
        double[] grid = parameters.get(p).grid();
        int at = nearest(grid, values[p]);
        int next = random.nextInt(4) == 0 ? random.nextInt(grid.length)
                : Math.max(0, Math.min(grid.length - 1, at + (random.nextBoolean() ? 1 : -1)));
        values[p] = grid[next];
        return spec.type().constraintViolation(values).isEmpty() ? IndicatorSpec.of(spec.type(), values) : spec;
    }

    private static IndicatorSpec mixParameters(IndicatorSpec x, IndicatorSpec y, SplittableRandom random) {
        double[] a = x.values();
        double[] b = y.values();
        double[] mixed = new double[a.length];
        for (int p = 0; p < a.length; p++) mixed[p] = random.nextBoolean() ? a[p] : b[p];
        // A mix that breaks the type's constraints (e.g. fast period above slow) keeps one parent's set.
        return x.type().constraintViolation(mixed).isEmpty() ? IndicatorSpec.of(x.type(), mixed) : (random.nextBoolean() ? x : y);
    }

    private ExitLevels mutateExits(ExitLevels exits, int leverage, SplittableRandom random) {
        if (random.nextInt(4) == 0) return bounds.randomExits(random, leverage);
        boolean atr = exits.mode() == ExitLevels.Mode.ATR;
        double[] tps = atr ? GenomeBounds.ATR_TAKE_PROFITS : GenomeBounds.TAKE_PROFITS;
        double[] sls = atr ? GenomeBounds.ATR_STOP_LOSSES : GenomeBounds.STOP_LOSSES;
        double tp = exits.takeProfit();
        double sl = exits.stopLoss();
        if (random.nextBoolean()) tp = step(tps, tp, random);
        else sl = step(sls, sl, random);
        return new ExitLevels(exits.mode(), tp, sl);
    }

    private static double step(double[] grid, double value, SplittableRandom random) {
        int at = nearest(grid, value);
        return grid[Math.max(0, Math.min(grid.length - 1, at + (random.nextBoolean() ? 1 : -1)))];
    }

    private static int nearest(double[] grid, double value) {
        int best = 0;
        for (int i = 1; i < grid.length; i++) {
            if (Math.abs(grid[i] - value) < Math.abs(grid[best] - value)) best = i;
        }
        return best;
    }

    private static IndicatorType unusedType(List<IndicatorSpec> specs, SplittableRandom random) {
        Set<IndicatorType> used = EnumSet.noneOf(IndicatorType.class);
        specs.forEach(s -> used.add(s.type()));
        IndicatorType[] types = IndicatorType.values();
        while (true) {
            IndicatorType type = types[random.nextInt(types.length)];
            if (!used.contains(type)) return type;
        }
    }

    private static Map<IndicatorType, IndicatorSpec> byType(Bot bot) {
        Map<IndicatorType, IndicatorSpec> map = new EnumMap<>(IndicatorType.class);
        for (IndicatorSpec spec : bot.indicators()) map.putIfAbsent(spec.type(), spec);
        return map;
    }
}
