package io.gpubot.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code --json} documents (docs/JSON_OUTPUT.md): one JSON object on standard output, with a
 * {@code schema} naming its shape and version; times are ISO-8601 UTC strings, and a number that is not
 * finite (a profit factor with no losing trade) is the string {@code "Infinity"} or {@code "NaN"}.
 */
final class JsonOutput {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static void print(PrintWriter out, Map<String, Object> document) {
        try {
            out.println(JSON.writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON output", e);
        }
    }

    static String time(long epochMillis) {
        return epochMillis < 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
