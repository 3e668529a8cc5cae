package io.tillstream.pipeline.query;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.Totals;
import io.tillstream.pipeline.topology.SalesTopology;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /api/v1/sales/...} and {@code /api/v1/customers/{id}}: the aggregates, whichever instance holds them. */
final class SalesRoutes {

    static final String SALES = "/api/v1/sales";
    static final String CUSTOMERS = "/api/v1/customers";
    private static final int DEFAULT_MINUTES = 15;
    private static final int DEFAULT_CUSTOMERS = 10;

    private final Supplier<Queries> queries;

    /** Both views of the stores, once Kafka Streams exists. */
    record Queries(LocalQueries local, ClusterQueries cluster) {
    }

    SalesRoutes(Supplier<Queries> queries) {
        this.queries = queries;
    }

    void addTo(RoutesConfig routes) {
        breakdown(routes, "/by-mall", Breakdown.MALL, Rows.BY_REVENUE);
        breakdown(routes, "/by-category", Breakdown.CATEGORY, Rows.BY_REVENUE);
        breakdown(routes, "/by-payment-method", Breakdown.PAYMENT_METHOD, Rows.BY_REVENUE);
        breakdown(routes, "/by-day", Breakdown.DAY, Rows.BY_KEY);
        breakdown(routes, "/by-customer", Breakdown.CUSTOMER, Rows.BY_REVENUE);
        routes.get(SALES + "/top-customers", this::topCustomers);
        routes.get(SALES + "/per-minute", this::perMinute);
        routes.get(SALES + "/dead-letters", this::deadLetters);
        routes.get(CUSTOMERS + "/{id}", this::customer);
    }

    private void breakdown(RoutesConfig routes, String path, Breakdown breakdown, Comparator<Row> order) {
        routes.get(SALES + path, ctx -> Json.respond(ctx, Rows.of(gather(ctx, SalesTopology.TOTALS_STORE, SALES + path,
            () -> queries.get().local().breakdown(breakdown)), order, Integer.MAX_VALUE)));
    }

    /**
     * A customer's sales are spread over the partitions, so every instance sends all its customers'
     * totals ({@code /by-customer}) and the top is taken from their sum, which makes it exact.
     */
    private void topCustomers(Context ctx) {
        int limit = intParam(ctx, "limit", DEFAULT_CUSTOMERS, 1, 10_000);
        Map<String, Totals> customers = gather(ctx, SalesTopology.TOTALS_STORE, SALES + "/by-customer",
            () -> queries.get().local().breakdown(Breakdown.CUSTOMER));
        Json.respond(ctx, Rows.of(customers, Rows.BY_REVENUE, limit));
    }

    /** The last {@code minutes} minutes, or {@code from}..{@code to} (ISO instants); the window start is the key. */
    private void perMinute(Context ctx) {
        Instant to = instantParam(ctx, "to", Instant.now());
        Instant from = instantParam(ctx, "from", null);
        if (from == null) {
            int minutes = intParam(ctx, "minutes", DEFAULT_MINUTES, 1, 7 * 24 * 60);
            from = to.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutes - 1L));
        }
        Instant start = from;
        Map<String, Totals> minutes = gather(ctx, SalesTopology.PER_MINUTE_STORE, SALES + "/per-minute?from=" + from + "&to=" + to,
            () -> queries.get().local().perMinute(start, to));
        Json.respond(ctx, Rows.of(minutes, Rows.BY_KEY, Integer.MAX_VALUE));
    }

    private void deadLetters(Context ctx) {
        Supplier<DeadLetterCounts> local = () -> DeadLetterCounts.of(queries.get().local().deadLetters());
        Json.respond(ctx, ClusterQueries.isLocal(ctx) ? local.get() : DeadLetterCounts.sum(queries.get().cluster().fromEveryInstance(
            SalesTopology.DEAD_LETTER_STORE, SALES + "/dead-letters", ctx.header("Authorization"), local, DeadLetterCounts.class)));
    }

    /** One customer's totals, summed over every instance's partitions; with {@code local=true}, this instance's part. */
    private void customer(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Totals> customer = gather(ctx, SalesTopology.TOTALS_STORE,
            CUSTOMERS + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
            () -> queries.get().local().group(Breakdown.CUSTOMER, id).map(totals -> Map.of(id, totals)).orElse(Map.of()));
        if (ClusterQueries.isLocal(ctx)) {
            Json.respond(ctx, Rows.of(customer, Rows.BY_KEY, 1));
            return;
        }
        Totals totals = customer.get(id);
        if (totals == null) {
            throw new NotFoundResponse("no sales of customer " + id);
        }
        Json.respond(ctx, Row.of(id, totals));
    }

    /** This instance's groups with {@code local=true}; else every instance's, merged. */
    private Map<String, Totals> gather(Context ctx, String store, String pathAndQuery, Supplier<Map<String, Totals>> local) {
        if (ClusterQueries.isLocal(ctx)) {
            return local.get();
        }
        Supplier<Rows> localRows = () -> Rows.unordered(local.get());
        return Rows.merge(queries.get().cluster().fromEveryInstance(store, pathAndQuery, ctx.header("Authorization"),
            localRows, Rows.class));
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static Instant instantParam(Context ctx, String name, Instant fallback) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO instant like 2024-05-01T10:05:00Z, not '" + value + "'");
        }
    }
}
