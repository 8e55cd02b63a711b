package io.gpubot.kucoin;

import java.util.Arrays;
import java.util.Objects;

/**
 * A KuCoin API key with its secret and passphrase. The parts are held as {@code char[]} so that
 * they can be wiped with {@link #clear()} once no longer needed; {@link #toString()} never shows
 * the secret or passphrase and only the first and last characters of the key.
 */
public final class KucoinCredentials implements AutoCloseable {

    private final char[] apiKey;
    private final char[] apiSecret;
    private final char[] apiPassphrase;

    /** Copies the given arrays; the caller may (and should) clear its own copies afterwards. */
    public KucoinCredentials(char[] apiKey, char[] apiSecret, char[] apiPassphrase) {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiSecret, "apiSecret");
        Objects.requireNonNull(apiPassphrase, "apiPassphrase");
        if (apiKey.length == 0 || apiSecret.length == 0 || apiPassphrase.length == 0) {
            throw new IllegalArgumentException("API key, secret and passphrase must all be non-empty");
        }
        this.apiKey = apiKey.clone();
        this.apiSecret = apiSecret.clone();
        this.apiPassphrase = apiPassphrase.clone();
    }

    /** A copy of the API key (it is an identifier, not a secret, but is still cleared on close). */
    public char[] apiKey() {
        return apiKey.clone();
    }

    /** A copy of the secret; clear it after use. */
    public char[] apiSecret() {
        return apiSecret.clone();
    }

    /** A copy of the passphrase; clear it after use. */
    public char[] apiPassphrase() {
        return apiPassphrase.clone();
    }

    /** The key with all but its first and last four characters hidden, for status displays. */
    public String maskedKey() {
        return mask(apiKey);
    }

    static String mask(char[] key) {
        if (key.length <= 8) return "*".repeat(key.length);
        return new String(key, 0, 4) + "*".repeat(key.length - 8) + new String(key, key.length - 4, 4);
    }

    /** Overwrites the held secrets with zeros. */
    public void clear() {
        Arrays.fill(apiKey, '\0');
        Arrays.fill(apiSecret, '\0');
        Arrays.fill(apiPassphrase, '\0');
    }

    @Override
    public void close() {
        clear();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KucoinCredentials other
                && Arrays.equals(apiKey, other.apiKey)
                && Arrays.equals(apiSecret, other.apiSecret)
                && Arrays.equals(apiPassphrase, other.apiPassphrase);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(apiKey);
    }

    @Override
    public String toString() {
        return "KucoinCredentials[apiKey=" + maskedKey() + ", apiSecret=****, apiPassphrase=****]";
    }
}
