package io.tillstream.console.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.JavalinStaticResourceHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.security.BasicAuthenticator;
import io.tillstream.security.UsersFile;
import io.tillstream.security.UsersFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The console's HTTP server: the web UI's files from the jar at {@code /} and the REST API under
 * {@value #API}. Authentication, CSRF, read-only mode and the error body are decided here, once,
 * for every route.
 */
public final class WebServer {

    public static final String API = "/api/v1";

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /** The error body every failure has. */
    record ErrorBody(Error error) {
        record Error(String code, String message) {
        }
    }

    private WebServer() {
    }

    /**
     * A server for {@code config} with the features' {@code routes} and {@code metrics} at {@code /metrics}, not yet
     * started.
     *
     * @throws UsersFileException if the users file cannot be read
     */
    public static Javalin create(ConsoleConfig config, List<Routes> routes, MetricsEndpoint metrics) {
        BasicAuth auth = config.usersFile() == null ? null
            : new BasicAuth(new BasicAuthenticator(UsersFile.read(Path.of(config.usersFile()))));
        Csrf csrf = new Csrf();
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.jetty.host = config.listenHost();
            javalin.jetty.port = config.listenPort();
            javalin.jsonMapper(new JavalinJackson(mapper, false));
            // Javalin's own handler reads the UI's files through the class loader. Jetty's default one first mounts
            // the whole 130 MB jar as a zip file system (30,000 entries), the longest step of the console's start.
            javalin.resourceHandler(new JavalinStaticResourceHandler());
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/console";
                files.location = Location.CLASSPATH;
                // The UI is small and changes with each release: always revalidate rather than serve stale modules.
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            if (auth != null) {
                javalin.routes.before(auth::check);
            }
            javalin.routes.before(ctx -> {
                csrf.issue(ctx);
                if (changes(ctx)) {
                    csrf.check(ctx);
                    if (config.readOnly()) {
                        throw new ConsoleException(403, "read_only",
                            "The console runs read-only: start it without --read-only to change the cluster.");
                    }
                }
            });
            routes.forEach(r -> r.addTo(javalin.routes));
            metrics.addTo(javalin);
            mapErrors(javalin);
        });
    }

    private static boolean changes(Context ctx) {
        HandlerType method = ctx.method();
        return ctx.path().startsWith(API) && method != HandlerType.GET && method != HandlerType.HEAD
            && method != HandlerType.OPTIONS;
    }

    private static void mapErrors(JavalinConfig javalin) {
        javalin.routes.exception(HttpResponseException.class, (e, ctx) ->
            respond(ctx, e.getStatus(), e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(), e.getMessage()));
        javalin.routes.exception(Exception.class, (e, ctx) -> {
            ConsoleException known = Errors.translate(e);
            if (known == null) {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                respond(ctx, 500, "internal", "The console failed unexpectedly; its log has the details.");
            } else {
                respond(ctx, known.status(), known.code(), known.getMessage());
            }
        });
    }

    private static void respond(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ErrorBody(new ErrorBody.Error(code, message)));
    }
}
