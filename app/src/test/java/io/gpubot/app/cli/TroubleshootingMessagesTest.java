package io.gpubot.app.cli;

import io.gpubot.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's troubleshooting cases as the errors gpubot gives: each names what is wrong and what to do. */
class TroubleshootingMessagesTest {

    @TempDir
    Path home;

    String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void rejectedCredentialsSayWhichPartOrPermissionIsWrong() {
        assertThat(RealTimeMarket.credentialAdvice("400003")).contains("does not know this API key").contains("gpubot credentials set");
        assertThat(RealTimeMarket.credentialAdvice("400004")).contains("passphrase is wrong");
        assertThat(RealTimeMarket.credentialAdvice("400005")).contains("secret does not match");
        assertThat(RealTimeMarket.credentialAdvice("400006")).contains("IP address is not in the key's IP whitelist");
        assertThat(RealTimeMarket.credentialAdvice("400007")).contains("General and Futures Trading permissions").contains("never Withdrawal");
        assertThat(RealTimeMarket.credentialAdvice("300003")).isNull();
    }

    @Test
    void aKucoinRefusalBehindTheExchangePortKeepsItsAdvice() {
        io.gpubot.kucoin.KucoinRestClient client = io.gpubot.kucoin.KucoinRestClient.builder(java.net.URI.create("http://127.0.0.1:9")).build();
        io.gpubot.kucoin.KucoinApiException unknownKey = new io.gpubot.kucoin.KucoinApiException("400003", "KC-API-KEY not exists", 401,
                "GET /api/v2/position/getPositionMode");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RealTimeMarket().exchange(client, "check the account", () -> {
                    throw new io.gpubot.live.exec.ExchangeException(io.gpubot.live.exec.ExchangeException.Kind.REJECTED, "400003",
                            unknownKey.getMessage(), unknownKey);
                }))
                .isInstanceOf(io.gpubot.core.UserException.class)
                .hasMessage("KuCoin at http://127.0.0.1:9 refused to check the account: " + unknownKey.getMessage() + "; "
                        + RealTimeMarket.credentialAdvice("400003"));
    }

    @Test
    void anUnsupportedTimeframeIsOneLineListingTheSupportedOnes() {
        String[] r = run("paper", "--bot", "x.json", "--symbol", "XBTUSDTM", "--timeframe", "3m");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).isEqualTo("error: Invalid value for option '--timeframe': unsupported timeframe '3m'; KuCoin Futures supports"
                + " 1m 5m 15m 30m 1h 2h 4h 8h 12h 1d 1w" + System.lineSeparator() + "See: gpubot paper --help" + System.lineSeparator());
    }

    @Test
    void anUnreachableExchangeNamesTheUrlAndWhatFailed() {
        String[] r = run("paper", "--bot", "../examples/bots/btc-4h-trend.json", "--symbol", "XBTUSDTM", "--timeframe", "4h",
                "--exchange-url", "http://127.0.0.1:9", "--no-tui");
        assertThat(r[0]).as(r[2]).isEqualTo("1");
        assertThat(r[2]).startsWith("error: cannot reach KuCoin at http://127.0.0.1:9 to read the ticker of XBTUSDTM: ")
                .contains("check the address, your connection, or whether the exchange is up");
    }

    @Test
    void aFetchFromAnUnreachableExchangeNamesTheUrlWhatFailedAndWhatToCheck() {
        String[] r = run("data", "fetch", "--symbol", "XBTUSDTM", "--timeframe", "4h", "--days", "3", "--exchange-url", "http://127.0.0.1:9");
        assertThat(r[0]).as(r[2]).isEqualTo("1");
        assertThat(r[2]).matches("(?s)error: cannot reach KuCoin at http://127\\.0\\.0\\.1:9 to fetch XBTUSDTM 4h: cannot connect to"
                + " http://127\\.0\\.0\\.1:9 \\([\\w ]+, \\d+ attempts\\) \\(check the address, your connection, or whether the exchange is up;"
                + " what was fetched is stored\\)\\R");
    }

    @Test
    void liveTradingWithoutStoredCredentialsSaysHowToStoreThem() {
        String[] r = run("live", "--bot", "../examples/bots/btc-4h-trend.json", "--symbol", "XBTUSDTM", "--timeframe", "4h",
                "--i-understand-the-risks");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("no API credentials are stored in").contains("run gpubot credentials set");
    }

    @Test
    void liveTradingRefusesWithoutTheTypedConfirmation() {
        java.io.InputStream in = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("i understand\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            String[] r = run("live", "--bot", "../examples/bots/btc-4h-trend.json", "--symbol", "XBTUSDTM", "--timeframe", "4h");
            assertThat(r[0]).isEqualTo("1");
            assertThat(r[1]).contains("LIVE TRADING sends real orders with real money");
            assertThat(r[2]).contains("not confirmed; nothing was sent to the exchange");
        } finally {
            System.setIn(in);
        }
    }
}
