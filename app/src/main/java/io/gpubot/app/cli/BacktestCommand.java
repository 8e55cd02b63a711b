package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.app.report.BacktestChart;
import io.gpubot.core.UserException;
import io.gpubot.core.backtest.BacktestResult;
import io.gpubot.core.backtest.Backtester;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.FundingRates;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.TradeListener;
import io.gpubot.data.BotFiles;
import io.gpubot.data.CandleStore;
import io.gpubot.data.SeriesKey;
import io.gpubot.data.TradeCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code gpubot backtest}: one bot over candles, with metrics, the trade list and a chart. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Backtest one bot: prints the metrics, and writes the trade list and a chart (price with entries and exits, equity, drawdown).",
                "Indicators warm up on the bars before --from. Example: gpubot backtest --bot examples/bots/btc-4h-trend.json --data bundled:btc-usd-4h --chart equity.png"})
public final class BacktestCommand implements Runnable {

    enum Engine { FAST, REFERENCE }

    @ParentCommand
    GpubotCommand root;
    @Spec
    CommandSpec spec;
    @Mixin
    CandleSourceOptions source;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--bot", required = true, paramLabel = "FILE", description = "The bot file (gpubot.bot/1 JSON).")
    Path botFile;

    @Option(names = "--balance", defaultValue = "1000", paramLabel = "USDT", description = "Starting balance (default: ${DEFAULT-VALUE}).")
    double balance;

    @Option(names = "--engine", defaultValue = "fast", paramLabel = "fast|reference",
            description = "The batch engine or the bar-by-bar reference stepper; both give identical trades (default: ${DEFAULT-VALUE}).")
    Engine engine;

    @Option(names = "--contract", paramLabel = "SYMBOL",
            description = "Whose facts (multiplier, fees, margin) apply; default: the data's symbol, else the bot's training symbol.")
    String contractSymbol;

    @Option(names = "--no-limits", description = "Research: no risk limits (max notional, daily loss, minimum balance); "
            + "KuCoin's risk-limit tiers still apply (docs/TRADING_RULES.md §11).")
    boolean noLimits;

    @Option(names = "--slippage", defaultValue = "0.001", paramLabel = "RATE", description = "Market-order slippage (default: ${DEFAULT-VALUE} = 0.1%%).")
    double slippage;

    @Option(names = "--funding-rate", defaultValue = "0.0001", paramLabel = "RATE",
            description = "Funding rate per settlement where the store has no history (default: ${DEFAULT-VALUE}).")
    double fundingRate;

    @Option(names = "--trades", paramLabel = "FILE.csv", description = "Write the trade list here.")
    Path tradesFile;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Write the chart here.")
    Path chartFile;

    @Option(names = "--json", description = "Print the result as one JSON object instead of a table (docs/JSON_OUTPUT.md).")
    boolean json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Home home = Home.resolve(root.homeOption());
        Bot bot = BotFiles.read(botFile);
        CandleSourceOptions.Window window = source.loadWindow(home, err);
        Contract contract = contract(bot);
        try {
            bot.plan(contract);
        } catch (IllegalArgumentException e) {
            throw new UserException(botFile + ": " + e.getMessage());
        }
        CandleSeries all = window.all();
        FundingRates rates = fundingRates(home, contract, all);
        RunSettings run;
        try {
            run = RunSettings.withBalance(balance).withSlippage(slippage).withFunding(rates, fundingRate)
                    .withLimits(noLimits ? io.gpubot.core.trade.RiskLimits.NONE : io.gpubot.core.trade.RiskLimits.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }

        BacktestChart chart = chartFile == null ? null : new BacktestChart();
        TradeListener listener = chart == null ? TradeListener.NONE : chart;
        BacktestResult result;
        if (backendOption.choice() == null || backendOption.choice() == BackendOption.Choice.cpu) {
            result = engine == Engine.FAST
                    ? new Backtester(all, contract, run).run(bot, window.from(), window.to(), listener)
                    : Backtester.reference(bot, all, contract, run, window.from(), window.to(), listener);
        } else {
            if (engine == Engine.REFERENCE) throw new UserException("--engine reference runs on the CPU; leave out --backend or use --backend cpu");
            result = onBackend(bot, all, contract, run, window, err);
            // The device keeps no equity curve: the chart's comes from the CPU engine, which trades exactly the same.
            if (chart != null) new Backtester(all, contract, run).run(bot, window.from(), window.to(), listener);
        }

        Metrics m = result.metrics();
        SampleWarnings.timeframe(bot, all.timeframe()).ifPresent(err::println);
        SampleWarnings.tinySample(m, all.timeframe()).ifPresent(err::println);
        err.flush();
        if (json) {
            printJson(out, bot, window, contract, m);
        } else {
            printTable(out, bot, window, contract, rates, m);
        }
        try {
            if (tradesFile != null) {
                TradeCsv.write(result.trades(), tradesFile);
                out.printf("Trades:        %s (%s trades)%n", tradesFile, Formats.count(result.trades().size()));
            }
            if (chart != null) {
                long evolvedUntil = bot.provenance().dataTo();
                chart.write(chartFile, bot.name() + " on " + window.source() + " (" + contract.symbol() + ", " + all.timeframe() + ")",
                        all, result.trades(), evolvedUntil > 0 ? java.util.OptionalLong.of(evolvedUntil) : java.util.OptionalLong.empty());
                out.printf("Chart:         %s%n", chartFile);
            }
        } catch (IOException e) {
            throw new UserException("cannot write the output: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** The bot over the window on the backend of {@code --backend} (an OpenCL device, or the CPU when auto finds no GPU). */
    private BacktestResult onBackend(Bot bot, CandleSeries all, Contract contract, RunSettings run, CandleSourceOptions.Window window, PrintWriter err) {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try (BackendOption.Selected selected = backendOption.select(BackendOption.Choice.cpu, err)) {
            err.flush();
            return selected.backend().evaluator(new Backtester(all, contract, run), pool)
                    .evaluate(java.util.List.of(bot), java.util.List.of(new io.gpubot.core.backtest.Cycle(window.from(), window.to()))).get(0).get(0);
        } finally {
            pool.shutdown();
        }
    }

    private Contract contract(Bot bot) {
        return contract(contractSymbol, source.contractSymbol(), bot);
    }

    /** The first of: the --contract option, the data's symbol, the bot's training symbol. */
    static Contract contract(String option, String dataSymbol, Bot bot) {
        return contract(option, dataSymbol, bot.provenance().symbol());
    }

    /** The first of: the --contract option, the data's symbol, a fallback (may be null). */
    static Contract contract(String option, String dataSymbol, String fallback) {
        String symbol = option != null ? option : dataSymbol != null ? dataSymbol : fallback;
        if (symbol == null) {
            throw new UserException("say which contract's facts apply to this file's candles, e.g. --contract XBTUSDTM");
        }
        try {
            return Contracts.get(symbol);
        } catch (IllegalArgumentException e) {
            throw new UserException("--contract: " + e.getMessage());
        }
    }

    /** Funding settlements the store holds for the contract over the candles' span (none when there is no store). */
    static FundingRates fundingRates(Home home, Contract contract, CandleSeries all) {
        if (!Files.exists(home.candleStore())) return FundingRates.none();
        try (CandleStore store = CandleStore.open(home.candleStore())) {
            return store.loadFunding(SeriesKey.KUCOIN, contract.symbol(), all.firstTime(), all.endTime());
        }
    }

    private void printTable(PrintWriter out, Bot bot, CandleSourceOptions.Window w, Contract contract, FundingRates rates, Metrics m) {
        CandleSeries bars = w.bars();
        out.printf("Bot:           %s  %s%n", bot.name(), BotsCommand.summary(bot));
        out.printf("Data:          %s, %s .. %s UTC, %s bars (%s), %s facts%n", w.source(), Formats.time(bars.firstTime()),
                Formats.time(bars.lastTime()), Formats.count(bars.size()), bars.timeframe(), contract.symbol());
        out.printf("Engine:        %s; funding %s%n", engine.name().toLowerCase(Locale.ROOT),
                rates.size() > 0 ? rates.size() + " settlements from the store, else " + fundingRate : "at " + fundingRate + " per settlement (no history in the store)");
        out.printf(Locale.ROOT, "Balance:       %,.2f -> %,.2f USDT%n", m.startBalance(), m.finalEquity());
        out.printf(Locale.ROOT, "Net profit:    %+,.2f USDT (%+.2f%%)%n", m.netProfit(), m.returnPct());
        out.printf(Locale.ROOT, "Max drawdown:  %.2f%% at closes, %.2f%% intrabar (longest %s under a peak)%n", m.maxDrawdownPct(),
                m.maxIntrabarDrawdownPct(), io.gpubot.core.market.Gaps.span(m.maxDrawdownDuration()));
        out.printf(Locale.ROOT, "Trades:        %d, win rate %.1f%%, profit factor %s, average %+,.2f USDT%n", m.trades(), m.winRatePct(),
                Double.isInfinite(m.profitFactor()) ? "inf (no losing trade)" : String.format(Locale.ROOT, "%.2f", m.profitFactor()), m.averageTrade());
        out.printf(Locale.ROOT, "Ratios:        Sharpe %.2f, Sortino %.2f, Calmar %.2f%n", m.sharpe(), m.sortino(), m.calmar());
        out.printf(Locale.ROOT, "Exposure:      %.1f%% of bars; liquidations %d%n", m.exposurePct(), m.liquidations());
        out.printf(Locale.ROOT, "Costs:         fees %,.2f, slippage %,.2f, funding %+,.2f USDT%n", m.fees(), m.slippage(), m.funding());
    }

    private static void printJson(PrintWriter out, Bot bot, CandleSourceOptions.Window w, Contract contract, Metrics m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "gpubot.backtest/1");
        doc.put("bot", bot.name());
        doc.put("data", w.source());
        doc.put("contract", contract.symbol());
        doc.put("from", java.time.Instant.ofEpochMilli(w.bars().firstTime()).toString());
        doc.put("to", java.time.Instant.ofEpochMilli(w.bars().lastTime()).toString());
        doc.put("timeframe", w.bars().timeframe().label());
        doc.put("bars", w.bars().size());
        doc.put("metrics", m);
        JsonOutput.print(out, doc);
    }
}
