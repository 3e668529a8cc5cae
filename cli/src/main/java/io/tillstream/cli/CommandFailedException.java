package io.tillstream.cli;

/** A command failed for a reason the user can act on; the message is the one line they see. */
public final class CommandFailedException extends RuntimeException {

    private final int exitCode;

    public CommandFailedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandFailedException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
