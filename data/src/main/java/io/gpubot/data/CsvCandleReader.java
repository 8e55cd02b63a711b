package io.gpubot.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads candles from delimited text. The first line is a header when it names the columns (in any
 * order, under the usual names: {@code timestamp, open, high, low, close, volume}...); without a
 * header the columns are {@code time, open, high, low, close, volume}, the layout of ccxt, freqtrade
 * and Binance exports. Commas, semicolons and tabs are recognised as delimiters.
 */
final class CsvCandleReader {

    private CsvCandleReader() {
    }

    static RawCandles read(BufferedReader in, String source) throws IOException {
        RawCandles raw = new RawCandles();
        String first = null;
        int lineNumber = 0;
        while ((first = in.readLine()) != null) {
            lineNumber++;
            if (!first.isBlank()) break;
        }
        if (first == null) {
            throw new CandleFileException(source, 0, "the file holds no candles");
        }
        char delimiter = delimiterOf(first);
        String[] firstFields = split(first, delimiter);
        Map<Column, Integer> columns = headerColumns(firstFields);
        String pending = null;
        if (columns == null) {
            columns = positionalColumns(firstFields.length, source, lineNumber);
            pending = first;
        } else {
            requireColumns(columns, source, lineNumber);
        }
        raw.endTimes = !columns.containsKey(Column.TIME);
        raw.volumeMissing = !columns.containsKey(Column.VOLUME);
        int timeIndex = columns.getOrDefault(Column.TIME, columns.getOrDefault(Column.END_TIME, -1));
        int openIndex = columns.get(Column.OPEN);
        int highIndex = columns.get(Column.HIGH);
        int lowIndex = columns.get(Column.LOW);
        int closeIndex = columns.get(Column.CLOSE);
        int volumeIndex = columns.getOrDefault(Column.VOLUME, -1);
        int needed = Math.max(Math.max(Math.max(timeIndex, openIndex), Math.max(highIndex, lowIndex)), Math.max(closeIndex, volumeIndex)) + 1;

        int dataLine = pending != null ? lineNumber : lineNumber + 1;
        String line = pending != null ? pending : in.readLine();
        while (line != null) {
            if (!line.isBlank()) {
                String[] f = split(line, delimiter);
                if (f.length < needed) {
                    throw new CandleFileException(source, dataLine, "expected at least " + needed + " fields, found " + f.length);
                }
                long t;
                try {
                    t = Timestamps.parse(f[timeIndex]);
                } catch (IllegalArgumentException e) {
                    throw new CandleFileException(source, dataLine, "time: " + e.getMessage());
                }
                raw.add(dataLine, t,
                        number(f[openIndex], Column.OPEN, source, dataLine),
                        number(f[highIndex], Column.HIGH, source, dataLine),
                        number(f[lowIndex], Column.LOW, source, dataLine),
                        number(f[closeIndex], Column.CLOSE, source, dataLine),
                        volumeIndex < 0 ? 0.0 : number(f[volumeIndex], Column.VOLUME, source, dataLine));
            }
            line = in.readLine();
            dataLine++;
        }
        return raw;
    }

    static double number(String text, Column column, String source, int line) {
        String s = text.trim();
        if (s.length() > 1 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            s = s.substring(1, s.length() - 1).trim();
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new CandleFileException(source, line, column.fieldName() + ": '" + text.trim() + "' is not a number");
        }
    }

    private static char delimiterOf(String line) {
        int commas = count(line, ',');
        int semicolons = count(line, ';');
        int tabs = count(line, '\t');
        if (tabs > commas && tabs > semicolons) return '\t';
        if (semicolons > commas) return ';';
        return ',';
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) n++;
        }
        return n;
    }

    private static String[] split(String line, char delimiter) {
        String[] fields = line.split(delimiter == '\t' ? "\t" : String.valueOf(delimiter), -1);
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i].trim();
            if (f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"') {
                f = f.substring(1, f.length() - 1);
            }
            fields[i] = f;
        }
        return fields;
    }

    /** The columns named by a header line, or {@code null} when the line is data. */
    private static Map<Column, Integer> headerColumns(String[] fields) {
        boolean anyName = false;
        for (String f : fields) {
            if (!f.isEmpty() && !isNumber(f) && Column.named(f) != null) {
                anyName = true;
                break;
            }
        }
        if (!anyName) {
            return null;
        }
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        for (int i = 0; i < fields.length; i++) {
            Column c = Column.named(fields[i]);
            if (c != null && !columns.containsKey(c)) {
                columns.put(c, i);
            }
        }
        return columns;
    }

    private static Map<Column, Integer> positionalColumns(int fieldCount, String source, int line) {
        if (fieldCount < 5) {
            throw new CandleFileException(source, line, "no header and only " + fieldCount
                    + " fields; expected time, open, high, low, close[, volume] or a header naming the columns");
        }
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        columns.put(Column.TIME, 0);
        columns.put(Column.OPEN, 1);
        columns.put(Column.HIGH, 2);
        columns.put(Column.LOW, 3);
        columns.put(Column.CLOSE, 4);
        if (fieldCount > 5) columns.put(Column.VOLUME, 5);
        return columns;
    }

    private static void requireColumns(Map<Column, Integer> columns, String source, int line) {
        if (!columns.containsKey(Column.TIME) && !columns.containsKey(Column.END_TIME)) {
            throw new CandleFileException(source, line, "the header names no time column (expected one of timestamp, time, date, open_time)");
        }
        for (Column required : new Column[] {Column.OPEN, Column.HIGH, Column.LOW, Column.CLOSE}) {
            if (!columns.containsKey(required)) {
                throw new CandleFileException(source, line, "the header names no " + required.fieldName() + " column");
            }
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
