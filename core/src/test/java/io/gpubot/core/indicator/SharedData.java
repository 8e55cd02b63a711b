package io.gpubot.core.indicator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The optional reference data folder {@code shared/data} beside the repository (not shipped). Tests that
 * use it skip when it is absent. The system property {@code gpubot.shared.data} overrides the search.
 */
final class SharedData {

    private SharedData() {
    }

    static Optional<Path> folder(String name) {
        String override = System.getProperty("gpubot.shared.data");
        if (override != null) {
            Path candidate = Path.of(override).resolve(name);
            return Files.isDirectory(candidate) ? Optional.of(candidate) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.isDirectory(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
