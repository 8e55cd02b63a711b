package io.gpubot.app.report;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.trade.Side;
import io.gpubot.core.trade.Trade;
import io.gpubot.core.trade.TradeListener;
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

/**
 * A backtest as one picture: the price with every entry and exit marked, the equity curve, and the
 * drawdown, stacked on one time axis. Collects the equity curve as a {@link TradeListener}.
 */
public final class BacktestChart implements TradeListener {

    private static final int WIDTH = 1400;
    private static final int MAX_POINTS = 3000;
    private static final Color LONG = new Color(0x1B, 0x9E, 0x4B);
    private static final Color SHORT = new Color(0xD6, 0x27, 0x28);
    private static final Color EXIT = new Color(0x33, 0x33, 0x33);

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
        BufferedImage page = render(title, candles, trades);
        io.gpubot.data.AtomicFile.write(file, tmp -> javax.imageio.ImageIO.write(page, "png", tmp.toFile()));
    }

    /** The chart as PNG bytes, for pages that embed it. */
    public byte[] png(String title, CandleSeries candles, List<Trade> trades) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(render(title, candles, trades), "png", bytes);
        return bytes.toByteArray();
    }

    private BufferedImage render(String title, CandleSeries candles, List<Trade> trades) throws IOException {
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

        XYChart price = chart(title, "Price (USDT)", 520);
        List<Date> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        int first = candles.ceilingIndex(size > 0 ? times[0] : Long.MIN_VALUE);
        int last = size > 0 ? candles.ceilingIndex(times[size - 1] + 1) : candles.size();
        int priceStep = Math.max(1, (last - first) / MAX_POINTS);
        for (int i = first; i < last; i += priceStep) {
            px.add(new Date(candles.time(i)));
            py.add(candles.close(i));
        }
        if (!px.isEmpty()) line(price, "close", px, py, new Color(0x44, 0x66, 0xAA));
        markers(price, "long entry", trades, t -> t.side() == Side.LONG, true, LONG);
        markers(price, "short entry", trades, t -> t.side() == Side.SHORT, true, SHORT);
        markers(price, "exit", trades, t -> true, false, EXIT);

        XYChart equityChart = chart(null, "Equity (USDT)", 300);
        if (!x.isEmpty()) line(equityChart, "equity", x, eq, new Color(0x22, 0x77, 0x22));
        XYChart drawdown = chart(null, "Drawdown (%)", 220);
        if (!x.isEmpty()) {
            XYSeries s = line(drawdown, "drawdown", x, dd, SHORT);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        }

        List<BufferedImage> panels = List.of(BitmapEncoder.getBufferedImage(price), BitmapEncoder.getBufferedImage(equityChart),
                BitmapEncoder.getBufferedImage(drawdown));
        int height = panels.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage page = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        int y = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, 0, y, null);
            y += p.getHeight();
        }
        g.dispose();
        return page;
    }

    private static XYChart chart(String title, String yTitle, int height) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title == null ? "" : title).yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xE5, 0xE5, 0xE5));
        c.getStyler().setDatePattern("yyyy-MM-dd");
        c.getStyler().setMarkerSize(7);
        c.getStyler().setYAxisDecimalPattern("#,##0.##");
        return c;
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
