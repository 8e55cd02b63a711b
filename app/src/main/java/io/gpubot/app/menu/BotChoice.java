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
 * Which bot a mode runs: the bots evolution saved ({@code <home>/runs/.../bots/*.json}), the newest run
 * first and each run's rank 1 first, with their training and held-out results, a page at a time; the
 * built-in test bot; or any bot file by path.
 */
final class BotChoice {

    /** Bots per page; {@code n} and {@code p} turn the pages, and every bot keeps its number. */
    static final int PAGE = 10;
    static final String BUILT_IN = "btc-4h-trend";
    private static final String BUILT_IN_RESOURCE = "/io/gpubot/app/bots/btc-4h-trend.json";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Path home;
    private final PrintWriter out;

    BotChoice(Path home, PrintWriter out) {
        this.home = home;
        this.out = out;
    }

    /** Lists the choices and asks; the answer stored and returned is a bot file's path. */
    String ask(Questions questions) {
        List<Path> saved = savedBots();
        int page = 0;
        while (true) {
            showPage(saved, page);
            String fallback = saved.isEmpty() ? "t" : "1";
            String answer = questions.ask("bot", "Bot", fallback, a -> check(a, saved));
            if (answer.equalsIgnoreCase("n") || answer.equalsIgnoreCase("p")) {
                int pages = Math.max(1, (saved.size() + PAGE - 1) / PAGE);
                page = Math.floorMod(page + (answer.equalsIgnoreCase("n") ? 1 : -1), pages);
                continue;
            }
            String file = resolve(answer, saved).toString();
            questions.record("bot", file);
            return file;
        }
    }

    private void showPage(List<Path> saved, int page) {
        int from = page * PAGE;
        int to = Math.min(saved.size(), from + PAGE);
        if (saved.isEmpty()) {
            out.println("Bots:");
            out.println("  (no saved bots yet: gpubot evolve saves them under " + home.resolve("runs") + ")");
        } else {
            out.printf(Locale.ROOT, "Bots, newest run first, best first (%d-%d of %d):%n", from + 1, to, saved.size());
            out.printf(Locale.ROOT, "  %4s  %-40s %-14s %9s %7s | %9s %7s %6s%n", "#", "run / bot file", "name", "train %", "DD %",
                    "held-out %", "DD %", "trades");
            for (int k = from; k < to; k++) {
                out.println(row(k + 1, saved.get(k)));
            }
            if (saved.size() > PAGE) out.println("  n) next page   p) previous page");
        }
        out.println("  t) built-in test bot " + BUILT_IN + " (3 indicators, 3x, for BTC 4h)");
        out.println("  or type the path of a bot file");
        out.flush();
    }

    private String check(String answer, List<Path> saved) {
        if (saved.size() > PAGE && (answer.equalsIgnoreCase("n") || answer.equalsIgnoreCase("p"))) return null;
        try {
            BotFiles.read(resolve(answer, saved));
            return null;
        } catch (RuntimeException e) {
            return "not a bot: " + e.getMessage() + " (choose a number" + (saved.size() > PAGE ? ", n or p for more" : "")
                    + ", t, or a bot file's path)";
        }
    }

    private Path resolve(String answer, List<Path> saved) {
        if (answer.equalsIgnoreCase("t")) return builtInBot();
        if (answer.matches("\\d+")) {
            int k = Integer.parseInt(answer);
            if (k < 1 || k > saved.size()) {
                throw new IllegalArgumentException("there is no bot number " + k + (saved.isEmpty() ? "" : "; they are 1.." + saved.size()));
            }
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

    /**
     * Bot files evolution saved: runs newest first (by run.json's start, else their newest bot file),
     * and within a run by file name, which is the hall-of-fame rank (bot-001 is rank 1).
     */
    List<Path> savedBots() {
        Path runs = home.resolve("runs");
        if (!Files.isDirectory(runs)) return List.of();
        java.util.Map<Path, List<Path>> byRun = new java.util.HashMap<>();
        try (Stream<Path> walk = Files.walk(runs)) {
            walk.filter(f -> f.getFileName().toString().endsWith(".json") && f.getParent() != null
                    && f.getParent().getFileName().toString().equals("bots") && f.getParent().getParent() != null)
                    .forEach(f -> byRun.computeIfAbsent(f.getParent().getParent(), r -> new ArrayList<>()).add(f));
        } catch (IOException e) {
            out.println("warning: cannot list " + runs + ": " + e.getMessage());
            return List.of();
        }
        java.util.Map<Path, Long> started = new java.util.HashMap<>();
        byRun.forEach((run, files) -> started.put(run, runStarted(run, files)));
        List<Path> order = new ArrayList<>(byRun.keySet());
        order.sort(Comparator.comparing((Path run) -> started.get(run)).reversed().thenComparing(Comparator.<Path>reverseOrder()));
        List<Path> files = new ArrayList<>();
        for (Path run : order) {
            List<Path> bots = byRun.get(run);
            bots.sort(Comparator.naturalOrder());
            files.addAll(bots);
        }
        return files;
    }

    private static long runStarted(Path run, List<Path> files) {
        Path record = run.resolve("run.json");
        if (Files.isRegularFile(record)) {
            try {
                String text = JSON.readTree(record.toFile()).path("started").asText("");
                if (!text.isEmpty()) return java.time.Instant.parse(text).toEpochMilli();
            } catch (IOException | RuntimeException unreadable) {
                // Falls back to the files' times below.
            }
        }
        return files.stream().mapToLong(BotChoice::modified).max().orElse(0);
    }

    private String row(int number, Path file) {
        String where = home.resolve("runs").relativize(file).toString();
        if (where.length() > 40) where = "..." + where.substring(where.length() - 37);
        try {
            Bot bot = BotFiles.read(file);
            Metrics t = bot.provenance().training();
            Metrics o = bot.provenance().outOfSample();
            return String.format(Locale.ROOT, "  %4d) %-40s %-14s %9s %7s | %9s %7s %6s", number, where, bot.name(),
                    t == null ? "-" : String.format(Locale.ROOT, "%+.1f", t.returnPct()),
                    t == null ? "-" : String.format(Locale.ROOT, "%.1f", t.maxDrawdownPct()),
                    o == null ? "-" : String.format(Locale.ROOT, "%+.1f", o.returnPct()),
                    o == null ? "-" : String.format(Locale.ROOT, "%.1f", o.maxDrawdownPct()),
                    o == null ? "-" : Integer.toString(o.trades()));
        } catch (RuntimeException unreadable) {
            return String.format(Locale.ROOT, "  %4d) %-40s (unreadable: %s)", number, where, unreadable.getMessage());
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
