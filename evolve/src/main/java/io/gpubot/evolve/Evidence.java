package io.gpubot.evolve;

import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.Contract;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.evolve.stats.BacktestOverfitting;
import io.gpubot.evolve.stats.DeflatedSharpe;
import io.gpubot.evolve.stats.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a run's result is worth: the benchmarks, a random-search null, the Deflated Sharpe Ratio of
 * each saved bot and the Probability of Backtest Overfitting of the hall of fame.
 *
 * @param trainingHold        buy and hold over the training bars
 * @param heldOutHold         buy and hold over the held-out bars (null when nothing is held out)
 * @param trials              genomes the run backtested: the number of trials the DSR deflates for
 * @param nullBots            random bots in the null sample
 * @param nullBestScore       the best training score among them
 * @param nullBestHeldOutSharpe held-out Sharpe of that best random bot
 * @param scorePercentile     share of the random bots whose training score is below the rank 1's, in percent
 * @param heldOutPercentile   share of the random bots whose held-out Sharpe is below the rank 1's, in percent
 * @param trialSharpeVariance variance of the random bots' per-window Sharpe ratios (the DSR's V[SR])
 * @param windows             training windows the scores, DSR and PBO use
 * @param scores              each saved bot's training score, rank 1 first
 * @param deflatedSharpe      each saved bot's DSR over its window returns, rank 1 first
 * @param pbo                 PBO by CSCV over the hall of fame's window returns (NaN under 2 bots or 4 windows)
 * @param pboBlocks           blocks CSCV cut the windows into
 */
public record Evidence(BuyAndHold trainingHold, BuyAndHold heldOutHold, long trials, int nullBots, double nullBestScore,
                       double nullBestHeldOutSharpe, double scorePercentile, double heldOutPercentile, double trialSharpeVariance, int windows,
                       double[] scores, double[] deflatedSharpe, double pbo, int pboBlocks) {

    /** Random bots in the null sample unless told otherwise. */
    public static final int DEFAULT_NULL_BOTS = 2000;

    public static final String HOLD_MEANING = "Buy and hold: what simply owning the coin earned over the same bars; a bot worth running beats it"
            + " on return or on risk.";
    public static final String NULL_MEANING = "Random-search null: bots drawn at random and scored the same way; if the rank 1 is not far above"
            + " them (a high percentile), evolution found nothing luck would not.";
    public static final String DSR_MEANING = "Deflated Sharpe Ratio: the probability that the bot's true Sharpe ratio is above zero after"
            + " allowing for the number of bots tried and for non-normal returns; below 0.95 the result may well be luck. It counts every"
            + " backtest of the run as an independent try, while evolution's offspring are near-copies of their parents, so it errs on the"
            + " strict side: read it beside the null's percentile.";
    public static final String PBO_MEANING = "Probability of Backtest Overfitting: how often the bot best on one half of the training windows"
            + " ranks in the bottom half on the other half; near 0.5 or above means the ranking does not carry over.";
    public static final String HELD_OUT_CAVEAT = "Held-out figures are those of the best of many bots tried: expect them to be flattered by"
            + " selection, and compare them with buy and hold and with the null, not with zero.";

    /**
     * The evidence of a finished run.
     *
     * @param trials   genomes backtested in the whole run (over every session)
     * @param nullBots random bots to draw for the null (0 for none)
     */
    public static Evidence of(Engine engine, Engine.Ranked ranked, Contract contract, RunSettings run, long trials, int nullBots) {
        TrainingPlan plan = engine.plan();
        var series = engine.series();
        BuyAndHold training = BuyAndHold.of(series, contract, run, plan.trainFrom(), plan.trainTo());
        BuyAndHold heldOut = plan.trainTo() < series.size() ? BuyAndHold.of(series, contract, run, plan.trainTo(), series.size()) : null;

        SplittableRandom random = new SplittableRandom(engine.options().seed() * 0x632BE59BD9B4E019L + 0x1234567L);
        List<Bot> randomBots = new ArrayList<>(nullBots);
        for (int i = 0; i < nullBots; i++) randomBots.add(engine.bounds().random(random));
        double[] nullScores = randomBots.isEmpty() ? new double[0] : engine.scoresOnTraining(randomBots);
        double[][] nullReturns = randomBots.isEmpty() ? new double[0][] : engine.windowReturns(randomBots);
        List<Metrics> nullHeldOut = randomBots.isEmpty() ? List.of() : engine.heldOut(randomBots);
        double[] windowSharpes = java.util.Arrays.stream(nullReturns).mapToDouble(Evidence::windowSharpe).filter(Double::isFinite).toArray();
        double variance = windowSharpes.length < 2 ? Double.NaN : Math.pow(Statistics.standardDeviation(windowSharpes), 2);

        int best = -1;
        for (int i = 0; i < nullScores.length; i++) if (best < 0 || nullScores[i] > nullScores[best]) best = i;
        double top = ranked.scores().length == 0 ? Double.NaN : ranked.scores()[0];
        double scorePercentile = percentileBelow(nullScores, top);
        Metrics firstHeldOut = ranked.bots().isEmpty() ? null : ranked.bots().get(0).provenance().outOfSample();
        double heldOutPercentile = firstHeldOut == null || nullHeldOut.isEmpty() ? Double.NaN
                : percentileBelow(nullHeldOut.stream().mapToDouble(Metrics::sharpe).toArray(), firstHeldOut.sharpe());

        double[] dsr = new double[ranked.bots().size()];
        for (int i = 0; i < dsr.length; i++) {
            dsr[i] = Double.isNaN(variance) ? Double.NaN : DeflatedSharpe.deflated(ranked.windowReturns()[i], variance, Math.max(trials, 2));
        }
        int windows = plan.consecutiveWindows().size();
        int blocks = Math.min(16, windows - windows % 2);
        double pbo = Double.NaN;
        if (ranked.bots().size() >= 2 && blocks >= 4) {
            double[][] matrix = new double[windows][ranked.bots().size()];
            for (int b = 0; b < ranked.bots().size(); b++) for (int w = 0; w < windows; w++) matrix[w][b] = ranked.windowReturns()[b][w];
            pbo = BacktestOverfitting.probability(matrix, blocks);
        }
        return new Evidence(training, heldOut, trials, nullBots, best < 0 ? Double.NaN : nullScores[best],
                best < 0 || nullHeldOut.isEmpty() ? Double.NaN : nullHeldOut.get(best).sharpe(), scorePercentile, heldOutPercentile, variance,
                windows, ranked.scores().clone(), dsr, pbo, blocks);
    }

    /** Mean over standard deviation of window returns; NaN without variance. */
    static double windowSharpe(double[] returns) {
        double sd = Statistics.standardDeviation(returns);
        return sd > 0 ? Statistics.mean(returns) / sd : Double.NaN;
    }

    private static double percentileBelow(double[] values, double x) {
        if (values.length == 0 || Double.isNaN(x)) return Double.NaN;
        int below = 0;
        for (double v : values) if (v < x) below++;
        return 100.0 * below / values.length;
    }
}
