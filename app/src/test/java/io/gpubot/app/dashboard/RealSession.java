package io.gpubot.app.dashboard;

import io.gpubot.app.BundledDataset;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.trade.RunSettings;
import io.gpubot.core.trade.Trade;
import io.gpubot.data.BotFiles;
import io.gpubot.live.BotSnapshot;
import io.gpubot.live.SessionControl;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.SessionSnapshot;
import io.gpubot.live.feed.ConnectionState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A session for the dashboard tests, made from a real {@link BotRunner} run of the example bot over the
 * bundled BTC 4h candles: the snapshot is taken at the first bar where the bot holds a position after
 * having closed a few trades, so every field the dashboard shows has a real value.
 */
final class RealSession implements SessionControl {

    final AtomicReference<SessionSnapshot> snapshot = new AtomicReference<>();
    volatile boolean finished;
    volatile boolean stopRequested;
    volatile String killReason;

    /** The runner at the moment of the snapshot, for the expected values. */
    final BotRunner runner;
    final double price;

    RealSession() {
        Bot bot = BotFiles.read(exampleBot());
        CandleSeries candles = BundledDataset.named("bundled:btc-usd-4h").read().series();
        runner = new BotRunner(bot, Contracts.get("XBTUSDTM"), RunSettings.withBalance(1000));
        int i = 0;
        for (; i < candles.size(); i++) {
            runner.onBar(candles.candle(i));
            if (runner.trader().position() != null && runner.trader().trades().size() >= 3) break;
        }
        if (runner.trader().position() == null) throw new IllegalStateException("the example bot never held a position");
        price = candles.close(i);
        List<SessionEvent> events = new ArrayList<>();
        for (Trade t : runner.trader().trades()) {
            events.add(new SessionEvent(t.exitTime(), SessionEvent.Kind.EXIT, bot.name(),
                    String.format(Locale.ROOT, "closed %s %d at %.1f, net %+.2f", t.side(), t.contracts(), t.exitPrice(), t.netPnl())));
        }
        events.add(new SessionEvent(candles.time(i), SessionEvent.Kind.WARNING, null, "feed reconnected after 3 s"));
        snapshot.set(new SessionSnapshot("test-session", "PAPER", "XBTUSDTM", "4h", ConnectionState.LIVE, "ws ok",
                candles.time(i) + 1000, price, candles.time(i), i + 1, List.of(BotSnapshot.of(runner, price)), events, false));
    }

    static Path exampleBot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path bot = dir.resolve("examples/bots/btc-4h-trend.json");
            if (Files.exists(bot)) return bot;
        }
        throw new IllegalStateException("examples/bots/btc-4h-trend.json not found above " + Path.of("").toAbsolutePath());
    }

    BotSnapshot bot() {
        return snapshot.get().bots().get(0);
    }

    @Override
    public SessionSnapshot snapshot() {
        return snapshot.get();
    }

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    @Override
    public void requestKill(String reason) {
        killReason = reason;
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
