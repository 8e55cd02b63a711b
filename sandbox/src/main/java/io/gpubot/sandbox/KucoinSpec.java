package io.gpubot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * KuCoin's REST endpoints as its official OpenAPI specs describe them (copies of
 * kucoin-universal-sdk's {@code spec/rest/api/*.json} in this module's resources, see NOTICE), plus the few
 * endpoints clients call that those six files do not hold. The sandbox routes, authenticates, charges
 * weights and (with {@code strictSpec}) validates every request by this table. Immutable.
 */
final class KucoinSpec {

    private static final String[] FILES = {
        "openapi-futures-market.json", "openapi-futures-order.json", "openapi-futures-positions.json",
        "openapi-futures-fundingfees.json", "openapi-account-fee.json", "openapi-account-account.json",
    };

    /**
     * A request parameter: where it goes, whether it must be there, its JSON type, allowed values and the
     * schema's {@code maximum} (null where it gives none).
     */
    record Param(String name, boolean required, String type, Set<String> allowed, Long maximum) {
    }

    /**
     * One endpoint: {@code template} as the spec writes it ({@code /api/v1/orders/{orderId}}),
     * {@code pool} and {@code weight} of its rate limit, {@code isPublic} when it needs no signature,
     * and its parameters (null lists for endpoints outside the spec files, which are not validated).
     */
    record Operation(String method, String template, String pool, int weight, boolean isPublic,
                     List<Param> query, List<Param> body, boolean fromSpec) {

        boolean matches(String method, String path) {
            if (!this.method.equals(method)) return false;
            String[] want = template.split("/", -1);
            String[] got = path.split("/", -1);
            if (want.length != got.length) return false;
            for (int i = 0; i < want.length; i++) {
                if (want[i].startsWith("{") && want[i].endsWith("}")) {
                    if (got[i].isEmpty()) return false;
                } else if (!want[i].equals(got[i])) {
                    return false;
                }
            }
            return true;
        }

        /** Literal segments count more than placeholders, so {@code /orders/byClientOid} beats {@code /orders/{order-id}}. */
        int specificity() {
            int literal = 0;
            for (String s : template.split("/")) if (!s.startsWith("{")) literal++;
            return literal;
        }
    }

    private static final Set<String> CLOSE_ORDER_OPTIONAL = Set.of("side", "size", "leverage");
    private static final Set<String> HEDGE_MODE_ORDERS = Set.of("POST /api/v1/orders", "POST /api/v1/orders/test", "POST /api/v1/st-orders");

    private static final KucoinSpec INSTANCE = load();

    private final List<Operation> operations;

    private KucoinSpec(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    static KucoinSpec get() {
        return INSTANCE;
    }

    List<Operation> operations() {
        return operations;
    }

    /** The endpoint a request goes to, or empty when KuCoin has no such URL (404000). */
    Optional<Operation> find(String method, String path) {
        Operation best = null;
        for (Operation op : operations) {
            if (op.matches(method, path) && (best == null || op.specificity() > best.specificity())) best = op;
        }
        return Optional.ofNullable(best);
    }

    /**
     * What KuCoin's spec would not accept in this request: unknown or missing query parameters and body
     * fields, and values of the wrong type or outside the allowed set. Empty when it conforms (or when the
     * endpoint lies outside the spec files).
     */
    List<String> problems(Operation op, Map<String, String> query, JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (!op.fromSpec()) return problems;
        String where = op.method() + " " + op.template();
        Map<String, Param> known = new LinkedHashMap<>();
        for (Param p : op.query()) known.put(p.name(), p);
        for (Map.Entry<String, String> e : query.entrySet()) {
            Param p = known.get(e.getKey());
            if (p == null) {
                problems.add(where + ": unknown query parameter '" + e.getKey() + "'");
            } else {
                String problem = checkText(p, e.getValue());
                if (problem != null) problems.add(where + ": " + problem);
            }
        }
        for (Param p : op.query()) {
            if (p.required() && !query.containsKey(p.name())) problems.add(where + ": query parameter '" + p.name() + "' is required");
        }
        boolean hasBody = body != null && body.isObject() && body.size() > 0;
        if (op.body().isEmpty()) {
            if (hasBody && !op.method().equals("POST")) problems.add(where + ": takes no body");
            return problems;
        }
        if (body == null || !body.isObject()) {
            problems.add(where + ": the body must be a JSON object");
            return problems;
        }
        Map<String, Param> fields = new LinkedHashMap<>();
        for (Param p : op.body()) fields.put(p.name(), p);
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Param p = fields.get(e.getKey());
            if (p == null) {
                problems.add(where + ": unknown body field '" + e.getKey() + "'");
            } else {
                String problem = checkJson(p, e.getValue());
                if (problem != null) problems.add(where + ": " + problem);
            }
        }
        // The spec's own description of closeOrder: "Side, Size and Leverage fields can be left empty".
        boolean closes = body.path("closeOrder").asBoolean(false);
        for (Param p : op.body()) {
            if (closes && CLOSE_ORDER_OPTIONAL.contains(p.name())) continue;
            if (p.required() && !body.has(p.name())) problems.add(where + ": body field '" + p.name() + "' is required");
        }
        return problems;
    }

    private static String checkText(Param p, String value) {
        switch (p.type()) {
            case "integer" -> {
                try {
                    // e.g. pageSize: "maximum": 1000, "the maximum cannot exceed 1000" (openapi-futures-order.json)
                    if (p.maximum() != null && Long.parseLong(value) > p.maximum()) {
                        return "query parameter '" + p.name() + "' must be at most " + p.maximum() + ", got '" + value + "'";
                    }
                } catch (NumberFormatException e) {
                    return "query parameter '" + p.name() + "' must be an integer, got '" + value + "'";
                }
            }
            case "number" -> {
                try {
                    Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return "query parameter '" + p.name() + "' must be a number, got '" + value + "'";
                }
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) return "query parameter '" + p.name() + "' must be true or false, got '" + value + "'";
            }
            default -> { }
        }
        if (!p.allowed().isEmpty() && !p.allowed().contains(value)) {
            return "query parameter '" + p.name() + "' must be one of " + p.allowed() + ", got '" + value + "'";
        }
        return null;
    }

    private static String checkJson(Param p, JsonNode value) {
        boolean ok = switch (p.type()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
        if (!ok) return "body field '" + p.name() + "' must be a JSON " + p.type() + ", got " + value;
        if (!p.allowed().isEmpty() && !p.allowed().contains(value.asText())) {
            return "body field '" + p.name() + "' must be one of " + p.allowed() + ", got " + value;
        }
        return null;
    }

    private static KucoinSpec load() {
        ObjectMapper json = new ObjectMapper();
        List<Operation> ops = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = KucoinSpec.class.getResourceAsStream("spec/" + file)) {
                if (in == null) throw new IllegalStateException("the sandbox's copy of KuCoin's spec lacks " + file);
                JsonNode root = json.readTree(in);
                for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
                    Map.Entry<String, JsonNode> path = paths.next();
                    for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                        Map.Entry<String, JsonNode> m = methods.next();
                        String method = m.getKey().toUpperCase(Locale.ROOT);
                        if (path.getKey().equals("/api/v1/trade-fees")) {
                            // One path, two hosts: the spec files the futures host's GET (symbol=) as PATCH
                            // beside the spot host's GET (symbols=). The sandbox is the futures host.
                            if (method.equals("GET")) continue;
                            method = "GET";
                        }
                        ops.add(operation(path.getKey(), method, m.getValue()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ops.addAll(outsideTheSpecFiles());
        return new KucoinSpec(ops);
    }

    private static Operation operation(String template, String method, JsonNode op) {
        List<Param> query = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            if (!"query".equals(p.path("in").asText())) continue;
            query.add(param(p.path("name").asText(), p.path("required").asBoolean(false), p.path("schema")));
        }
        List<Param> body = new ArrayList<>();
        JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            body.add(param(f.getKey(), required.contains(f.getKey()), f.getValue()));
        }
        if (HEDGE_MODE_ORDERS.contains(method + " " + template)) {
            // Hedge Mode came after this spec snapshot: ccxt 4.5.84 sends positionSide (BOTH, LONG, SHORT)
            // with classic futures orders (kucoin.js createOrderRequest), and KuCoin takes it.
            body.add(new Param("positionSide", false, "string", Set.of("BOTH", "LONG", "SHORT"), null));
        }
        String pool = op.path("x-api-rate-limit-pool").asText("Public");
        // The spec leaves recentFills' weight empty; KuCoin's documentation page gives 3.
        int weight = op.path("x-api-rate-limit-weight").isInt() ? op.path("x-api-rate-limit-weight").asInt() : 3;
        // Public: no permission (timestamp, contracts, risk-limit) or the public channel (funding rates).
        boolean isPublic = "NULL".equals(op.path("x-api-permission").asText()) || "Public".equals(op.path("x-api-channel").asText());
        return new Operation(method, template, pool, weight, isPublic, query, body, true);
    }

    private static Param param(String name, boolean required, JsonNode schema) {
        Set<String> allowed = new LinkedHashSet<>();
        schema.path("enum").forEach(n -> allowed.add(n.asText()));
        Long maximum = schema.path("maximum").isIntegralNumber() ? schema.path("maximum").asLong() : null;
        return new Param(name, required, schema.path("type").asText("string"), allowed, maximum);
    }

    /**
     * Endpoints clients call that the six spec files do not describe; weights are half of ccxt 4.5.84's
     * costs (ccxt writes the futures weight doubled, e.g. kline/query cost 6 for weight 3).
     */
    private static List<Operation> outsideTheSpecFiles() {
        return List.of(
                // ccxt's isUTAEnabled (utaPrivate GET account/mode, cost 60).
                new Operation("GET", "/api/ua/v1/account/mode", "Management", 30, false, null, null, false),
                // ccxt's fetchPositionMode / setPositionMode (futuresPrivate v2 position/*PositionMode, cost 4).
                new Operation("GET", "/api/v2/position/getPositionMode", "Futures", 2, false, null, null, false),
                new Operation("POST", "/api/v2/position/switchPositionMode", "Futures", 2, false, null, null, false),
                // ccxt's loadMarkets asks for the currencies (public spot v3 currencies, cost 3).
                new Operation("GET", "/api/v3/currencies", "Public", 3, true, null, null, false),
                // ccxt's fetchMarkets with credentials asks for the spot margin lists (private, cost 3).
                new Operation("GET", "/api/v3/margin/symbols", "Spot", 3, false, null, null, false),
                new Operation("GET", "/api/v1/isolated/symbols", "Spot", 3, false, null, null, false));
    }
}
