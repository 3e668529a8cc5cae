package io.tillstream.console.http;

/**
 * A request that cannot be answered as asked. {@link WebServer} turns it into
 * {@code {"error": {"code": ..., "message": ...}}} with the code's status; the message is shown to
 * the user as it is, so it says what to do.
 */
public final class ConsoleException extends RuntimeException {

    private final ErrorCode code;

    public ConsoleException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public static ConsoleException badRequest(String message) {
        return new ConsoleException(ErrorCode.BAD_REQUEST, message);
    }

    public static ConsoleException notFound(String message) {
        return new ConsoleException(ErrorCode.NOT_FOUND, message);
    }

    public int status() {
        return code.status();
    }

    public String code() {
        return code.code();
    }
}
