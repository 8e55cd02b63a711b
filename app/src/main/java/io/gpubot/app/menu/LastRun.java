package io.gpubot.app.menu;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gpubot.data.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The menu's answers from the last run, per mode, in {@code <home>/last-run.json}: they are the defaults
 * next time. Written atomically and only once a mode's answers are complete, so an interrupted menu never
 * leaves half a file. A missing or unreadable file just means no remembered defaults.
 */
final class LastRun {

    static final String FILE = "last-run.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Map<String, String>> answers;

    private LastRun(Path file, Map<String, Map<String, String>> answers) {
        this.file = file;
        this.answers = answers;
    }

    static LastRun load(Path home) {
        Path file = home.resolve(FILE);
        Map<String, Map<String, String>> answers = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                answers.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Map<String, String>>>() { }));
            } catch (IOException unreadable) {
                // A damaged file only costs the remembered defaults; the next complete answers replace it.
            }
        }
        return new LastRun(file, answers);
    }

    /** The remembered answer, or {@code fallback}. */
    String get(String mode, String setting, String fallback) {
        String value = answers.getOrDefault(mode, Map.of()).get(setting);
        return value == null ? fallback : value;
    }

    /** Remembers a mode's complete answers and writes the file. */
    void save(String mode, Map<String, String> modeAnswers) throws IOException {
        answers.put(mode, new LinkedHashMap<>(modeAnswers));
        AtomicFile.writeText(file, w -> w.write(JSON.writeValueAsString(answers)));
    }
}
