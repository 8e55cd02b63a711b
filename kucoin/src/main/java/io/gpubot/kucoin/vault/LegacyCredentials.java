package io.gpubot.kucoin.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpubot.kucoin.ExchangeEnvironment;
import io.gpubot.kucoin.KucoinCredentials;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads the JSON the original Python system encrypted: api_key / api_secret / api_passphrase in various spellings. */
final class LegacyCredentials {

    private static final List<String> KEY_NAMES = List.of("api_key", "apiKey", "apikey", "key", "kc_api_key", "KC-API-KEY");
    private static final List<String> SECRET_NAMES = List.of("api_secret", "apiSecret", "apisecret", "secret", "secret_key", "secretKey", "kc_api_secret", "KC-API-SECRET");
    private static final List<String> PASSPHRASE_NAMES = List.of("api_passphrase", "apiPassphrase", "passphrase", "api_password", "password", "kc_api_passphrase", "KC-API-PASSPHRASE");

    private LegacyCredentials() {
    }

    static StoredCredentials parse(byte[] json, ExchangeEnvironment environmentIfUnstated) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new VaultException(VaultException.Reason.CORRUPT, "the legacy credentials decrypted, but are not JSON");
        }
        if (root == null || !root.isObject()) throw new VaultException(VaultException.Reason.CORRUPT, "the legacy credentials decrypted, but are not a JSON object");
        char[] key = field(root, KEY_NAMES, "API key");
        char[] secret = field(root, SECRET_NAMES, "API secret");
        char[] passphrase = field(root, PASSPHRASE_NAMES, "API passphrase");
        try {
            return new StoredCredentials(new KucoinCredentials(key, secret, passphrase), environment(root, environmentIfUnstated));
        } finally {
            Arrays.fill(key, '\0');
            Arrays.fill(secret, '\0');
            Arrays.fill(passphrase, '\0');
        }
    }

    private static char[] field(JsonNode root, List<String> names, String what) {
        for (String name : names) {
            JsonNode node = root.get(name);
            if (node != null && node.isTextual() && !node.asText().isEmpty()) return node.asText().toCharArray();
        }
        throw new VaultException(VaultException.Reason.CORRUPT, "the legacy credentials have no " + what + " (looked for " + names + ")");
    }

    private static ExchangeEnvironment environment(JsonNode root, ExchangeEnvironment fallback) {
        for (String name : List.of("base_url", "baseUrl", "url", "api_url")) {
            JsonNode url = root.get(name);
            if (url != null && url.isTextual() && url.asText().startsWith("http")) {
                URI uri = URI.create(url.asText());
                return uri.getHost() != null && uri.getHost().equals(ExchangeEnvironment.LIVE.baseUrl().getHost())
                        ? ExchangeEnvironment.LIVE : ExchangeEnvironment.sandbox(uri);
            }
        }
        JsonNode sandbox = root.has("sandbox") ? root.get("sandbox") : root.get("is_sandbox");
        if (sandbox != null && sandbox.asBoolean(false)) {
            if (fallback.isLive()) {
                throw new VaultException(VaultException.Reason.CORRUPT,
                        "the legacy credentials are for a sandbox but name no URL; import them with the sandbox URL");
            }
            return fallback;
        }
        JsonNode env = root.has("environment") ? root.get("environment") : root.get("env");
        if (env != null && env.asText("").toLowerCase(Locale.ROOT).contains("live")) return ExchangeEnvironment.LIVE;
        return fallback;
    }
}
