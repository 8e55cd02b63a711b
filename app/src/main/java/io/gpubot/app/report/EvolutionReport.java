package io.gpubot.app.report;

import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.data.AtomicFile;
import io.gpubot.evolve.BuyAndHold;
import io.gpubot.evolve.Evidence;
import io.gpubot.evolve.EvolveOptions;
import io.gpubot.evolve.WalkForward;
import io.gpubot.evolve.GenerationSummary;
import io.gpubot.evolve.TrainingPlan;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html} of an evolution run: one self-contained page (charts embedded as PNG data) with
 * fitness over the generations, the best bots' metrics in and out of sample, and each of the best
 * three bots' price with trade markers, equity and drawdown on the training period and on the
 * held-out data.
 */
public final class EvolutionReport {

    private static final int CHARTED_BOTS = 3;
    private static final int LISTED_BOTS = 20;

    private EvolutionReport() {
    }

    public static void write(Path file, String runId, EvolveOptions options, List<GenerationSummary> history, List<Bot> bots,
                             Backtester backtester, TrainingPlan plan) throws IOException {
        write(file, runId, options, history, bots, backtester, plan, null, null);
    }

    /** The report with the run's evidence (benchmarks, null, DSR, PBO) and walk-forward folds, either of which may be null. */
    public static void write(Path file, String runId, EvolveOptions options, List<GenerationSummary> history, List<Bot> bots,
                             Backtester backtester, TrainingPlan plan, Evidence evidence, WalkForward.Result walkForward) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CandleSeries series = backtester.series();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gpubot run ").append(esc(runId)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1450px}table{border-collapse:collapse;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td.l,th.l{text-align:left}img{max-width:100%}</style></head><body>\n");
        html.append("<h1>Evolution run ").append(esc(runId)).append("</h1>\n<p>")
                .append(String.format(Locale.ROOT, "Population %d, %d generations, %d cycles of %d bars (%s), fitness <b>%s</b>, seed %d. ",
                        options.population(), history.size(), options.cycles(), options.cycleBars(), options.randomCycles() ? "drawn each generation" : "fixed",
                        options.fitness().label(), options.seed()))
                .append("Training ").append(day(series.time(plan.trainFrom()))).append(" .. ").append(day(series.time(plan.trainTo() - 1)))
                .append(plan.trainTo() < series.size() ? ", held out from " + day(series.time(plan.trainTo())) + " to " + day(series.lastTime()) : ", nothing held out")
                .append(".</p>\n");

        html.append("<h2>Fitness over generations</h2>\n").append(img(fitnessChart(history)));

        if (evidence != null) html.append(evidenceSection(evidence));
        if (walkForward != null) html.append(walkForwardSection(walkForward, series));
        html.append("<h2>Best bots</h2>\n<p>Ranked by the training score (the fitness over every training window). ")
                .append(esc(Evidence.HELD_OUT_CAVEAT)).append("</p>\n<table><tr><th>rank</th><th class=\"l\">bot</th><th>found in gen</th>")
                .append(evidence != null ? "<th>training score</th><th>DSR</th>" : "")
                .append("<th>train return %</th><th>train max DD %</th><th>train trades</th><th>train Sharpe</th>")
                .append("<th>held-out return %</th><th>held-out max DD %</th><th>held-out trades</th><th>held-out Sharpe</th><th class=\"l\">genes</th></tr>\n");
        for (int i = 0; i < Math.min(LISTED_BOTS, bots.size()); i++) {
            Bot bot = bots.get(i);
            html.append("<tr><td>").append(i + 1).append("</td><td class=\"l\">").append(esc(bot.name())).append("</td><td>")
                    .append(bot.provenance().generation()).append("</td>")
                    .append(evidence != null ? String.format(Locale.ROOT, "<td>%.3f</td><td>%s</td>", evidence.scores()[i], prob(evidence.deflatedSharpe()[i])) : "").append(cells(bot.provenance().training()))
                    .append(cells(bot.provenance().outOfSample())).append("<td class=\"l\">").append(esc(bot.canonical())).append("</td></tr>\n");
        }
        html.append("</table>\n");

        for (int i = 0; i < Math.min(CHARTED_BOTS, bots.size()); i++) {
            Bot bot = bots.get(i);
            html.append("<h2>#").append(i + 1).append(" ").append(esc(bot.name())).append("</h2>\n<p>").append(esc(bot.canonical())).append("</p>\n");
            html.append("<h3>Training period</h3>\n").append(img(botChart(backtester, bot, plan.trainFrom(), plan.trainTo(), "training")));
            if (plan.trainTo() < series.size()) {
                html.append("<h3>Held-out data</h3>\n").append(img(botChart(backtester, bot, plan.trainTo(), series.size(), "held-out")));
            }
        }
        html.append("</body></html>\n");
        AtomicFile.writeText(file, w -> w.write(html.toString()));
    }

    private static byte[] fitnessChart(List<GenerationSummary> history) throws IOException {
        XYChart chart = new XYChartBuilder().width(1100).height(420).title("Fitness per generation").xAxisTitle("generation").yAxisTitle("fitness").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double[] x = history.stream().mapToDouble(GenerationSummary::generation).toArray();
        chart.addSeries("best", x, history.stream().mapToDouble(GenerationSummary::best).toArray()).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("median", x, history.stream().mapToDouble(GenerationSummary::median).toArray()).setMarker(SeriesMarkers.CIRCLE);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static byte[] botChart(Backtester backtester, Bot bot, int from, int to, String label) throws IOException {
        BacktestChart chart = new BacktestChart();
        BacktestResult result = backtester.run(bot, from, to, chart);
        return chart.png(bot.name() + " — " + label, backtester.series(), result.trades());
    }

    private static String cells(Metrics m) {
        if (m == null) return "<td>-</td><td>-</td><td>-</td><td>-</td>";
        return String.format(Locale.ROOT, "<td>%.2f</td><td>%.2f</td><td>%d</td><td>%.2f</td>", m.returnPct(), m.maxDrawdownPct(), m.trades(), m.sharpe());
    }

    private static String img(byte[] png) {
        return "<img alt=\"chart\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n";
    }

    private static String day(long millis) {
        return Instant.ofEpochMilli(millis).toString().substring(0, 10);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String prob(double p) {
        return Double.isFinite(p) ? String.format(Locale.ROOT, "%.2f", p) : "-";
    }

    private static String holdRow(String label, BuyAndHold h) {
        return String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%+.1f</td><td>%.2f</td><td>%.1f</td><td>%+.1f</td><td>%.2f</td><td>%.1f</td></tr>\n",
                label, h.spotReturnPct(), h.spotSharpe(), h.spotMaxDrawdownPct(), h.perpReturnPct(), h.perpSharpe(), h.fundingPct());
    }

    private static String evidenceSection(Evidence e) {
        StringBuilder h = new StringBuilder("<h2>How sure is this?</h2>\n");
        h.append("<h3>Buy and hold</h3>\n<p>").append(esc(Evidence.HOLD_MEANING)).append("</p>\n<table><tr><th class=\"l\">period</th>")
                .append("<th>spot return %</th><th>spot Sharpe</th><th>spot max DD %</th><th>1x perpetual return %</th><th>perpetual Sharpe</th><th>funding paid %</th></tr>\n")
                .append(holdRow("training", e.trainingHold()));
        if (e.heldOutHold() != null) h.append(holdRow("held out", e.heldOutHold()));
        h.append("</table>\n");
        if (e.nullBots() > 0) {
            h.append("<h3>Random-search null</h3>\n<p>").append(esc(Evidence.NULL_MEANING)).append("</p>\n<p>")
                    .append(String.format(Locale.ROOT, "%d random bots scored on the same training windows (the run tried %d). Rank 1's training score"
                                    + " beats %.1f%% of theirs; its held-out Sharpe beats %s of theirs. The best random bot's score: %.3f, its held-out Sharpe: %s.",
                            e.nullBots(), e.trials(), e.scorePercentile(), Double.isFinite(e.heldOutPercentile())
                                    ? String.format(Locale.ROOT, "%.1f%%", e.heldOutPercentile()) : "-", e.nullBestScore(), prob(e.nullBestHeldOutSharpe())))
                    .append("</p>\n");
        }
        h.append("<h3>Deflated Sharpe Ratio</h3>\n<p>").append(esc(Evidence.DSR_MEANING)).append("</p>\n<p>")
                .append(String.format(Locale.ROOT, "Rank 1: <b>%s</b>, from its returns over %d training windows, deflated for %d trials whose window Sharpe"
                        + " ratios vary by %.4f (measured on the random bots).", prob(e.deflatedSharpe().length == 0 ? Double.NaN : e.deflatedSharpe()[0]),
                        e.windows(), e.trials(), e.trialSharpeVariance())).append("</p>\n");
        h.append("<h3>Probability of Backtest Overfitting</h3>\n<p>").append(esc(Evidence.PBO_MEANING)).append("</p>\n<p>")
                .append(String.format(Locale.ROOT, "<b>%s</b> by combinatorially symmetric cross-validation over %d blocks of the training windows and the"
                        + " hall of fame's %d bots. They were chosen on these same windows, so this is a lower bound.", prob(e.pbo()), e.pboBlocks(), e.scores().length)).append("</p>\n");
        return h.toString();
    }

    private static String walkForwardSection(WalkForward.Result r, CandleSeries series) {
        StringBuilder h = new StringBuilder("<h2>Walk-forward</h2>\n<p>Each fold evolves on its training bars and its rank 1 trades the bars after them;"
                + " the test parts chained: ");
        h.append(String.format(Locale.ROOT, "return %+.2f%%, Sharpe %.2f, max drawdown %.2f%%.</p>\n", r.returnPct(), r.sharpe(), r.maxDrawdownPct()));
        h.append("<table><tr><th>fold</th><th class=\"l\">training</th><th class=\"l\">test</th><th>score</th><th>test return %</th>"
                + "<th>test max DD %</th><th>test trades</th><th>test Sharpe</th></tr>\n");
        for (int k = 0; k < r.folds().size(); k++) {
            WalkForward.FoldResult f = r.folds().get(k);
            h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td class=\"l\">%s .. %s</td><td class=\"l\">%s .. %s</td><td>%.3f</td><td>%.2f</td>"
                            + "<td>%.2f</td><td>%d</td><td>%.2f</td></tr>\n", k + 1, day(series.time(f.fold().trainFrom())), day(series.time(f.fold().trainTo() - 1)),
                    day(series.time(f.fold().testFrom())), day(series.time(f.fold().testTo() - 1)), f.score(), f.test().returnPct(), f.test().maxDrawdownPct(),
                    f.test().trades(), f.test().sharpe()));
        }
        return h.append("</table>\n").toString();
    }
}
