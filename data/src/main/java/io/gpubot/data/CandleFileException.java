package io.gpubot.data;

import io.gpubot.core.UserException;

/**
 * A candle file that cannot be used as it is. The message names the file, the line, the field and
 * what is wrong, e.g. {@code btc.csv: line 12, high: 3.2 is below low 3.5}.
 */
public final class CandleFileException extends UserException {

    private final String source;
    private final int line;

    public CandleFileException(String source, int line, String problem) {
        super(source + (line > 0 ? ": line " + line + ", " : ": ") + problem);
        this.source = source;
        this.line = line;
    }

    /** The file (or resource) the problem is in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
