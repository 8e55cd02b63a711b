package io.gpubot.kucoin;

import java.time.Duration;

/** Waits; injectable so that backoff logic is tested without real time passing. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) Thread.sleep(duration.toMillis());
    };

    void sleep(Duration duration) throws InterruptedException;
}
