package io.gpubot.evolve;

import io.gpubot.core.bot.Bot;

import java.util.List;

/**
 * Where an evolution stands between two generations: everything a checkpoint holds, and all that is
 * needed to continue exactly as an uninterrupted run would.
 *
 * @param nextGeneration the generation {@code population} is (not yet evaluated)
 * @param population     the bots to evaluate next
 * @param hallOfFame     best distinct bots so far, best first
 * @param history        one summary per generation done
 */
public record EvolutionState(int nextGeneration, List<Bot> population, List<Fame> hallOfFame, List<GenerationSummary> history) {

    public EvolutionState {
        population = List.copyOf(population);
        hallOfFame = List.copyOf(hallOfFame);
        history = List.copyOf(history);
    }
}
