package io.tillstream.security;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The before-handler every Tillstream HTTP server installs when it has users: {@link HttpAccess}'s
 * decision on each request, a 401 with a basic-auth challenge or a 403 in the server's own error
 * shape, and the signed-in user kept on the request ({@link #user}).
 */
public final class AccessFilter implements Handler {

    private static final String USER_ATTRIBUTE = AccessFilter.class.getName() + ".user";

    private final HttpAccess access;
    private final String realm;
    private final Predicate<Context> writes;
    private final BiFunction<Integer, String, RuntimeException> refusal;

    /**
     * @param realm   the realm named in the challenge
     * @param writes  which requests need the admin role
     * @param refusal the server's exception for a status and message, thrown to end the request
     */
    public AccessFilter(HttpAccess access, String realm, Predicate<Context> writes,
                        BiFunction<Integer, String, RuntimeException> refusal) {
        this.access = access;
        this.realm = realm;
        this.writes = writes;
        this.refusal = refusal;
    }

    @Override
    public void handle(Context ctx) {
        HttpAccess.Decision decision = access.decide(ctx.header(Header.AUTHORIZATION), writes.test(ctx));
        switch (decision.outcome()) {
            case UNAUTHENTICATED -> {
                ctx.header(Header.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
                throw refusal.apply(401, "Unauthorized: sign in with a user of the users file");
            }
            case FORBIDDEN -> throw refusal.apply(403, "Forbidden: user " + decision.user().orElseThrow().name()
                + (writes.test(ctx) ? " may only read (changes need the " + User.ADMIN + " role)" : " holds none of the roles allowed to sign in"));
            case ALLOWED -> ctx.attribute(USER_ATTRIBUTE, decision.user().orElseThrow());
        }
    }

    /** The user {@code ctx} signed in as; empty when the server has no users. */
    public static Optional<User> user(Context ctx) {
        return Optional.ofNullable(ctx.attribute(USER_ATTRIBUTE));
    }

    /** Requests that change something by HTTP's own meaning: every method but GET, HEAD and OPTIONS. */
    public static boolean unsafeMethod(Context ctx) {
        HandlerType method = ctx.method();
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }
}
