package io.gpubot.kucoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gpubot.kucoin.ws.KucoinWebSocketFeed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Runs the paths that log (retries, lost orders, WebSocket sessions, failures) and scans every line for secrets. */
class NoSecretInLogsTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
    }

    @Test
    void noLogLineCarriesASecretOrToken() throws Exception {
        try (FakeKucoinExchange exchange = new FakeKucoinExchange();
             KucoinRestClient client = KucoinRestClient.builder(exchange.baseUrl()).credentials(FakeKucoinExchange.credentials())
                     .requestTimeout(Duration.ofMillis(300)).backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build()) {
            exchange.serverErrors = 1;
            client.positions();
            exchange.rateLimitedResponses = 1;
            client.accountOverview("USDT");
            exchange.hangOnOrder = true;
            client.placeOrder(OrderRequest.market("XBTUSDTM", OrderRequest.Side.BUY, 1, 2));
            exchange.hangOnOrder = false;
            String privateToken;
            try (KucoinWebSocketFeed feed = KucoinWebSocketFeed.builder(client::privateWsToken).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()) {
                var ack = feed.subscribeWallet(w -> { });
                feed.start();
                ack.get(10, TimeUnit.SECONDS);
                privateToken = "private-" + exchange.ws.tokens.get();
                exchange.ws.dropAll();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (feed.sessionCount() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
            }
            KucoinRestClient wrong = KucoinRestClient.builder(exchange.baseUrl())
                    .credentials(new KucoinCredentials(FakeKucoinExchange.KEY.toCharArray(), "wrong-secret-123".toCharArray(), FakeKucoinExchange.PASSPHRASE.toCharArray()))
                    .build();
            assertThatThrownBy(wrong::positions).isInstanceOf(KucoinApiException.class);

            List<String> lines = appender.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
            assertThat(lines).as("the scenario logged something to scan").hasSizeGreaterThan(3);
            for (String line : lines) {
                assertThat(line).doesNotContain(FakeKucoinExchange.SECRET).doesNotContain(FakeKucoinExchange.PASSPHRASE)
                        .doesNotContain("wrong-secret-123").doesNotContain("token=").doesNotContain(privateToken);
            }
        }
    }
}
