package io.tillstream.sink;

/** The sink cannot start or go on: a missing topic, a lake it cannot write, ... The message is one line for the user. */
public class SinkException extends RuntimeException {

    public SinkException(String message) {
        super(message);
    }

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
