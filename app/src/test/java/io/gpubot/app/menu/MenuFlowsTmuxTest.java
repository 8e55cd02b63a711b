package io.gpubot.app.menu;

import io.gpubot.app.TmuxSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The menu's flows in a real terminal (tmux), each to a finished command: your own file imported, stored
 * bars resampled, a backtest on the stored series at a coarser timeframe, an evolution whose impossible
 * leverage is explained and asked again (and never remembered), and the evolved bots listed newest run
 * first, rank 1 first. Skipped where tmux is not installed.
 */
class MenuFlowsTmuxTest {

    @TempDir
    Path dir;

    @Test
    void everyFlowEndsInACommandThatRuns() throws Exception {
        assumeTrue(TmuxSession.available(), "tmux is not installed");
        Path home = Files.createDirectories(dir.resolve("home"));
        // Two days of 1m bars, 2024-01-01 onwards.
        Path csv = dir.resolve("mine.csv");
        StringBuilder rows = new StringBuilder("timestamp_ms,open,high,low,close,volume\n");
        for (int i = 0; i < 2 * 1440; i++) {
            double p = 40_000 + 500 * Math.sin(i / 90.0) + i * 0.1;
            rows.append(1_704_067_200_000L + i * 60_000L).append(',').append(p).append(',').append(p + 20).append(',').append(p - 20)
                    .append(',').append(p + 5).append(",3\n");
        }
        Files.writeString(csv, rows);
        Path script = dir.resolve("gpubot.sh");
        Files.writeString(script, "exec " + TmuxSession.javaCommand("io.gpubot.app.Main") + " --home '" + home + "'\n");
        try (TmuxSession terminal = TmuxSession.start("sh " + script, 140, 40)) {
            terminal.awaitScreen("Choose [4]: ");

            // Data 4: a file of one's own.
            terminal.type("5");
            terminal.awaitScreen("4 import your own candle file");
            terminal.type("4");
            terminal.awaitScreen("Candle file (CSV or JSON, optionally .gz): ");
            terminal.type(csv.toString());
            terminal.awaitScreen("Contract the candles are of (contract or pair) [XBTUSDTM]: ");
            terminal.type("");
            terminal.awaitScreen("Timeframe (none: from the bars' spacing; coarser than the file's: resampled) [none]: ");
            terminal.type("");
            terminal.awaitScreen("Exchange the candles come from [kucoin]: ");
            terminal.type("");
            terminal.awaitScreen("Imported 2,880 bars into kucoin XBTUSDTM 1m");

            // Data 5: resample the stored minutes to hours.
            terminal.awaitScreen("Choose [5]: ");
            terminal.type("5");
            terminal.awaitScreen("Choose [4]: ", 2);
            terminal.type("5");
            terminal.awaitScreen("Series to resample (s1) [s1]: ");
            terminal.type("");
            terminal.awaitScreen("Timeframe to build [4h]: ");
            terminal.type("1h");
            terminal.awaitScreen("= gpubot data resample --symbol XBTUSDTM --from-timeframe 1m --timeframe 1h");
            terminal.awaitScreen("Stored kucoin XBTUSDTM 1h: 48 new");

            // Evolve: an impossible leverage is explained and asked again.
            terminal.awaitScreen("Choose [5]: ", 2);
            terminal.type("1");
            terminal.awaitScreen("Candles (file or bundled:btc-usd-4h, bundled:eth-usd-4h, or s1..s2 from the store) [bundled:btc-usd-4h]: ");
            terminal.type("");
            terminal.awaitScreen("Bots per generation [10000]: ");
            terminal.type("30");
            terminal.awaitScreen("Generations [50]: ");
            terminal.type("1");
            terminal.awaitScreen("Most indicators per bot [5]: ");
            terminal.type("");
            terminal.awaitScreen("Highest leverage (1 to 125 on XBTUSDTM) [20]: ");
            terminal.type("200");
            terminal.awaitScreen("'200' is above XBTUSDTM's highest leverage, 125; type 1 to 125");
            terminal.type("10");
            terminal.awaitScreen("Starting balance USDT [1000]: ");
            terminal.type("");
            terminal.awaitScreen("Random seed [42]: ");
            terminal.type("");
            terminal.awaitScreen("= gpubot evolve --data bundled:btc-usd-4h --population 30 --generations 1 --max-indicators 5 --max-leverage 10");
            terminal.awaitScreen("Saved ");
            assertThat(Files.readString(home.resolve("last-run.json"))).contains("\"maxLeverage\" : \"10\"").doesNotContain("200");

            // Backtest: the evolved bots listed newest run first, rank 1 first; the stored minutes as 4h bars.
            terminal.awaitScreen("Choose [1]: ");
            terminal.type("4");
            String list = terminal.awaitScreen("Bot [1]: ");
            assertThat(list).contains("Bots, newest run first, best first (1-").containsPattern("\\s1\\) \\S*bots/bot-001\\.json");
            terminal.type("");
            terminal.awaitScreen("or s1..s2 from the store) [bundled:btc-usd-4h]: ");
            terminal.type("store:kucoin:XBTUSDTM:1h");
            terminal.awaitScreen("Timeframe (1h or coarser, built from the stored bars) [1h]: ");
            terminal.type("4h");
            terminal.awaitScreen("From (UTC date) [none]: ");
            terminal.type("");
            terminal.awaitScreen("To (UTC date) [none]: ");
            terminal.type("");
            terminal.awaitScreen("Starting balance USDT [1000]: ");
            terminal.type("");
            String done = terminal.awaitScreen("Net profit:");
            assertThat(done).contains("--symbol XBTUSDTM --timeframe 4h --balance 1000", "Resampled 48 1h bars of kucoin XBTUSDTM 1h into 12 4h bars");

            terminal.awaitScreen("Choose [4]: ", 3);
            terminal.type("0");
            assertThat(terminal.awaitEnd()).as("gpubot ended after 0").isTrue();
        }
    }
}
