package io.tillstream.console;

/** The Control Center could not start: its users file is unreadable or its port is taken. The message says which. */
public final class ConsoleStartException extends RuntimeException {

    public ConsoleStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
