package io.tillstream.registry.store;

/**
 * A record that Kafka refused (then nothing changed), that this instance may no longer write (it was
 * fenced by a newer leader), or that was not acknowledged or read back in time (then it may still be
 * applied later, once Kafka or the reader catches up).
 */
public final class StoreWriteException extends RuntimeException {

    private final boolean timeout;
    private final boolean fenced;

    StoreWriteException(String message, boolean timeout, Throwable cause) {
        this(message, timeout, false, cause);
    }

    private StoreWriteException(String message, boolean timeout, boolean fenced, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
        this.fenced = fenced;
    }

    static StoreWriteException fenced(String topic) {
        return new StoreWriteException("another registry instance has become the writer of " + topic, false, true, null);
    }

    /** Whether the write ran out of time rather than being refused: its outcome is unknown until the log is read. */
    public boolean timeout() {
        return timeout;
    }

    /** Whether this instance is no longer the log's writer. */
    public boolean fenced() {
        return fenced;
    }
}
