package io.gpubot.data;

import io.gpubot.core.market.Timeframe;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads candle files: CSV (any column order, with or without a header) and JSON (rows or objects),
 * optionally gzip-compressed ({@code .gz}), and validates them into a {@link CandleImport}.
 */
public final class CandleFiles {

    private CandleFiles() {
    }

    /**
     * Reads and validates a candle file.
     *
     * @param timeframe the bars' timeframe, or {@code null} to infer it from their spacing
     * @throws CandleFileException when the file is missing, unreadable or invalid
     */
    public static CandleImport read(Path file, Timeframe timeframe) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new CandleFileException(source, 0, "is a folder, not a candle file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source, timeframe);
        } catch (NoSuchFileException e) {
            throw new CandleFileException(source, 0, "no such file");
        } catch (IOException e) {
            throw new CandleFileException(source, 0, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Reads and validates candles from a stream; the format is told from the content (JSON starts with
     * {@code [} or {@code &#123;}), gzip from its magic bytes.
     */
    public static CandleImport read(InputStream input, String source, Timeframe timeframe) {
        try {
            BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            InputStream body = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
            reader.mark(4096);
            int c;
            do {
                c = reader.read();
            } while (c == '\uFEFF' || (c >= 0 && Character.isWhitespace(c)));
            reader.reset();
            skipBom(reader);
            RawCandles raw = (c == '[' || c == '{') ? JsonCandleReader.read(reader, source) : CsvCandleReader.read(reader, source);
            return CandleValidation.validate(raw, source, timeframe);
        } catch (IOException e) {
            throw new CandleFileException(source, 0, "cannot be read: " + e.getMessage());
        }
    }

    private static void skipBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') reader.reset();
    }
}
