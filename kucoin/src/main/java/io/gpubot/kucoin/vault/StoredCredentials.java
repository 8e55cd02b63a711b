package io.gpubot.kucoin.vault;

import io.gpubot.kucoin.ExchangeEnvironment;
import io.gpubot.kucoin.KucoinCredentials;
import java.util.Objects;

/** What the vault holds: the API credentials and the exchange they belong to. {@code toString()} masks the secrets. */
public record StoredCredentials(KucoinCredentials credentials, ExchangeEnvironment environment) implements AutoCloseable {

    public StoredCredentials {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(environment, "environment");
    }

    @Override
    public void close() {
        credentials.clear();
    }
}
