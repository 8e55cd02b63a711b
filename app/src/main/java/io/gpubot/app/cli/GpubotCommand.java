package io.gpubot.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** The root command: global options and the list of subcommands. */
@Command(name = "gpubot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Evolves indicator-consensus trading bots for KuCoin Futures, backtests them, and trades them.",
        subcommands = {DataCommand.class, IndicatorsCommand.class, BacktestCommand.class, EvolveCommand.class, BotsCommand.class,
                PaperCommand.class, SessionsCommand.class, SandboxCommand.class, CredentialsCommand.class, BenchCommand.class, LiveCommand.class, DemoCommand.class},
        usageHelpAutoWidth = true)
public final class GpubotCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder for the candle store, logs, runs and credentials (default: $GPUBOT_HOME or ~/.gpu_bot).")
    Path home;

    public Path homeOption() {
        return home;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
