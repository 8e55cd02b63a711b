package io.gpubot.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the optional {@code shared/data} folder that sits beside the repository on developer and CI
 * machines. Tests that use its GPL-licensed files skip when it is absent.
 */
final class SharedData {

    private SharedData() {
    }

    static Optional<Path> file(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
