package io.gpubot.app;

import io.gpubot.app.cli.GpubotCommand;
import io.gpubot.core.UserException;
import io.gpubot.core.market.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The {@code gpubot} command line. Exit codes: 0 done, 1 the user's input was wrong (message says
 * what to change), 2 gpubot failed (a bug; the log file has the details).
 */
public final class Main {

    public static final int OK = 0;
    public static final int USER_ERROR = 1;
    public static final int INTERNAL_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command with the process's standard streams. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** Runs one command writing to the given streams (tests use this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = newCommandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static CommandLine newCommandLine() {
        GpubotCommand root = new GpubotCommand();
        CommandLine cmd = new CommandLine(root);
        cmd.registerConverter(Timeframe.class, text -> {
            try {
                return Timeframe.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        cmd.registerConverter(Path.class, Path::of);
        cmd.registerConverter(java.net.URI.class, Main::webAddress);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        applyExitCodes(cmd);
        cmd.setExecutionStrategy(parseResult -> {
            Home home = Home.resolve(root.homeOption()).ensureExists();
            Logging.configure(home);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine, root));
        // A wrong flag or value: the one line that says what is wrong and where help is, not the whole usage.
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getColorScheme().errorText("error: " + parameterProblem(ex)));
            c.getErr().println("See: " + c.getCommandSpec().qualifiedName() + " --help");
            return USER_ERROR;
        });
        return cmd;
    }

    /** An http(s) or ws(s) address with a host; anything else is a typo to name, not a crash later. */
    static java.net.URI webAddress(String text) {
        String hint = "'" + text + "' is not a web address; give one like https://api-futures.kucoin.com or http://127.0.0.1:8090";
        java.net.URI uri;
        try {
            uri = new java.net.URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new CommandLine.TypeConversionException(hint);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("http", "https", "ws", "wss").contains(scheme) || uri.getHost() == null) {
            throw new CommandLine.TypeConversionException(hint);
        }
        return uri;
    }

    /** Picocli's wording for a word it did not expect, said as what the user typed wrong. */
    private static String parameterProblem(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            CommandLine c = ex.getCommandLine();
            String word = u.getUnmatched().get(0);
            String name = c.getCommandSpec().qualifiedName();
            if (!c.getSubcommands().isEmpty()) {
                java.util.List<String> suggestions = u.getSuggestions();
                return "'" + word + "' is not a " + name + " command; "
                        + (suggestions.isEmpty() ? "" : "did you mean " + suggestions.get(0) + "? ")
                        + "the commands are " + String.join(", ", c.getSubcommands().keySet());
            }
            return "unexpected argument '" + word + "' after " + name + "; options start with --";
        }
        return ex.getMessage();
    }

    /** Picocli keeps exit codes per command; every subcommand gets the same ones as the root. */
    private static void applyExitCodes(CommandLine cmd) {
        cmd.getCommandSpec().exitCodeOnInvalidInput(USER_ERROR);
        cmd.getCommandSpec().exitCodeOnExecutionException(INTERNAL_ERROR);
        cmd.getSubcommands().values().forEach(Main::applyExitCodes);
    }

    private static int handle(Exception ex, CommandLine commandLine, GpubotCommand root) {
        Logger log = LoggerFactory.getLogger(Main.class);
        PrintWriter err = commandLine.getErr();
        UserException user = userCause(ex);
        if (user != null) {
            log.debug("user error", ex);
            err.println(commandLine.getColorScheme().errorText("error: " + user.getMessage()));
            return USER_ERROR;
        }
        log.error("internal error", ex);
        Path logFile = Home.resolve(root.homeOption()).logFile();
        err.println(commandLine.getColorScheme().errorText("internal error: " + ex
                + " (this is a bug in gpubot; the details are in " + logFile + ")"));
        return INTERNAL_ERROR;
    }

    private static UserException userCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserException u) return u;
        }
        return null;
    }
}
