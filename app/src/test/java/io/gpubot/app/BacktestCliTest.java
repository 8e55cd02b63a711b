package io.gpubot.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gpubot backtest} and {@code gpubot bots show} with the example bot on the bundled BTC 4h candles. */
class BacktestCliTest {

    static final Path EXAMPLE = Path.of("../examples/bots/btc-4h-trend.json");

    @TempDir
    Path home;

    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    @Test
    void bothEnginesWriteByteIdenticalTradeFilesAndAChartIsDrawn() throws Exception {
        Path fast = home.resolve("fast.csv");
        Path reference = home.resolve("reference.csv");
        Path chart = home.resolve("equity.png");
        Cli.Result f = gpubot("backtest", "--bot", EXAMPLE.toString(), "--data", "bundled:btc-usd-4h", "--trades", fast.toString(),
                "--chart", chart.toString());
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(f.out()).contains("Bot:           btc-4h-trend  3x, TP 6 ATR / SL 1 ATR, risk 0.02, unanimous, 3 indicators")
                .contains("20,695 bars (4h), XBTUSDTM facts").contains("Net profit:").contains("Max drawdown:").contains("Sharpe");
        Cli.Result r = gpubot("backtest", "--bot", EXAMPLE.toString(), "--data", "bundled:btc-usd-4h", "--engine", "reference",
                "--trades", reference.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(fast)).isEqualTo(Files.readAllBytes(reference));
        assertThat(Files.readAllLines(fast)).hasSizeGreaterThan(100);

        BufferedImage image = ImageIO.read(chart.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isGreaterThan(900);
    }

    @Test
    void aWindowWarmsUpOnTheBarsBeforeIt() {
        Cli.Result r = gpubot("backtest", "--bot", EXAMPLE.toString(), "--data", "bundled:btc-usd-4h", "--from", "2024-01-01",
                "--to", "2025-01-01", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"from\" : \"2024-01-01T00:00:00Z\"").contains("\"to\" : \"2024-12-31T20:00:00Z\"")
                .contains("\"bars\" : 2196");
    }

    @Test
    void userMistakesGetOneLine() throws Exception {
        Path badLeverage = home.resolve("bad.json");
        Files.writeString(badLeverage, Files.readString(EXAMPLE).replace("\"leverage\" : 3", "\"leverage\" : 100")
                .replace("\"mode\" : \"atr\"", "\"mode\" : \"fraction\"").replace("\"stopLoss\" : 1.0", "\"stopLoss\" : 0.05"));
        Cli.Result r = gpubot("backtest", "--bot", badLeverage.toString(), "--data", "bundled:btc-usd-4h");
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).contains("stop-loss 5.00% lies beyond the liquidation price at 100x leverage");

        Path csv = home.resolve("candles.csv");
        Files.writeString(csv, "timestamp_ms,open,high,low,close,volume\n1700006400000,10,12,9,11,1\n1700020800000,11,12,10,11,1\n");
        Cli.Result noContract = gpubot("backtest", "--bot", EXAMPLE.toString(), "--data", csv.toString());
        assertThat(noContract.code()).isEqualTo(Main.USER_ERROR);
        assertThat(noContract.err()).contains("say which contract's facts apply to this file's candles, e.g. --contract XBTUSDTM");

        Cli.Result noData = gpubot("backtest", "--bot", EXAMPLE.toString());
        assertThat(noData.err()).contains("say where the candles are");
        Cli.Result noBot = gpubot("backtest", "--bot", "nope.json", "--data", "bundled:btc-usd-4h");
        assertThat(noBot.err()).contains("error: nope.json: no such file");
    }

    @Test
    void botsShowPrintsTheRules() {
        Cli.Result r = gpubot("bots", "show", EXAMPLE.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Bot btc-4h-trend").contains("SAR(acceleration=0.03,maximum=0.1)")
                .contains("close above the SAR: bullish; below: bearish").contains("Warm-up: 20 bars");
    }
}
