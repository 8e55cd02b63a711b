package io.gpubot.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.core.bot.Bot;
import io.gpubot.data.BotFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code --json} documents of docs/JSON_OUTPUT.md, parsed as a script would and checked against the text output. */
class JsonOutputCliTest {

    static final Path EXAMPLE = Path.of("../examples/bots/btc-4h-trend.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    JsonNode parse(Cli.Result r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void backtestJsonCarriesTheSameNumbersAsTheTable() throws Exception {
        JsonNode doc = parse(gpubot("backtest", "--bot", EXAMPLE.toString(), "--data", "bundled:btc-usd-4h", "--json"));
        assertThat(doc.path("schema").asText()).isEqualTo("gpubot.backtest/1");
        assertThat(doc.path("bot").asText()).isEqualTo("btc-4h-trend");
        assertThat(doc.path("contract").asText()).isEqualTo("XBTUSDTM");
        assertThat(doc.path("timeframe").asText()).isEqualTo("4h");
        assertThat(doc.path("bars").asInt()).isEqualTo(20_695);
        String table = gpubot("backtest", "--bot", EXAMPLE.toString(), "--data", "bundled:btc-usd-4h").out();
        JsonNode m = doc.path("metrics");
        assertThat(table).contains(String.format(java.util.Locale.ROOT, "Balance:       1,000.00 -> %,.2f USDT", m.path("finalEquity").asDouble()))
                .contains("Trades:        " + m.path("trades").asInt() + ", ");
    }

    @Test
    void botsShowJsonIsTheBotWithItsRules() throws Exception {
        JsonNode doc = parse(gpubot("bots", "show", EXAMPLE.toString(), "--json"));
        Bot bot = BotFiles.read(EXAMPLE);
        assertThat(doc.path("schema").asText()).isEqualTo("gpubot.bot-show/1");
        assertThat(doc.path("name").asText()).isEqualTo("btc-4h-trend");
        assertThat(doc.path("leverage").asInt()).isEqualTo(3);
        assertThat(doc.path("warmUpBars").asInt()).isEqualTo(bot.warmUp());
        assertThat(doc.path("indicators")).hasSize(bot.indicators().size());
        assertThat(doc.path("indicators").get(0).path("spec").asText()).isEqualTo(bot.indicators().get(0).toString());
        assertThat(doc.path("exits").path("mode").asText()).isEqualTo("atr");
    }

    @Test
    void sessionsShowJsonListsEveryTradeOfTheJournal() throws Exception {
        assertThat(gpubot("paper", "--bot", EXAMPLE.toString(), "--replay", "bundled:btc-usd-4h", "--session", "j",
                "--trades", home.resolve("t.csv").toString()).code()).isZero();
        JsonNode doc = parse(gpubot("sessions", "show", "j", "--json"));
        assertThat(doc.path("schema").asText()).isEqualTo("gpubot.session/1");
        assertThat(doc.path("mode").asText()).isEqualTo("replay");
        assertThat(doc.path("bars").asInt()).isEqualTo(20_695);
        JsonNode bot = doc.path("bots").get(0);
        List<String> csv = Files.readAllLines(home.resolve("t.csv"));
        assertThat(bot.path("trades").asInt()).isEqualTo(csv.size() - 1).isPositive();
        assertThat(bot.path("tradeList")).hasSize(csv.size() - 1);
        double sum = 0;
        for (JsonNode t : bot.path("tradeList")) sum += t.path("netPnl").asDouble();
        assertThat(bot.path("netPnl").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void evolveJsonIsTheFinalSummaryAloneOnStandardOutput() throws Exception {
        Path out = home.resolve("run");
        JsonNode doc = parse(gpubot("evolve", "--data", "bundled:btc-usd-4h", "--null-bots", "40", "--population", "20", "--generations", "2", "--cycles", "2",
                "--hall-of-fame", "3", "--out", out.toString(), "--json"));
        assertThat(doc.path("schema").asText()).isEqualTo("gpubot.evolve/1");
        assertThat(doc.path("completedGenerations").asInt()).isEqualTo(2);
        assertThat(doc.path("bots")).hasSize(3);
        JsonNode first = doc.path("bots").get(0);
        assertThat(first.path("rank").asInt()).isEqualTo(1);
        Bot saved = BotFiles.read(Path.of(first.path("file").asText()));
        assertThat(first.path("name").asText()).isEqualTo(saved.name());
        assertThat(first.path("training").path("returnPct").asDouble()).isEqualTo(saved.provenance().training().returnPct());
    }
}
