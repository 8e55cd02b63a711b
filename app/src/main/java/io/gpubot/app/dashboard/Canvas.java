package io.gpubot.app.dashboard;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * Writes text into a frame by row and column, cutting whatever would fall outside the terminal, so a
 * small or just-resized terminal never wraps or throws.
 */
final class Canvas {

    private final TextGraphics graphics;
    private final TerminalSize size;

    Canvas(TextGraphics graphics, TerminalSize size) {
        this.graphics = graphics;
        this.size = size;
    }

    int width() {
        return size.getColumns();
    }

    void put(int row, int col, String text) {
        put(row, col, text, TextColor.ANSI.DEFAULT);
    }

    void put(int row, int col, String text, TextColor foreground) {
        put(row, col, text, foreground, null);
    }

    /** Returns the column after the text. */
    int put(int row, int col, String text, TextColor foreground, TextColor background, SGR... styles) {
        if (row < 0 || row >= size.getRows() || col >= size.getColumns()) return col + text.length();
        String visible = text.length() > size.getColumns() - col ? text.substring(0, size.getColumns() - col) : text;
        graphics.setForegroundColor(foreground);
        graphics.setBackgroundColor(background == null ? TextColor.ANSI.DEFAULT : background);
        graphics.clearModifiers();
        if (styles.length > 0) graphics.enableModifiers(styles);
        graphics.putString(col, row, visible);
        graphics.clearModifiers();
        return col + text.length();
    }

    /** A plain label followed by a coloured value; returns the column after it. */
    int labelled(int row, int col, String label, String value, TextColor colour) {
        put(row, col, label);
        return put(row, col + label.length(), value, colour, null, SGR.BOLD);
    }

    /** Paints a whole row's background (title and key bars). */
    void fill(int row, TextColor background) {
        if (row < 0 || row >= size.getRows()) return;
        graphics.setBackgroundColor(background);
        graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
        graphics.putString(0, row, " ".repeat(size.getColumns()));
    }
}
