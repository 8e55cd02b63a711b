package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.indicator.IndicatorCatalog;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.indicator.IndicatorValues;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.signal.SignalRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code gpubot indicators}: the catalogue, and indicator values and votes over candles. */
@Command(name = "indicators", mixinStandardHelpOptions = true,
        description = "List the indicator types, or compute indicators and their votes over candles.",
        subcommands = {IndicatorsCommand.ListTypes.class, IndicatorsCommand.Compute.class})
public final class IndicatorsCommand implements Runnable {

    @ParentCommand
    GpubotCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every indicator type with its parameters, ranges and rule.")
    static final class ListTypes implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--markdown", description = "Write docs/INDICATORS.md's text instead of a table.")
        boolean markdown;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(markdown ? IndicatorCatalog.markdown() : IndicatorCatalog.table());
            out.flush();
        }
    }

    @Command(name = "compute", mixinStandardHelpOptions = true,
            description = {"Compute indicators over candles: per bar the time, each output's value and each vote (+1 bullish, -1 bearish, 0).",
                    "Example: gpubot indicators compute --data bundled:btc-usd-4h --indicator 'RSI(period=14)' --indicator 'MACD(12,26,9)'"})
    static final class Compute implements Runnable {
        @ParentCommand
        IndicatorsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        CandleSourceOptions source;

        @Option(names = "--indicator", required = true, paramLabel = "SPEC",
                description = "An indicator with its parameters, e.g. 'RSI(period=14)'; repeat for more. Omitted parameters take their defaults.")
        List<String> indicators;

        @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the CSV here instead of to the screen.")
        Path outFile;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<IndicatorSpec> specs = new ArrayList<>();
            for (String text : indicators) {
                try {
                    specs.add(IndicatorSpec.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new UserException("--indicator " + text + ": " + e.getMessage());
                }
            }
            // Computed from the first bar up to --to, printed from --from: the bars before --from warm the indicators up.
            CandleSourceOptions.Window window = source.loadWindow(Home.resolve(parent.root.homeOption()), spec.commandLine().getErr());
            CandleSeries candles = window.all().slice(0, window.to());
            int first = window.from();
            List<IndicatorValues> values = new ArrayList<>();
            List<byte[]> votes = new ArrayList<>();
            for (IndicatorSpec s : specs) {
                IndicatorValues v = s.compute(candles);
                values.add(v);
                votes.add(SignalRules.votes(v, candles));
            }
            try {
                if (outFile == null) {
                    write(out, candles, first, values, votes);
                } else {
                    io.gpubot.data.AtomicFile.writeText(outFile, w -> write(w, candles, first, values, votes));
                    out.printf("Wrote %s bars x %d indicators to %s%n", Formats.count(candles.size() - first), specs.size(), outFile);
                }
            } catch (IOException e) {
                throw new UserException("cannot write " + outFile + ": " + e.getMessage(), e);
            }
            out.flush();
        }

        private static void write(Writer w, CandleSeries candles, int first, List<IndicatorValues> values, List<byte[]> votes) throws IOException {
            StringBuilder line = new StringBuilder("timestamp_ms");
            for (IndicatorValues v : values) {
                for (String output : v.outputNames()) line.append(',').append(quote(v.spec() + " " + output));
                line.append(',').append(quote(v.spec() + " vote"));
            }
            w.write(line.append('\n').toString());
            for (int i = first; i < candles.size(); i++) {
                line.setLength(0);
                line.append(candles.time(i));
                for (int k = 0; k < values.size(); k++) {
                    IndicatorValues v = values.get(k);
                    for (int o = 0; o < v.outputCount(); o++) {
                        double x = v.output(o)[i];
                        line.append(',');
                        if (x == x) line.append(x);
                    }
                    line.append(',').append(votes.get(k)[i]);
                }
                w.write(line.append('\n').toString());
            }
            w.flush();
        }

        private static String quote(String cell) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
    }
}
