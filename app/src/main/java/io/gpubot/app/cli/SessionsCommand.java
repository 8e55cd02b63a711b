package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.core.trade.Trade;
import io.gpubot.data.TradeCsv;
import io.gpubot.live.Journal;
import io.gpubot.live.RealisedPnl;
import io.gpubot.live.SessionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code gpubot sessions}: the journals of paper, live and replay sessions. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "List and show trading sessions from their journals.",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.Show.class})
public final class SessionsCommand implements Runnable {

    @ParentCommand
    GpubotCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Path folder() {
        return Home.resolve(root.homeOption()).dir().resolve("sessions");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every session with its market, bots, bars and trades.")
    static final class ListSessions implements Runnable {
        @ParentCommand
        SessionsCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Path folder = parent.folder();
            List<Path> files;
            try (Stream<Path> s = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
                files = s.filter(p -> p.toString().endsWith(".db")).sorted().collect(Collectors.toList());
            } catch (IOException e) {
                throw new UserException("cannot list " + folder + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                out.println("No sessions in " + folder + ". Start one with: gpubot paper --bot FILE --replay bundled:btc-usd-4h");
                out.flush();
                return;
            }
            Table table = new Table("SESSION", "MODE", "SYMBOL", "TF", "BOTS", "BARS", "TRADES", "LAST BAR (UTC)");
            int unreadable = 0;
            for (Path f : files) {
                // One damaged journal must not hide the others: it is counted and named in the log.
                try (Journal j = Journal.open(f)) {
                    SessionInfo info = j.session().orElse(null);
                    if (info == null) {
                        unreadable++;
                        continue;
                    }
                    table.row(info.id(), info.mode(), info.symbol(), info.timeframe(), info.bots().size(), Formats.count(j.bars()),
                            Formats.count(j.tradeCount()), j.lastBarTime().isPresent() ? Formats.time(j.lastBarTime().getAsLong()) : "-");
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(SessionsCommand.class).info("unreadable journal {}", f, e);
                    unreadable++;
                }
            }
            table.print(out);
            out.printf("%d session%s%s%n", files.size() - unreadable, files.size() - unreadable == 1 ? "" : "s", unreadable == 0 ? ""
                    : ", " + unreadable + " unreadable journal" + (unreadable == 1 ? "" : "s") + " skipped (see the log)");
            out.flush();
        }
    }

    /** A live session's real positions and every order it sent, as the exchange answered. */
    static void printExchangeSide(PrintWriter out, Journal j) {
        List<io.gpubot.live.Journal.LivePosition> positions = j.livePositions();
        out.printf("%nOn the exchange: %d position%s%n", positions.size(), positions.size() == 1 ? "" : "s");
        Table table = new Table("ENTRY (UTC)", "SIDE", "CONTRACTS", "ENTRY", "TP", "SL", "EXIT (UTC)", "EXIT", "REASON", "NET PNL");
        for (io.gpubot.live.Journal.LivePosition p : positions) {
            table.row(Formats.time(p.entryTime()), p.side().name().toLowerCase(Locale.ROOT), p.contracts(), String.format(Locale.ROOT, "%.2f", p.entryPrice()),
                    String.format(Locale.ROOT, "%.2f", p.takeProfit()), String.format(Locale.ROOT, "%.2f", p.stopLoss()),
                    p.open() ? "open" : Formats.time(p.exitTime()), p.open() ? "-" : String.format(Locale.ROOT, "%.2f", p.exitPrice()),
                    p.open() ? "-" : String.valueOf(p.exitReason()).toLowerCase(Locale.ROOT), p.open() ? "-" : String.format(Locale.ROOT, "%+.2f", p.netPnl()));
        }
        table.print(out);
        List<io.gpubot.live.Journal.ExchangeOrder> orders = j.exchangeOrders();
        out.printf("%nOrders sent (%d), each journalled before it was sent:%n", orders.size());
        Table sent = new Table("CLIENT OID", "PURPOSE", "SIDE", "SIZE", "STATE", "FILLED", "AVG PRICE", "MESSAGE");
        for (io.gpubot.live.Journal.ExchangeOrder o : orders) {
            sent.row(o.clientOid(), o.purpose().name().toLowerCase(Locale.ROOT), o.side(), o.size(), o.state().name().toLowerCase(Locale.ROOT),
                    o.filledSize(), o.averagePrice() > 0 ? String.format(Locale.ROOT, "%.2f", o.averagePrice()) : "-", o.message() == null ? "" : o.message());
        }
        sent.print(out);
    }

    static void printJson(PrintWriter out, Journal j, SessionInfo info) {
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("schema", "gpubot.session/1");
        doc.put("id", info.id());
        doc.put("mode", info.mode());
        doc.put("symbol", info.symbol());
        doc.put("timeframe", info.timeframe());
        doc.put("startedAt", JsonOutput.time(info.startedAt()));
        doc.put("startBalance", info.startBalance());
        doc.put("bars", j.bars());
        doc.put("lastBar", j.lastBarTime().isPresent() ? JsonOutput.time(j.lastBarTime().getAsLong()) : null);
        doc.put("refusals", j.refusalCount());
        doc.put("errors", j.errorCount());
        List<Object> bots = new java.util.ArrayList<>();
        for (SessionInfo.BotEntry bot : info.bots()) {
            List<Trade> trades = j.trades(bot.name());
            java.util.Map<String, Object> b = new java.util.LinkedHashMap<>();
            b.put("name", bot.name());
            b.put("trades", trades.size());
            b.put("winners", trades.stream().filter(Trade::isWin).count());
            b.put("netPnl", trades.stream().mapToDouble(Trade::netPnl).sum());
            b.put("equity", j.lastEquity(bot.name()).orElse(null));
            List<Object> list = new java.util.ArrayList<>();
            for (Trade t : trades) {
                java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("entryTime", JsonOutput.time(t.entryTime()));
                row.put("side", t.side().name().toLowerCase(Locale.ROOT));
                row.put("contracts", t.contracts());
                row.put("entryPrice", t.entryPrice());
                row.put("exitTime", JsonOutput.time(t.exitTime()));
                row.put("exitPrice", t.exitPrice());
                row.put("reason", t.reason().name().toLowerCase(Locale.ROOT));
                row.put("netPnl", t.netPnl());
                list.add(row);
            }
            if (info.mode().equals("live")) {
                RealisedPnl pnl = RealisedPnl.of(bot.name(), trades, j.livePositions());
                b.put("accountNetPnl", pnl.account());
                b.put("modelNetPnlBeforeFunding", pnl.model());
                b.put("modelDiffers", pnl.differs());
            }
            b.put("tradeList", list);
            bots.add(b);
        }
        doc.put("bots", bots);
        if (info.mode().equals("live")) {
            doc.put("exchangePositions", j.livePositions());
            doc.put("exchangeOrders", j.exchangeOrders());
        }
        JsonOutput.print(out, doc);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A session's summary per bot and its trade list.")
    static final class Show implements Runnable {
        @ParentCommand
        SessionsCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SESSION", description = "The session's name (see gpubot sessions list).")
        String id;

        @Option(names = "--csv", paramLabel = "FILE.csv", description = "Also write each bot's trades to FILE-<bot>.csv.")
        Path csv;

        @Option(names = "--json", description = "Print the session as one JSON object (docs/JSON_OUTPUT.md).")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Path file = parent.folder().resolve(id + ".db");
            if (!Files.exists(file)) throw new UserException("no session " + id + " in " + parent.folder() + "; see gpubot sessions list");
            try (Journal j = Journal.open(file)) {
                SessionInfo info = j.session().orElseThrow(() -> new UserException(file + " holds no session"));
                if (json) {
                    printJson(out, j, info);
                    return;
                }
                out.printf(Locale.ROOT, "Session %s: %s %s %s, %s bars, start balance %,.2f USDT per bot, %d refusals, %d errors%n", info.id(),
                        info.mode(), info.symbol(), info.timeframe(), Formats.count(j.bars()), info.startBalance(), j.refusalCount(), j.errorCount());
                for (SessionInfo.BotEntry bot : info.bots()) {
                    List<Trade> trades = j.trades(bot.name());
                    double net = trades.stream().mapToDouble(Trade::netPnl).sum();
                    long wins = trades.stream().filter(Trade::isWin).count();
                    out.printf(Locale.ROOT, "%nBot %s: %d trades, %d winners, net %+,.2f USDT, equity %s%n", bot.name(), trades.size(), wins, net,
                            j.lastEquity(bot.name()).map(e -> String.format(Locale.ROOT, "%,.2f", e)).orElse("-"));
                    if (info.mode().equals("live")) out.println("  " + RealisedPnl.of(bot.name(), trades, j.livePositions()).describe());
                    Table table = new Table("ENTRY (UTC)", "SIDE", "CONTRACTS", "ENTRY", "EXIT (UTC)", "EXIT", "REASON", "NET PNL");
                    for (Trade t : trades) {
                        table.row(Formats.time(t.entryTime()), t.side().name().toLowerCase(Locale.ROOT), t.contracts(),
                                String.format(Locale.ROOT, "%.2f", t.entryPrice()), Formats.time(t.exitTime()),
                                String.format(Locale.ROOT, "%.2f", t.exitPrice()), t.reason().name().toLowerCase(Locale.ROOT),
                                String.format(Locale.ROOT, "%+.2f", t.netPnl()));
                    }
                    table.print(out);
                    if (csv != null) {
                        Path target = csv.resolveSibling(csv.getFileName().toString().replaceFirst("(\\.csv)?$", "-" + bot.name() + ".csv"));
                        try {
                            TradeCsv.write(trades, target);
                        } catch (IOException e) {
                            throw new UserException("cannot write " + target + ": " + e.getMessage(), e);
                        }
                        out.println("trades: " + target);
                    }
                }
                if (info.mode().equals("live")) printExchangeSide(out, j);
            }
            out.flush();
        }
    }
}
