package io.gpubot.core;

/**
 * An error the user caused and can fix: a malformed file, a bad option, a wrong password, an order
 * the exchange refused. Its message is one line that says what is wrong and what to do; the command
 * line prints it without a stack trace and exits with code 1.
 */
public class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
