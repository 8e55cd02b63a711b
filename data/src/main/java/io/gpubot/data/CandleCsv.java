package io.gpubot.data;

import io.gpubot.core.market.CandleSeries;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Writes candles as CSV with the header {@code timestamp_ms,open,high,low,close,volume}. Every price
 * is written with the fewest digits that read back as the same double, so export and re-import
 * round-trip exactly.
 */
public final class CandleCsv {

    public static final String HEADER = "timestamp_ms,open,high,low,close,volume";

    private CandleCsv() {
    }

    public static void write(CandleSeries series, Writer out) throws IOException {
        BufferedWriter w = out instanceof BufferedWriter b ? b : new BufferedWriter(out, 1 << 16);
        w.write(HEADER);
        w.write('\n');
        StringBuilder line = new StringBuilder(96);
        for (int i = 0; i < series.size(); i++) {
            line.setLength(0);
            line.append(series.time(i)).append(',');
            appendNumber(line, series.open(i)).append(',');
            appendNumber(line, series.high(i)).append(',');
            appendNumber(line, series.low(i)).append(',');
            appendNumber(line, series.close(i)).append(',');
            appendNumber(line, series.volume(i)).append('\n');
            w.append(line);
        }
        w.flush();
    }

    /** Writes to {@code file} through a temporary file, so a failed export never leaves half a file. */
    public static void write(CandleSeries series, Path file) throws IOException {
        AtomicFile.writeText(file, w -> write(series, w));
    }

    /** The shortest decimal that parses back to exactly {@code value}, without exponent. */
    static StringBuilder appendNumber(StringBuilder sb, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return sb.append((long) value);
        }
        return sb.append(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }
}
