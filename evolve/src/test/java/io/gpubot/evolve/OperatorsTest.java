package io.gpubot.evolve;

import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.Contracts;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the bounds and the random, crossover and mutation give valid bots inside the bounds. */
class OperatorsTest {

    @Property(tries = 200)
    void crossoverAndMutationKeepBotsValid(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int a, @ForAll @IntRange(min = 1, max = 8) int b,
                                           @ForAll @IntRange(min = 1, max = 125) int lev1, @ForAll @IntRange(min = 1, max = 125) int lev2) {
        GenomeBounds bounds = new GenomeBounds(Contracts.get("XBTUSDTM"), Math.min(a, b), Math.max(a, b), Math.min(lev1, lev2), Math.max(lev1, lev2));
        // Rates of 1 make every kind of mutation happen every time.
        Operators operators = new Operators(bounds, 1.0, 1.0);
        SplittableRandom random = new SplittableRandom(seed);
        Bot first = bounds.random(random);
        Bot second = bounds.random(random);
        for (int i = 0; i < 20; i++) {
            Bot child = operators.crossover(first, second, random);
            assertThat(bounds.accepts(child)).as(child.canonical()).isTrue();
            Bot mutant = operators.mutate(child, random);
            assertThat(bounds.accepts(mutant)).as(mutant.canonical()).isTrue();
            first = second;
            second = mutant;
        }
    }

    @Property(tries = 100)
    void repairKeepsAValidBotsGenes(@ForAll long seed) {
        GenomeBounds bounds = new GenomeBounds(Contracts.get("XBTUSDTM"), 1, 5, 1, 20);
        SplittableRandom random = new SplittableRandom(seed);
        Bot bot = bounds.random(random);
        assertThat(bounds.repair(bot, random).canonical()).isEqualTo(bot.canonical());
    }

    @Property(tries = 100)
    void crossoverOfABotWithItselfKeepsItsIndicatorTypesOrASubset(@ForAll long seed) {
        GenomeBounds bounds = new GenomeBounds(Contracts.get("XBTUSDTM"), 1, 8, 1, 20);
        SplittableRandom random = new SplittableRandom(seed);
        Bot bot = bounds.random(random);
        Bot child = new Operators(bounds, 1.0, 0.0).crossover(bot, bot, random);
        assertThat(bot.indicators()).containsAll(child.indicators());
        assertThat(child.leverage()).isEqualTo(bot.leverage());
        assertThat(child.exits()).isEqualTo(bot.exits());
    }
}
