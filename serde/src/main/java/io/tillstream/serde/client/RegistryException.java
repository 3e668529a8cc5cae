package io.tillstream.serde.client;

/** Any failure talking to a schema registry, so that a caller can handle them all in one place. */
public abstract class RegistryException extends RuntimeException {

    protected RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
