package io.gpubot.app;

import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The command line as a user drives it: arguments in, text and an exit code out, a real store on disk. */
class CliTest {

    @TempDir
    Path home;


    Cli.Result gpubot(String... args) {
        return Cli.run(home, args);
    }

    static Optional<Path> shared(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data").resolve(relative);
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = gpubot("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: gpubot", "data", "--home=DIR");
        Cli.Result version = gpubot("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("gpubot 0.");
    }

    @Test
    void unknownFlagIsOneLineWithWhereHelpIsAndExitCodeOne() {
        Cli.Result r = gpubot("data", "import", "--bogus");
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).isEqualTo("error: Unknown option: '--bogus'" + System.lineSeparator() + "See: gpubot data import --help"
                + System.lineSeparator());
        Cli.Result badTimeframe = gpubot("data", "export", "--symbol", "BTC/USDT", "--timeframe", "3m", "--out", "x.csv");
        assertThat(badTimeframe.code()).isEqualTo(Main.USER_ERROR);
        assertThat(badTimeframe.err()).contains("unsupported timeframe '3m'; KuCoin Futures supports 1m 5m");
    }

    @Test
    void bundledDataImportsByName() {
        Cli.Result r = gpubot("data", "import", "--bundled", "btc-usd-4h");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported 20,695 bars into coinbase XBTUSDTM 4h, 2016-05-18 04:00 .. 2025-10-28 00:00 UTC: 20,695 new")
                .contains("gaps: 3 gaps, 5 bars missing");
        Cli.Result list = gpubot("data", "list");
        assertThat(list.out()).contains("coinbase  XBTUSDTM  BTC/USDT  4h  2016-05-18 04:00  2025-10-28 00:00  20,695     3        5");
        Cli.Result unknown = gpubot("data", "import", "--bundled", "doge-1m");
        assertThat(unknown.code()).isEqualTo(Main.USER_ERROR);
        assertThat(unknown.err()).contains("error: no bundled dataset 'doge-1m'; bundled: btc-usd-4h, eth-usd-4h");
    }

    @Test
    void importTwiceKeepsTheBarCountAndExportReimportRoundTripsExactly() throws IOException {
        Path file = home.resolve("in.csv");
        StringBuilder csv = new StringBuilder("timestamp_ms,open,high,low,close,volume\n");
        long t0 = 1_509_836_520_000L;
        for (int i = 0; i < 500; i++) {
            if (i % 50 == 7) continue;  // gaps
            double p = 0.00162 + i * 1e-7;
            csv.append(t0 + i * 60_000L).append(',').append(p).append(',').append(p + 2e-7).append(',').append(p - 1e-7)
                    .append(',').append(p + 1e-7).append(',').append(100.0 / (i + 3)).append('\n');
        }
        Files.writeString(file, csv);

        Cli.Result first = gpubot("data", "import", file.toString(), "--symbol", "BTC/USDT", "--timeframe", "1m");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Imported 490 bars into kucoin XBTUSDTM 1m", "490 new").contains("10 gaps, 10 bars missing");
        Cli.Result second = gpubot("data", "import", file.toString(), "--symbol", "XBTUSDTM", "--timeframe", "1m");
        assertThat(second.out()).contains("0 new, 0 updated, 490 unchanged").contains("The store now holds 490 bars");

        Path exported = home.resolve("out.csv");
        Cli.Result export = gpubot("data", "export", "--symbol", "BTC/USDT", "--timeframe", "1m", "--out", exported.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(CandleFiles.read(exported, Timeframe.M1).series()).isEqualTo(CandleFiles.read(file, Timeframe.M1).series());

        Cli.Result reimport = gpubot("data", "import", exported.toString(), "--symbol", "BTC/USDT", "--timeframe", "1m");
        assertThat(reimport.out()).contains("0 new, 0 updated, 490 unchanged");
    }

    @Test
    void aMalformedFileIsRefusedWithOneLineAndNothingStoredIsLost() throws IOException {
        assertThat(gpubot("data", "import", "--bundled", "eth-usd-4h").code()).isZero();
        String before = gpubot("data", "list").out();

        String header = "timestamp_ms,open,high,low,close,volume\n";
        String good = "1699992000000,10,12,9,11,1\n";
        String[][] cases = {
                {"bad-number", header + good + "1700006400000,10,1o,9,11,1\n", "line 3, high: '1o' is not a number"},
                {"high-below-low", header + good + "1700006400000,10,8,9,9.5,1\n", "line 3, high: 8.0 is below low 9.0"},
                {"unsorted", header + good + "1700020800000,10,12,9,11,1\n1700006400000,10,12,9,11,1\n",
                        "line 4, time: 2023-11-15T00:00:00Z comes before 2023-11-15T04:00:00Z on line 3; rows must be sorted by time"},
                {"off-grid", header + "1700000000000,10,12,9,11,1\n", "line 2, time: 2023-11-14T22:13:20Z is not on a 4h boundary"},
                {"nan", header + good + "1700006400000,10,12,9,NaN,1\n", "line 3, close: not a finite number (NaN)"},
        };
        for (String[] c : cases) {
            Path file = home.resolve(c[0] + ".csv");
            Files.writeString(file, c[1]);
            Cli.Result r = gpubot("data", "import", file.toString(), "--symbol", "ETH/USDT", "--timeframe", "4h", "--exchange", "coinbase");
            assertThat(r.code()).as(c[0]).isEqualTo(Main.USER_ERROR);
            assertThat(r.err().strip()).as(c[0]).startsWith("error: " + file + ": " + c[2]).doesNotContain("\n").doesNotContain("Exception");
            assertThat(r.out()).as(c[0]).isEmpty();
        }
        assertThat(gpubot("data", "list").out()).isEqualTo(before);
    }

    @Test
    void exportOfAnEmptySeriesSaysWhatToDo() {
        Cli.Result r = gpubot("data", "export", "--symbol", "SOL/USDT", "--timeframe", "1h", "--out", home.resolve("x.csv").toString());
        assertThat(r.code()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).contains("error: no kucoin SOLUSDTM 1h bars in the store; see what there is with: gpubot data list");
        assertThat(home.resolve("x.csv")).doesNotExist();
    }

    @Test
    void logsGoToTheHomeFolder() throws IOException {
        gpubot("data", "import", "--bundled", "nope");
        assertThat(home.resolve("logs/gpubot.log")).isRegularFile();
        assertThat(Files.readString(home.resolve("logs/gpubot.log"))).contains("user error");
    }

    /** The check the issue names, on freqtrade's real 1m file (GPL, so only when ../shared is present). */
    @Test
    void freqtradeMinuteFileReportsItsGapsAndImportsIdempotently() {
        Path file = shared("freqtrade/csv/UNITTEST_BTC-1m.csv").orElse(null);
        assumeTrue(file != null, "../shared/data is not present");
        Cli.Result first = gpubot("data", "import", file.toString(), "--symbol", "BTC/USDT", "--timeframe", "1m");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("gaps: 538 gaps, 717 bars missing, largest 7 bars")
                .contains("Imported 13,681 bars into kucoin XBTUSDTM 1m, 2017-11-04 23:02 .. 2017-11-14 22:59 UTC: 13,681 new");
        Cli.Result second = gpubot("data", "import", file.toString(), "--symbol", "BTC/USDT", "--timeframe", "1m");
        assertThat(second.out()).contains("The store now holds 13,681 bars");
        Path exported = home.resolve("ft.csv");
        gpubot("data", "export", "--symbol", "BTC/USDT", "--timeframe", "1m", "--out", exported.toString());
        assertThat(CandleFiles.read(exported, Timeframe.M1).series()).isEqualTo(CandleFiles.read(file, Timeframe.M1).series());
    }
}
