package io.gpubot.kucoin;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs KuCoin API requests (key version 2): {@code KC-API-SIGN} is
 * base64(HMAC-SHA256(secret, timestamp + METHOD + path[?rawQuery] + body)) and
 * {@code KC-API-PASSPHRASE} is base64(HMAC-SHA256(secret, passphrase)).
 */
public final class RequestSigner {

    private final String apiKey;
    private final SecretKeySpec signingKey;
    private final String signedPassphrase;

    public RequestSigner(KucoinCredentials credentials) {
        char[] key = credentials.apiKey();
        char[] secret = credentials.apiSecret();
        char[] passphrase = credentials.apiPassphrase();
        byte[] secretBytes = utf8(secret);
        byte[] passphraseBytes = utf8(passphrase);
        try {
            this.apiKey = new String(key);
            this.signingKey = new SecretKeySpec(secretBytes, "HmacSHA256");
            this.signedPassphrase = hmacBase64(signingKey, passphraseBytes);
        } finally {
            Arrays.fill(key, '\0');
            Arrays.fill(secret, '\0');
            Arrays.fill(passphrase, '\0');
            Arrays.fill(secretBytes, (byte) 0);
            Arrays.fill(passphraseBytes, (byte) 0);
        }
    }

    /** base64(HMAC-SHA256(secret, text)). */
    public String sign(String text) {
        return hmacBase64(signingKey, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text KuCoin signs: timestamp + METHOD + path with raw query + body. */
    public static String prehash(long timestampMillis, String method, String pathWithQuery, String body) {
        return timestampMillis + method.toUpperCase(java.util.Locale.ROOT) + pathWithQuery + (body == null ? "" : body);
    }

    /** The authentication headers for one request, in the order KuCoin documents them. */
    public Map<String, String> headers(long timestampMillis, String method, String pathWithQuery, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("KC-API-KEY", apiKey);
        headers.put("KC-API-SIGN", sign(prehash(timestampMillis, method, pathWithQuery, body)));
        headers.put("KC-API-TIMESTAMP", Long.toString(timestampMillis));
        headers.put("KC-API-PASSPHRASE", signedPassphrase);
        headers.put("KC-API-KEY-VERSION", "2");
        return headers;
    }

    @Override
    public String toString() {
        return "RequestSigner[apiKey=" + KucoinCredentials.mask(apiKey.toCharArray()) + "]";
    }

    private static String hmacBase64(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    static byte[] utf8(char[] chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }
}
