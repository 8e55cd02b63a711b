package io.gpubot.evolve;

import io.gpubot.core.bot.Bot;
import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.AnyChromosome;
import io.jenetics.AnyGene;
import io.jenetics.EliteSelector;
import io.jenetics.Genotype;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.util.ISeq;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The next generation, bred with Jenetics: a genotype is one {@link AnyGene} whose allele is a bot;
 * the best are kept by an {@link EliteSelector}, parents are chosen by a {@link TournamentSelector}, and
 * two alterers cross parents with a random mate and mutate them through {@link Operators}.
 *
 * <p>Every random choice comes from the generator installed with {@link RandomRegistry#with} for the
 * duration of one call, seeded by the caller, so breeding is a pure function of population, fitness
 * and seed.
 */
final class Breeding {

    private final AnyChromosome<Bot> template;
    private final Operators operators;
    private final EvolveOptions options;
    private final Alterer<AnyGene<Bot>, Double> alterer;

    Breeding(GenomeBounds bounds, Operators operators, EvolveOptions options) {
        this.operators = operators;
        this.options = options;
        // Jenetics asks the template for new random genes only when it creates individuals itself.
        this.template = AnyChromosome.of(() -> bounds.random(new SplittableRandom(RandomRegistry.random().nextLong())), bounds::accepts);
        this.alterer = Alterer.of(new Crossover(), new Mutation());
    }

    /** The next population: elites unchanged, then altered tournament winners. */
    List<Bot> next(List<Bot> population, double[] fitness, long generation, long seed) {
        ISeq<Phenotype<AnyGene<Bot>, Double>> evaluated = IntStream.range(0, population.size())
                .mapToObj(i -> Phenotype.of(genotype(population.get(i)), generation, fitness[i]))
                .collect(ISeq.toISeq());
        return RandomRegistry.with(new SplittableRandom(seed), r -> {
            int elites = options.elites();
            ISeq<Phenotype<AnyGene<Bot>, Double>> kept = elites == 0 ? ISeq.empty()
                    : new EliteSelector<AnyGene<Bot>, Double>(elites).select(evaluated, elites, Optimize.MAXIMUM);
            ISeq<Phenotype<AnyGene<Bot>, Double>> parents = new TournamentSelector<AnyGene<Bot>, Double>(options.tournamentSize())
                    .select(evaluated, population.size() - kept.size(), Optimize.MAXIMUM);
            ISeq<Phenotype<AnyGene<Bot>, Double>> offspring = alterer.alter(parents, generation + 1).population();
            List<Bot> next = new ArrayList<>(population.size());
            kept.forEach(p -> next.add(bot(p)));
            offspring.forEach(p -> next.add(bot(p)));
            return next;
        });
    }

    Genotype<AnyGene<Bot>> genotype(Bot bot) {
        return Genotype.of(template.newInstance(ISeq.of(AnyGene.of(bot, () -> bot, b -> true))));
    }

    static Bot bot(Phenotype<AnyGene<Bot>, Double> phenotype) {
        return phenotype.genotype().gene().allele();
    }

    private static SplittableRandom random() {
        return new SplittableRandom(RandomRegistry.random().nextLong());
    }

    /** Each individual, at the crossover rate, is replaced by its child with a random mate. */
    private final class Crossover implements Alterer<AnyGene<Bot>, Double> {
        @Override
        public AltererResult<AnyGene<Bot>, Double> alter(Seq<Phenotype<AnyGene<Bot>, Double>> population, long generation) {
            SplittableRandom random = random();
            MSeq<Phenotype<AnyGene<Bot>, Double>> result = MSeq.of(population);
            int changed = 0;
            for (int i = 0; i < population.size(); i++) {
                if (random.nextDouble() >= operators.crossoverRate()) continue;
                Bot mate = bot(population.get(random.nextInt(population.size())));
                result.set(i, Phenotype.of(genotype(operators.crossover(bot(population.get(i)), mate, random)), generation));
                changed++;
            }
            return new AltererResult<>(result.toISeq(), changed);
        }
    }

    /** Each individual goes through every kind of mutation, each at the mutation rate. */
    private final class Mutation implements Alterer<AnyGene<Bot>, Double> {
        @Override
        public AltererResult<AnyGene<Bot>, Double> alter(Seq<Phenotype<AnyGene<Bot>, Double>> population, long generation) {
            SplittableRandom random = random();
            MSeq<Phenotype<AnyGene<Bot>, Double>> result = MSeq.of(population);
            int changed = 0;
            for (int i = 0; i < population.size(); i++) {
                Bot bot = bot(population.get(i));
                Bot mutant = operators.mutate(bot, random);
                if (!mutant.canonical().equals(bot.canonical())) {
                    result.set(i, Phenotype.of(genotype(mutant), generation));
                    changed++;
                }
            }
            return new AltererResult<>(result.toISeq(), changed);
        }
    }
}
