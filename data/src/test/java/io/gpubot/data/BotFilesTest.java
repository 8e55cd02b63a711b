package io.gpubot.data;

import io.gpubot.core.backtest.Metrics;
import io.gpubot.core.bot.Bot;
import io.gpubot.core.bot.Provenance;
import io.gpubot.core.indicator.IndicatorSpec;
import io.gpubot.core.signal.Consensus;
import io.gpubot.core.trade.ExitLevels;
import io.gpubot.core.trade.Sizing;
import io.gpubot.core.trade.SizingMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BotFilesTest {

    static final String MINIMAL = """
            {
              "schema": "gpubot.bot/1",
              "name": "rsi-macd",
              "indicators": ["RSI(period=14)", "MACD(12,26,9)"],
              "leverage": 5,
              "exits": {"mode": "fraction", "takeProfit": 0.04, "stopLoss": 0.02},
              "sizing": {"method": "risk", "parameter": 0.02}
            }
            """;

    static String replace(String field, String value) {
        return MINIMAL.replaceFirst("\"" + field + "\": [^\\n]*?(,?)\\n", "\"" + field + "\": " + value + "$1\n");
    }

    @Test
    void aMinimalBotFileReadsWithDefaults() {
        Bot bot = BotFiles.parse(MINIMAL, "rsi-macd.json");
        assertThat(bot.name()).isEqualTo("rsi-macd");
        assertThat(bot.indicators()).containsExactly(IndicatorSpec.parse("RSI(period=14,oversold=30,overbought=70)"),
                IndicatorSpec.parse("MACD(fast=12,slow=26,signal=9)"));
        assertThat(bot.consensus()).isEqualTo(Consensus.UNANIMOUS);
        assertThat(bot.leverage()).isEqualTo(5);
        assertThat(bot.exits()).isEqualTo(ExitLevels.fractions(0.04, 0.02));
        assertThat(bot.sizing()).isEqualTo(Sizing.DEFAULT);
        assertThat(bot.provenance()).isEqualTo(Provenance.NONE);
    }

    @Test
    void everythingRoundTripsThroughAFile(@TempDir Path dir) {
        Metrics training = new Metrics(1000, 1250.5, 250.5, 25.05, 12.5, 86_400_000L * 9, 55.5, Double.POSITIVE_INFINITY, 1.2, 1.9, 2.1,
                40, 6.2625, 48.2, 12.25, 4.5, -0.75, 1, 20_000);
        Metrics outOfSample = new Metrics(1000, 980, -20, -2, 5, 3_600_000, 40, 0.8, -0.3, -0.4, -0.5, 10, -2, 30, 3, 1, 0.2, 0, 4_000);
        Bot bot = new Bot("evolved-7", List.of(IndicatorSpec.parse("ADX(14)"), IndicatorSpec.parse("EMA(50)")), new Consensus(0.5), 10,
                ExitLevels.atr(3, 1.5), new Sizing(SizingMethod.KELLY, 0.5),
                new Provenance("run-20261123", 17, "XBTUSDTM", "4h", 1_463_544_000_000L, 1_700_000_000_000L, training, outOfSample));
        Path file = dir.resolve("bot.json");
        BotFiles.write(bot, file);
        assertThat(BotFiles.read(file)).isEqualTo(bot);
        assertThat(BotFiles.toJson(bot)).contains("\"schema\" : \"gpubot.bot/1\"").contains("\"profitFactor\" : \"Infinity\"")
                .contains("\"dataFrom\" : \"2016-05-18T04:00:00Z\"").contains("\"mode\" : \"atr\"").contains("\"method\" : \"kelly\"");
    }

    @Test
    void badFilesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> BotFiles.parse(MINIMAL.replace("RSI(period=14)", "RSX(period=14)"), "b.json"))
                .isInstanceOf(BotFileException.class).hasMessageStartingWith("b.json: indicators: ").hasMessageContaining("RSX");
        assertThatThrownBy(() -> BotFiles.parse(MINIMAL.replace("RSI(period=14)", "RSI(period=1000)"), "b.json"))
                .hasMessageStartingWith("b.json: indicators: ").hasMessageContaining("period");
        assertThatThrownBy(() -> BotFiles.parse(replace("leverage", "0"), "b.json"))
                .hasMessage("b.json: leverage must be between 1 and 125, got 0");
        assertThatThrownBy(() -> BotFiles.parse(replace("schema", "\"gpubot.bot/9\""), "b.json"))
                .hasMessage("b.json: schema 'gpubot.bot/9' is not supported; this gpubot reads gpubot.bot/1");
        assertThatThrownBy(() -> BotFiles.parse(MINIMAL.replace("\"fraction\"", "\"percent\""), "b.json"))
                .hasMessage("b.json: exits.mode 'percent' is none of fraction, atr");
        assertThatThrownBy(() -> BotFiles.parse(MINIMAL.replace("\"leverage\": 5,", "\"levrage\": 5,"), "b.json"))
                .hasMessageStartingWith("b.json: unknown field 'levrage'");
        assertThatThrownBy(() -> BotFiles.parse(MINIMAL.replace("\"MACD(12,26,9)\"", "\"RSI(14)\""), "b.json"))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> BotFiles.parse("{\"schema\": ", "b.json")).hasMessage("b.json: the JSON is cut short: it ends at line 1, column 12; fix the file, or take a bot file that gpubot evolve wrote (docs/BOT_FORMAT.md)");
        assertThatThrownBy(() -> BotFiles.parse("{\"schema\": x}", "b.json"))
                .hasMessage("b.json: unexpected 'x' at line 1, column 12; fix the file, or take a bot file that gpubot evolve wrote (docs/BOT_FORMAT.md)");
        assertThatThrownBy(() -> BotFiles.read(Path.of("/no/such/bot.json"))).hasMessage("/no/such/bot.json: no such file");
    }
}
