package io.tillstream.console.sales;

import io.javalin.http.Context;
import io.tillstream.console.http.Bodies;
import io.tillstream.console.http.ConsoleException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The sales pipeline's views the console passes on, each with the one query parameter it may take
 * and that parameter's range (the pipeline's own). Anything else is refused here, so the console
 * never becomes an open proxy to the pipeline's other endpoints.
 */
enum SalesView {
    BY_MALL("by-mall"),
    BY_CATEGORY("by-category"),
    BY_PAYMENT_METHOD("by-payment-method"),
    BY_DAY("by-day"),
    TOP_CUSTOMERS("top-customers", "limit", 1, 10_000),
    PER_MINUTE("per-minute", "minutes", 1, 7 * 24 * 60),
    DEAD_LETTERS("dead-letters");

    private final String path;
    private final String parameter;
    private final long min;
    private final long max;

    SalesView(String path) {
        this(path, null, 0, 0);
    }

    SalesView(String path, String parameter, long min, long max) {
        this.path = path;
        this.parameter = parameter;
        this.min = min;
        this.max = max;
    }

    /** The view a request names in its path, or a 404 that lists the views there are. */
    static SalesView named(String name) {
        return Arrays.stream(values()).filter(view -> view.path.equals(name)).findFirst()
            .orElseThrow(() -> ConsoleException.notFound("There is no sales view '" + name + "'; the views are "
                + Arrays.stream(values()).map(view -> view.path).collect(Collectors.joining(", ")) + "."));
    }

    /** The pipeline's path and query for this request, its parameter checked; 400 for any other parameter. */
    String pathAndQuery(Context ctx) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals(parameter)) {
                throw ConsoleException.badRequest(path + (parameter == null ? " takes no parameters" : " takes only "
                    + parameter) + ", not '" + name + "'.");
            }
        }
        Long value = parameter == null ? null : Bodies.queryLong(ctx, parameter, min, max);
        return "/api/v1/sales/" + path + (value == null ? "" : "?" + parameter + "=" + value);
    }
}
