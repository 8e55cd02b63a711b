package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.data.BotFiles;
import io.gpubot.evolve.Robustness;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code gpubot bots check FILE}: how much of one bot's result survives small changes, higher costs, reshuffled trades and other data. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check one bot's robustness: each gene nudged one grid step, costs doubled, Monte Carlo resampling of its trades,"
                + " and another asset or period (--other); prints a verdict table and writes a chart.",
                "Example: gpubot bots check bot-001.json --data bundled:btc-usd-4h --from 2023-12-08 --other bundled:eth-usd-4h"})
final class BotsCheckCommand implements Runnable {

    @ParentCommand
    BotsCommand parent;
    @Spec
    CommandSpec spec;
    @Mixin
    CandleSourceOptions source;

    @Parameters(paramLabel = "FILE", description = "The bot file.")
    Path file;
    @Option(names = "--other", paramLabel = "DATA", description = "Another asset or period to run the bot on: a file or bundled:NAME.")
    String other;
    @Option(names = "--contract", paramLabel = "SYMBOL", description = "Whose facts apply to the candles (default: the data's symbol, else the bot's).")
    String contractSymbol;
    @Option(names = "--balance", defaultValue = "1000", paramLabel = "USDT", description = "Starting balance (default: ${DEFAULT-VALUE}).")
    double balance;
    @Option(names = "--simulations", defaultValue = "1000", paramLabel = "N", description = "Monte Carlo resamplings of the trades (default: ${DEFAULT-VALUE}).")
    int simulations;
    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the resampling (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--chart", paramLabel = "PNG", description = "Where to write the chart (default: next to the bot, <name>-check.png).")
    Path chart;

    record Row(String check, Metrics metrics, String verdict) {
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (simulations < 1) throw new UserException("--simulations must be at least 1");
        Home home = Home.resolve(parent.root.homeOption());
        Bot bot = BotFiles.read(file);
        CandleSourceOptions.Window window = source.loadWindow(home, err);
        Contract contract = BacktestCommand.contract(contractSymbol, source.contractSymbol(), bot);
        try {
            bot.plan(contract);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + ": " + e.getMessage());
        }
        SampleWarnings.timeframe(bot, window.all().timeframe()).ifPresent(err::println);
        FundingRates rates = BacktestCommand.fundingRates(home, contract, window.all());
        RunSettings settings = RunSettings.withBalance(balance).withFunding(rates, RunSettings.DEFAULT_FUNDING_RATE);
        Backtester backtester = new Backtester(window.all(), contract, settings);
        BacktestResult base = backtester.run(bot, window.from(), window.to());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("as saved", base.metrics(), base.metrics().returnPct() > 0 ? "profitable" : "loses"));

        List<Robustness.Neighbour> neighbours = Robustness.neighbours(bot, contract);
        List<BacktestResult> nudged = backtester.run(neighbours.stream().map(Robustness.Neighbour::bot).toList(), window.from(), window.to(),
                Runtime.getRuntime().availableProcessors());
        int profitable = 0;
        for (int i = 0; i < neighbours.size(); i++) {
            Metrics m = nudged.get(i).metrics();
            if (m.returnPct() > 0) profitable++;
            rows.add(new Row("nudged: " + neighbours.get(i).change(), m, verdict(m, base.metrics())));
        }

        Contract dearer = new Contract(contract.symbol(), contract.baseCurrency(), contract.quoteCurrency(), contract.multiplier(), contract.lotSize(),
                contract.tickSize(), contract.maxLeverage(), 2 * contract.makerFeeRate(), 2 * contract.takerFeeRate(), contract.maintenanceMarginRate(),
                contract.fundingInterval());
        RunSettings dearerRun = settings.withSlippage(2 * settings.slippage());
        Metrics costly = new Backtester(window.all(), dearer, dearerRun).run(bot, window.from(), window.to()).metrics();
        rows.add(new Row("costs doubled (fees and slippage)", costly, verdict(costly, base.metrics())));

        Metrics elsewhere = null;
        if (other != null) {
            CandleSourceOptions second = new CandleSourceOptions();
            second.data = other;
            CandleSourceOptions.Window w = second.loadWindow(home, err);
            SampleWarnings.timeframe(bot, w.all().timeframe()).ifPresent(err::println);
            Contract otherContract = BacktestCommand.contract(null, second.contractSymbol(), contract.symbol());
            elsewhere = new Backtester(w.all(), otherContract, RunSettings.withBalance(balance)).run(bot, Math.min(w.from() + bot.warmUp(), w.to()),
                    w.to()).metrics();
            rows.add(new Row("other data: " + other, elsewhere, verdict(elsewhere, base.metrics())));
        }

        Robustness.MonteCarlo mc = Robustness.monteCarlo(base.trades(), balance, simulations, seed);

        out.printf("Robustness of %s (%s) on %s, %s .. %s UTC%n", bot.name(), BotsCommand.summary(bot), window.source(),
                Formats.time(window.all().time(window.from())), Formats.time(window.all().time(window.to() - 1)));
        out.printf("%-44s %9s %8s %7s %6s  %s%n", "check", "return%", "maxDD%", "Sharpe", "trades", "verdict");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-44s %9.2f %8.2f %7.2f %6d  %s%n", shorten(r.check()), r.metrics().returnPct(), r.metrics().maxDrawdownPct(),
                    r.metrics().sharpe(), r.metrics().trades(), r.verdict());
        }
        out.printf(Locale.ROOT, "Monte Carlo (%d resamplings of its %d trades): return 5%%/50%%/95%% %.1f / %.1f / %.1f %%, max drawdown %.1f / %.1f / %.1f %%,"
                        + " %.0f%% of them lose%n", mc.runs(), base.trades().size(), mc.returnPct()[0], mc.returnPct()[1], mc.returnPct()[2],
                mc.maxDrawdownPct()[0], mc.maxDrawdownPct()[1], mc.maxDrawdownPct()[2], 100 * mc.lossProbability());
        List<String> weak = new ArrayList<>();
        if (base.metrics().returnPct() <= 0) weak.add("it loses as saved");
        if (!neighbours.isEmpty() && profitable * 3 < neighbours.size() * 2) weak.add(profitable + " of " + neighbours.size() + " nudged bots profit");
        if (costly.returnPct() <= 0) weak.add("doubled costs erase its profit");
        if (mc.lossProbability() > 0.2) weak.add(String.format(Locale.ROOT, "%.0f%% of resampled trade orders lose", 100 * mc.lossProbability()));
        if (elsewhere != null && elsewhere.returnPct() <= 0) weak.add("it loses on the other data");
        out.println(weak.isEmpty() ? "Verdict: robust: profitable as saved, in " + profitable + " of " + neighbours.size()
                + " nudged versions, with doubled costs" + (elsewhere != null ? ", on the other data" : "") + " and in most resampled trade orders."
                : "Verdict: fragile: " + String.join("; ", weak) + ".");
        SampleWarnings.tinySample(base.metrics(), window.all().timeframe()).ifPresent(out::println);
        Path png = chart != null ? chart : file.toAbsolutePath().resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "") + "-check.png");
        try {
            writeChart(png, bot, rows, mc);
        } catch (IOException e) {
            throw new UserException("cannot write " + png + ": " + e.getMessage());
        }
        out.println("Chart:   " + png);
        out.flush();
    }

    private static String verdict(Metrics m, Metrics base) {
        if (m.returnPct() <= 0) return "loses";
        return m.returnPct() >= 0.5 * base.returnPct() ? "holds" : "profitable, under half the return";
    }

    private static String shorten(String s) {
        return s.length() <= 44 ? s : s.substring(0, 41) + "...";
    }

    private static void writeChart(Path png, Bot bot, List<Row> rows, Robustness.MonteCarlo mc) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart c = new CategoryChartBuilder().width(1200).height(600).title("Robustness of " + bot.name()).xAxisTitle("check")
                .yAxisTitle("return %").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setXAxisLabelRotation(60);
        List<String> names = new ArrayList<>();
        List<Double> returns = new ArrayList<>();
        for (Row r : rows) {
            names.add(shorten(r.check()));
            returns.add(r.metrics().returnPct());
        }
        names.add("Monte Carlo 5%");
        returns.add(mc.returnPct()[0]);
        names.add("Monte Carlo 50%");
        returns.add(mc.returnPct()[1]);
        names.add("Monte Carlo 95%");
        returns.add(mc.returnPct()[2]);
        c.addSeries("return %", names, returns);
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
