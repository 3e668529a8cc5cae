package io.tillstream.console.sales;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.ErrorCode;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import io.tillstream.security.Truststore;

import java.util.Optional;

/**
 * {@code /sales/{view}}: the Sales page's aggregates, asked of the sales pipeline's HTTP API
 * ({@code tillstream process}) and answered as the pipeline answered them. Without a pipeline
 * configured every view says how to get one.
 */
public final class SalesRoutes implements Routes {

    private final SalesApi pipeline;

    /**
     * Routes to the pipeline at {@code salesApiUrl}, or to the advice to start one when it is null; an
     * https pipeline's certificate is checked against {@code truststore} (empty: the JVM's own).
     */
    public SalesRoutes(String salesApiUrl, Optional<Truststore> truststore) {
        this.pipeline = salesApiUrl == null ? null : new SalesApi(salesApiUrl, truststore);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/sales/{view}", this::view);
    }

    private void view(Context ctx) {
        String pathAndQuery = SalesView.named(ctx.pathParam("view")).pathAndQuery(ctx);
        if (pipeline == null) {
            throw new ConsoleException(ErrorCode.SALES_NOT_CONFIGURED, "No sales pipeline is connected to this console. "
                + "Run tillstream demo, or run tillstream console --sales-api-url http://host:7070 next to tillstream process.");
        }
        ctx.contentType("application/json").result(pipeline.get(pathAndQuery, ctx.header("Authorization")));
    }
}
