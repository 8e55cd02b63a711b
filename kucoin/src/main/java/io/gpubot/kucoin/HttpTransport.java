package io.gpubot.kucoin;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one HTTP request. The production implementation is {@link JdkHttpTransport}; tests plug in
 * fakes to provoke timeouts and errors.
 */
@FunctionalInterface
public interface HttpTransport {

    /**
     * @throws java.net.http.HttpTimeoutException when no answer came within {@code timeout}
     *                                            ({@link java.net.http.HttpConnectTimeoutException}
     *                                            when the connection could not even be opened)
     * @throws IOException                        on any other network failure
     */
    Response send(String method, URI uri, Map<String, String> headers, String body, Duration timeout)
            throws IOException, InterruptedException;

    /** An HTTP answer; header names are lower case. */
    record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
