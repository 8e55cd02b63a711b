package io.gpubot.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** The one API key the sandbox accepts. They protect nothing of value, so they are printed and kept as strings. */
public record SandboxCredentials(String apiKey, String apiSecret, String apiPassphrase) {

    public SandboxCredentials {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiSecret, "apiSecret");
        Objects.requireNonNull(apiPassphrase, "apiPassphrase");
        if (apiKey.isEmpty() || apiSecret.isEmpty() || apiPassphrase.isEmpty()) {
            throw new IllegalArgumentException("API key, secret and passphrase must all be non-empty");
        }
    }

    /** Fresh random credentials for a sandbox run. */
    public static SandboxCredentials random() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String key = "sandbox-" + HexFormat.of().formatHex(bytes, 0, 6);
        String secret = HexFormat.of().formatHex(bytes, 6, 16);
        return new SandboxCredentials(key, secret, "sandbox");
    }
}
