package io.tillstream.sink;

/** Kafka or the Schema Registry does not answer. */
public class SinkUnreachableException extends SinkException {

    public SinkUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
