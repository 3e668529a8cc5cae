package io.tillstream.registry.store;

/**
 * A record that Kafka refused (then nothing changed), that this instance may no longer write (it was
 * fenced by a newer leader), or that was not acknowledged or read back in time (then it may still be
 * applied later, once Kafka or the reader catches up).
 */
public final class StoreWriteException extends RuntimeException {

    private final boolean timeout;
    private final boolean fenced;
    private final boolean refused;

    StoreWriteException(String message, boolean timeout, Throwable cause) {
        this(message, timeout, false, false, cause);
    }

    private StoreWriteException(String message, boolean timeout, boolean fenced, boolean refused, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
        this.fenced = fenced;
        this.refused = refused;
    }

    static StoreWriteException fenced(String topic) {
        return new StoreWriteException("another registry instance has become the writer of " + topic, false, true, false, null);
    }

    /** Kafka answered the write with an error that trying again cannot change (a record too large, no permission). */
    static StoreWriteException refused(String message, Throwable cause) {
        return new StoreWriteException(message, false, false, true, cause);
    }

    /** Whether the write ran out of time rather than being refused: its outcome is unknown until the log is read. */
    public boolean timeout() {
        return timeout;
    }

    /** Whether this instance is no longer the log's writer. */
    public boolean fenced() {
        return fenced;
    }

    /** Whether Kafka refused the write for good: nothing was written, and writing it again would fail the same way. */
    public boolean refused() {
        return refused;
    }
}
