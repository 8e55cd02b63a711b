package io.gpubot.kucoin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@link HttpTransport} over {@link java.net.http.HttpClient}. */
public final class JdkHttpTransport implements HttpTransport {

    private final HttpClient client;

    public JdkHttpTransport() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build());
    }

    public JdkHttpTransport(HttpClient client) {
        this.client = client;
    }

    HttpClient client() {
        return client;
    }

    @Override
    public Response send(String method, URI uri, Map<String, String> headers, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null || body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, publisher);
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> responseHeaders = new HashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) responseHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0));
        });
        return new Response(response.statusCode(), Map.copyOf(responseHeaders), response.body());
    }
}
