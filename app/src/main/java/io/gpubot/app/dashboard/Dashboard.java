package io.gpubot.app.dashboard;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import io.gpubot.core.signal.ConsensusResult;
import io.gpubot.core.signal.IndicatorReading;
import io.gpubot.core.signal.Signal;
import io.gpubot.live.BotSnapshot;
import io.gpubot.live.SessionControl;
import io.gpubot.live.SessionEvent;
import io.gpubot.live.SessionSnapshot;
import io.gpubot.live.feed.ConnectionState;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The full-screen live dashboard (Lanterna): the session's market and connection, the selected bot's
 * indicators with their values, votes and parameters, the consensus, the open position, the PnL summary
 * and the latest events, redrawn from {@link SessionControl#snapshot()} several times a second.
 *
 * <p>Keys: {@code q} quits (asks the session to stop), {@code k} is the kill switch (asks y/n first),
 * Tab / arrows left-right switch between bots, arrows up-down scroll a long indicator list. It fits 80x24
 * and follows resizes; what does not fit is cut, never wrapped.
 */
public final class Dashboard {

    /** How often the screen is redrawn from a fresh snapshot (the brief: at least once a second). */
    static final long REFRESH_MILLIS = 250;

    private static final String KILL_REASON = "kill switch pressed on the dashboard";
    /** Rows that are not indicator or event rows: header (2), bot, table header, position and summary (4), events title, key bar. */
    private static final int FIXED_ROWS = 10;

    private final SessionControl control;
    private final Screen screen;

    private int selectedBot;
    private int indicatorScroll;
    private boolean confirmingKill;
    private boolean killRequested;

    public Dashboard(SessionControl control, Terminal terminal) throws IOException {
        this.control = control;
        this.screen = new TerminalScreen(terminal);
    }

    /**
     * Shows the session until it ends (then waits for a key) or the user quits. Quitting only asks the
     * session to stop; the caller waits for its engine.
     */
    public void run() throws IOException {
        open();
        try {
            boolean endedShown = false;
            while (true) {
                boolean ended = control.finished() || control.snapshot().stopped();
                KeyStroke key;
                while ((key = screen.pollInput()) != null) {
                    if (endedShown) return; // "press any key"
                    if (onKey(key)) return;
                }
                drawFrame(ended);
                endedShown = ended;
                if (!sleep()) {
                    // Interrupted (Ctrl-C in the menu): same as quitting.
                    control.requestStop();
                    return;
                }
            }
        } finally {
            screen.stopScreen();
        }
    }

    /** Takes over the terminal (alternate screen, no cursor). */
    void open() throws IOException {
        screen.startScreen();
        screen.setCursorPosition(null);
    }

    /** Draws one frame from a fresh snapshot (tests call it directly). */
    void drawFrame(boolean ended) throws IOException {
        TerminalSize resized = screen.doResizeIfNecessary();
        if (resized != null) indicatorScroll = 0;
        screen.clear();
        draw(screen.newTextGraphics(), screen.getTerminalSize(), control.snapshot(), ended);
        screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }

    /** Handles one key; true when the dashboard should close. */
    boolean onKey(KeyStroke key) {
        if (key.getKeyType() == KeyType.EOF) {
            control.requestStop();
            return true;
        }
        Character c = key.getKeyType() == KeyType.Character ? Character.toLowerCase(key.getCharacter()) : null;
        if (confirmingKill) {
            confirmingKill = false;
            if (c != null && c == 'y') {
                control.requestKill(KILL_REASON);
                killRequested = true;
            }
            return false;
        }
        boolean ctrlC = c != null && c == 'c' && key.isCtrlDown();
        if (ctrlC || (c != null && c == 'q')) {
            control.requestStop();
            return true;
        }
        if (c != null && c == 'k' && !killRequested) {
            confirmingKill = true;
            return false;
        }
        int bots = Math.max(1, control.snapshot().bots().size());
        switch (key.getKeyType()) {
            case Tab, ArrowRight -> { selectedBot = (selectedBot + 1) % bots; indicatorScroll = 0; }
            case ReverseTab, ArrowLeft -> { selectedBot = (selectedBot + bots - 1) % bots; indicatorScroll = 0; }
            case ArrowDown -> indicatorScroll++;
            case ArrowUp -> indicatorScroll = Math.max(0, indicatorScroll - 1);
            default -> { }
        }
        return false;
    }

    private void draw(TextGraphics g, TerminalSize size, SessionSnapshot s, boolean ended) {
        Canvas canvas = new Canvas(g, size);
        int rows = size.getRows();
        header(canvas, s);

        List<BotSnapshot> bots = s.bots();
        if (selectedBot >= bots.size()) selectedBot = 0;
        BotSnapshot bot = bots.isEmpty() ? null : bots.get(selectedBot);
        List<IndicatorReading> readings = bot == null || bot.consensus() == null ? List.of() : bot.consensus().breakdown();

        int available = Math.max(0, rows - FIXED_ROWS - (s.exchange() == null ? 0 : 1));
        int indicatorRows = Math.min(Math.max(1, readings.size()), Math.max(1, available - 3));
        int eventRows = Math.max(0, available - indicatorRows);
        indicatorScroll = Math.max(0, Math.min(indicatorScroll, readings.size() - indicatorRows));

        int row = 2;
        botLine(canvas, row++, bot, bots.size());
        row = indicators(canvas, row, readings, indicatorRows);
        row = position(canvas, row, bot);
        if (s.exchange() != null) {
            // A live session: what the exchange really holds, beside the model's position above.
            canvas.put(row, 0, "Exchange: ", TextColor.ANSI.DEFAULT, null, SGR.BOLD);
            canvas.put(row++, 10, s.exchange(), s.exchange().contains("MISSING") ? TextColor.ANSI.RED_BRIGHT : TextColor.ANSI.MAGENTA_BRIGHT);
        }
        row = events(canvas, row, s.events(), eventRows);
        keyBar(canvas, rows - 1, bots.size(), ended);
    }

    private static void header(Canvas c, SessionSnapshot s) {
        c.fill(0, TextColor.ANSI.BLUE);
        String title = String.format(Locale.ROOT, " gpubot %s  %s  %s %s", s.mode(), s.session() == null ? "" : s.session(),
                s.symbol(), s.timeframe());
        c.put(0, 0, title, TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLUE, SGR.BOLD);
        String connection = s.connection() + (s.connectionDetail() == null || s.connectionDetail().isBlank() ? "" : " " + s.connectionDetail()) + " ";
        TextColor colour = s.connection() == ConnectionState.LIVE || s.connection() == ConnectionState.REPLAY ? TextColor.ANSI.GREEN_BRIGHT
                : s.connection() == ConnectionState.CLOSED ? TextColor.ANSI.WHITE : TextColor.ANSI.YELLOW_BRIGHT;
        int col = Math.max(title.length() + 2, c.width() - connection.length());
        c.put(0, col, connection, colour, TextColor.ANSI.BLUE, SGR.BOLD);
        c.put(1, 0, String.format(Locale.ROOT, "Price %s   Last bar %s UTC   Bars %,d   Updated %s", SnapshotText.number(s.price()),
                SnapshotText.minutes(s.barTime()), s.bars(), SnapshotText.seconds(s.time())));
    }

    private void botLine(Canvas c, int row, BotSnapshot bot, int count) {
        if (bot == null) {
            c.put(row, 0, "No bots in this session.", TextColor.ANSI.YELLOW);
            return;
        }
        String label = (count > 1 ? "Bot " + (selectedBot + 1) + "/" + count + " " : "Bot ") + bot.name() + "  ";
        c.put(row, 0, label, TextColor.ANSI.DEFAULT, null, SGR.BOLD);
        ConsensusResult consensus = bot.consensus();
        Signal signal = consensus == null ? Signal.NONE : consensus.signal();
        c.put(row, label.length(), "Signal: " + SnapshotText.consensus(consensus), signalColour(signal.direction()), null, SGR.BOLD);
    }

    private int indicators(Canvas c, int row, List<IndicatorReading> readings, int shown) {
        boolean wide = c.width() >= 100;
        String head = String.format(Locale.ROOT, "%-14s %13s  %-8s %s", "Name", "Value", "Signal", "Parameters");
        if (readings.size() > shown) {
            head += String.format(Locale.ROOT, "   (%d-%d of %d, Up/Down)", indicatorScroll + 1, indicatorScroll + shown, readings.size());
        }
        c.put(row++, 0, head, TextColor.ANSI.CYAN, null, SGR.UNDERLINE);
        if (readings.isEmpty()) {
            c.put(row++, 0, "  no indicator readings yet (waiting for the first closed bar)", TextColor.ANSI.YELLOW);
            return row;
        }
        for (int k = indicatorScroll; k < Math.min(readings.size(), indicatorScroll + shown); k++) {
            IndicatorReading r = readings.get(k);
            String left = String.format(Locale.ROOT, "%-14s %13s  ", r.name(), SnapshotText.value(r));
            c.put(row, 0, left);
            c.put(row, left.length(), String.format(Locale.ROOT, "%-8s", SnapshotText.vote(r.vote())), signalColour(r.vote()), null, SGR.BOLD);
            String rest = " " + SnapshotText.parameters(r) + (wide ? "  " + SnapshotText.outputs(r) : "");
            c.put(row, left.length() + 8, rest);
            row++;
        }
        return row;
    }

    private static int position(Canvas c, int row, BotSnapshot bot) {
        if (bot == null) return row + 4;
        c.put(row, 0, "Position: ");
        c.put(row++, 10, SnapshotText.position(bot), bot.position() == null ? TextColor.ANSI.DEFAULT
                : signalColour(bot.position().side().sign()), null, SGR.BOLD);
        c.put(row++, 0, String.format(Locale.ROOT, "Open: %d | Closed: %d | Win Rate: %s   Balance %s   Equity %s",
                bot.position() == null ? 0 : 1, bot.closedTrades(), SnapshotText.winRate(bot), SnapshotText.money(bot.balance()),
                SnapshotText.money(bot.equity())));
        int col = 0;
        col = c.labelled(row, col, "Unrealized PnL: ", SnapshotText.signedMoney(bot.unrealisedPnl()), pnlColour(bot.unrealisedPnl()));
        if (bot.account() == null) {
            col = c.labelled(row, col + 3, "Realized PnL: ", SnapshotText.signedMoney(bot.realisedPnl()), pnlColour(bot.realisedPnl()));
            c.labelled(row++, col + 3, "Total PnL: ", SnapshotText.signedMoney(bot.totalPnl()), pnlColour(bot.totalPnl()));
        } else {
            // A live bot: the account's realised PnL from the exchange's fills; the model's beside it only where they differ.
            double account = bot.account().account();
            col = c.labelled(row, col + 3, "Realized PnL (account): ", SnapshotText.signedMoney(account), pnlColour(account));
            if (bot.account().differs()) {
                c.labelled(row, col + 3, "model: ", SnapshotText.signedMoney(bot.account().model()) + " DIFFERS", TextColor.ANSI.YELLOW);
            }
            row++;
        }
        String funding = SnapshotText.money(Math.abs(bot.funding())) + (bot.funding() > 0 ? " paid" : bot.funding() < 0 ? " received" : "");
        c.put(row++, 0, String.format(Locale.ROOT, "Total Fees: %s   Funding: %s   Start balance %s", SnapshotText.money(bot.fees()),
                funding, SnapshotText.money(bot.startBalance())));
        return row;
    }

    private static int events(Canvas c, int row, List<SessionEvent> events, int shown) {
        c.put(row++, 0, "Events", TextColor.ANSI.CYAN, null, SGR.UNDERLINE);
        if (events.isEmpty() && shown > 0) {
            c.put(row, 0, "  none yet", TextColor.ANSI.DEFAULT);
            return row + shown;
        }
        List<SessionEvent> latest = events.subList(Math.max(0, events.size() - shown), events.size());
        for (SessionEvent e : latest) {
            c.put(row++, 0, SnapshotText.event(e), eventColour(e.kind()));
        }
        return row;
    }

    private void keyBar(Canvas c, int row, int bots, boolean ended) {
        c.fill(row, TextColor.ANSI.WHITE);
        if (ended) {
            c.put(row, 0, " session ended — press any key ", TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW, SGR.BOLD);
        } else if (confirmingKill) {
            c.put(row, 0, " KILL SWITCH: cancel every order, close every position at market, stop? y/n ", TextColor.ANSI.WHITE_BRIGHT,
                    TextColor.ANSI.RED, SGR.BOLD);
        } else if (killRequested) {
            c.put(row, 0, " kill switch on: closing positions and stopping...  q quit ", TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW, SGR.BOLD);
        } else {
            String keys = " q quit   k kill switch" + (bots > 1 ? "   Tab/Left/Right bot " + (selectedBot + 1) + "/" + bots : "") + "   Up/Down scroll ";
            c.put(row, 0, keys, TextColor.ANSI.BLACK, TextColor.ANSI.WHITE, SGR.BOLD);
        }
    }

    static TextColor signalColour(int direction) {
        return direction > 0 ? TextColor.ANSI.GREEN_BRIGHT : direction < 0 ? TextColor.ANSI.RED_BRIGHT : TextColor.ANSI.DEFAULT;
    }

    private static TextColor pnlColour(double pnl) {
        return signalColour(pnl > 0 ? 1 : pnl < 0 ? -1 : 0);
    }

    private static TextColor eventColour(SessionEvent.Kind kind) {
        return switch (kind) {
            case WARNING, REFUSAL, CONNECTION -> TextColor.ANSI.YELLOW_BRIGHT;
            case ERROR -> TextColor.ANSI.RED_BRIGHT;
            case ENTRY, EXIT, ORDER -> TextColor.ANSI.CYAN_BRIGHT;
            default -> TextColor.ANSI.DEFAULT;
        };
    }

    /** False when the thread was interrupted. */
    private static boolean sleep() {
        try {
            Thread.sleep(REFRESH_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
