package io.gpubot.app;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingTest {

    @TempDir
    Path home;

    @Test
    void whileTheFullScreenDashboardRunsWarningsReachOnlyTheLogFile() throws Exception {
        Logging.configure(new Home(home));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("CONSOLE")).isNotNull();
        try (AutoCloseable quiet = Logging.consoleMuted()) {
            assertThat(root.getAppender("CONSOLE")).isNull();
            LoggerFactory.getLogger("io.gpubot.test").warn("a warning while the dashboard owns the terminal");
        }
        assertThat(root.getAppender("CONSOLE")).as("back after the dashboard").isNotNull();
        assertThat(Files.readString(home.resolve("logs").resolve("gpubot.log"))).contains("a warning while the dashboard owns the terminal");
    }
}
