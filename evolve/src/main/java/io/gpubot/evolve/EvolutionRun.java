package io.gpubot.evolve;

import io.gpubot.core.bot.Bot;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * An engine driven generation by generation with a checkpoint after each one: starts fresh or from
 * the run folder's checkpoint, stops cleanly after the current generation when asked, and at the end
 * writes the hall of fame with its out-of-sample results.
 */
public final class EvolutionRun {

    /** Told about each finished generation. */
    public interface Listener {
        /**
         * @param summary      the generation's summary
         * @param evaluations  backtested genomes in this generation (cached ones not counted)
         * @param nanos        time the generation took
         */
        void generationDone(GenerationSummary summary, long evaluations, long nanos);
    }

    /** How a run ended. */
    public record Outcome(EvolutionState state, boolean finished, List<Bot> bots, List<Path> files, Engine.Ranked ranked) {
    }

    private final Engine engine;
    private final RunFiles files;
    private final String runId;

    public EvolutionRun(Engine engine, RunFiles files, String runId) {
        this.engine = engine;
        this.files = files;
        this.runId = runId;
    }

    /**
     * Evolves until the last generation or until {@code stop} says so (checked after each generation).
     * Continues from the checkpoint when the folder holds one.
     */
    public Outcome run(BooleanSupplier stop, Listener listener) {
        return run(stop, () -> false, listener);
    }

    /**
     * As {@link #run(BooleanSupplier, Listener)}, and when {@code enough} says so after a generation (a
     * time budget), the run ends there as if that generation were the last: the hall of fame is
     * evaluated on the held-out data and the bots are saved.
     */
    public Outcome run(BooleanSupplier stop, BooleanSupplier enough, Listener listener) {
        EvolutionState state = files.hasCheckpoint() ? files.readCheckpoint() : engine.start();
        while (!engine.isDone(state)) {
            if (!state.history().isEmpty() && enough.getAsBoolean()) break;
            long started = System.nanoTime();
            long before = engine.evaluations();
            state = engine.step(state);
            files.writeCheckpoint(state);
            List<GenerationSummary> history = state.history();
            listener.generationDone(history.get(history.size() - 1), engine.evaluations() - before, System.nanoTime() - started);
            if (!engine.isDone(state) && stop.getAsBoolean()) return new Outcome(state, false, List.of(), List.of(), null);
        }
        Engine.Ranked ranked = engine.finishRanked(state, runId);
        return new Outcome(state, true, ranked.bots(), files.writeBots(ranked.bots()), ranked);
    }
}
