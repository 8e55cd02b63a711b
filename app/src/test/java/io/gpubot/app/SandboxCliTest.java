package io.gpubot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCliTest {

    @TempDir
    Path home;

    @Test
    void servesTheBundledCandlesAndPrintsUrlAndCredentialsOnOneLine() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread command = new Thread(() -> code.set(Main.run(new PrintWriter(out), new PrintWriter(err),
                "--home", home.toString(), "sandbox", "--data", "bundled:btc-usd-4h", "--from", "2024-01-01", "--to", "2024-02-01",
                "--speed", "0", "--api-key", "k1", "--api-secret", "s1", "--api-passphrase", "p1",
                "--state", home.resolve("state.json").toString(), "--kline-limit", "200", "--position-mode", "hedge",
                "--account-mode", "unified", "--fill-delay", "50", "--funding-history-limit", "20", "--strict-spec",
                "--attached-stops", "unlisted")));
        command.start();
        Pattern line = Pattern.compile("sandbox XBTUSDTM 4h .* at (http://127\\.0\\.0\\.1:\\d+) api-key=k1 api-secret=s1 api-passphrase=p1");
        Matcher m = line.matcher("");
        for (int i = 0; i < 300 && !m.reset(out.toString()).find(); i++) {
            assertThat(command.isAlive()).as("the command still runs; stderr: %s", err).isTrue();
            Thread.sleep(100);
        }
        assertThat(m.find(0)).as("printed: %s", out).isTrue();
        HttpResponse<String> ticker = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(m.group(1) + "/api/v1/ticker?symbol=XBTUSDTM")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ticker.body()).contains("\"code\":\"200000\"").contains("\"ts\":1704067200000000000");
        HttpResponse<String> klines = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(m.group(1) + "/api/v1/kline/query?symbol=XBTUSDTM&granularity=240")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        // --kline-limit 200: the newest 200 rows of the history before 2024-01-01.
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(klines.body()).path("data")).hasSize(200);
        command.interrupt();
        command.join(10_000);
        assertThat(command.isAlive()).isFalse();
        assertThat(code.get()).isZero();
        assertThat(home.resolve("state.json")).as("saved on stop").exists();
    }

    @Test
    void halfTheCredentialsIsAUserMistake() {
        Cli.Result r = Cli.run(home, "sandbox", "--data", "bundled:btc-usd-4h", "--speed", "0", "--api-key", "k1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--api-key, --api-secret and --api-passphrase");
        Cli.Result faults = Cli.run(home, "sandbox", "--data", "bundled:btc-usd-4h", "--speed", "0", "--faults", "errors=5");
        assertThat(faults.code()).isEqualTo(1);
        assertThat(faults.err()).contains("--faults");
        Cli.Result mode = Cli.run(home, "sandbox", "--data", "bundled:btc-usd-4h", "--speed", "0", "--position-mode", "sideways");
        assertThat(mode.code()).isEqualTo(1);
        assertThat(mode.err()).contains("--position-mode must be one-way or hedge");
        Cli.Result stops = Cli.run(home, "sandbox", "--data", "bundled:btc-usd-4h", "--speed", "0", "--attached-stops", "sometimes");
        assertThat(stops.code()).isEqualTo(1);
        assertThat(stops.err()).contains("--attached-stops must be listed or unlisted, got 'sometimes'");
        Cli.Result limit = Cli.run(home, "sandbox", "--data", "bundled:btc-usd-4h", "--speed", "0", "--kline-limit", "0");
        assertThat(limit.code()).isEqualTo(1);
        assertThat(limit.err()).contains("kline limit must be at least 1");
    }
}
