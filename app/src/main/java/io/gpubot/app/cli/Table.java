package io.gpubot.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row; numbers (cells starting with a digit or sign) align right. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    Table(String... header) {
        this.header = header;
    }

    Table row(Object... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
        return this;
    }

    void print(PrintWriter out) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) width[i] = header[i].length();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        }
        printRow(out, header, width, false);
        for (String[] r : rows) printRow(out, r, width, true);
        out.flush();
    }

    private static void printRow(PrintWriter out, String[] cells, int[] width, boolean alignNumbers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append("  ");
            String c = cells[i];
            boolean right = alignNumbers && !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.charAt(0) == '-' || c.charAt(0) == '+')
                    && !c.contains(":");
            String pad = " ".repeat(width[i] - c.length());
            sb.append(right ? pad + c : (i == cells.length - 1 ? c : c + pad));
        }
        out.println(sb.toString().stripTrailing());
    }
}
