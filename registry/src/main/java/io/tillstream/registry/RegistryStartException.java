package io.tillstream.registry;

/** The registry could not start: its port is taken, Kafka is out of reach, or the {@code _schemas} topic is unusable. */
public final class RegistryStartException extends RuntimeException {

    RegistryStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
