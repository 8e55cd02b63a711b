package io.gpubot.app.cli;

import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.Provenance;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.data.BotFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code gpubot bots}: bot files. */
@Command(name = "bots", mixinStandardHelpOptions = true, description = "Show bot files.",
        subcommands = {BotsCommand.Show.class, BotsCommand.ListBots.class, BotsCheckCommand.class})
public final class BotsCommand implements Runnable {

    @picocli.CommandLine.ParentCommand
    GpubotCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code 5x, TP 4% / SL 2%, RISK 0.02, unanimous} */
    static String summary(Bot bot) {
        ExitLevels e = bot.exits();
        String exits = e.mode() == ExitLevels.Mode.FRACTION
                ? String.format(Locale.ROOT, "TP %s%% / SL %s%%", pct(e.takeProfit()), pct(e.stopLoss()))
                : String.format(Locale.ROOT, "TP %s ATR / SL %s ATR", num(e.takeProfit()), num(e.stopLoss()));
        String consensus = bot.consensus().requiredShare() >= 1.0 ? "unanimous" : "consensus " + num(bot.consensus().requiredShare());
        return bot.leverage() + "x, " + exits + ", " + bot.sizing().method().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                + num(bot.sizing().parameter()) + ", " + consensus + ", " + bot.indicators().size() + " indicators";
    }

    private static String pct(double fraction) {
        return num(fraction * 100);
    }

    private static String num(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a bot readably: indicators and their rules, trading genes, provenance and metrics.")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The bot file.")
        Path file;

        @picocli.CommandLine.Option(names = "--json", description = "Print the bot as one JSON object (docs/JSON_OUTPUT.md).")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Bot bot = BotFiles.read(file);
            if (json) {
                printJson(out, bot);
                return;
            }
            out.println("Bot " + bot.name() + " (" + file + ")");
            out.println("  " + summary(bot));
            out.println("Indicators (a signal needs " + (bot.consensus().requiredShare() >= 1.0 ? "all of them" : "a share of "
                    + num(bot.consensus().requiredShare())) + " to agree):");
            for (IndicatorSpec s : bot.indicators()) {
                out.println("  " + s);
                out.println("      " + s.type().rule());
            }
            out.println("Warm-up: " + bot.warmUp() + " bars");
            Provenance p = bot.provenance();
            if (!p.equals(Provenance.NONE)) {
                out.println("Provenance: run " + orDash(p.run()) + ", generation " + (p.generation() < 0 ? "-" : p.generation()) + ", "
                        + orDash(p.symbol()) + " " + orDash(p.timeframe()) + ", data "
                        + (p.dataFrom() < 0 ? "-" : Instant.ofEpochMilli(p.dataFrom())) + " .. " + (p.dataTo() < 0 ? "-" : Instant.ofEpochMilli(p.dataTo())));
                metrics(out, "Training", p.training());
                metrics(out, "Out of sample", p.outOfSample());
                evidence(out, file);
            }
            out.flush();
        }

        private void printJson(PrintWriter out, Bot bot) {
            java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("schema", "gpubot.bot-show/1");
            doc.put("file", file.toAbsolutePath().normalize().toString());
            doc.put("name", bot.name());
            doc.put("summary", summary(bot));
            doc.put("leverage", bot.leverage());
            doc.put("consensus", bot.consensus().requiredShare());
            doc.put("warmUpBars", bot.warmUp());
            java.util.List<Object> indicators = new java.util.ArrayList<>();
            for (IndicatorSpec s : bot.indicators()) {
                java.util.Map<String, Object> indicator = new java.util.LinkedHashMap<>();
                indicator.put("spec", s.toString());
                indicator.put("rule", s.type().rule());
                indicators.add(indicator);
            }
            doc.put("indicators", indicators);
            ExitLevels e = bot.exits();
            java.util.Map<String, Object> exits = new java.util.LinkedHashMap<>();
            exits.put("mode", e.mode().name().toLowerCase(Locale.ROOT));
            exits.put("takeProfit", e.takeProfit());
            exits.put("stopLoss", e.stopLoss());
            doc.put("exits", exits);
            java.util.Map<String, Object> sizing = new java.util.LinkedHashMap<>();
            sizing.put("method", bot.sizing().method().name().toLowerCase(Locale.ROOT));
            sizing.put("parameter", bot.sizing().parameter());
            doc.put("sizing", sizing);
            Provenance p = bot.provenance();
            if (!p.equals(Provenance.NONE)) {
                java.util.Map<String, Object> prov = new java.util.LinkedHashMap<>();
                prov.put("run", p.run());
                prov.put("generation", p.generation() < 0 ? null : p.generation());
                prov.put("symbol", p.symbol());
                prov.put("timeframe", p.timeframe());
                prov.put("dataFrom", JsonOutput.time(p.dataFrom()));
                prov.put("dataTo", JsonOutput.time(p.dataTo()));
                prov.put("training", p.training());
                prov.put("outOfSample", p.outOfSample());
                doc.put("provenance", prov);
            } else {
                doc.put("provenance", null);
            }
            JsonOutput.print(out, doc);
        }

        /** The run's evidence.json next to the bots folder, when the file is one of its saved bots. */
        private static void evidence(PrintWriter out, Path file) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("bot-(\\d+)\\.json").matcher(file.getFileName().toString());
            Path dir = file.toAbsolutePath().getParent();
            if (!m.matches() || dir == null || dir.getParent() == null) return;
            Path json = dir.getParent().resolve(io.gpubot.evolve.RunFiles.EVIDENCE);
            if (!java.nio.file.Files.exists(json)) return;
            com.fasterxml.jackson.databind.JsonNode root;
            try {
                root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
            } catch (java.io.IOException e) {
                out.println("(" + json + " is unreadable: " + e.getMessage() + ")");
                return;
            }
            int rank = Integer.parseInt(m.group(1));
            com.fasterxml.jackson.databind.JsonNode r = root.path("ranks").path(rank - 1);
            out.println(io.gpubot.evolve.Evidence.HELD_OUT_CAVEAT);
            if (!r.isMissingNode()) {
                out.printf(Locale.ROOT, "Rank %d of %d by the training score %s%n", rank, root.path("ranks").size(), value(r.path("score"), "%.3f"));
                out.printf(Locale.ROOT, "Deflated Sharpe Ratio: %s (%s trials)%n  %s%n", value(r.path("deflatedSharpe"), "%.2f"),
                        root.path("trials").asText("-"), io.gpubot.evolve.Evidence.DSR_MEANING);
            }
            out.printf(Locale.ROOT, "Probability of Backtest Overfitting of its run: %s%n  %s%n", value(root.path("pbo"), "%.2f"),
                    io.gpubot.evolve.Evidence.PBO_MEANING);
            com.fasterxml.jackson.databind.JsonNode hold = root.path("heldOutBuyAndHold");
            if (!hold.isMissingNode()) {
                out.printf(Locale.ROOT, "Buy and hold over the held-out bars: spot %s%%, Sharpe %s; 1x perpetual %s%%, Sharpe %s%n  %s%n",
                        value(hold.path("spotReturnPct"), "%+.1f"), value(hold.path("spotSharpe"), "%.2f"), value(hold.path("perpReturnPct"), "%+.1f"),
                        value(hold.path("perpSharpe"), "%.2f"), io.gpubot.evolve.Evidence.HOLD_MEANING);
            }
            if (root.path("nullBots").asInt(0) > 0) {
                out.printf(Locale.ROOT, "Null: the run's rank 1 scored above %s%% of %d random bots; the best of them had a held-out Sharpe of %s%n  %s%n",
                        value(root.path("scorePercentile"), "%.1f"), root.path("nullBots").asInt(), value(root.path("nullBestHeldOutSharpe"), "%.2f"),
                        io.gpubot.evolve.Evidence.NULL_MEANING);
            }
        }

        private static String value(com.fasterxml.jackson.databind.JsonNode node, String format) {
            return node.isNumber() ? String.format(Locale.ROOT, format, node.doubleValue()) : "-";
        }

        private static String orDash(String s) {
            return s == null ? "-" : s;
        }

        private static void metrics(PrintWriter out, String label, Metrics m) {
            if (m == null) return;
            out.printf(Locale.ROOT, "%s: return %+.2f%%, max drawdown %.2f%%, %d trades, win rate %.1f%%, profit factor %s, Sharpe %.2f%n",
                    label, m.returnPct(), m.maxDrawdownPct(), m.trades(), m.winRatePct(),
                    Double.isInfinite(m.profitFactor()) ? "inf" : String.format(Locale.ROOT, "%.2f", m.profitFactor()), m.sharpe());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List saved bots (every bot file under a folder, by default the runs in the gpubot home) with their training and out-of-sample results.")
    static final class ListBots implements Runnable {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.ParentCommand
        BotsCommand parent;

        @Parameters(paramLabel = "DIR", arity = "0..1", description = "Where to look (default: ~/.gpu_bot/runs).")
        Path dir;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Path where = dir != null ? dir : io.gpubot.app.Home.resolve(parent.root.homeOption()).dir().resolve("runs");
            if (dir == null && !java.nio.file.Files.exists(where)) {
                // A new home: nothing evolved yet is not a mistake.
                out.println("No bots yet in " + where + ". Evolve some with: gpubot evolve --data bundled:btc-usd-4h");
                out.flush();
                return;
            }
            if (!java.nio.file.Files.isDirectory(where)) {
                throw new io.gpubot.core.UserException(where + " is not a folder; give one holding bot files, or run gpubot evolve first");
            }
            java.util.List<Path> files;
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(where)) {
                files = walk.filter(f -> f.getFileName().toString().endsWith(".json") && f.getParent().getFileName() != null
                        && f.getParent().getFileName().toString().equals("bots")).sorted().collect(Collectors.toList());
            } catch (java.io.IOException e) {
                throw new io.gpubot.core.UserException("cannot read " + where + ": " + e.getMessage());
            }
            Table table = new Table("file", "train return %", "train max DD %", "held-out return %", "held-out max DD %", "held-out trades", "genes");
            int unreadable = 0;
            for (Path file : files) {
                Bot bot;
                try {
                    bot = BotFiles.read(file);
                } catch (RuntimeException e) {
                    unreadable++;
                    continue;
                }
                Metrics t = bot.provenance().training();
                Metrics o = bot.provenance().outOfSample();
                table.row(where.relativize(file).toString(), t == null ? "-" : String.format(Locale.ROOT, "%.2f", t.returnPct()),
                        t == null ? "-" : String.format(Locale.ROOT, "%.2f", t.maxDrawdownPct()),
                        o == null ? "-" : String.format(Locale.ROOT, "%.2f", o.returnPct()),
                        o == null ? "-" : String.format(Locale.ROOT, "%.2f", o.maxDrawdownPct()), o == null ? "-" : Integer.toString(o.trades()),
                        summary(bot));
            }
            table.print(out);
            out.printf("%d bots%s%n", files.size() - unreadable, unreadable == 0 ? "" : ", " + unreadable + " unreadable files skipped");
            out.flush();
        }
    }
}
