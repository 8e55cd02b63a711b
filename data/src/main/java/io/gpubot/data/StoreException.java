package io.gpubot.data;

import io.gpubot.core.UserException;

/**
 * The candle store cannot be opened, read or written (a locked, corrupt or unwritable file). The
 * message names the file and what failed.
 */
public final class StoreException extends UserException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
