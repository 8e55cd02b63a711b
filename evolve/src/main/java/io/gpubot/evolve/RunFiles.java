package io.gpubot.evolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpubot.core.UserException;
import io.gpubot.core.bot.Bot;
import io.gpubot.data.AtomicFile;
import io.gpubot.data.BotFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A run's folder: {@code run.json} (options, data, timings), {@code generations.csv}, {@code checkpoint.json}
 * (the state after the last finished generation) and {@code bots/bot-<rank>.json}. Every file is
 * written atomically, so a crash leaves the previous checkpoint intact.
 */
public final class RunFiles {

    public static final String RUN = "run.json";
    public static final String GENERATIONS = "generations.csv";
    public static final String CHECKPOINT = "checkpoint.json";
    public static final String BOTS = "bots";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public RunFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code run.json}: the options and whatever else describes the run (data, timings). */
    public void writeRun(EvolveOptions options, Map<String, Object> details) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "gpubot.run/1");
        root.set("options", JSON.valueToTree(options));
        details.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        write(dir.resolve(RUN), toText(root));
    }

    /** The options and details {@code run.json} holds. */
    public JsonNode readRun() {
        return readTree(dir.resolve(RUN));
    }

    public static EvolveOptions options(JsonNode run) {
        try {
            return JSON.treeToValue(run.get("options"), EvolveOptions.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException("run.json has no readable options: " + e.getMessage());
        }
    }

    /** Writes the checkpoint and the generations so far. */
    public void writeCheckpoint(EvolutionState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "gpubot.checkpoint/1");
        root.put("nextGeneration", state.nextGeneration());
        ArrayNode population = root.putArray("population");
        for (Bot bot : state.population()) population.add(botTree(bot));
        ArrayNode fame = root.putArray("hallOfFame");
        for (Fame f : state.hallOfFame()) {
            ObjectNode node = fame.addObject();
            node.put("fitness", f.fitness());
            node.put("generation", f.generation());
            node.set("bot", botTree(f.bot()));
        }
        root.set("history", JSON.valueToTree(state.history()));
        write(dir.resolve(CHECKPOINT), toText(root));
        StringBuilder csv = new StringBuilder(GenerationSummary.CSV_HEADER).append('\n');
        for (GenerationSummary g : state.history()) csv.append(g.csvRow()).append('\n');
        write(dir.resolve(GENERATIONS), csv.toString());
    }

    public boolean hasCheckpoint() {
        return Files.exists(dir.resolve(CHECKPOINT));
    }

    public EvolutionState readCheckpoint() {
        JsonNode root = readTree(dir.resolve(CHECKPOINT));
        try {
            List<Bot> population = new ArrayList<>();
            for (JsonNode node : root.get("population")) population.add(BotFiles.parse(JSON.writeValueAsString(node), CHECKPOINT));
            List<Fame> fame = new ArrayList<>();
            for (JsonNode node : root.get("hallOfFame")) {
                fame.add(new Fame(BotFiles.parse(JSON.writeValueAsString(node.get("bot")), CHECKPOINT), node.get("fitness").doubleValue(),
                        node.get("generation").intValue()));
            }
            List<GenerationSummary> history = new ArrayList<>();
            for (JsonNode node : root.get("history")) history.add(JSON.treeToValue(node, GenerationSummary.class));
            return new EvolutionState(root.get("nextGeneration").intValue(), population, fame, history);
        } catch (IOException | RuntimeException e) {
            throw new UserException(dir.resolve(CHECKPOINT) + " cannot be resumed from (" + e.getMessage() + "); start a new run");
        }
    }

    public static final String EVIDENCE = "evidence.json";
    public static final String WALK_FORWARD = "walk-forward.json";

    /** Writes {@code evidence.json}: benchmarks, the null, each bot's score and DSR, the PBO (NaN written as null). */
    public void writeEvidence(Evidence e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "gpubot.evidence/1");
        root.set("trainingBuyAndHold", JSON.valueToTree(e.trainingHold()));
        if (e.heldOutHold() != null) root.set("heldOutBuyAndHold", JSON.valueToTree(e.heldOutHold()));
        root.put("trials", e.trials());
        root.put("nullBots", e.nullBots());
        number(root, "nullBestScore", e.nullBestScore());
        number(root, "nullBestHeldOutSharpe", e.nullBestHeldOutSharpe());
        number(root, "scorePercentile", e.scorePercentile());
        number(root, "heldOutPercentile", e.heldOutPercentile());
        number(root, "trialSharpeVariance", e.trialSharpeVariance());
        root.put("windows", e.windows());
        number(root, "pbo", e.pbo());
        root.put("pboBlocks", e.pboBlocks());
        ArrayNode ranks = root.putArray("ranks");
        for (int i = 0; i < e.scores().length; i++) {
            ObjectNode r = ranks.addObject();
            r.put("rank", i + 1);
            r.put("file", String.format(Locale.ROOT, "bot-%03d.json", i + 1));
            number(r, "score", e.scores()[i]);
            number(r, "deflatedSharpe", e.deflatedSharpe()[i]);
        }
        write(dir.resolve(EVIDENCE), toText(root));
    }

    /** Writes {@code walk-forward.json}: each fold's bars, rank 1 and test result, and the chained out-of-sample figures. */
    public void writeWalkForward(WalkForward.Result result, boolean anchored) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "gpubot.walk-forward/1");
        root.put("anchored", anchored);
        root.put("returnPct", result.returnPct());
        root.put("sharpe", result.sharpe());
        root.put("maxDrawdownPct", result.maxDrawdownPct());
        root.put("backtests", result.backtests());
        ArrayNode folds = root.putArray("folds");
        for (WalkForward.FoldResult f : result.folds()) {
            ObjectNode node = folds.addObject();
            node.set("bars", JSON.valueToTree(f.fold()));
            number(node, "score", f.score());
            node.set("test", JSON.valueToTree(f.test()));
            node.set("bot", botTree(f.best()));
        }
        write(dir.resolve(WALK_FORWARD), toText(root));
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) node.put(field, value);
        else node.putNull(field);
    }

    /** Writes the hall of fame as {@code bots/bot-001.json}, ...; returns the files. */
    public List<Path> writeBots(List<Bot> bots) {
        List<Path> files = new ArrayList<>();
        for (int rank = 0; rank < bots.size(); rank++) {
            Path file = dir.resolve(BOTS).resolve(String.format(Locale.ROOT, "bot-%03d.json", rank + 1));
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UserException("cannot create " + file.getParent() + ": " + e.getMessage());
            }
            BotFiles.write(bots.get(rank), file);
            files.add(file);
        }
        return files;
    }

    private static JsonNode botTree(Bot bot) {
        try {
            return JSON.readTree(BotFiles.toJson(bot));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String toText(JsonNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.writeText(file, w -> w.write(text));
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
