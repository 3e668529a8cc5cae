package io.tillstream.console.messages;

/** Every slot of a {@link ScanSlots} is taken: one more whole-topic read is refused. */
public final class TooManyScansException extends RuntimeException {

    public TooManyScansException(String message) {
        super(message);
    }
}
