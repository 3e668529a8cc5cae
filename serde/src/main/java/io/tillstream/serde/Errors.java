package io.tillstream.serde;

/** Failure messages that say what went wrong even when an exception carries no message of its own. */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
