package io.gpubot.sandbox;

import io.gpubot.core.market.CandleSeries;
import io.gpubot.core.market.Contract;
import io.gpubot.core.market.Contracts;
import io.gpubot.core.market.Timeframe;
import io.gpubot.data.CandleFiles;
import io.gpubot.kucoin.KucoinCredentials;
import io.gpubot.kucoin.KucoinRestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/** Real candles (600 BTC-USD 4-hour bars from 2024-01-01, ta4j data) and clients wired to a sandbox. */
final class TestMarket {

    static final Contract XBT = Contracts.get("XBTUSDTM");
    static final CandleSeries BTC_4H = load();

    private TestMarket() {
    }

    private static CandleSeries load() {
        try (InputStream in = new GZIPInputStream(TestMarket.class.getResourceAsStream("btc-usd-4h-2024.json.gz"))) {
            return CandleFiles.read(in, "btc-usd-4h-2024.json.gz", Timeframe.H4).series();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KucoinCredentials credentials(SandboxCredentials c) {
        return new KucoinCredentials(c.apiKey().toCharArray(), c.apiSecret().toCharArray(), c.apiPassphrase().toCharArray());
    }

    /** A client of the sandbox that gives up quickly, so a test fails fast rather than backing off for seconds. */
    static KucoinRestClient client(Sandbox sandbox) {
        return KucoinRestClient.builder(sandbox.baseUrl()).credentials(credentials(sandbox.credentials()))
                .requestTimeout(Duration.ofSeconds(5)).maxAttempts(1).build();
    }
}
