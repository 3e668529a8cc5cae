package io.tillstream.console.http;

/**
 * A request that cannot be answered as asked. {@link WebServer} turns it into
 * {@code {"error": {"code": ..., "message": ...}}} with {@link #status()}; the message is shown to
 * the user as it is, so it says what to do.
 */
public final class ConsoleException extends RuntimeException {

    private final int status;
    private final String code;

    public ConsoleException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ConsoleException badRequest(String message) {
        return new ConsoleException(400, "bad_request", message);
    }

    public static ConsoleException notFound(String message) {
        return new ConsoleException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
