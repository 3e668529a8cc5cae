package io.tillstream.console;

/** What the user asked for cannot be done as given (a value that does not fit its schema, a reset with nothing to reset). */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
