package io.tillstream.console.http;

import io.javalin.config.JavalinState;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.tillstream.security.AccessFilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every cluster's own routes, mounted once for all: each endpoint a feature registers under {@link WebServer#API} is
 * served at {@value #CLUSTERS}/{cluster}/... for every cluster, and at its own path for the first cluster, so a
 * one-cluster console answers as it always did. A feature's {@link Routes} is built once per cluster, with that
 * cluster's clients, and knows nothing of the others. Admin actions on a read-only cluster are refused here.
 */
public final class ScopedRoutes implements Routes {

    public static final String CLUSTERS = WebServer.API + "/clusters";
    /** The path parameter naming the cluster; a feature's own paths must not use it. */
    public static final String CLUSTER_PARAMETER = "cluster";

    /** A cluster's name, whether it refuses admin actions, and its features' routes built for it. */
    public record Cluster(String name, boolean readOnly, List<Routes> routes) {
    }

    private record Route(HandlerType method, String path) {
    }

    private final List<Cluster> clusters;

    /** @param clusters the first answers the paths without a cluster */
    public ScopedRoutes(List<Cluster> clusters) {
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("A console needs a cluster");
        }
        this.clusters = List.copyOf(clusters);
    }

    /** {@code path}, an endpoint's path under {@link WebServer#API}, as served for the cluster the path names. */
    public static String scoped(String path) {
        return CLUSTERS + "/{" + CLUSTER_PARAMETER + "}" + path.substring(WebServer.API.length());
    }

    @Override
    public void addTo(RoutesConfig routes) {
        Map<Route, Map<String, Handler>> byRoute = new LinkedHashMap<>();
        for (Cluster cluster : clusters) {
            for (Endpoint endpoint : endpoints(cluster)) {
                if (!endpoint.path.startsWith(WebServer.API + "/")) {
                    throw new IllegalStateException("A cluster's route must be under " + WebServer.API + ": " + endpoint.path);
                }
                Handler guarded = cluster.readOnly() ? readOnly(cluster.name(), endpoint.handler) : endpoint.handler;
                byRoute.computeIfAbsent(new Route(endpoint.method, endpoint.path), r -> new LinkedHashMap<>())
                    .put(cluster.name(), guarded);
            }
        }
        byRoute.forEach((route, handlers) -> {
            Handler first = handlers.get(clusters.get(0).name());
            if (first != null) {
                routes.addHttpHandler(route.method(), route.path(), first);
            }
            routes.addHttpHandler(route.method(), scoped(route.path()), ctx -> {
                String name = ctx.pathParam(CLUSTER_PARAMETER);
                Handler handler = handlers.get(name);
                if (handler == null) {
                    throw clusterNotFound(name);
                }
                handler.handle(ctx);
            });
        });
    }

    private ConsoleException clusterNotFound(String name) {
        return new ConsoleException(ErrorCode.CLUSTER_NOT_FOUND, "This console shows no cluster " + name + "; it shows "
            + String.join(", ", clusters.stream().map(Cluster::name).toList()) + ".");
    }

    /** The endpoints {@code cluster}'s routes register, collected apart from the server's own router. */
    private static List<Endpoint> endpoints(Cluster cluster) {
        JavalinState collected = new JavalinState();
        cluster.routes().forEach(r -> r.addTo(collected.routes));
        return collected.internalRouter.allHttpHandlers().stream().map(parsed -> parsed.endpoint).toList();
    }

    private static Handler readOnly(String name, Handler handler) {
        return ctx -> {
            if (AccessFilter.unsafeMethod(ctx)) {
                throw new ConsoleException(ErrorCode.READ_ONLY, "The console runs read-only for cluster " + name
                    + ": start it without --read-only (or the cluster's read.only) to change the cluster.");
            }
            handler.handle(ctx);
        };
    }
}
