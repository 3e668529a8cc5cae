package io.tillstream.registry.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.registry.core.SchemaRegistry;
import io.tillstream.registry.leader.Leadership;
import io.tillstream.registry.leader.NotLeaderException;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.store.KafkaLog;
import io.tillstream.security.AccessFilter;
import io.tillstream.security.HostCheck;
import io.tillstream.security.HttpAccess;
import io.tillstream.security.Https;
import io.tillstream.security.UsersFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Confluent Schema Registry's v1 REST API on Javalin. Routes only translate between HTTP and
 * {@link SchemaRegistry}; every failure becomes Confluent's error body here, in one place.
 */
public final class RestApi {

    private static final Logger log = LoggerFactory.getLogger(RestApi.class);
    private static final Set<String> ACCEPTED_TYPES = Set.of("application/vnd.schemaregistry.v1+json",
        "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    private static final Pattern SCHEMA_LOOKUP = Pattern.compile("/subjects/[^/]+/?");
    private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

    private RestApi() {
    }

    /**
     * What the API serves: the registry's rules, who leads (writes reaching a follower go to the
     * leader), the log (a follower reads it after forwarding), the users when authentication is on, and
     * the metrics served at {@code /metrics}, and {@code loaded}: done once the registry has read its log, which
     * a request arriving before then waits for (at most {@code timeoutMs}), so that none is answered from a
     * partial copy.
     */
    public record Parts(SchemaRegistry registry, Leadership leadership, KafkaLog kafkaLog, String groupId,
                        long timeoutMs, AccessFilter access, MetricsEndpoint metrics, Optional<SSLContext> forwardingTls,
                        CompletableFuture<Void> loaded) {
    }

    /**
     * A server for {@code parts} on {@code host:port} (port 0 picks a free one), not yet started; with
     * {@code https} (null for plain HTTP) it serves https only. Without users, only requests naming it
     * (loopback, an address, {@code hostNames}) are answered.
     */
    public static Javalin create(Parts parts, String host, int port, Https https, Collection<String> hostNames) {
        SchemaRegistry registry = parts.registry();
        LeaderForwarding forwarding = new LeaderForwarding(parts.leadership(), parts.kafkaLog(), parts.timeoutMs(),
            parts.forwardingTls());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            if (https != null) {
                https.apply(config, host, port);
            }
            config.http.defaultContentType = Json.CONTENT_TYPE;
            // Kafka, not the HTTP layer, decides how large a schema may be.
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            if (parts.access() != null) {
                config.routes.before(parts.access());
            } else {
                config.routes.before(new HostCheck(hostNames,
                    (status, message) -> new RegistryException(ErrorCode.FORBIDDEN, message)));
            }
            config.routes.before(RestApi::requireJsonBody);
            config.routes.before(ctx -> awaitLoaded(parts.loaded(), parts.timeoutMs()));
            parts.metrics().addTo(config);
            config.routes.get("/", ctx -> Json.respond(ctx, Map.of()));
            new SchemaRoutes(registry).addTo(config.routes);
            new SubjectRoutes(registry).addTo(config.routes);
            new CompatibilityRoutes(registry).addTo(config.routes);
            new ConfigRoutes(registry).addTo(config.routes);
            new MetadataRoutes(parts.kafkaLog(), parts.leadership(), parts.groupId()).addTo(config.routes);
            config.routes.exception(NotLeaderException.class, (e, ctx) -> {
                try {
                    forwarding.forward(e, ctx);
                } catch (RegistryException failed) {
                    error(ctx, failed.errorCode().httpStatus(), failed.errorCode().code(), failed.getMessage());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    error(ctx, 500, ErrorCode.REQUEST_FORWARDING_FAILED.code(), "Interrupted while forwarding to the leader");
                }
            });
            mapErrors(config);
        });
    }

    /**
     * The registry's access rule over {@code users}: reads for every user, writes for admins. Two reads
     * come as POST in Confluent's API: looking a schema up under a subject, and checking compatibility.
     */
    public static AccessFilter access(UsersFile users, Set<String> signInRoles, String realm) {
        return new AccessFilter(new HttpAccess(users, signInRoles), realm,
            ctx -> ctx.method() == HandlerType.POST
                ? !ctx.path().startsWith("/compatibility/") && !SCHEMA_LOOKUP.matcher(ctx.path()).matches()
                : AccessFilter.unsafeMethod(ctx),
            (status, message) -> new RegistryException(status == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.FORBIDDEN, message));
    }

    /**
     * A write must be JSON (or one of Confluent's types): the content types a cross-site page may send
     * without asking (forms, text/plain) are refused, as is any write a browser marks as cross-site.
     */
    private static void requireJsonBody(Context ctx) {
        if (ctx.method() != HandlerType.POST && ctx.method() != HandlerType.PUT) {
            return;
        }
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
            throw new RegistryException(ErrorCode.FORBIDDEN, "Cross-site requests may not change the registry");
        }
        String type = ctx.contentType();
        if (type != null && !ACCEPTED_TYPES.contains(type.split(";")[0].trim().toLowerCase())) {
            throw new HttpResponseException(415, "HTTP 415 Unsupported Media Type");
        }
    }

    private static void awaitLoaded(CompletableFuture<Void> loaded, long timeoutMs) throws InterruptedException {
        if (loaded.isDone() && !loaded.isCompletedExceptionally()) {
            return;
        }
        try {
            loaded.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RegistryException(ErrorCode.OPERATION_TIMEOUT,
                "The registry has not finished reading its schemas topic within " + timeoutMs + " ms");
        } catch (ExecutionException | CancellationException e) {
            throw new RegistryException(ErrorCode.STORE_ERROR, "The registry could not read its schemas topic");
        }
    }

    private static void mapErrors(JavalinConfig config) {
        config.routes.exception(RegistryException.class, (e, ctx) ->
            error(ctx, e.errorCode().httpStatus(), e.errorCode().code(), e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
            error(ctx, e.getStatus(), e.getStatus(), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, 500, "Internal Server Error");
        });
        // Paths no route matches: answered in Confluent's shape rather than Javalin's.
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, 404, "HTTP 404 Not Found");
            }
        });
    }

    private static void error(Context ctx, int status, int code, String message) {
        ctx.status(status);
        Json.respond(ctx, new Bodies.Error(code, message));
    }
}
