package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Third-party KuCoin clients against an in-process sandbox on 127.0.0.1, each with its default options:
 * ccxt's kucoinfutures and KuCoin's own kucoin-universal-sdk (sandbox/clients/*.mjs, versions pinned in
 * sandbox/clients/package.json). Skipped unless node is on the PATH and {@code npm ci} has been run in
 * sandbox/clients (the build itself never needs npm).
 */
class SandboxClientsTest {

    private static final Path CLIENTS = Path.of("clients");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ccxt-kucoinfutures.mjs, ccxt, all ccxt steps passed",
        "kucoin-universal-sdk.mjs, kucoin-universal-sdk, all kucoin-universal-sdk steps passed",
    })
    void aThirdPartyClientTradesAgainstTheSandboxWithItsDefaultOptions(String script, String npmPackage, String success) throws Exception {
        assumeTrue(Files.isDirectory(CLIENTS.resolve("node_modules").resolve(npmPackage)),
                "npm package " + npmPackage + " is not installed; run `npm ci` in sandbox/clients to run this test");
        assumeTrue(nodeRuns(), "node is not on the PATH");
        SandboxCredentials credentials = new SandboxCredentials("client-key", "client-secret", "client-pass");
        // Third-party clients send what KuCoin accepts but its spec does not list (ccxt's extra fields), so no strict spec.
        try (Sandbox sandbox = Sandbox.builder(TestMarket.BTC_4H, TestMarket.XBT).from(TestMarket.BTC_4H.time(100))
                .credentials(credentials).strictSpec(false).start()) {
            Process node = new ProcessBuilder("node", CLIENTS.resolve(script).toString(), sandbox.baseUrl().toString(),
                    credentials.apiKey(), credentials.apiSecret(), credentials.apiPassphrase())
                    .redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as(output).isZero();
            assertThat(output).contains(success);
            assertThat(sandbox.exchange().position()).isEmpty();
            assertThat(sandbox.exchange().fills()).hasSize(2);
        }
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
