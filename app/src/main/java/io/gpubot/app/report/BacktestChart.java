package io.gpubot.app.report;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.TradeListener;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.OptionalLong;

/**
 * A backtest as one picture: the price with every entry and exit marked, the equity curve, and the
 * drawdown, stacked on one time axis; where the bot was evolved, a line marks the first bar evolution never
 * saw. Collects the equity curve as a {@link TradeListener}.
 */
public final class BacktestChart implements TradeListener {

    private static final int WIDTH = 1400;
    private static final int MAX_POINTS = 3000;
    private static final Color LONG = new Color(0x1B, 0x9E, 0x4B);
    private static final Color SHORT = new Color(0xD6, 0x27, 0x28);
    private static final Color EXIT = new Color(0x33, 0x33, 0x33);
    /** The line at the start of the held-out bars. */
    private static final String Y_PATTERN = "#,##0.##";
    /** A grey no series uses, so the plot area's edge can be found on a rendered panel. */
    private static final Color PLOT_BORDER = new Color(0x8C, 0x8D, 0x8E);
    static final Color HELD_OUT = new Color(0xE0, 0x8A, 0x00);

    private long[] times = new long[1024];
    private double[] equity = new double[1024];
    private int size;

    @Override
    public void onBarClosed(long time, double close, double eq) {
        if (size == times.length) {
            times = java.util.Arrays.copyOf(times, size * 2);
            equity = java.util.Arrays.copyOf(equity, size * 2);
        }
        times[size] = time;
        equity[size] = eq;
        size++;
    }

    /** Writes the chart as a PNG (through a temporary file). */
    public void write(Path file, String title, CandleSeries candles, List<Trade> trades) throws IOException {
        write(file, title, candles, trades, OptionalLong.empty());
    }

    /**
     * Writes the chart as a PNG (through a temporary file), with a line at {@code heldOutFrom}, the first bar
     * the bot's evolution never saw, when that falls inside the chart: what the bot did on either side of it is
     * the difference between fitting the past and trading the unknown.
     */
    public void write(Path file, String title, CandleSeries candles, List<Trade> trades, OptionalLong heldOutFrom) throws IOException {
        BufferedImage page = render(title, candles, trades, heldOutFrom);
        io.gpubot.data.AtomicFile.write(file, tmp -> javax.imageio.ImageIO.write(page, "png", tmp.toFile()));
    }

    /** The chart as PNG bytes, for pages that embed it. */
    public byte[] png(String title, CandleSeries candles, List<Trade> trades) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(render(title, candles, trades, OptionalLong.empty()), "png", bytes);
        return bytes.toByteArray();
    }

    BufferedImage render(String title, CandleSeries candles, List<Trade> trades, OptionalLong heldOutFrom) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int step = Math.max(1, size / MAX_POINTS);
        List<Date> x = new ArrayList<>();
        List<Double> eq = new ArrayList<>();
        List<Double> dd = new ArrayList<>();
        double peak = Double.NEGATIVE_INFINITY;
        double worstInStep = 0;
        for (int i = 0; i < size; i++) {
            peak = Math.max(peak, equity[i]);
            worstInStep = Math.max(worstInStep, peak > 0 ? (peak - equity[i]) / peak * 100 : 0);
            if (i % step == 0 || i == size - 1) {
                x.add(new Date(times[i]));
                eq.add(equity[i]);
                dd.add(-worstInStep);
                worstInStep = 0;
            }
        }

        List<Date> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        int first = candles.ceilingIndex(size > 0 ? times[0] : Long.MIN_VALUE);
        int last = size > 0 ? candles.ceilingIndex(times[size - 1] + 1) : candles.size();
        int priceStep = Math.max(1, (last - first) / MAX_POINTS);
        for (int i = first; i < last; i += priceStep) {
            px.add(new Date(candles.time(i)));
            py.add(candles.close(i));
        }
        boolean marked = heldOutFrom.isPresent() && size > 0 && heldOutFrom.getAsLong() > times[0] && heldOutFrom.getAsLong() <= times[size - 1];
        OptionalLong mark = marked ? heldOutFrom : OptionalLong.empty();

        // One time axis: each panel's y-axis labels take their own width, so a panel whose plot area starts further
        // left is drawn narrower and shifted right by the difference, and every plot area spans the same columns.
        int[] widths = {WIDTH, WIDTH, WIDTH};
        List<XYChart> measured = panels(widths, title, px, py, trades, x, eq, dd, mark);
        int[] plotLeft = new int[measured.size()];
        int alignedLeft = 0;
        for (int i = 0; i < measured.size(); i++) {
            plotLeft[i] = plotLeft(BitmapEncoder.getBufferedImage(measured.get(i)));
            alignedLeft = Math.max(alignedLeft, plotLeft[i]);
        }
        int[] shifts = new int[measured.size()];
        for (int i = 0; i < measured.size(); i++) {
            shifts[i] = plotLeft[i] < 0 ? 0 : alignedLeft - plotLeft[i];
            widths[i] = WIDTH - shifts[i];
        }
        List<XYChart> charts = panels(widths, title, px, py, trades, x, eq, dd, mark);

        int height = charts.stream().mapToInt(XYChart::getHeight).sum();
        BufferedImage page = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        int y = 0;
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), shifts[i], y, null);
            y += charts.get(i).getHeight();
        }
        g.dispose();
        return page;
    }

    /** Price with trades, equity and drawdown, each {@code widths[i]} pixels wide; a line at the held-out start when there is one. */
    private List<XYChart> panels(int[] widths, String title, List<Date> px, List<Double> py, List<Trade> trades, List<Date> x, List<Double> eq,
                                 List<Double> dd, OptionalLong heldOutFrom) {
        XYChart price = chart(widths[0], title, "Price (USDT)", 520);
        if (!px.isEmpty()) line(price, "close", px, py, new Color(0x44, 0x66, 0xAA));
        markers(price, "long entry", trades, t -> t.side() == Side.LONG, true, LONG);
        markers(price, "short entry", trades, t -> t.side() == Side.SHORT, true, SHORT);
        markers(price, "exit", trades, t -> true, false, EXIT);

        XYChart equityChart = chart(widths[1], null, "Equity (USDT)", 300);
        if (!x.isEmpty()) line(equityChart, "equity", x, eq, new Color(0x22, 0x77, 0x22));
        XYChart drawdown = chart(widths[2], null, "Drawdown (%)", 220);
        if (!x.isEmpty()) {
            XYSeries s = line(drawdown, "drawdown", x, dd, SHORT);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        }
        List<XYChart> charts = List.of(price, equityChart, drawdown);
        if (heldOutFrom.isPresent()) {
            double at = heldOutFrom.getAsLong();
            for (XYChart c : charts) c.addAnnotation(new AnnotationLine(at, true, false));
            double top = py.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            price.addAnnotation(new AnnotationText("held out \u2192", at + (times[size - 1] - times[0]) * 0.04, top, false));
        }
        return charts;
    }

    private static XYChart chart(int width, String title, String yTitle, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title == null ? "" : title).yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xE5, 0xE5, 0xE5));
        c.getStyler().setDatePattern("yyyy-MM-dd");
        c.getStyler().setMarkerSize(7);
        c.getStyler().setYAxisDecimalPattern(Y_PATTERN);
        c.getStyler().setPlotBorderVisible(true);
        c.getStyler().setPlotBorderColor(PLOT_BORDER);
        c.getStyler().setAnnotationLineColor(HELD_OUT);
        c.getStyler().setAnnotationLineStroke(new java.awt.BasicStroke(2f));
        c.getStyler().setAnnotationTextFontColor(HELD_OUT);
        return c;
    }

    /** The first column of the plot area's border on the panel's middle row; -1 when it is not found. */
    private static int plotLeft(BufferedImage panel) {
        int row = panel.getHeight() / 2;
        for (int x = 0; x < panel.getWidth() / 2; x++) {
            if ((panel.getRGB(x, row) & 0xFFFFFF) == (PLOT_BORDER.getRGB() & 0xFFFFFF)) return x;
        }
        return -1;
    }

    private static XYSeries line(XYChart c, String name, List<Date> x, List<Double> y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
        return s;
    }

    private static void markers(XYChart c, String name, List<Trade> trades, java.util.function.Predicate<Trade> which, boolean entries, Color color) {
        List<Date> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Trade t : trades) {
            if (!which.test(t)) continue;
            x.add(new Date(entries ? t.entryTime() : t.exitTime()));
            y.add(entries ? t.entryPrice() : t.exitPrice());
        }
        if (x.isEmpty()) return;
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(entries ? (name.startsWith("long") ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.TRIANGLE_DOWN) : SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }
}
