package io.gpubot.kucoin.ws;

import io.gpubot.core.market.Candle;
import io.gpubot.core.market.Timeframe;
import java.util.function.Consumer;

/**
 * Turns the stream of in-progress {@link CandleUpdate}s of one symbol and timeframe into closed
 * bars: a bar is emitted once, when the next bar starts (or when {@link #onClock} says its end has
 * passed). Bars that were never seen complete (a quiet market, a reconnect) are reported as a
 * gap {@code [fromOpenTime, toOpenTime)} so the caller can fetch them over REST. Thread-safe; the
 * listener is called while the stream's lock is held, so it must not block.
 *
 * <p>{@link #follow} wires a stream to a {@link KucoinWebSocketFeed}; the caller should also call
 * {@link #onClock} about once a second with the exchange time so that bars close in quiet markets.
 */
public final class ClosedCandleStream implements Consumer<CandleUpdate> {

    /** Receives closed bars and gaps, in time order. */
    public interface Listener {
        void closed(Candle bar);

        /** Bars opening in {@code [fromOpenTime, toOpenTime)} were not received complete; backfill them. */
        void gap(long fromOpenTime, long toOpenTime);
    }

    private final Timeframe timeframe;
    private final long graceMillis;
    private final Listener listener;
    private Candle current;
    private long lastEmitted = Long.MIN_VALUE;

    /**
     * @param graceMillis how long after a bar's end {@link #onClock} still waits for its last update
     */
    public ClosedCandleStream(Timeframe timeframe, long graceMillis, Listener listener) {
        this.timeframe = timeframe;
        this.graceMillis = graceMillis;
        this.listener = listener;
    }

    /**
     * Subscribes to the symbol's candles on the feed and returns the stream of closed bars; a lost
     * connection drops the bar in progress (reported later as part of a gap).
     */
    public static ClosedCandleStream follow(KucoinWebSocketFeed feed, String symbol, Timeframe timeframe, long graceMillis,
                                            Listener listener) {
        ClosedCandleStream stream = new ClosedCandleStream(timeframe, graceMillis, listener);
        feed.addConnectionListener(new KucoinWebSocketFeed.ConnectionListener() {
            @Override
            public void disconnected(String reason) {
                stream.connectionLost();
            }
        });
        feed.subscribeCandles(symbol, timeframe, update -> {
            if (update.symbol().equals(symbol)) stream.accept(update);
        });
        return stream;
    }

    /** Starts after the given bar (e.g. the last bar in the candle store), so later missing bars show as a gap. */
    public synchronized ClosedCandleStream resumeAfter(long lastClosedOpenTime) {
        this.lastEmitted = lastClosedOpenTime;
        return this;
    }

    @Override
    public synchronized void accept(CandleUpdate update) {
        if (update.timeframe() != timeframe) return;
        Candle bar = update.candle();
        long t = bar.openTime();
        if (t <= lastEmitted) return;
        if (current == null) {
            reportGapBefore(t);
            current = bar;
        } else if (t == current.openTime()) {
            current = bar;
        } else if (t > current.openTime()) {
            emitCurrent();
            reportGapBefore(t);
            current = bar;
        }
    }

    /** Closes the bar in progress if {@code nowMillis} (exchange time) is past its end plus the grace period. */
    public synchronized void onClock(long nowMillis) {
        if (current != null && nowMillis >= current.openTime() + timeframe.millis() + graceMillis) emitCurrent();
    }

    /**
     * The feed lost its connection: the bar in progress may have changed unseen, so it is dropped and
     * will be reported as part of a gap when the next bar arrives.
     */
    public synchronized void connectionLost() {
        current = null;
    }

    /** Open time of the last emitted bar, {@link Long#MIN_VALUE} before the first. */
    public synchronized long lastEmittedOpenTime() {
        return lastEmitted;
    }

    private void emitCurrent() {
        Candle bar = current;
        current = null;
        if (bar.openTime() <= lastEmitted) return;
        lastEmitted = bar.openTime();
        listener.closed(bar);
    }

    private void reportGapBefore(long openTime) {
        if (lastEmitted == Long.MIN_VALUE) return;
        long expected = lastEmitted + timeframe.millis();
        if (openTime > expected) {
            listener.gap(expected, openTime);
            // The caller backfills these bars; they count as handled so no second gap covers them.
            lastEmitted = openTime - timeframe.millis();
        }
    }
}
