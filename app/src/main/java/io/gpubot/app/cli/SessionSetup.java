package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.BotRunner;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.BotFiles;
import io.gpubot.live.Journal;
import io.gpubot.live.LiveSession;
import io.gpubot.live.SessionInfo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every session command does before and after its engine runs: name the session, find its journal,
 * read the bots (or take them from the journal when resuming), check them against the contract, run the
 * session with its screen, and print the summary.
 */
final class SessionSetup {

    private SessionSetup() {
    }

    /** The session's name: the one given, else {@code prefix-<UTC time>}; letters, digits, '.', '_' and '-'. */
    static String sessionId(String given, String prefix) {
        String id = given != null ? given
                : prefix + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now(ZoneOffset.UTC));
        if (!id.matches("[A-Za-z0-9._-]+")) throw new UserException("--session: use letters, digits, '.', '_' and '-' only");
        return id;
    }

    static Path journalFile(Home home, String id) {
        return home.dir().resolve("sessions").resolve(id + ".db");
    }

    /** The file whose appearance pulls a running session's kill switch. */
    static Path killFile(Home home, String id) {
        return home.dir().resolve("sessions").resolve(id + ".kill");
    }

    /** The bots of the files, with distinct names. */
    static List<Bot> readBots(List<Path> files) {
        List<Bot> bots = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path f : files) {
            Bot bot = BotFiles.read(f);
            if (!names.add(bot.name())) throw new UserException("two bots are named " + bot.name() + "; rename one (the \"name\" field)");
            bots.add(bot);
        }
        return bots;
    }

    /**
     * The bots a session trades: a resumed session's own (the files given, if any, must be the same), else
     * the files'. Checks that the session trades this market.
     */
    static List<Bot> sessionBots(Journal journal, String id, List<Bot> given, String mode, String symbol, Timeframe timeframe) {
        java.util.Optional<SessionInfo> existing = journal.session();
        if (existing.isEmpty()) {
            if (given.isEmpty()) throw new UserException("a new session needs at least one --bot FILE");
            return given;
        }
        SessionInfo info = existing.get();
        if (!info.mode().equals(mode)) throw new UserException("session " + id + " is a " + info.mode() + " session; choose another --session");
        if (!info.symbol().equals(symbol) || !info.timeframe().equals(timeframe.label())) {
            throw new UserException("session " + id + " trades " + info.symbol() + " " + info.timeframe() + "; resume it with --symbol "
                    + info.symbol() + " --timeframe " + info.timeframe() + ", or choose another --session");
        }
        List<Bot> bots = info.bots().stream().map(b -> BotFiles.parse(b.json(), journal.file() + " (bot " + b.name() + ")")).toList();
        if (!given.isEmpty() && !given.stream().map(Bot::canonical).toList().equals(bots.stream().map(Bot::canonical).toList())) {
            throw new UserException("session " + id + " trades other bots; leave out --bot to resume it, or choose another --session");
        }
        return bots;
    }

    static void checkPlans(List<Bot> bots, Contract contract) {
        for (Bot bot : bots) {
            try {
                bot.plan(contract);
            } catch (IllegalArgumentException e) {
                throw new UserException(bot.name() + ": " + e.getMessage());
            }
        }
    }

    static SessionInfo newInfo(String id, String mode, String symbol, Timeframe timeframe, double balance, List<Bot> bots) {
        return new SessionInfo(id, mode, symbol, timeframe.label(), balance, System.currentTimeMillis(),
                bots.stream().map(b -> new SessionInfo.BotEntry(b.name(), BotFiles.toJson(b))).toList());
    }

    /**
     * Runs the session on its own thread while the screen shows it on this one, then hands why it ended to
     * {@code whenEnded} (the summary and the resume line). Ctrl-C or SIGTERM stops it after the bar in
     * progress (the journal stays consistent either way) and the process waits for {@code whenEnded}, so
     * a session stopped from outside still prints its summary. Returns why it ended.
     */
    static String runWithScreen(LiveSession session, boolean tui, PrintWriter out, java.util.function.Consumer<String> whenEnded) {
        String[] ended = new String[1];
        java.util.concurrent.CountDownLatch summarised = new java.util.concurrent.CountDownLatch(1);
        Thread engine = new Thread(() -> ended[0] = session.run(), "engine");
        Thread onSignal = new Thread(() -> {
            session.requestStop();
            try {
                // the main thread prints the summary once the engine has stopped; the JVM halts when this returns
                summarised.await(SHUTDOWN_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-session");
        Runtime.getRuntime().addShutdownHook(onSignal);
        engine.start();
        try {
            io.gpubot.app.dashboard.Dashboards.show(session, tui, out);
            if (!session.finished()) session.requestStop();
            engine.join();
            whenEnded.accept(ended[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.requestStop();
        } finally {
            summarised.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for the summary above
            }
        }
        return ended[0];
    }

    /** How long a signalled process waits for its session to stop after the bar in progress and print its summary. */
    static final int SHUTDOWN_WAIT_SECONDS = 20;

    /**
     * The venue a session talks to, for its header: KuCoin's own address is "KuCoin URL"; anything else (a
     * gpubot sandbox, a test server) is "sandbox URL", so the screen never lets one pass for the other.
     */
    static String venue(java.net.URI url) {
        boolean kucoin = url.getHost() != null && url.getHost().toLowerCase(Locale.ROOT).endsWith(".kucoin.com");
        return (kucoin ? "KuCoin " : "sandbox ") + url;
    }

    /** The session of an existing journal, read and closed again; empty when the file does not exist. */
    static java.util.Optional<SessionInfo> existingSession(Path journalFile) {
        if (!java.nio.file.Files.exists(journalFile)) return java.util.Optional.empty();
        try (Journal journal = Journal.open(journalFile)) {
            return journal.session();
        }
    }

    /**
     * Holds a session while it runs: one process at a time, since two would each send the session's orders.
     * The operating system drops the lock when the process dies, so a killed session never blocks its resume.
     */
    static final class SessionLock implements AutoCloseable {
        private final java.nio.channels.FileChannel channel;
        private final java.nio.channels.FileLock lock;

        private SessionLock(java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        /** The lock of session {@code id}, or empty when another process holds it. */
        static java.util.Optional<SessionLock> tryAcquire(Home home, String id) {
            Path file = home.dir().resolve("sessions").resolve(id + ".lock");
            try {
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException inThisProcess) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new SessionLock(channel, lock));
            } catch (java.io.IOException e) {
                throw new UserException("cannot lock the session file " + file + ": " + e.getMessage(), e);
            }
        }

        /** The lock of session {@code id}; one line saying what to do when another process runs it. */
        static SessionLock acquire(Home home, String id) {
            return tryAcquire(home, id).orElseThrow(() -> new UserException("session " + id + " is already running in another gpubot process;"
                    + " stop that one first (q on its dashboard, or Ctrl-C), or choose another --session"));
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (java.io.IOException ignored) {
                // closing the channel releases the lock; nothing to keep
            }
        }
    }

    /** The session's end: why, each bot's trades and PnL, where the journal is and how to resume. */
    static void printSummary(PrintWriter out, LiveSession session, String ended, Path journalFile, String resumeHint) {
        out.println();
        out.printf("Session %s ended: %s%n", session.info().id(), ended);
        Timeframe tf = Timeframe.parse(session.info().timeframe());
        List<io.gpubot.live.RealisedPnl> account = session.accountPnl();
        for (int i = 0; i < session.engine().runners().size(); i++) {
            BotRunner runner = session.engine().runners().get(i);
            var trader = runner.trader();
            Metrics m = Metrics.of(trader.trades(), trader.equityRecorder(), tf, trader.bars(), trader.barsInPosition());
            var p = trader.position();
            out.printf(Locale.ROOT, "  %-24s %4d trades  net %+,10.2f USDT  equity %,.2f  %s%n", runner.bot().name(), m.trades(),
                    m.netProfit(), trader.equity(), p == null ? "flat" : "open " + p.side() + " " + p.contracts() + " @ " + p.entryPrice());
            if (i < account.size() && account.get(i) != null) out.println("    " + account.get(i).describe());
        }
        out.println("Journal: " + journalFile + "  (gpubot sessions show " + session.info().id() + ")");
        if (resumeHint != null) out.println(resumeHint);
        out.flush();
    }
}
