package io.gpubot.data;

import io.gpubot.core.trade.Trade;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes a trade list as CSV, one trade per row, every number with all the digits of its double: two
 * runs that made the same trades write byte-identical files.
 */
public final class TradeCsv {

    public static final String HEADER = "entry_time,side,contracts,entry_price,exit_time,exit_price,exit_reason,"
            + "entry_fee,exit_fee,slippage,funding,gross_pnl,net_pnl,capped";

    private TradeCsv() {
    }

    public static void write(List<Trade> trades, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder line = new StringBuilder(256);
        for (Trade t : trades) {
            line.setLength(0);
            line.append(Instant.ofEpochMilli(t.entryTime())).append(',').append(t.side().name().toLowerCase(Locale.ROOT)).append(',')
                    .append(t.contracts()).append(',').append(t.entryPrice()).append(',').append(Instant.ofEpochMilli(t.exitTime())).append(',')
                    .append(t.exitPrice()).append(',').append(t.reason().name().toLowerCase(Locale.ROOT)).append(',')
                    .append(t.entryFee()).append(',').append(t.exitFee()).append(',').append(t.slippage()).append(',')
                    .append(t.funding()).append(',').append(t.grossPnl()).append(',').append(t.netPnl()).append(',')
                    .append(t.capped()).append('\n');
            out.append(line);
        }
        out.flush();
    }

    /** Writes through a temporary file, so a failure never leaves half a file. */
    public static void write(List<Trade> trades, Path file) throws IOException {
        AtomicFile.writeText(file, w -> write(trades, w));
    }
}
