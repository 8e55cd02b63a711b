package io.gpubot.live;

import io.gpubot.core.UserException;

/** The session journal cannot be opened, read or written; the message names the file and what failed. */
public final class JournalException extends UserException {

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
