package io.gpubot.evolve;

import io.gpubot.core.UserException;
import io.gpubot.core.backtest.Cycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a series is split: bars {@code [0, trainFrom)} only warm indicators up, {@code [trainFrom, trainTo)}
 * is the training period the cycles are drawn from, {@code [trainTo, size)} is held out.
 */
public record TrainingPlan(int trainFrom, int trainTo, int size, int cycles, int cycleBars, boolean randomCycles, long seed) {

    public TrainingPlan {
        if (cycles * (long) cycleBars > trainTo - trainFrom) {
            throw new UserException(cycles + " cycles of " + cycleBars + " bars do not fit in the " + Math.max(0, trainTo - trainFrom)
                    + " training bars; lower --cycles or --cycle-days, or use more data");
        }
    }

    public static TrainingPlan of(int seriesSize, EvolveOptions options) {
        return of(0, seriesSize, options);
    }

    /**
     * The split of bars {@code [firstBar, seriesSize)}; bars before {@code firstBar} are history that
     * counts towards the warm-up.
     */
    public static TrainingPlan of(int firstBar, int seriesSize, EvolveOptions options) {
        int holdOutBars = (int) Math.round((seriesSize - firstBar) * options.holdOut());
        int trainTo = seriesSize - holdOutBars;
        int trainFrom = Math.min(Math.max(firstBar, options.warmUpBars()), trainTo);
        return new TrainingPlan(trainFrom, trainTo, seriesSize, options.cycles(), options.cycleBars(), options.randomCycles(), options.seed());
    }

    /**
     * The non-overlapping cycles of {@code generation}: evenly spaced when fixed; otherwise drawn from a
     * random derived from the seed and the generation only, so a resumed run draws the same ones.
     */
    public List<Cycle> cycles(int generation) {
        int slack = trainTo - trainFrom - cycles * cycleBars;
        int[] offsets = new int[cycles];
        if (randomCycles) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + generation * 0xBF58476D1CE4E5B9L + 1);
            for (int i = 0; i < cycles; i++) offsets[i] = random.nextInt(slack + 1);
            Arrays.sort(offsets);
        } else {
            for (int i = 0; i < cycles; i++) offsets[i] = (int) ((long) slack * (i + 1) / (cycles + 1));
        }
        List<Cycle> list = new ArrayList<>(cycles);
        for (int i = 0; i < cycles; i++) {
            int from = trainFrom + offsets[i] + i * cycleBars;
            list.add(new Cycle(from, from + cycleBars));
        }
        return list;
    }

    /** The training period cut into consecutive cycle-long windows (the last partial one dropped). */
    public List<Cycle> consecutiveWindows() {
        List<Cycle> list = new ArrayList<>();
        for (int from = trainFrom; from + cycleBars <= trainTo; from += cycleBars) list.add(new Cycle(from, from + cycleBars));
        return list;
    }
}
