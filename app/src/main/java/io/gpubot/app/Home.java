package io.gpubot.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * gpubot's folder for everything it keeps: the candle store, logs, runs, sessions and credentials.
 * It is {@code --home DIR} when given, else {@code $GPUBOT_HOME}, else {@code ~/.gpu_bot}.
 */
public record Home(Path dir) {

    public static final String ENV = "GPUBOT_HOME";

    public static Home resolve(Path option) {
        if (option != null) {
            return new Home(option.toAbsolutePath().normalize());
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new Home(Path.of(env).toAbsolutePath().normalize());
        }
        return new Home(Path.of(System.getProperty("user.home"), ".gpu_bot"));
    }

    /** Creates the folder if needed, readable by its owner only (it will hold credentials). */
    public Home ensureExists() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the user's profile folder is private already.
                }
            }
        } catch (IOException e) {
            throw new io.gpubot.core.UserException("cannot create the gpubot folder " + dir + " (" + e.getMessage()
                    + "); choose another with --home DIR or " + ENV);
        }
        return this;
    }

    public Path candleStore() {
        return dir.resolve("candles.db");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path logFile() {
        return logs().resolve("gpubot.log");
    }
}
