package io.gpubot.kucoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every endpoint we call is charged the pool and weight KuCoin's OpenAPI spec gives it. */
class EndpointWeightsTest {

    @Test
    void weightsAndPoolsMatchTheSpec() {
        Map<String, String[]> spec = new HashMap<>();
        TestFiles.resource("openapi/rate-limits.csv").lines().skip(1).forEach(line -> {
            String[] f = line.split(",");
            spec.put(f[0] + " " + f[1], new String[] {f[2], f[3]});
        });
        for (KucoinRestClient.Endpoint endpoint : KucoinRestClient.Endpoint.values()) {
            String[] expected = spec.get(endpoint.method + " " + endpoint.pathTemplate);
            assertThat(expected).as(endpoint + " is in the spec").isNotNull();
            assertThat(endpoint.pool.name()).as(endpoint + " pool").isEqualTo(expected[0].toUpperCase(Locale.ROOT));
            assertThat(endpoint.weight).as(endpoint + " weight").isEqualTo(Integer.parseInt(expected[1]));
        }
    }
}
