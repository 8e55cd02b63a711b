package io.gpubot.app.dashboard;

import java.nio.file.Path;

/** The repository's example bot, for tests in other packages. */
public final class TestBots {

    private TestBots() {
    }

    public static Path example() {
        return RealSession.exampleBot();
    }
}
