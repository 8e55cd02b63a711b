package io.gpubot.app.menu;

import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.data.AtomicFile;
import io.gpubot.data.BotFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which bot a mode runs: the bots evolution saved ({@code <home>/runs/.../bots/*.json}), newest first with
 * their training and held-out results, the built-in test bot, or any bot file by path.
 */
final class BotChoice {

    /** How many saved bots the list shows; others can still be given by path. */
    static final int SHOWN = 9;
    static final String BUILT_IN = "btc-4h-trend";
    private static final String BUILT_IN_RESOURCE = "/io/gpubot/app/bots/btc-4h-trend.json";

    private final Path home;
    private final PrintWriter out;

    BotChoice(Path home, PrintWriter out) {
        this.home = home;
        this.out = out;
    }

    /** Lists the choices and asks; the answer stored and returned is a bot file's path. */
    String ask(Questions questions) {
        List<Path> saved = savedBots();
        out.println("Bots:");
        for (int k = 0; k < Math.min(SHOWN, saved.size()); k++) {
            out.printf(Locale.ROOT, "  %d) %s%n", k + 1, describe(saved.get(k)));
        }
        if (saved.isEmpty()) out.println("  (no saved bots yet: gpubot evolve saves them under " + home.resolve("runs") + ")");
        out.println("  t) built-in test bot " + BUILT_IN + " (3 indicators, 3x, for BTC 4h)");
        out.println("  or type the path of a bot file");
        out.flush();
        String fallback = saved.isEmpty() ? "t" : "1";
        String answer = questions.ask("bot", "Bot", fallback, a -> check(a, saved));
        String file = resolve(answer, saved).toString();
        questions.record("bot", file);
        return file;
    }

    private String check(String answer, List<Path> saved) {
        try {
            BotFiles.read(resolve(answer, saved));
            return null;
        } catch (RuntimeException e) {
            return "not a bot: " + e.getMessage() + " (choose a number, t, or a bot file's path)";
        }
    }

    private Path resolve(String answer, List<Path> saved) {
        if (answer.equalsIgnoreCase("t")) return builtInBot();
        if (answer.matches("\\d+")) {
            int k = Integer.parseInt(answer);
            if (k < 1 || k > Math.min(SHOWN, saved.size())) throw new IllegalArgumentException("there is no bot number " + k);
            return saved.get(k - 1);
        }
        return Path.of(answer).toAbsolutePath().normalize();
    }

    /** The built-in test bot, written to {@code <home>/bots/} so that commands can read it as a file. */
    Path builtInBot() {
        Path file = home.resolve("bots").resolve(BUILT_IN + ".json");
        if (!Files.isRegularFile(file)) {
            try (InputStream in = BotChoice.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) throw new IllegalStateException(BUILT_IN_RESOURCE + " is missing from the gpubot jar");
                byte[] json = in.readAllBytes();
                AtomicFile.write(file, tmp -> Files.write(tmp, json));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the built-in bot to " + file, e);
            }
        }
        return file;
    }

    /** Bot files evolution saved, newest first. */
    List<Path> savedBots() {
        Path runs = home.resolve("runs");
        if (!Files.isDirectory(runs)) return List.of();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(runs)) {
            walk.filter(f -> f.getFileName().toString().endsWith(".json") && f.getParent() != null
                    && f.getParent().getFileName().toString().equals("bots")).forEach(files::add);
        } catch (IOException e) {
            out.println("warning: cannot list " + runs + ": " + e.getMessage());
            return List.of();
        }
        files.sort(Comparator.comparing(BotChoice::modified).reversed().thenComparing(Comparator.naturalOrder()));
        return files;
    }

    private String describe(Path file) {
        String where = home.relativize(file).toString();
        try {
            Bot bot = BotFiles.read(file);
            Metrics t = bot.provenance().training();
            Metrics o = bot.provenance().outOfSample();
            return String.format(Locale.ROOT, "%s  %s%s", where, bot.name(),
                    (t == null ? "" : String.format(Locale.ROOT, "  train %+.1f%% DD %.1f%%", t.returnPct(), t.maxDrawdownPct()))
                            + (o == null ? "" : String.format(Locale.ROOT, "  held-out %+.1f%% DD %.1f%% %d trades", o.returnPct(),
                            o.maxDrawdownPct(), o.trades())));
        } catch (RuntimeException unreadable) {
            return where + "  (unreadable: " + unreadable.getMessage() + ")";
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
