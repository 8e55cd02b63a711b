package io.gpubot.evolve;

import io.jenetics.ext.moea.Pareto;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;

import java.util.ArrayList;
import java.util.List;

/**
 * Multi-objective selection turned into one number, NSGA-II style: a bot on a better Pareto front
 * (jenetics.ext {@link Pareto#rank}) always scores higher; within a front, a bot in a less crowded
 * region ({@link Pareto#crowdingDistance}) scores higher, which keeps the front spread out.
 */
public final class ParetoRanking {

    private ParetoRanking() {
    }

    /**
     * Scores for objective vectors (every objective to maximise): {@code -rank + d/(1+d)/2} with
     * {@code d} the crowding distance within the bot's front, so scores of fronts never overlap.
     */
    public static double[] scores(double[][] objectives) {
        ISeq<Vec<double[]>> vectors = java.util.Arrays.stream(objectives).map(Vec::of).collect(ISeq.toISeq());
        int[] rank = Pareto.rank(vectors);
        int fronts = 0;
        for (int r : rank) fronts = Math.max(fronts, r + 1);
        double[] scores = new double[objectives.length];
        for (int front = 0; front < fronts; front++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < rank.length; i++) if (rank[i] == front) members.add(i);
            if (members.isEmpty()) continue;
            double[] crowding = Pareto.crowdingDistance(members.stream().map(vectors::get).collect(ISeq.toISeq()));
            for (int k = 0; k < members.size(); k++) {
                double d = crowding[k];
                double spread = Double.isInfinite(d) ? 0.5 : d / (1 + d) / 2;
                scores[members.get(k)] = -front + spread;
            }
        }
        return scores;
    }
}
