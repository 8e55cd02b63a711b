package io.gpubot.sandbox;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gpubot.core.UserException;
import io.gpubot.data.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --state FILE}: the account, position, orders and fills as JSON, written atomically. */
final class StateFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private StateFile() {
    }

    static void save(Exchange exchange, Path file) {
        Exchange.SavedState state = exchange.snapshot();
        try {
            AtomicFile.writeText(file, writer -> JSON.writeValue(writer, state));
        } catch (IOException e) {
            throw new UserException("cannot write the sandbox state to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Restores the file into the exchange when it exists; returns whether it did. */
    static boolean load(Exchange exchange, Path file) {
        if (!Files.exists(file)) return false;
        Exchange.SavedState state;
        try {
            state = JSON.readValue(file.toFile(), Exchange.SavedState.class);
        } catch (IOException e) {
            throw new UserException(file + " is not a sandbox state file: " + e.getMessage(), e);
        }
        try {
            exchange.restore(state);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + ": " + e.getMessage(), e);
        }
        return true;
    }
}
