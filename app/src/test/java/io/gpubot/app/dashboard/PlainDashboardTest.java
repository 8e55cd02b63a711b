package io.gpubot.app.dashboard;

import io.gpubot.live.SessionEvent;
import io.gpubot.live.SessionSnapshot;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlainDashboardTest {

    @Test
    void printsEachNewEventThenOneStatusLinePerBarAndStopsWhenFinished() {
        RealSession session = new RealSession();
        StringWriter text = new StringWriter();
        PlainDashboard plain = new PlainDashboard(session, new PrintWriter(text), 1);

        plain.printUpdates(session.snapshot());
        // The same bar again (a price tick): nothing new to print.
        plain.printUpdates(session.snapshot());

        SessionSnapshot s = session.snapshot();
        List<SessionEvent> events = new ArrayList<>(s.events().subList(1, s.events().size()));
        events.add(new SessionEvent(s.barTime() + 4 * 3_600_000L, SessionEvent.Kind.INFO, null, "stop requested"));
        session.snapshot.set(new SessionSnapshot(s.session(), s.mode(), s.symbol(), s.timeframe(), s.connection(), s.connectionDetail(),
                s.time(), s.price(), s.barTime() + 4 * 3_600_000L, s.bars() + 1, s.bots(), events, true));
        session.finished = true;
        plain.run();

        // The numbers are the example bot's, from the trading rules (pinned in core's tests); this test pins how they are printed.
        List<io.gpubot.core.trade.Trade> trades = session.runner.trader().trades();
        assertThat(trades).hasSize(3);
        String[] exits = new String[3];
        String[] days = {"2016-05-24 04:00", "2016-05-28 00:00", "2016-05-29 00:00"};
        for (int k = 0; k < 3; k++) {
            io.gpubot.core.trade.Trade t = trades.get(k);
            exits[k] = String.format(java.util.Locale.ROOT, "%s EXIT       btc-4h-trend: closed LONG %d at %.1f, net %+.2f", days[k], t.contracts(),
                    t.exitPrice(), t.netPnl());
        }
        io.gpubot.core.trade.Position p = session.runner.trader().position();
        String status = String.format(java.util.Locale.ROOT,
                "price 564.02  btc-4h-trend NO SIGNAL (bullish 2, bearish 0, neutral 1 of 3) LONG %d @ %.2f equity $%,.2f", p.contracts(),
                p.entryPrice(), session.runner.trader().balance() + p.unrealisedPnl(564.02, 0.001));
        assertThat(text.toString().lines()).containsExactly(
                exits[0],
                exits[1],
                exits[2],
                "2016-06-03 12:00 WARNING    feed reconnected after 3 s",
                "2016-06-03 12:00  " + status,
                "2016-06-03 16:00 INFO       stop requested",
                "2016-06-03 16:00  " + status,
                "session ended after 100 bars");
    }

    @Test
    void aLiveSessionPrintsTheExchangeSideWhenItChanges() {
        RealSession session = new RealSession();
        StringWriter text = new StringWriter();
        PlainDashboard plain = new PlainDashboard(session, new PrintWriter(text), 1);
        SessionSnapshot s = session.snapshot();
        for (String exchange : new String[] {"flat, available 10,000.00 USDT", "flat, available 10,000.00 USDT",
                "LONG 290 @ 40,040.00  TP 41,241.20  SL 39,439.40  liq 36,196.16  uPnL +0.00  available 8,990.00 USDT"}) {
            plain.printUpdates(new SessionSnapshot(s.session(), "LIVE", s.symbol(), s.timeframe(), s.connection(), s.connectionDetail(),
                    s.time(), s.price(), s.barTime(), s.bars(), s.bots(), s.events(), false, exchange));
        }
        assertThat(text.toString().lines().filter(l -> l.startsWith("exchange: "))).containsExactly(
                "exchange: flat, available 10,000.00 USDT",
                "exchange: LONG 290 @ 40,040.00  TP 41,241.20  SL 39,439.40  liq 36,196.16  uPnL +0.00  available 8,990.00 USDT");
    }

    @Test
    void anInterruptAsksTheSessionToStop() throws Exception {
        RealSession session = new RealSession();
        Thread lines = new Thread(() -> new PlainDashboard(session, new PrintWriter(new StringWriter()), 10).run());
        lines.start();
        Thread.sleep(100);
        lines.interrupt();
        lines.join(10_000);
        assertThat(lines.isAlive()).isFalse();
        assertThat(session.stopRequested).isTrue();
    }

    @Test
    void dashboardsFallBackToLinesWithoutATerminal() {
        RealSession session = new RealSession();
        session.finished = true;
        StringWriter text = new StringWriter();
        // Under the test runner System.console() is null: even with tui asked for, the output is lines.
        Dashboards.show(session, true, new PrintWriter(text));
        assertThat(text.toString()).contains("btc-4h-trend NO SIGNAL (bullish 2, bearish 0, neutral 1 of 3)", "session ended after 99 bars");
    }
}
