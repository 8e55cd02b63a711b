package io.gpubot.app.report;

import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.data.AtomicFile;
import io.gpubot.evolve.EvolveOptions;
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

        html.append("<h2>Best bots</h2>\n<table><tr><th>rank</th><th class=\"l\">bot</th><th>found in gen</th>")
                .append("<th>train return %</th><th>train max DD %</th><th>train trades</th><th>train Sharpe</th>")
                .append("<th>held-out return %</th><th>held-out max DD %</th><th>held-out trades</th><th>held-out Sharpe</th><th class=\"l\">genes</th></tr>\n");
        for (int i = 0; i < Math.min(LISTED_BOTS, bots.size()); i++) {
            Bot bot = bots.get(i);
            html.append("<tr><td>").append(i + 1).append("</td><td class=\"l\">").append(esc(bot.name())).append("</td><td>")
                    .append(bot.provenance().generation()).append("</td>").append(cells(bot.provenance().training()))
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
}
