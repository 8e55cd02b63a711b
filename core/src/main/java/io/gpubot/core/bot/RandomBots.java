package io.gpubot.core.bot;

import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.indicator.Parameter;
import io.gpubot.core.market.Contract;
import io.gpubot.core.signal.Consensus;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.Sizing;
import io.gpubot.core.trade.SizingMethod;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws random valid bots the way the evolution seeds its first generation: distinct indicator types,
 * parameters from each parameter's grid, leverage, exit levels and sizing from the traders' grids.
 * The same seed gives the same bots.
 *
 * @param contract       the contract the bots must be valid for
 * @param minIndicators  fewest indicators per bot
 * @param maxIndicators  most indicators per bot
 * @param minLeverage    lowest leverage
 * @param maxLeverage    highest leverage
 */
public record RandomBots(Contract contract, int minIndicators, int maxIndicators, int minLeverage, int maxLeverage) {

    static final int[] LEVERAGES = {1, 2, 3, 5, 10, 15, 20, 25, 50, 75, 100, 125};
    static final double[] TAKE_PROFITS = {0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15};
    static final double[] STOP_LOSSES = {0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075};
    static final double[] ATR_TAKE_PROFITS = {1, 1.5, 2, 3, 4, 6};
    static final double[] ATR_STOP_LOSSES = {0.5, 1, 1.5, 2, 3};

    public RandomBots {
        if (minIndicators < 1 || maxIndicators > Bot.MAX_INDICATORS || minIndicators > maxIndicators) {
            throw new IllegalArgumentException("indicators per bot must satisfy 1 <= min <= max <= " + Bot.MAX_INDICATORS);
        }
        if (minLeverage < 1 || maxLeverage > contract.maxLeverage() || minLeverage > maxLeverage) {
            throw new IllegalArgumentException("leverage must satisfy 1 <= min <= max <= " + contract.maxLeverage());
        }
    }

    /** Bots of 1 to 5 indicators with leverage 1 to 20. */
    public static RandomBots of(Contract contract) {
        return new RandomBots(contract, 1, 5, 1, 20);
    }

    public List<Bot> draw(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Bot> bots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bots.add(next(random, "random-" + seed + "-" + i));
        }
        return bots;
    }

    public Bot next(SplittableRandom random, String name) {
        int count = minIndicators + random.nextInt(maxIndicators - minIndicators + 1);
        IndicatorType[] types = IndicatorType.values();
        Set<IndicatorType> chosen = EnumSet.noneOf(IndicatorType.class);
        List<IndicatorSpec> specs = new ArrayList<>(count);
        while (specs.size() < count) {
            IndicatorType type = types[random.nextInt(types.length)];
            if (chosen.add(type)) specs.add(randomSpec(type, random));
        }
        int leverage = pickLeverage(random);
        ExitLevels exits = pickExits(random, leverage);
        return new Bot(name, specs, Consensus.UNANIMOUS, leverage, exits, pickSizing(random), Provenance.NONE);
    }

    /** A spec of {@code type} with every parameter drawn from its grid, satisfying the type's constraints. */
    public static IndicatorSpec randomSpec(IndicatorType type, SplittableRandom random) {
        List<Parameter> parameters = type.parameters();
        double[] values = new double[parameters.size()];
        for (int attempt = 0; attempt < 100; attempt++) {
            for (int p = 0; p < values.length; p++) {
                double[] grid = parameters.get(p).grid();
                values[p] = grid[random.nextInt(grid.length)];
            }
            if (type.constraintViolation(values).isEmpty()) {
                return IndicatorSpec.of(type, values);
            }
        }
        return IndicatorSpec.defaults(type);
    }

    private int pickLeverage(SplittableRandom random) {
        int[] allowed = java.util.Arrays.stream(LEVERAGES).filter(l -> l >= minLeverage && l <= maxLeverage).toArray();
        if (allowed.length == 0) return minLeverage + random.nextInt(maxLeverage - minLeverage + 1);
        return allowed[random.nextInt(allowed.length)];
    }

    private ExitLevels pickExits(SplittableRandom random, int leverage) {
        if (random.nextInt(5) == 0) {
            return ExitLevels.atr(ATR_TAKE_PROFITS[random.nextInt(ATR_TAKE_PROFITS.length)],
                    ATR_STOP_LOSSES[random.nextInt(ATR_STOP_LOSSES.length)]);
        }
        double liquidationDistance = 1.0 / leverage - contract.maintenanceMarginRate();
        double[] stops = java.util.Arrays.stream(STOP_LOSSES).filter(s -> s < liquidationDistance * 0.8).toArray();
        double stop = stops.length == 0 ? liquidationDistance / 2 : stops[random.nextInt(stops.length)];
        return ExitLevels.fractions(TAKE_PROFITS[random.nextInt(TAKE_PROFITS.length)], stop);
    }

    private static Sizing pickSizing(SplittableRandom random) {
        int roll = random.nextInt(10);
        if (roll < 5) return Sizing.DEFAULT;
        SizingMethod method = SizingMethod.values()[random.nextInt(SizingMethod.values().length)];
        double parameter = switch (method) {
            case RISK -> new double[] {0.005, 0.01, 0.02, 0.03, 0.05}[random.nextInt(5)];
            case FIXED_MARGIN -> new double[] {0.05, 0.1, 0.2, 0.3}[random.nextInt(4)];
            case FIXED_NOTIONAL -> new double[] {100, 500, 1000, 5000}[random.nextInt(4)];
            case KELLY -> new double[] {0.25, 0.5, 1.0}[random.nextInt(3)];
            case VOLATILITY -> new double[] {0.005, 0.01, 0.02}[random.nextInt(3)];
            case ANTI_MARTINGALE -> new double[] {0.25, 0.5, 1.0}[random.nextInt(3)];
        };
        return new Sizing(method, parameter);
    }
}
