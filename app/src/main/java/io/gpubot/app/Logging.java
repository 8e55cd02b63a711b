package io.gpubot.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** Points logging at the home folder once it is known: warnings on the console, detail in the log file. */
final class Logging {

    private Logging() {
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
