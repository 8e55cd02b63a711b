package io.gpubot.kucoin;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records requests and answers them through a script, for unit tests of the client. */
final class FakeTransport implements HttpTransport {

    record Sent(String method, URI uri, Map<String, String> headers, String body) {
        String pathWithQuery() {
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
    }

    @FunctionalInterface
    interface Script {
        Response answer(Sent request, int index) throws IOException;
    }

    final List<Sent> sent = new ArrayList<>();
    private final Script script;

    FakeTransport(Script script) {
        this.script = script;
    }

    static Response ok(String body) {
        return new Response(200, Map.of(), body);
    }

    static Response ok(String body, Map<String, String> headers) {
        return new Response(200, headers, body);
    }

    @Override
    public synchronized Response send(String method, URI uri, Map<String, String> headers, String body, Duration timeout) throws IOException {
        Sent s = new Sent(method, uri, Map.copyOf(headers), body);
        sent.add(s);
        return script.answer(s, sent.size() - 1);
    }

    synchronized long count(String method, String pathPrefix) {
        return sent.stream().filter(s -> s.method().equals(method) && s.uri().getPath().startsWith(pathPrefix)).count();
    }
}
