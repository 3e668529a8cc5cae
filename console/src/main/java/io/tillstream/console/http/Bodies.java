package io.tillstream.console.http;

import io.javalin.http.Context;

import java.util.Locale;

/** Reading request bodies and parameters, with every malformed one answered 400 in the user's words. */
public final class Bodies {

    private Bodies() {
    }

    public static <T> T read(Context ctx, Class<T> type) {
        T body;
        try {
            body = ctx.bodyAsClass(type);
        } catch (Exception e) { // Jackson's checked exceptions pass through Javalin's Kotlin undeclared
            throw ConsoleException.badRequest("The request body is not the JSON this endpoint takes.");
        }
        if (body == null) {
            throw ConsoleException.badRequest("The request body is empty.");
        }
        return body;
    }

    /** An optional whole-number query parameter within {@code [min, max]}, or null. */
    public static Long queryLong(Context ctx, String name, long min, long max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return requireRange(name, Long.parseLong(value.trim()), min, max);
        } catch (NumberFormatException e) {
            throw ConsoleException.badRequest(name + " must be a whole number, not '" + value + "'.");
        }
    }

    /** The {@code search} query parameter, trimmed and lower case, to match names ignoring case; empty when absent. */
    public static String search(Context ctx) {
        String search = ctx.queryParam("search");
        return search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Refuses a deletion unless the {@code confirm} query parameter repeats {@code name}, so that a
     * slip of the mouse cannot delete anything; {@code what} names it in the answer ("topic's name").
     */
    public static void requireConfirmation(Context ctx, String name, String what) {
        if (!name.equals(ctx.queryParam("confirm"))) {
            throw new ConsoleException(ErrorCode.CONFIRMATION_MISMATCH,
                "Type the " + what + ", " + name + ", to confirm that it should be deleted.");
        }
    }

    public static long requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw ConsoleException.badRequest(name + " must be between " + min + " and " + max + ", not " + value + ".");
        }
        return value;
    }
}
