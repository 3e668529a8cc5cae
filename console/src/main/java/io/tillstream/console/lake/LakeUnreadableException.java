package io.tillstream.console.lake;

/** The lake directory cannot be listed. */
public final class LakeUnreadableException extends RuntimeException {

    public LakeUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
