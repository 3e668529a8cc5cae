package io.tillstream.registry.store;

/**
 * A record that Kafka refused (then nothing changed), or that was not acknowledged or read back in
 * time (then it may still be applied later, once Kafka or the reader catches up).
 */
public final class StoreWriteException extends RuntimeException {

    private final boolean timeout;

    StoreWriteException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** Whether the write ran out of time rather than being refused. */
    public boolean timeout() {
        return timeout;
    }
}
