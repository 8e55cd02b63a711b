package io.gpubot.app.menu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.app.Home;
import io.gpubot.app.Main;
import io.gpubot.app.cli.Prompts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The menu driven through standard input, as a script or a user would answer it. */
class MenuTest {

    @TempDir
    Path home;

    private InputStream stdin;

    @BeforeEach
    void keepStdin() {
        stdin = System.in;
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    /** Runs {@code gpubot --home HOME --menu} in-process with these lines as the answers. */
    private String gpubot(String... answers) {
        System.setIn(new ByteArrayInputStream((String.join("\n", answers) + "\n").getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "--home", home.toString(), "--menu");
        assertThat(code).as(err.toString()).isZero();
        return out + err.toString();
    }

    @Test
    void backtestModeAsksValidatesRunsTheRealCommandAndRemembersTheAnswers() throws Exception {
        String first = gpubot("4", "t", "nope.csv", "", "last tuesday", "2018-01-01", "", "abc", "-5", "2500", "0");

        assertThat(first).contains("1  Evolve", "2  Paper trading", "3  Live trading", "4  Backtest a bot", "5  Data", "6  Credentials",
                "7  Sandbox", "0  Quit");
        assertThat(first).contains("t) built-in test bot btc-4h-trend");
        // Wrong answers are explained and asked again.
        assertThat(first).contains("no file nope.csv; give a CSV/JSON candle file or one of bundled:btc-usd-4h, bundled:eth-usd-4h");
        assertThat(first).contains("'last tuesday' is not a date; type e.g. 2024-01-31");
        assertThat(first).contains("'abc' is not a number; type digits, e.g. 1000", "'-5' must be a number above 0, e.g. 1000");
        Path bot = home.resolve("bots/btc-4h-trend.json");
        assertThat(bot).exists();
        String command = "= gpubot backtest --bot " + bot + " --data bundled:btc-usd-4h --from 2018-01-01 --balance 2500";
        assertThat(first).contains(command);
        // The real backtest ran and printed its summary.
        assertThat(first).contains("Bot:           btc-4h-trend", "Balance:       2,500.00 -> ", "Net profit:", "Max drawdown:");

        JsonNode saved = new ObjectMapper().readTree(home.resolve("last-run.json").toFile());
        assertThat(saved.at("/backtest/bot").asText()).isEqualTo(bot.toString());
        assertThat(saved.at("/backtest/data").asText()).isEqualTo("bundled:btc-usd-4h");
        assertThat(saved.at("/backtest/from").asText()).isEqualTo("2018-01-01");
        assertThat(saved.at("/backtest/to").asText()).isEmpty();
        assertThat(saved.at("/backtest/balance").asText()).isEqualTo("2500");
        assertThat(saved.at("/menu/mode").asText()).isEqualTo("4");
        try (var files = Files.list(home)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }

        // Next time the answers are the defaults: Enter everywhere runs the same backtest.
        String second = gpubot("", "", "", "", "", "", "0");
        assertThat(second).contains("Choose [4]: ", "Bot [" + bot + "]: ", "Candles (file or bundled:btc-usd-4h, bundled:eth-usd-4h) [bundled:btc-usd-4h]: ",
                "From (UTC date) [2018-01-01]: ", "To (UTC date) [none]: ", "Starting balance USDT [2500]: ");
        assertThat(second).contains(command, "Balance:       2,500.00 -> ");
    }

    @Test
    void aFailingCommandShowsItsErrorAndReturnsToTheMenu() {
        String out = gpubot("4", "t", "", "2030-01-01", "", "", "0");
        assertThat(out).contains("error: no bars between 2030-01-01 and the end",
                "(gpubot backtest ended with exit code 1; these answers are not kept as defaults)");
        assertThat(home.resolve("last-run.json")).content().doesNotContain("2030-01-01");
        assertThat(out.lastIndexOf("0  Quit")).isGreaterThan(out.indexOf("exit code 1"));
    }

    /** Modes that talk to an exchange are checked on the command they build (the runner records it instead of connecting). */
    private final List<List<String>> ran = new ArrayList<>();

    private String menu(String... answers) {
        System.setIn(new ByteArrayInputStream((String.join("\n", answers) + "\n").getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        int code = new Menu(new Home(home), Prompts.forProcess(writer), writer, args -> {
            ran.add(List.of(args));
            return 0;
        }).run();
        assertThat(code).isZero();
        return out.toString();
    }

    @Test
    void paperModeWorksWithoutCredentialsAndRejectsUnknownSymbolsAndTimeframes() {
        String out = menu("2", "", "t", "FOO", "", "3h", "1h", "", "my-session", "http://127.0.0.1:9", "0");
        assertThat(out).contains("No KuCoin API credentials are stored. Paper trading needs only public market data,",
                "Set them up now (y/n) [n]: ");
        assertThat(out).contains("unknown symbol 'FOO'; known: ");
        assertThat(out).contains("unsupported timeframe '3h'; KuCoin Futures supports 1m 5m 15m 30m 1h 2h 4h 8h 12h 1d 1w");
        String bot = home.resolve("bots/btc-4h-trend.json").toString();
        assertThat(ran).containsExactly(List.of("--home", home.toString(), "paper", "--bot", bot, "--symbol", "XBTUSDTM", "--timeframe", "1h",
                "--balance", "1000", "--exchange-url", "http://127.0.0.1:9", "--session", "my-session"));
        assertThat(out).contains("= gpubot paper --bot " + bot + " --symbol XBTUSDTM --timeframe 1h --balance 1000 --exchange-url http://127.0.0.1:9 --session my-session");
    }

    /** The repository's example bot at 50x: above the risk guard's default limit of 20x. */
    private String fiftyTimesBot() throws Exception {
        Path bot = home.resolve("fifty.json");
        Files.writeString(bot, Files.readString(Path.of("../examples/bots/btc-4h-trend.json")).replace("\"leverage\" : 3", "\"leverage\" : 50"));
        return bot.toString();
    }

    @Test
    void paperAndLiveAskTheGuardsLeverageLimitForABotAboveItsDefaultTheBotsOwnByDefault() throws Exception {
        String bot = fiftyTimesBot();
        String out = menu("2", "", bot, "", "", "", "", "", "", "0");
        assertThat(out).contains("This bot trades at 50x, above the risk guard's default limit of 20x, which would refuse every entry it makes.",
                "At 50x a price move of less than 2.0% against a position liquidates it (its whole margin).",
                "Highest leverage the risk guard allows (50 trades this bot) [50]: ");
        assertThat(ran).containsExactly(List.of("--home", home.toString(), "paper", "--bot", bot, "--symbol", "XBTUSDTM", "--timeframe", "4h",
                "--balance", "1000", "--max-leverage", "50"));

        ran.clear();
        Files.writeString(home.resolve("credentials.enc"), "{}");
        String live = menu("3", "I UNDERSTAND THE RISKS", bot, "30", "60", "", "", "", "0");
        assertThat(live).contains("'30' must be a whole number of at least 50");
        assertThat(ran).containsExactly(List.of("--home", home.toString(), "live", "--bot", bot, "--symbol", "XBTUSDTM", "--timeframe", "4h",
                "--max-leverage", "60", "--i-understand-the-risks"));
    }

    @Test
    void paperModeOffersTheCredentialSetupFirst() {
        menu("2", "y", "t", "", "", "", "", "", "0");
        assertThat(ran.get(0)).containsExactly("--home", home.toString(), "credentials", "set");
        assertThat(ran.get(1)).contains("paper").doesNotContain("--exchange-url");
    }

    @Test
    void liveModeNeedsTheTypedConfirmationAndCredentials() throws Exception {
        String refused = menu("3", "i understand", "0");
        assertThat(refused).contains("Type I UNDERSTAND THE RISKS to continue: ", "back to the menu");
        assertThat(ran).isEmpty();

        // No credentials: the setup runs; if it stored none, nothing is traded.
        menu("3", "I UNDERSTAND THE RISKS", "0");
        assertThat(ran).containsExactly(List.of("--home", home.toString(), "credentials", "set"));

        ran.clear();
        Files.writeString(home.resolve("credentials.enc"), "{}");
        String out = menu("3", "I UNDERSTAND THE RISKS", "t", "ETH/USDT", "15m", "", "0");
        assertThat(ran).containsExactly(List.of("--home", home.toString(), "live", "--bot", home.resolve("bots/btc-4h-trend.json").toString(),
                "--symbol", "ETH/USDT", "--timeframe", "15m", "--i-understand-the-risks"));
        assertThat(out).contains("= gpubot live --bot ");
    }

    @Test
    void otherModesBuildTheirCommands() {
        menu("1", "", "200", "3", "", "", "", "7",
                "5", "1", "BTC/USDT", "1h", "30", "n", "",
                "5", "2", "bundled:eth-usd-4h",
                "6", "2",
                "7", "", "", "9000", "", "", "0");
        String from = Checks.DATE.format(java.time.Instant.ofEpochMilli(
                io.gpubot.app.BundledDataset.BTC_USD_4H.read().series().time(1_000)));
        assertThat(ran).containsExactly(
                List.of("--home", home.toString(), "evolve", "--data", "bundled:btc-usd-4h", "--population", "200", "--generations", "3",
                        "--max-indicators", "5", "--max-leverage", "20", "--balance", "1000", "--seed", "7"),
                List.of("--home", home.toString(), "data", "fetch", "--symbol", "BTC/USDT", "--timeframe", "1h", "--days", "30"),
                List.of("--home", home.toString(), "data", "import", "--bundled", "bundled:eth-usd-4h"),
                List.of("--home", home.toString(), "credentials", "status"),
                List.of("--home", home.toString(), "sandbox", "--data", "bundled:btc-usd-4h", "--from", from, "--port", "9000",
                        "--speed", "60", "--start-balance", "10000"));
    }

    @Test
    void savedBotsAreListedNewestFirstWithTheirResults() throws Exception {
        Path older = home.resolve("runs/XBTUSDTM/4h/run-a/bots/bot-1.json");
        Path newer = home.resolve("runs/XBTUSDTM/4h/run-b/bots/bot-1.json");
        Files.createDirectories(older.getParent());
        Files.createDirectories(newer.getParent());
        Files.copy(io.gpubot.app.dashboard.TestBots.example(), older);
        Files.copy(io.gpubot.app.dashboard.TestBots.example(), newer);
        Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        String out = menu("4", "2", "", "", "", "", "0");
        assertThat(out).containsPattern("  1\\) XBTUSDTM/4h/run-b/bots/bot-1.json +btc-4h-trend")
                .containsPattern("  2\\) XBTUSDTM/4h/run-a/bots/bot-1.json +btc-4h-trend");
        assertThat(out).contains("Bot [1]: ");
        assertThat(ran.get(0)).contains(older.toString());
    }

    @Test
    void theMenusBuiltInTestBotIsTheExampleBotOfTheRepository() throws Exception {
        try (java.io.InputStream in = Menu.class.getResourceAsStream("/io/gpubot/app/bots/btc-4h-trend.json")) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("app/src/main/resources/io/gpubot/app/bots/btc-4h-trend.json must equal examples/bots/btc-4h-trend.json")
                    .isEqualTo(java.nio.file.Files.readString(java.nio.file.Path.of("../examples/bots/btc-4h-trend.json")));
        }
    }

    @Test
    void botsAreListedNewestRunFirstRankOneFirstAndPageable() throws Exception {
        // Two runs of 12 bots each; bot-012 is written last in each, the newer run started later (run.json).
        for (String run : new String[] {"run-old", "run-new"}) {
            Path bots = Files.createDirectories(home.resolve("runs/" + run + "/bots"));
            Files.writeString(home.resolve("runs/" + run + "/run.json"),
                    "{\"started\": \"" + (run.equals("run-new") ? "2026-01-02T00:00:00Z" : "2026-01-01T00:00:00Z") + "\"}");
            io.gpubot.core.bot.Bot example = io.gpubot.data.BotFiles.read(io.gpubot.app.dashboard.TestBots.example());
            for (int k = 1; k <= 12; k++) {
                // Rank k trained to 50 - k percent and held out at 10 - k percent with k trades.
                io.gpubot.core.backtest.Metrics training = metrics(50 - k, 5, 40);
                io.gpubot.core.backtest.Metrics heldOut = metrics(10 - k, 3, k);
                io.gpubot.data.BotFiles.write(example.withProvenance(new io.gpubot.core.bot.Provenance(run, 3, "XBTUSDTM", "4h", 0, 1,
                        training, heldOut)), bots.resolve(String.format("bot-%03d.json", k)));
            }
        }
        // Written last, yet listed last: the older run's files are the newest on disk.
        Files.setLastModifiedTime(home.resolve("runs/run-new/bots/bot-001.json"), java.nio.file.attribute.FileTime.fromMillis(1_000));
        String out = menu("4", "n", "n", "p", "13", "", "", "", "", "0");
        assertThat(out).contains("Bots, newest run first, best first (1-10 of 24):", "(11-20 of 24)", "(21-24 of 24)", "n) next page");
        assertThat(out).containsPattern("     1\\) run-new/bots/bot-001.json +btc-4h-trend +\\+49\\.0 +5\\.0 \\| +\\+9\\.0 +3\\.0 +1\n")
                .containsPattern("    12\\) run-new/bots/bot-012.json").containsPattern("    13\\) run-old/bots/bot-001.json");
        assertThat(out).contains("train %", "held-out %", "trades");
        assertThat(ran.get(0)).contains(home.resolve("runs/run-old/bots/bot-001.json").toString());
    }

    @Test
    void aFileOfOnesOwnAsksItsContractAndAStoredSeriesIsOffered() throws Exception {
        Path csv = home.resolve("mine.csv");
        Files.writeString(csv, "timestamp_ms,open,high,low,close,volume\n1700000000000,1,2,0.5,1.5,10\n");
        try (io.gpubot.data.CandleStore store = io.gpubot.data.CandleStore.open(home.resolve("candles.db"))) {
            store.upsert(io.gpubot.data.SeriesKey.kucoin("ETHUSDTM", io.gpubot.core.market.Timeframe.M1),
                    io.gpubot.core.market.SyntheticMarket.bitcoinLike(1).withTimeframe(io.gpubot.core.market.Timeframe.M1).generate(600));
        }
        String out = menu("4", "t", csv.toString(), "FOO", "ETHUSDTM", "", "", "",
                "4", "", "s2", "s1", "3m", "15m", "", "", "",
                "1", "s1", "", "", "", "", "200", "100", "", "",
                "5", "4", csv.toString(), "ETH/USDT", "", "",
                "5", "5", "", "1m", "1h", "0");
        assertThat(out).contains("s1) kucoin ETHUSDTM 1m, ", "600 bars", "Contract whose facts apply to this file",
                "unknown symbol 'FOO'", "no stored series s2; choose s1", "'3m'", "'200' is above ETHUSDTM's highest leverage, 100; type 1 to 100");
        String bot = home.resolve("bots/btc-4h-trend.json").toString();
        assertThat(ran.get(0)).containsExactly("--home", home.toString(), "backtest", "--bot", bot, "--data", csv.toString(),
                "--contract", "ETHUSDTM", "--balance", "1000");
        assertThat(ran.get(1)).containsExactly("--home", home.toString(), "backtest", "--bot", bot, "--symbol", "ETHUSDTM",
                "--timeframe", "15m", "--balance", "1000");
        assertThat(ran.get(2)).containsSequence("evolve", "--symbol", "ETHUSDTM", "--timeframe", "1m").containsSequence("--max-leverage", "100");
        assertThat(ran.get(3)).containsExactly("--home", home.toString(), "data", "import", csv.toString(), "--symbol", "ETH/USDT");
        assertThat(ran.get(4)).containsExactly("--home", home.toString(), "data", "resample", "--symbol", "ETHUSDTM", "--from-timeframe", "1m",
                "--timeframe", "1h");
        assertThat(Files.readString(home.resolve("last-run.json"))).contains("store:kucoin:ETHUSDTM:1m").doesNotContain("\"200\"");
    }

    @Test
    void liveModeOffersItsSessionsToResumeByName() throws Exception {
        Files.writeString(home.resolve("credentials.enc"), "{}");
        Files.createDirectories(home.resolve("sessions"));
        try (io.gpubot.live.Journal journal = io.gpubot.live.Journal.open(home.resolve("sessions/live-eth.db"))) {
            journal.writeSession(new io.gpubot.live.SessionInfo("live-eth", "live", "ETHUSDTM", "15m", 500, 1_700_000_000_000L, List.of()));
        }
        String out = menu("3", "I UNDERSTAND THE RISKS", "nope", "live-eth", "", "0");
        assertThat(out).contains("live-eth  ETHUSDTM 15m", "no live session 'nope'");
        assertThat(ran).containsExactly(List.of("--home", home.toString(), "live", "--session", "live-eth", "--symbol", "ETHUSDTM",
                "--timeframe", "15m", "--i-understand-the-risks"));
    }

    private static io.gpubot.core.backtest.Metrics metrics(double returnPct, double drawdownPct, int trades) {
        return new io.gpubot.core.backtest.Metrics(1000, 1000 * (1 + returnPct / 100), 10 * returnPct, returnPct, drawdownPct, 0, 50, 1.5, 1, 1, 1,
                trades, 1, 50, 1, 1, 0, 0, 100);
    }
}
