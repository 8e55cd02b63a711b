package io.gpubot.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gpubot paper --replay} and the live guard's own limits: without {@code --max-risk} and
 * {@code --max-leverage} a replay is the backtest; with them it refuses what live would refuse, and a bot the
 * guard would hold back is named before the session starts.
 */
class PaperGuardCliTest {

    @TempDir
    Path home;

    static final Path TREND = Path.of("../examples/bots/btc-4h-trend.json"); // 3x, risk sizing 2%, stop 1 ATR
    static final String UNTIL_2018 = "2018-01-01";

    Cli.Result replay(Path bot, String session, String... extra) {
        List<String> args = new ArrayList<>(List.of("paper", "--replay", "bundled:btc-usd-4h", "--bot", bot.toString(), "--until", UNTIL_2018,
                "--session", session));
        args.addAll(List.of(extra));
        return Cli.run(home, args.toArray(String[]::new));
    }

    @Test
    void maxRiskRefusesTheEntriesThatWouldLoseMoreAtTheStopAndSaysSoBeforeTheStart() {
        Cli.Result plain = replay(TREND, "plain");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("btc-4h-trend                59 trades  net      +757.92 USDT (+75.79%)  max drawdown 27.73%");
        assertThat(plain.err()).doesNotContain("warning");

        Cli.Result tiny = replay(TREND, "tiny", "--max-risk", "0.0001");
        assertThat(tiny.code()).as(tiny.err()).isZero();
        assertThat(tiny.out()).contains("btc-4h-trend                 0 trades  net        +0.00 USDT (+0.00%)  max drawdown 0.00%");
        assertThat(tiny.err()).contains("warning: btc-4h-trend: its risk sizing (risk 0.02) at 3x with its stop 1 ATR away can lose up to 2.00%"
                + " of equity at its stop, above --max-risk 0.0001 (0.01%): the risk guard refuses those entries, so this session trades"
                + " differently from the backtest; start with --max-risk 0.02 to trade it as backtested");

        // Whole lots leave most entries a little under 2%: a limit of 1.99% refuses all but 5 of them.
        Cli.Result near = replay(TREND, "near", "--max-risk", "0.0199");
        assertThat(near.out()).contains("btc-4h-trend                 5 trades  net      +159.29 USDT (+15.93%)  max drawdown 5.44%");
        Cli.Result enough = replay(TREND, "enough", "--max-risk", "0.02");
        assertThat(enough.out()).contains("btc-4h-trend                59 trades  net      +757.92 USDT (+75.79%)  max drawdown 27.73%");
        assertThat(enough.err()).doesNotContain("warning");
    }

    @Test
    void aBotAboveMaxLeverageIsRefusedBeforeTheSessionStarts() {
        Cli.Result r = replay(TREND, "lev", "--max-leverage", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: btc-4h-trend trades at 3x, above the risk guard's --max-leverage of 1x, which would refuse every"
                + " entry it makes; start with --max-leverage 3 to trade it as backtested, or choose a bot with less leverage" + System.lineSeparator());
        assertThat(home.resolve("sessions/lev.db")).as("no empty session is left behind").doesNotExist();
        assertThat(replay(TREND, "lev3", "--max-leverage", "3").out())
                .contains("btc-4h-trend                59 trades  net      +757.92 USDT (+75.79%)  max drawdown 27.73%");
    }

    @Test
    void aFixedMarginBotIsWarnedWithItsWorstCaseAndTheSuggestedLimitLetsItTradeAsBacktested() throws Exception {
        // 0.5 of equity as margin at 3x = 1.5 x equity; a short stopped 5% away loses (1.05)(1.001)(1.0006) - 0.9994 = 5.228063%
        // of its value: 7.8420945% of equity.
        Path bot = home.resolve("margin.json");
        Files.writeString(bot, Files.readString(TREND).replace("\"name\" : \"btc-4h-trend\"", "\"name\" : \"margin-bot\"")
                .replace("\"method\" : \"risk\"", "\"method\" : \"fixed_margin\"").replace("\"parameter\" : 0.02", "\"parameter\" : 0.5")
                .replace("\"mode\" : \"atr\"", "\"mode\" : \"fraction\"").replace("\"takeProfit\" : 6.0", "\"takeProfit\" : 0.1")
                .replace("\"stopLoss\" : 1.0", "\"stopLoss\" : 0.05"));
        Cli.Result plain = replay(bot, "m-plain");
        Cli.Result guarded = replay(bot, "m-guarded", "--max-risk", "0.05");
        // The bound leaves out the tick: at 2016's prices near 450 USDT, a tick of 0.1 on the stop and on its fill adds up to
        // 0.07% of equity, so the suggested 7.85% refuses a few entries (45 trades against 49) and 8% none.
        Cli.Result raised = replay(bot, "m-raised", "--max-risk", "0.08");
        assertThat(plain.out()).contains("margin-bot                  49 trades  net    +1,343.33 USDT (+134.33%)  max drawdown 55.26%");
        assertThat(guarded.out()).contains("margin-bot                   0 trades  net        +0.00 USDT (+0.00%)  max drawdown 0.00%");
        assertThat(raised.out()).contains("margin-bot                  49 trades  net    +1,343.33 USDT (+134.33%)  max drawdown 55.26%");
        assertThat(replay(bot, "m-suggested", "--max-risk", "0.0785").out())
                .contains("margin-bot                  45 trades  net    +1,330.87 USDT (+133.09%)  max drawdown 55.27%");
        assertThat(raised.err()).doesNotContain("warning");
    }

    @Test
    void liveAndPaperOnTheLiveMarketRefuseABotAboveMaxLeverageBeforeAnythingIsUnlockedOrConnected() throws Exception {
        Path bot = home.resolve("fifty.json");
        Files.writeString(bot, Files.readString(TREND).replace("\"name\" : \"btc-4h-trend\"", "\"name\" : \"fifty\"")
                .replace("\"leverage\" : 3", "\"leverage\" : 50"));
        String refused = "error: fifty trades at 50x, above the risk guard's --max-leverage of 20x, which would refuse every entry it makes;"
                + " start with --max-leverage 50 to trade it as backtested, or choose a bot with less leverage" + System.lineSeparator();
        Cli.Result live = Cli.run(home, "live", "--bot", bot.toString(), "--symbol", "XBTUSDTM", "--timeframe", "4h", "--exchange-url",
                "http://127.0.0.1:9", "--i-understand-the-risks");
        assertThat(live.code()).isEqualTo(1);
        assertThat(live.err()).isEqualTo(refused);
        Cli.Result paper = Cli.run(home, "paper", "--bot", bot.toString(), "--symbol", "XBTUSDTM", "--timeframe", "4h", "--exchange-url",
                "http://127.0.0.1:9", "--no-tui");
        assertThat(paper.code()).isEqualTo(1);
        assertThat(paper.err()).isEqualTo(refused);
        assertThat(home.resolve("sessions")).as("no session journal was made").doesNotExist();
    }

    @Test
    void noLimitsWithTheGuardsLimitsIsRefused() {
        Cli.Result r = replay(TREND, "none", "--no-limits", "--max-risk", "0.01");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error: --no-limits turns the risk guard off, so --max-risk and --max-leverage would do nothing;"
                + " leave out one or the other");
    }
}
