package io.tillstream.console.messages;

/** Every browse slot is taken: one more browse is refused rather than queued. */
public final class TooManyBrowsesException extends RuntimeException {

    public TooManyBrowsesException(String message) {
        super(message);
    }
}
