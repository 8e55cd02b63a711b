package io.gpubot.kucoin;

import java.util.List;

/** A WebSocket session token from {@code /api/v1/bullet-public} or {@code bullet-private}. */
public record WsToken(String token, List<InstanceServer> instanceServers) {

    public WsToken {
        instanceServers = instanceServers == null ? List.of() : List.copyOf(instanceServers);
    }

    /** A server to connect to, with the keep-alive it expects (milliseconds). */
    public record InstanceServer(String endpoint, boolean encrypt, String protocol, long pingInterval, long pingTimeout) {
    }

    @Override
    public String toString() {
        return "WsToken[token=****, instanceServers=" + instanceServers + "]";
    }
}
