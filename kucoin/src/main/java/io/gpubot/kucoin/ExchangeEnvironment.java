package io.gpubot.kucoin;

import java.net.URI;
import java.util.Objects;

/**
 * Which exchange the credentials belong to: KuCoin live, or a sandbox at some URL.
 *
 * @param name    {@code live} or {@code sandbox}
 * @param baseUrl the REST base URL
 */
public record ExchangeEnvironment(String name, URI baseUrl) {

    public static final ExchangeEnvironment LIVE = new ExchangeEnvironment("live", KucoinRestClient.LIVE_URL);

    public ExchangeEnvironment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!name.equals("live") && !name.equals("sandbox")) throw new IllegalArgumentException("environment must be live or sandbox, got " + name);
        String scheme = baseUrl.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) throw new IllegalArgumentException("exchange URL must be http(s): " + baseUrl);
    }

    public static ExchangeEnvironment sandbox(URI baseUrl) {
        return new ExchangeEnvironment("sandbox", baseUrl);
    }

    public boolean isLive() {
        return name.equals("live");
    }
}
