package io.tillstream.retail.deadletters;

/** A dead-letter topic cannot be read or redriven as asked; the message says what and where, for the user. */
public final class DeadLetterException extends RuntimeException {

    /** What went wrong, so each edge (HTTP status, exit code) can say it its own way. */
    public enum Kind { NO_SUCH_TOPIC, TIMEOUT, CONCURRENT_REDRIVE }

    private final Kind kind;

    public DeadLetterException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
