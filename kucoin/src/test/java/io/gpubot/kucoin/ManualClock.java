package io.gpubot.kucoin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; its sleeper advances it and records each pause. */
final class ManualClock extends Clock {
    private final AtomicLong millis;
    final List<Duration> sleeps = new ArrayList<>();

    ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    void advance(long ms) {
        millis.addAndGet(ms);
    }

    Sleeper sleeper() {
        return d -> {
            synchronized (sleeps) {
                sleeps.add(d);
            }
            millis.addAndGet(d.toMillis());
        };
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }
}
