package io.gpubot.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** Points logging at the home folder once it is known: warnings on the console, detail in the log file. */
public final class Logging {

    private Logging() {
    }

    /**
     * Keeps warnings off the console until closed (they still reach the log file): a full-screen
     * dashboard owns the terminal, and a stray line would tear its frame.
     */
    public static AutoCloseable consoleMuted() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return () -> { };
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> console = root.getAppender("CONSOLE");
        if (console == null) return () -> { };
        root.detachAppender(console);
        return () -> root.addAppender(console);
    }

    static void configure(Home home) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        context.putProperty("GPUBOT_LOG_DIR", home.logs().toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(Logging.class.getResource("/gpubot-logback.xml"));
        } catch (JoranException e) {
            System.err.println("warning: logging to " + home.logs() + " is off: " + e.getMessage());
        }
    }
}
