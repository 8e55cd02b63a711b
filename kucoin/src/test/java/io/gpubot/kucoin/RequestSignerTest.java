package io.gpubot.kucoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    private final RequestSigner signer = new RequestSigner(new KucoinCredentials(
            "test_api_key".toCharArray(), "test_api_secret".toCharArray(), "test_passphrase".toCharArray()));

    @Test
    void signsTheOfficialSdkVector() {
        assertThat(signer.sign("test_plain")).isEqualTo("jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4=");
    }

    @Test
    void signsAGetWithItsRawQuery() {
        Map<String, String> headers = signer.headers(1234567890000L, "GET", "/api/v1/position?symbol=XBTUSDTM", "");
        assertThat(headers).containsEntry("KC-API-SIGN", "DuB20zCDYGO7CPcdb5ZPgnbzsyq4qKYubQxNNP6BipM=")
                .containsEntry("KC-API-TIMESTAMP", "1234567890000")
                .containsEntry("KC-API-KEY", "test_api_key")
                .containsEntry("KC-API-KEY-VERSION", "2")
                .containsEntry("KC-API-PASSPHRASE", "Ikr9KjwgA4urCb5Az1TNKgQELW10z84iOq+wsZsRRz0=");
    }

    @Test
    void signsAPostWithItsExactBody() {
        String body = "{\"clientOid\":\"5c52e11203aa677f33e493fb\",\"side\":\"buy\",\"symbol\":\"XBTUSDTM\",\"leverage\":3,"
                + "\"type\":\"limit\",\"price\":\"0.1\",\"size\":1,\"timeInForce\":\"GTC\"}";
        assertThat(signer.headers(1234567890000L, "post", "/api/v1/orders", body))
                .containsEntry("KC-API-SIGN", "SUhO3SdXQ0RdPji5Vp/aK4cm4963UIN8247Y3jIoots=");
    }

    @Test
    void neverShowsTheSecretInToString() {
        assertThat(signer.toString()).doesNotContain("test_api_secret").doesNotContain("test_api_key");
    }
}
