package io.gpubot.data;

import io.gpubot.core.UserException;

/** A bot file that cannot be used: the message names the file and what is wrong with it. */
public final class BotFileException extends UserException {

    public BotFileException(String source, String problem) {
        super(source + ": " + problem);
    }

    public BotFileException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
