package io.gpubot.live.feed;

import io.gpubot.core.market.CandleSeries;

import java.util.Objects;

/**
 * Replays a candle series as a market: each bar after the session's last one, at a chosen pace, with
 * the bar's close as the live price. For replays on the dashboard and for tests of the session.
 */
public final class CandleReplayFeed implements MarketFeed {

    private final CandleSeries series;
    private final double barsPerSecond;
    private volatile boolean closed;
    private Thread thread;

    /** @param barsPerSecond pace; 0 replays as fast as the session takes them */
    public CandleReplayFeed(CandleSeries series, double barsPerSecond) {
        this.series = Objects.requireNonNull(series, "series");
        if (!(barsPerSecond >= 0)) throw new IllegalArgumentException("barsPerSecond must be 0 or more, got " + barsPerSecond);
        this.barsPerSecond = barsPerSecond;
    }

    @Override
    public void start(long afterOpenTime, FeedListener listener) {
        if (thread != null) throw new IllegalStateException("already started");
        thread = new Thread(() -> replay(afterOpenTime, listener), "candle-replay");
        thread.setDaemon(true);
        thread.start();
    }

    private void replay(long afterOpenTime, FeedListener listener) {
        listener.onConnection(ConnectionState.REPLAY, "replaying " + series.size() + " " + series.timeframe().label() + " bars");
        long pauseNanos = barsPerSecond == 0 ? 0 : (long) (1e9 / barsPerSecond);
        for (int i = series.ceilingIndex(afterOpenTime == Long.MIN_VALUE ? Long.MIN_VALUE : afterOpenTime + 1); i < series.size() && !closed; i++) {
            listener.onClosedBar(series.candle(i));
            listener.onPrice(series.time(i) + series.timeframe().millis() - 1, series.close(i));
            if (pauseNanos > 0) {
                try {
                    Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        if (!closed) listener.onConnection(ConnectionState.CLOSED, "the replay reached the end of its candles");
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) thread.interrupt();
    }
}
