package io.gpubot.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.Provenance;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.signal.Consensus;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.Sizing;
import io.gpubot.core.trade.SizingMethod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes bot files, {@code "schema": "gpubot.bot/1"} (docs/BOT_FORMAT.md). Reading
 * validates everything and refuses a bad file with one message naming the field.
 */
public final class BotFiles {

    public static final String SCHEMA = "gpubot.bot/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> FIELDS = List.of("schema", "name", "indicators", "consensus", "leverage", "exits", "sizing", "provenance");

    private BotFiles() {
    }

    public static Bot read(Path file) {
        String source = file.toString();
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), source);
        } catch (NoSuchFileException e) {
            throw new BotFileException(source, "no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BotFileException(source, "not a text file; a bot file is the JSON that gpubot evolve writes (docs/BOT_FORMAT.md)");
        } catch (IOException e) {
            throw new BotFileException(source, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file, so a failure never leaves half a bot file. */
    public static void write(Bot bot, Path file) {
        try {
            AtomicFile.writeText(file, w -> w.write(toJson(bot)));
        } catch (IOException e) {
            throw new BotFileException(file.toString(), "cannot be written: " + e.getMessage(), e);
        }
    }

    public static String toJson(Bot bot) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("name", bot.name());
        ArrayNode indicators = root.putArray("indicators");
        bot.indicators().forEach(spec -> indicators.add(spec.toString()));
        root.put("consensus", bot.consensus().requiredShare());
        root.put("leverage", bot.leverage());
        ObjectNode exits = root.putObject("exits");
        exits.put("mode", bot.exits().mode().name().toLowerCase(Locale.ROOT));
        exits.put("takeProfit", bot.exits().takeProfit());
        exits.put("stopLoss", bot.exits().stopLoss());
        ObjectNode sizing = root.putObject("sizing");
        sizing.put("method", bot.sizing().method().name().toLowerCase(Locale.ROOT));
        sizing.put("parameter", bot.sizing().parameter());
        Provenance p = bot.provenance();
        if (!p.equals(Provenance.NONE)) {
            ObjectNode prov = root.putObject("provenance");
            if (p.run() != null) prov.put("run", p.run());
            if (p.generation() >= 0) prov.put("generation", p.generation());
            if (p.symbol() != null) prov.put("symbol", p.symbol());
            if (p.timeframe() != null) prov.put("timeframe", p.timeframe());
            if (p.dataFrom() >= 0) prov.put("dataFrom", Instant.ofEpochMilli(p.dataFrom()).toString());
            if (p.dataTo() >= 0) prov.put("dataTo", Instant.ofEpochMilli(p.dataTo()).toString());
            if (p.training() != null) prov.set("training", metrics(p.training()));
            if (p.outOfSample() != null) prov.set("outOfSample", metrics(p.outOfSample()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a bot as JSON", e);
        }
    }

    /** Where the JSON breaks and how, without the parser's vocabulary. */
    private static String jsonProblem(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String what;
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
            what = "the JSON is cut short: it ends";
        } else {
            String original = String.valueOf(e.getOriginalMessage());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Unexpected character \\('(.+?)' \\(code|Unrecognized token '(.+?)'").matcher(original);
            what = m.find() ? "unexpected '" + (m.group(1) != null ? m.group(1) : m.group(2)) + "'" : "not valid JSON";
        }
        return what + where + "; fix the file, or take a bot file that gpubot evolve wrote (docs/BOT_FORMAT.md)";
    }

    /**
     * @throws BotFileException naming the field that is missing or wrong
     */
    public static Bot parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BotFileException(source, jsonProblem(e));
        }
        if (root == null || !root.isObject()) throw new BotFileException(source, "a bot file is a JSON object");
        String schema = text(root, "schema", source);
        if (!SCHEMA.equals(schema)) {
            throw new BotFileException(source, "schema '" + schema + "' is not supported; this gpubot reads " + SCHEMA);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) throw new BotFileException(source, "unknown field '" + field + "'; fields are " + String.join(", ", FIELDS));
        }
        JsonNode list = root.get("indicators");
        if (list == null || !list.isArray()) throw new BotFileException(source, "'indicators' must be a list of specs like \"RSI(period=14)\"");
        List<IndicatorSpec> specs = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual()) throw new BotFileException(source, "indicators: " + item + " is not a spec like \"RSI(period=14)\"");
            try {
                specs.add(IndicatorSpec.parse(item.asText()));
            } catch (IllegalArgumentException e) {
                throw new BotFileException(source, "indicators: " + e.getMessage());
            }
        }
        try {
            Consensus consensus = new Consensus(root.has("consensus") ? number(root, "consensus", source) : 1.0);
            int leverage = (int) whole(root, "leverage", source);
            JsonNode exitNode = object(root, "exits", source);
            ExitLevels.Mode mode = enumValue(ExitLevels.Mode.class, text(exitNode, "mode", source), "exits.mode", source);
            ExitLevels exits = new ExitLevels(mode, number(exitNode, "takeProfit", source), number(exitNode, "stopLoss", source));
            JsonNode sizingNode = object(root, "sizing", source);
            SizingMethod method = enumValue(SizingMethod.class, text(sizingNode, "method", source), "sizing.method", source);
            Sizing sizing = new Sizing(method, sizingNode.has("parameter") ? number(sizingNode, "parameter", source) : method.defaultParameter());
            String name = root.has("name") ? text(root, "name", source) : fileStem(source);
            return new Bot(name, specs, consensus, leverage, exits, sizing, provenance(root.get("provenance"), source));
        } catch (IllegalArgumentException e) {
            throw new BotFileException(source, e.getMessage());
        }
    }

    private static Provenance provenance(JsonNode p, String source) {
        if (p == null || p.isNull()) return Provenance.NONE;
        if (!p.isObject()) throw new BotFileException(source, "'provenance' must be an object");
        return new Provenance(
                p.has("run") ? text(p, "run", source) : null,
                p.has("generation") ? (int) whole(p, "generation", source) : -1,
                p.has("symbol") ? text(p, "symbol", source) : null,
                p.has("timeframe") ? text(p, "timeframe", source) : null,
                p.has("dataFrom") ? instant(p, "dataFrom", source) : -1,
                p.has("dataTo") ? instant(p, "dataTo", source) : -1,
                p.has("training") ? metrics(p.get("training"), "provenance.training", source) : null,
                p.has("outOfSample") ? metrics(p.get("outOfSample"), "provenance.outOfSample", source) : null);
    }

    private static ObjectNode metrics(Metrics m) {
        ObjectNode n = JSON.createObjectNode();
        putNumber(n, "startBalance", m.startBalance());
        putNumber(n, "finalEquity", m.finalEquity());
        putNumber(n, "netProfit", m.netProfit());
        putNumber(n, "returnPct", m.returnPct());
        putNumber(n, "maxDrawdownPct", m.maxDrawdownPct());
        n.put("maxDrawdownDurationMs", m.maxDrawdownDuration());
        putNumber(n, "maxIntrabarDrawdownPct", m.maxIntrabarDrawdownPct());
        putNumber(n, "winRatePct", m.winRatePct());
        putNumber(n, "profitFactor", m.profitFactor());
        putNumber(n, "sharpe", m.sharpe());
        putNumber(n, "sortino", m.sortino());
        putNumber(n, "calmar", m.calmar());
        n.put("trades", m.trades());
        putNumber(n, "averageTrade", m.averageTrade());
        putNumber(n, "exposurePct", m.exposurePct());
        putNumber(n, "fees", m.fees());
        putNumber(n, "slippage", m.slippage());
        putNumber(n, "funding", m.funding());
        n.put("liquidations", m.liquidations());
        n.put("bars", m.bars());
        return n;
    }

    /** JSON has no infinity: a profit factor without losing trades is written as the string "Infinity". */
    private static void putNumber(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) n.put(field, value);
        else n.put(field, Double.toString(value));
    }

    private static Metrics metrics(JsonNode n, String where, String source) {
        if (!n.isObject()) throw new BotFileException(source, where + " must be an object");
        return new Metrics(number(n, "startBalance", source), number(n, "finalEquity", source), number(n, "netProfit", source),
                number(n, "returnPct", source), number(n, "maxDrawdownPct", source), whole(n, "maxDrawdownDurationMs", source),
                number(n, "winRatePct", source), number(n, "profitFactor", source), number(n, "sharpe", source),
                number(n, "sortino", source), number(n, "calmar", source), (int) whole(n, "trades", source),
                number(n, "averageTrade", source), number(n, "exposurePct", source), number(n, "fees", source),
                number(n, "slippage", source), number(n, "funding", source), (int) whole(n, "liquidations", source),
                (int) whole(n, "bars", source),
                n.has("maxIntrabarDrawdownPct") ? number(n, "maxIntrabarDrawdownPct", source) : number(n, "maxDrawdownPct", source));
    }

    private static JsonNode object(JsonNode parent, String field, String source) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) throw new BotFileException(source, "'" + field + "' is missing or not an object");
        return n;
    }

    private static String text(JsonNode parent, String field, String source) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) throw new BotFileException(source, "'" + field + "' is missing or not text");
        return n.asText();
    }

    private static double number(JsonNode parent, String field, String source) {
        JsonNode n = parent.get(field);
        if (n != null && n.isNumber()) return n.asDouble();
        if (n != null && n.isTextual() && Set.of("Infinity", "-Infinity", "NaN").contains(n.asText())) return Double.parseDouble(n.asText());
        throw new BotFileException(source, "'" + field + "' is missing or not a number");
    }

    private static long whole(JsonNode parent, String field, String source) {
        JsonNode n = parent.get(field);
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new BotFileException(source, "'" + field + "' is missing or not a whole number");
        }
        return n.asLong();
    }

    private static long instant(JsonNode parent, String field, String source) {
        try {
            return Instant.parse(text(parent, field, source)).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new BotFileException(source, "'" + field + "' is not an ISO-8601 instant like 2024-01-31T00:00:00Z");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field, String source) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.replace('-', '_'))) return e;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
        throw new BotFileException(source, field + " '" + text + "' is none of " + String.join(", ", names));
    }

    private static String fileStem(String source) {
        String name = Path.of(source).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
