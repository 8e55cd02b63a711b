package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs sandbox/ccxt/smoke.mjs (ccxt's kucoinfutures client) against an in-process sandbox. It needs
 * node and ccxt installed with {@code npm install --prefix DIR ccxt}; set {@code CCXT_PREFIX=DIR} to
 * run it, otherwise it is skipped (the build has no network access to npm).
 */
class CcxtScriptTest {

    @Test
    void ccxtKucoinfuturesTradesAgainstTheSandbox() throws Exception {
        String prefix = System.getenv("CCXT_PREFIX");
        assumeTrue(prefix != null && Files.isDirectory(Path.of(prefix, "node_modules", "ccxt")), "CCXT_PREFIX with ccxt installed");
        SandboxCredentials credentials = new SandboxCredentials("ccxt-key", "ccxt-secret", "ccxt-pass");
        try (Sandbox sandbox = Sandbox.builder(TestMarket.BTC_4H, TestMarket.XBT).from(TestMarket.BTC_4H.time(100))
                .credentials(credentials).start()) {
            Process node = new ProcessBuilder("node", Path.of("ccxt", "smoke.mjs").toString(), sandbox.baseUrl().toString(),
                    credentials.apiKey(), credentials.apiSecret(), credentials.apiPassphrase())
                    .redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as(output).isZero();
            assertThat(output).contains("all ccxt steps passed");
            assertThat(sandbox.exchange().position()).isEmpty();
            assertThat(sandbox.exchange().fills()).hasSize(2);
        }
    }
}
