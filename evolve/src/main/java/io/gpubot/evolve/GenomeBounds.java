package io.gpubot.evolve;

import io.gpubot.core.UserException;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.Provenance;
import io.gpubot.core.bot.RandomBots;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorType;
import io.gpubot.core.market.Contract;
import io.gpubot.core.signal.Consensus;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.Sizing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The space genomes live in: the contract and the user's ranges of indicator count and leverage.
 * Draws random genomes and repairs any combination of genes into a valid bot, so crossover and
 * mutation never produce something the backtester or an exchange would refuse.
 *
 * @param contract      the contract the bots must be valid for (leverage limit, maintenance margin)
 * @param minIndicators fewest indicators per bot
 * @param maxIndicators most indicators per bot
 * @param minLeverage   lowest leverage
 * @param maxLeverage   highest leverage
 */
public record GenomeBounds(Contract contract, int minIndicators, int maxIndicators, int minLeverage, int maxLeverage) {

    static final int[] LEVERAGES = {1, 2, 3, 5, 10, 15, 20, 25, 50, 75, 100, 125};
    static final double[] TAKE_PROFITS = {0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15};
    static final double[] STOP_LOSSES = {0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075};
    static final double[] ATR_TAKE_PROFITS = {1, 1.5, 2, 3, 4, 6};
    static final double[] ATR_STOP_LOSSES = {0.5, 1, 1.5, 2, 3};
    /** A fractional stop stays this far inside the liquidation distance, as RandomBots draws it. */
    static final double STOP_SAFETY = 0.8;

    public GenomeBounds {
        if (minIndicators < 1 || maxIndicators > Bot.MAX_INDICATORS || minIndicators > maxIndicators) {
            throw new UserException("indicators per bot must satisfy 1 <= --min-indicators <= --max-indicators <= " + Bot.MAX_INDICATORS);
        }
        if (maxIndicators > IndicatorType.values().length) throw new UserException("at most " + IndicatorType.values().length + " indicators");
        if (minLeverage < 1 || minLeverage > maxLeverage || maxLeverage > contract.maxLeverage()) {
            throw new UserException("leverage must satisfy 1 <= --min-leverage <= --max-leverage <= " + contract.maxLeverage()
                    + " (" + contract.symbol() + "'s limit)");
        }
    }

    /** A random valid genome, drawn like {@link RandomBots} draws the first generation. */
    public Bot random(SplittableRandom random) {
        return new RandomBots(contract, minIndicators, maxIndicators, minLeverage, maxLeverage).next(random, "evolved");
    }

    /**
     * A valid bot from any genes: one spec per indicator type (the first wins), specs whose parameters
     * break their type's constraints redrawn, the count brought within the bounds by dropping or adding
     * random indicators, leverage clamped to the range, a fractional stop-loss pulled inside the
     * liquidation distance.
     */
    public Bot repair(List<IndicatorSpec> specs, Consensus consensus, int leverage, ExitLevels exits, Sizing sizing, SplittableRandom random) {
        Set<IndicatorType> used = EnumSet.noneOf(IndicatorType.class);
        List<IndicatorSpec> kept = new ArrayList<>();
        for (IndicatorSpec spec : specs) {
            if (!used.add(spec.type())) continue;
            kept.add(spec.type().constraintViolation(spec.values()).isEmpty() ? spec : RandomBots.randomSpec(spec.type(), random));
        }
        while (kept.size() > maxIndicators) kept.remove(random.nextInt(kept.size()));
        IndicatorType[] types = IndicatorType.values();
        while (kept.size() < minIndicators) {
            IndicatorType type = types[random.nextInt(types.length)];
            if (used.add(type)) kept.add(RandomBots.randomSpec(type, random));
        }
        int lev = Math.max(minLeverage, Math.min(maxLeverage, leverage));
        return new Bot("evolved", kept, consensus, lev, safeExits(exits, lev), sizing, Provenance.NONE);
    }

    /** The bot's genes repaired (a valid bot comes back equal, apart from name and provenance). */
    public Bot repair(Bot bot, SplittableRandom random) {
        return repair(bot.indicators(), bot.consensus(), bot.leverage(), bot.exits(), bot.sizing(), random);
    }

    /** Whether the bot lies inside these bounds and can trade the contract. */
    public boolean accepts(Bot bot) {
        int n = bot.indicators().size();
        if (n < minIndicators || n > maxIndicators || bot.leverage() < minLeverage || bot.leverage() > maxLeverage) return false;
        if (bot.indicators().stream().map(IndicatorSpec::type).distinct().count() != n) return false;
        for (IndicatorSpec spec : bot.indicators()) {
            if (!spec.type().constraintViolation(spec.values()).isEmpty()) return false;
        }
        try {
            bot.plan(contract);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Leverages of the usual grid inside the range (the range's ends when none is). */
    int[] leverages() {
        int[] allowed = java.util.Arrays.stream(LEVERAGES).filter(l -> l >= minLeverage && l <= maxLeverage).toArray();
        return allowed.length > 0 ? allowed : new int[] {minLeverage, maxLeverage};
    }

    /** Random exit levels valid at {@code leverage}. */
    ExitLevels randomExits(SplittableRandom random, int leverage) {
        if (random.nextInt(5) == 0) {
            return ExitLevels.atr(ATR_TAKE_PROFITS[random.nextInt(ATR_TAKE_PROFITS.length)], ATR_STOP_LOSSES[random.nextInt(ATR_STOP_LOSSES.length)]);
        }
        double[] stops = allowedStops(leverage);
        double stop = stops.length == 0 ? liquidationDistance(leverage) / 2 : stops[random.nextInt(stops.length)];
        return ExitLevels.fractions(TAKE_PROFITS[random.nextInt(TAKE_PROFITS.length)], stop);
    }

    double[] allowedStops(int leverage) {
        double limit = liquidationDistance(leverage) * STOP_SAFETY;
        return java.util.Arrays.stream(STOP_LOSSES).filter(s -> s < limit).toArray();
    }

    private double liquidationDistance(int leverage) {
        return 1.0 / leverage - contract.maintenanceMarginRate();
    }

    private ExitLevels safeExits(ExitLevels exits, int leverage) {
        if (exits.mode() != ExitLevels.Mode.FRACTION || exits.stopLoss() < liquidationDistance(leverage) * STOP_SAFETY) return exits;
        double[] stops = allowedStops(leverage);
        double stop = stops.length == 0 ? liquidationDistance(leverage) / 2 : stops[stops.length - 1];
        return ExitLevels.fractions(exits.takeProfit(), stop);
    }
}
