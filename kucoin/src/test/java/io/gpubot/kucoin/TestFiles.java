package io.gpubot.kucoin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

final class TestFiles {
    private TestFiles() {
    }

    static String resource(String path) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/kucoin/" + path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String openapi(String name) {
        return resource("openapi/" + name + ".json");
    }
}
