package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.app.Main;
import io.gpubot.app.menu.Menu;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The root command: global options and the list of subcommands. */
@Command(name = "gpubot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Evolves indicator-consensus trading bots for KuCoin Futures, backtests them, and trades them.",
        subcommands = {DataCommand.class, IndicatorsCommand.class, BacktestCommand.class, EvolveCommand.class, BotsCommand.class,
                PaperCommand.class, SessionsCommand.class, SandboxCommand.class, CredentialsCommand.class, BenchCommand.class, LiveCommand.class, DemoCommand.class,
                ResearchCommand.class},
        usageHelpAutoWidth = true)
public final class GpubotCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder for the candle store, logs, runs and credentials (default: $GPUBOT_HOME or ~/.gpu_bot).")
    Path home;

    @Option(names = "--menu", hidden = true, description = "Show the interactive menu even when standard input is not a terminal (scripts, tests).")
    boolean menu;

    public Path homeOption() {
        return home;
    }

    /** Without a command: the interactive menu at a terminal, the usage otherwise (a script gets help, not a prompt). */
    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (!menu && System.console() == null) {
            spec.commandLine().usage(out);
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        new Menu(Home.resolve(home).ensureExists(), Prompts.forProcess(out), out, args -> {
            CommandLine command = Main.newCommandLine();
            command.setOut(out);
            command.setErr(err);
            return command.execute(args);
        }).run();
    }
}
