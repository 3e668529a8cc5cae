package io.tillstream.console.messages;

/** Every scan slot is taken: one more search or export is refused rather than queued. */
public final class TooManyScansException extends RuntimeException {

    public TooManyScansException(String message) {
        super(message);
    }
}
