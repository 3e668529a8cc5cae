package io.tillstream.console.topology;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import io.tillstream.console.sales.SalesApi;
import io.tillstream.security.Truststore;

import java.util.Optional;

/**
 * {@code /topology}: the sales pipeline's Kafka Streams topology with each node's records per second,
 * as {@code tillstream process} serves it ({@code /api/v1/topology}), passed on unchanged; the page
 * draws it.
 */
public final class TopologyRoutes implements Routes {

    private static final String PIPELINE_PATH = "/api/v1/topology";

    private final SalesApi pipeline;

    /**
     * Routes to the pipeline at {@code salesApiUrl}, or to the advice to start one when it is null; an
     * https pipeline's certificate is checked against {@code truststore} (empty: the JVM's own).
     */
    public TopologyRoutes(String salesApiUrl, Optional<Truststore> truststore) {
        this.pipeline = salesApiUrl == null ? null : new SalesApi(salesApiUrl, truststore);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/topology", this::topology);
    }

    private void topology(Context ctx) {
        if (pipeline == null) {
            throw SalesApi.notConfigured();
        }
        ctx.contentType("application/json").result(pipeline.get(PIPELINE_PATH, ctx.header("Authorization")));
    }
}
