package io.gpubot.app.dashboard;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.gpubot.core.signal.IndicatorReading;
import io.gpubot.core.trade.Position;
import io.gpubot.live.BotSnapshot;
import io.gpubot.live.SessionSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DashboardTest {

    private final RealSession session = new RealSession();

    @Test
    void showsEveryIndicatorPositionPnlEventAndKeyAt80x24() throws Exception {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        Dashboard dashboard = new Dashboard(session, terminal);
        dashboard.open();
        dashboard.drawFrame(false);
        String screen = text(terminal);
        if (System.getProperty("dashboard.dump") != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("dashboard.dump")), screen + "\n");
        }

        BotSnapshot bot = session.bot();
        assertThat(screen).contains("gpubot PAPER", "test-session", "XBTUSDTM 4h", "LIVE ws ok");
        assertThat(screen).contains("Price " + SnapshotText.number(session.price));
        assertThat(screen).contains("Bot btc-4h-trend", "Signal: " + SnapshotText.consensus(bot.consensus()));
        assertThat(screen).containsPattern("(BUY|SELL|NO SIGNAL) \\(bullish \\d, bearish \\d, neutral \\d of 3\\)");
        for (IndicatorReading r : bot.consensus().breakdown()) {
            assertThat(screen).contains(r.name());
            assertThat(screen).containsPattern(r.name() + " +" + java.util.regex.Pattern.quote(SnapshotText.value(r)) + "  "
                    + SnapshotText.vote(r.vote()) + " +" + java.util.regex.Pattern.quote(SnapshotText.parameters(r)));
        }
        assertThat(screen).contains("[period=20]", "[acceleration=0.03, maximum=0.1]");
        Position p = bot.position();
        assertThat(screen).contains("Position: " + p.side() + " " + p.contracts() + " @ " + SnapshotText.number(p.entryPrice()),
                "3x", "TP " + SnapshotText.number(p.takeProfit()), "SL " + SnapshotText.number(p.stopLoss()),
                "liq " + SnapshotText.number(p.liquidationPrice()));
        assertThat(screen).contains("Open: 1 | Closed: " + bot.closedTrades(), "Win Rate: " + SnapshotText.winRate(bot),
                "Unrealized PnL: " + SnapshotText.signedMoney(bot.unrealisedPnl()),
                "Realized PnL: " + SnapshotText.signedMoney(bot.realisedPnl()),
                "Total PnL: " + SnapshotText.signedMoney(bot.totalPnl()), "Total Fees: " + SnapshotText.money(bot.fees()),
                "Equity " + SnapshotText.money(bot.equity()));
        assertThat(screen).contains("Events", "feed reconnected after 3 s", "btc-4h-trend: closed");
        assertThat(screen).contains("q quit", "k kill switch");
        assertThat(lines(terminal)).hasSize(24).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));

        // Colour: the position's side and the PnL are green when bullish/positive, red otherwise.
        int row = rowOf(terminal, "Position: ");
        TextColor sideColour = terminal.getCharacter(10, row).getForegroundColor();
        assertThat(sideColour).isEqualTo(Dashboard.signalColour(p.side().sign()));
    }

    @Test
    void followsAResizeTo120x40AndShowsEveryOutputThere() throws Exception {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        Dashboard dashboard = new Dashboard(session, terminal);
        dashboard.open();
        dashboard.drawFrame(false);
        terminal.setTerminalSize(new TerminalSize(120, 40));
        dashboard.drawFrame(false);

        List<String> lines = lines(terminal);
        assertThat(lines).hasSize(40);
        String screen = String.join("\n", lines);
        for (IndicatorReading r : session.bot().consensus().breakdown()) {
            assertThat(screen).contains(SnapshotText.outputs(r));
        }
        assertThat(lines.get(39)).contains("q quit", "k kill switch");
        // Every event fits now; the 80x24 screen had room for the latest few only.
        assertThat(screen).contains(SnapshotText.event(session.snapshot().events().get(0)));

        terminal.setTerminalSize(new TerminalSize(40, 10));
        dashboard.drawFrame(false);
        assertThat(lines(terminal)).hasSize(10).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        assertThat(lines(terminal).get(9)).contains("q quit");
    }

    @Test
    void killSwitchAsksFirstThenKills() throws Exception {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        Dashboard dashboard = new Dashboard(session, terminal);
        Thread screen = new Thread(() -> {
            try {
                dashboard.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        screen.start();
        terminal.addInput(new KeyStroke('k', false, false));
        awaitScreen(terminal, "KILL SWITCH");
        assertThat(session.killReason).isNull();
        terminal.addInput(new KeyStroke('y', false, false));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (session.killReason == null) Thread.sleep(20);
        });
        assertThat(session.killReason).contains("kill switch");
        awaitScreen(terminal, "kill switch on");

        // The session closes its positions and ends; the screen says so and waits for a key.
        session.finished = true;
        awaitScreen(terminal, "session ended — press any key");
        terminal.addInput(new KeyStroke(KeyType.Enter));
        screen.join(10_000);
        assertThat(screen.isAlive()).isFalse();
        assertThat(session.stopRequested).isFalse();
    }

    @Test
    void killSwitchAnsweredNoDoesNothingAndQQuits() throws Exception {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        Dashboard dashboard = new Dashboard(session, terminal);
        assertThat(dashboard.onKey(new KeyStroke('k', false, false))).isFalse();
        assertThat(dashboard.onKey(new KeyStroke('n', false, false))).isFalse();
        assertThat(session.killReason).isNull();
        assertThat(dashboard.onKey(new KeyStroke('q', false, false))).isTrue();
        assertThat(session.stopRequested).isTrue();
    }

    @Test
    void aLiveSessionShowsWhatTheExchangeHoldsAndAMissingStopInRed() throws Exception {
        SessionSnapshot s = session.snapshot();
        String exchange = "LONG 290 @ 40,040.00  TP 41,241.20  SL MISSING  liq 36,196.16  uPnL +12.00  available 8,990.00 USDT";
        session.snapshot.set(new SessionSnapshot(s.session(), "LIVE", s.symbol(), s.timeframe(), s.connection(), s.connectionDetail(), s.time(),
                s.price(), s.barTime(), s.bars(), s.bots(), s.events(), false, exchange));
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(120, 30));
        Dashboard dashboard = new Dashboard(session, terminal);
        dashboard.open();
        dashboard.drawFrame(false);
        String screen = text(terminal);
        assertThat(screen).contains("gpubot LIVE", "Exchange: " + exchange, "q quit");
        int row = lines(terminal).indexOf(lines(terminal).stream().filter(l -> l.startsWith("Exchange: ")).findFirst().orElseThrow());
        assertThat(terminal.getCharacter(12, row).getForegroundColor()).isEqualTo(TextColor.ANSI.RED_BRIGHT);
        assertThat(lines(terminal)).hasSize(30);
    }

    @Test
    void tabSwitchesBetweenBots() throws Exception {
        SessionSnapshot one = session.snapshot();
        BotSnapshot first = one.bots().get(0);
        BotSnapshot second = new BotSnapshot("second-bot", first.consensus(), null, 5, 0, 500, 500, 0, 0, 0, 0, 0, null);
        session.snapshot.set(new SessionSnapshot(one.session(), one.mode(), one.symbol(), one.timeframe(), one.connection(),
                one.connectionDetail(), one.time(), one.price(), one.barTime(), one.bars(), List.of(first, second), one.events(), false));
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        Dashboard dashboard = new Dashboard(session, terminal);
        dashboard.open();
        dashboard.drawFrame(false);
        assertThat(text(terminal)).contains("Bot 1/2 btc-4h-trend", "Tab/Left/Right bot 1/2");
        dashboard.onKey(new KeyStroke(KeyType.Tab));
        dashboard.drawFrame(false);
        assertThat(text(terminal)).contains("Bot 2/2 second-bot", "Position: flat", "Win Rate: -", "Open: 0 | Closed: 0");
        dashboard.onKey(new KeyStroke(KeyType.ArrowLeft));
        dashboard.drawFrame(false);
        assertThat(text(terminal)).contains("Bot 1/2 btc-4h-trend");
    }

    @Test
    void aLongIndicatorListScrollsWithUpAndDown() throws Exception {
        String json = "{\"schema\":\"gpubot.bot/1\",\"name\":\"six\",\"indicators\":[\"SMA(period=10)\",\"EMA(period=20)\","
                + "\"WMA(period=30)\",\"RSI(period=14)\",\"CCI(period=20)\",\"MACD\"],\"consensus\":1.0,\"leverage\":2,"
                + "\"exits\":{\"mode\":\"fraction\",\"takeProfit\":0.04,\"stopLoss\":0.02},\"sizing\":{\"method\":\"risk\",\"parameter\":0.02}}";
        io.gpubot.core.bot.BotRunner runner = new io.gpubot.core.bot.BotRunner(io.gpubot.data.BotFiles.parse(json, "test"),
                io.gpubot.core.market.Contracts.get("XBTUSDTM"), io.gpubot.core.trade.RunSettings.withBalance(1000));
        io.gpubot.core.market.CandleSeries candles = io.gpubot.app.BundledDataset.named("bundled:btc-usd-4h").read().series();
        for (int i = 0; i < 200; i++) runner.onBar(candles.candle(i));
        SessionSnapshot s = session.snapshot();
        session.snapshot.set(new SessionSnapshot(s.session(), s.mode(), s.symbol(), s.timeframe(), s.connection(), s.connectionDetail(),
                s.time(), candles.close(199), candles.time(199), 200, List.of(BotSnapshot.of(runner, candles.close(199))), s.events(), false));

        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 16));
        Dashboard dashboard = new Dashboard(session, terminal);
        dashboard.open();
        dashboard.drawFrame(false);
        assertThat(text(terminal)).contains("(1-3 of 6, Up/Down)", "SMA", "EMA", "WMA").doesNotContain("RSI ");
        dashboard.onKey(new KeyStroke(KeyType.ArrowDown));
        dashboard.onKey(new KeyStroke(KeyType.ArrowDown));
        dashboard.onKey(new KeyStroke(KeyType.ArrowDown));
        dashboard.onKey(new KeyStroke(KeyType.ArrowDown));
        dashboard.drawFrame(false);
        // Scrolling stops at the last full page.
        assertThat(text(terminal)).contains("(4-6 of 6, Up/Down)", "RSI", "CCI", "MACD", "[period=14, oversold=30, overbought=70]")
                .doesNotContain("SMA ");
        assertThat(lines(terminal).get(15)).contains("q quit");
    }

    private static void awaitScreen(DefaultVirtualTerminal terminal, String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (!text(terminal).contains(text)) Thread.sleep(20);
        });
    }

    private static int rowOf(DefaultVirtualTerminal terminal, String text) {
        List<String> lines = lines(terminal);
        for (int r = 0; r < lines.size(); r++) if (lines.get(r).contains(text)) return r;
        throw new AssertionError(text + " is not on the screen:\n" + String.join("\n", lines));
    }

    static String text(DefaultVirtualTerminal terminal) {
        return String.join("\n", lines(terminal));
    }

    static List<String> lines(DefaultVirtualTerminal terminal) {
        TerminalSize size = terminal.getTerminalSize();
        List<String> lines = new ArrayList<>();
        for (int row = 0; row < size.getRows(); row++) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < size.getColumns(); col++) {
                line.append(terminal.getCharacter(col, row).getCharacterString());
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    @SuppressWarnings("unused")
    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
