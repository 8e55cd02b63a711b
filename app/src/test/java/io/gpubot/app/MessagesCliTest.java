package io.gpubot.app;

import io.gpubot.app.cli.GpubotCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every typo and damaged file a trader met, pinned: exit code 1 and the one line that says what to change. */
class MessagesCliTest {

    static final String NL = System.lineSeparator();

    @TempDir
    Path home;

    private final InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    @Test
    void aWrongExchangeUrlIsATypoNotABug() {
        Cli.Result r = gpubot("data", "fetch", "--symbol", "BTC/USDT", "--timeframe", "1h", "--days", "1", "--exchange-url", "notaurl");
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).isEqualTo("error: Invalid value for option '--exchange-url': 'notaurl' is not a web address; give one like"
                + " https://api-futures.kucoin.com or http://127.0.0.1:8090" + NL + "See: gpubot data fetch --help" + NL);
    }

    @Test
    void anEmptyApiSecretOrKeyNamesThePart() throws Exception {
        Path master = home.resolve("master.txt");
        Files.writeString(master, "a long master password\n");
        System.setIn(new ByteArrayInputStream("live\nthe-key\n\npassphrase\n".getBytes(StandardCharsets.UTF_8)));
        Cli.Result r = gpubot("credentials", "set", "--password-file", master.toString());
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).endsWith(NL + "error: the API secret was empty; run gpubot credentials set again and paste all three"
                + " (key, secret, passphrase) from kucoin.com/account/api" + NL);
        System.setIn(new ByteArrayInputStream("live\n\nsecret\npassphrase\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(gpubot("credentials", "set", "--password-file", master.toString()).err()).contains(NL + "error: the API key was empty;");
        assertThat(home.resolve("credentials.enc")).doesNotExist();
    }

    @Test
    void aCorruptOrBinaryBotFileSaysWhatIsWrongWithoutParserWords() throws Exception {
        Path cut = home.resolve("cut.json");
        Files.writeString(cut, "{\"schema\": \"gpubot.bot/1\", \"name\": ");
        Cli.Result r = gpubot("bots", "show", cut.toString());
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).isEqualTo("error: " + cut + ": the JSON is cut short: it ends at line 1, column 36; fix the file,"
                + " or take a bot file that gpubot evolve wrote (docs/BOT_FORMAT.md)" + NL);
        Path binary = home.resolve("binary.json");
        byte[] noise = new byte[300];
        new Random(7).nextBytes(noise);
        noise[0] = (byte) 0xff;
        Files.write(binary, noise);
        Cli.Result b = gpubot("bots", "show", binary.toString());
        assertThat(b.code()).isEqualTo(Main.USER_ERROR);
        assertThat(b.err()).isEqualTo("error: " + binary + ": not a text file; a bot file is the JSON that gpubot evolve writes"
                + " (docs/BOT_FORMAT.md)" + NL);
    }

    @Test
    void aDamagedCandleStoreIsCalledDamaged() throws Exception {
        Files.write(home.resolve("candles.db"), "not a database, only text that is long enough to be read as one......".repeat(20)
                .getBytes(StandardCharsets.UTF_8));
        Cli.Result r = gpubot("data", "list");
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).isEqualTo("error: cannot open the candle store " + home.resolve("candles.db")
                + ": the file is damaged or is not a gpubot candle store; move it away and import the candles again" + NL);
    }

    @Test
    void aNegativeWholeNumberIsOutOfRangeNotAFraction() {
        Cli.Result r = gpubot("indicators", "compute", "--data", "bundled:btc-usd-4h", "--indicator", "PIVOT(period=-5)");
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).isEqualTo("error: --indicator PIVOT(period=-5): PIVOT: period=-5 is not allowed; valid: period 1..200 (default 6)" + NL);
        assertThat(gpubot("indicators", "compute", "--data", "bundled:btc-usd-4h", "--indicator", "PIVOT(period=2.5)").err())
                .contains("period=2.5 is not allowed (whole numbers only)");
    }

    @Test
    void anUnknownCommandListsTheCommands() {
        Cli.Result r = gpubot("foo");
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).isEqualTo("error: 'foo' is not a gpubot command; the commands are data, indicators, backtest, evolve, bots,"
                + " paper, sessions, sandbox, credentials, bench, live, demo, research" + NL + "See: gpubot --help" + NL);
        Cli.Result typo = gpubot("bots", "lst");
        assertThat(typo.err()).startsWith("error: 'lst' is not a gpubot bots command; did you mean list? the commands are ");
        Cli.Result extra = gpubot("bots", "show", "a.json", "b.json");
        assertThat(extra.code()).isEqualTo(Main.USER_ERROR);
        assertThat(extra.err()).startsWith("error: unexpected argument 'b.json' after gpubot bots show; options start with --");
    }

    @Test
    void oneDamagedJournalIsSkippedAndCounted() throws Exception {
        Cli.Result paper = gpubot("paper", "--bot", "../examples/bots/btc-4h-trend.json", "--replay", "bundled:btc-usd-4h",
                "--session", "good", "--until", "2017-01-01");
        assertThat(paper.code()).as(paper.err()).isZero();
        Files.writeString(home.resolve("sessions/broken.db"), "garbage ".repeat(200));
        Cli.Result r = gpubot("sessions", "list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("good").contains("replay")
                .endsWith("1 session, 1 unreadable journal skipped (see the log)" + NL);
    }

    @Test
    void aNewHomeHasNoBotsYetButANamedFolderThatIsNotThereIsAMistake() {
        Cli.Result empty = gpubot("bots", "list");
        assertThat(empty.code()).as(empty.err()).isZero();
        assertThat(empty.out()).isEqualTo("No bots yet in " + home.resolve("runs") + ". Evolve some with: gpubot evolve --data bundled:btc-usd-4h" + NL);
        Cli.Result missing = gpubot("bots", "list", home.resolve("nowhere").toString());
        assertThat(missing.code()).isEqualTo(Main.USER_ERROR);
        assertThat(missing.err()).contains(home.resolve("nowhere") + " is not a folder; give one holding bot files");
    }

    @Test
    void helpHasNoPicocliWarningsPlaceholdersOrCutSummaries() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            for (String command : new String[] {"backtest", "evolve", "paper", "sandbox", "demo", "bench"}) {
                Cli.Result r = gpubot(command, "--help");
                assertThat(r.code()).isZero();
                assertThat(r.out() + r.err()).as(command).doesNotContain("[picocli WARN]").doesNotContain("=<");
            }
        } finally {
            System.setErr(originalErr);
        }
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertNoPlaceholders(Main.newCommandLine());
        for (CommandLine sub : new CommandLine(new GpubotCommand()).getSubcommands().values()) {
            String summary = sub.getCommandSpec().usageMessage().description()[0];
            assertThat(summary).as(sub.getCommandName()).endsWith(".");
        }
        assertThat(gpubot("demo", "--help").out().replaceAll("\\s+", " ")).contains("in about 90 seconds, offline.");
    }

    private static void assertNoPlaceholders(CommandLine command) {
        String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(usage).as(command.getCommandSpec().qualifiedName()).doesNotContainPattern("=<[a-zA-Z]+>");
        command.getSubcommands().values().forEach(MessagesCliTest::assertNoPlaceholders);
    }
}
