package io.gpubot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.kucoin.KucoinRestClient;
import io.gpubot.kucoin.WsToken;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;

/** The WebSocket protocol message by message, with a plain client. */
class WebSocketProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Collects every message and the close code. */
    private static final class Client extends WebSocketClient {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);

        Client(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            try {
                messages.add(JSON.readTree(message));
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + message, e);
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closed.countDown();
        }

        @Override
        public void onError(Exception ex) {
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message from the sandbox").isNotNull();
            return message;
        }
    }

    @Test
    void welcomePingSubscribeUnsubscribeAndRefusals() throws Exception {
        try (Sandbox sandbox = Sandbox.builder(TestMarket.BTC_4H, TestMarket.XBT).from(TestMarket.BTC_4H.time(10)).start();
             KucoinRestClient rest = TestMarket.client(sandbox)) {
            WsToken token = rest.publicWsToken();
            String endpoint = token.instanceServers().get(0).endpoint();
            Client client = new Client(URI.create(endpoint + "?token=" + token.token() + "&connectId=abc"));
            assertThat(client.connectBlocking(10, TimeUnit.SECONDS)).isTrue();
            JsonNode welcome = client.next();
            assertThat(welcome.path("type").asText()).isEqualTo("welcome");
            assertThat(welcome.path("id").asText()).isEqualTo("abc");

            client.send("{\"id\":\"p1\",\"type\":\"ping\"}");
            JsonNode pong = client.next();
            assertThat(pong.path("type").asText()).isEqualTo("pong");
            assertThat(pong.path("id").asText()).isEqualTo("p1");

            client.send("{\"id\":\"s0\",\"type\":\"subscribe\",\"topic\":\"/contractMarket/tickerV2:NOPEUSDTM\",\"response\":true}");
            JsonNode refused = client.next();
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("id").asText()).isEqualTo("s0");

            client.send("{\"id\":\"s1\",\"type\":\"subscribe\",\"topic\":\"/contractMarket/tickerV2:XBTUSDTM\",\"response\":true}");
            assertThat(client.next().path("type").asText()).isEqualTo("ack");
            sandbox.advanceTo(sandbox.now() + 3_600_000L);
            JsonNode ticker = client.next();
            assertThat(ticker.path("type").asText()).isEqualTo("message");
            assertThat(ticker.path("subject").asText()).isEqualTo("tickerV2");
            assertThat(ticker.path("data").path("bestBidPrice").isTextual()).isTrue();
            assertThat(ticker.path("data").path("bestBidPrice").asDouble()).isEqualTo(TestMarket.BTC_4H.low(10));

            // A private topic over the public token: KuCoin's 403 "login is required".
            client.send("{\"id\":\"s2\",\"type\":\"subscribe\",\"topic\":\"/contract/positionAll\",\"privateChannel\":true,\"response\":true}");
            JsonNode login = client.next();
            assertThat(login.path("type").asText()).isEqualTo("error");
            assertThat(login.path("code").asInt()).isEqualTo(403);
            assertThat(login.path("data").asText()).isEqualTo("login is required");
            client.closeBlocking();
            // A token the sandbox never handed out does not connect.
            Client forged = new Client(URI.create(endpoint + "?token=private-forged&connectId=f"));
            forged.connectBlocking(10, TimeUnit.SECONDS);
            assertThat(forged.closed.await(10, TimeUnit.SECONDS)).isTrue();
            // Closed at once: at most KuCoin's 401 "token is invalid", never a welcome.
            assertThat(forged.messages).allSatisfy(m -> assertThat(m.path("code").asInt()).isEqualTo(401));

            WsToken privateToken = rest.privateWsToken();
            client = new Client(URI.create(endpoint + "?token=" + privateToken.token() + "&connectId=abd"));
            assertThat(client.connectBlocking(10, TimeUnit.SECONDS)).isTrue();
            assertThat(client.next().path("type").asText()).isEqualTo("welcome");
            client.send("{\"id\":\"s3\",\"type\":\"subscribe\",\"topic\":\"/contractMarket/tickerV2:XBTUSDTM\",\"response\":true}");
            assertThat(client.next().path("type").asText()).isEqualTo("ack");
            client.send("{\"id\":\"s2\",\"type\":\"subscribe\",\"topic\":\"/contract/positionAll\",\"privateChannel\":true,\"response\":true}");
            assertThat(client.next().path("type").asText()).isEqualTo("ack");
            rest.placeOrder(io.gpubot.kucoin.OrderRequest.market("XBTUSDTM", io.gpubot.kucoin.OrderRequest.Side.SELL, 2, 3));
            JsonNode position = client.next();
            while (!"position.change".equals(position.path("subject").asText())) position = client.next();
            assertThat(position.path("topic").asText()).isEqualTo("/contract/positionAll");
            assertThat(position.path("data").path("currentQty").asLong()).isEqualTo(-2);
            client.send("{\"id\":\"u2\",\"type\":\"unsubscribe\",\"topic\":\"/contract/positionAll\",\"response\":true}");
            JsonNode ack = client.next();
            while (!"ack".equals(ack.path("type").asText())) ack = client.next();

            client.send("{\"id\":\"u1\",\"type\":\"unsubscribe\",\"topic\":\"/contractMarket/tickerV2:XBTUSDTM\",\"response\":true}");
            assertThat(client.next().path("type").asText()).isEqualTo("ack");
            sandbox.step(1);
            client.send("{\"id\":\"p2\",\"type\":\"ping\"}");
            // Pushes of the step would have been queued before the pong: there were none.
            assertThat(client.next().path("type").asText()).isEqualTo("pong");
            client.closeBlocking();

            Client anonymous = new Client(URI.create(endpoint));
            anonymous.connectBlocking(10, TimeUnit.SECONDS);
            assertThat(anonymous.closed.await(10, TimeUnit.SECONDS)).as("no token, no session").isTrue();
        }
    }
}
