package io.tillstream.console.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.JavalinStaticResourceHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.console.ConsoleJson;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.security.AccessFilter;
import io.tillstream.security.HostCheck;
import io.tillstream.security.HttpAccess;
import io.tillstream.security.UsersFile;
import io.tillstream.security.UsersFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's HTTP server: the web UI's files from the jar at {@code /} and the REST API under
 * {@value #API}. Authentication, CSRF and the error body are decided here, once, for every route; read-only
 * clusters in {@link ScopedRoutes}.
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
        AccessFilter access = config.usersFile() == null ? null
            : new AccessFilter(new HttpAccess(UsersFile.read(Path.of(config.usersFile())), Set.of()),
                "Tillstream Control Center", WebServer::changes, (status, message) ->
                    new ConsoleException(status == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.FORBIDDEN, message));
        Csrf csrf = new Csrf();
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.jetty.host = config.listenHost();
            javalin.jetty.port = config.listenPort();
            config.https().ifPresent(https -> https.apply(javalin, config.listenHost(), config.listenPort()));
            javalin.jsonMapper(new JavalinJackson(ConsoleJson.mapper(), false));
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
            javalin.routes.before(WebServer::hardenHeaders);
            if (access != null) {
                javalin.routes.before(access);
            } else {
                javalin.routes.before(new HostCheck(List.of(config.listenHost()),
                    (status, message) -> new ConsoleException(ErrorCode.HOST_REFUSED, message)));
            }
            javalin.routes.before(ctx -> {
                csrf.issue(ctx);
                if (changes(ctx)) {
                    csrf.check(ctx);
                }
            });
            routes.forEach(r -> r.addTo(javalin.routes));
            metrics.addTo(javalin);
            mapErrors(javalin);
        });
    }

    /**
     * The browser may run only the console's own scripts, load only from it, and show it in no frame
     * (clickjacking); it must not guess content types. Inline styles stay allowed: the pages' SVG
     * charts and bars are drawn with style attributes.
     */
    private static void hardenHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static boolean changes(Context ctx) {
        return ctx.path().startsWith(API) && AccessFilter.unsafeMethod(ctx);
    }

    private static void mapErrors(JavalinConfig javalin) {
        javalin.routes.exception(HttpResponseException.class, (e, ctx) ->
            respond(ctx, e.getStatus(), e.getStatus() == 404 ? ErrorCode.NOT_FOUND.code() : "http_" + e.getStatus(), e.getMessage()));
        javalin.routes.exception(Exception.class, (e, ctx) -> {
            ConsoleException known = Errors.translate(e);
            if (known == null) {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                respond(ctx, ErrorCode.INTERNAL.status(), ErrorCode.INTERNAL.code(),
                    "The console failed unexpectedly; its log has the details.");
            } else {
                respond(ctx, known.status(), known.code(), known.getMessage());
            }
        });
    }

    private static void respond(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ErrorBody(new ErrorBody.Error(code, message)));
    }
}
