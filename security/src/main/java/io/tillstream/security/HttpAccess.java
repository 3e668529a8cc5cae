package io.tillstream.security;

import java.util.Optional;
import java.util.Set;

/**
 * The one access rule of every Tillstream HTTP server: every request signs in as a user of the
 * users file; reads are open to every user, writes (each server says which requests write) need the
 * {@value User#ADMIN} role. {@code signInRoles} is Confluent's {@code authentication.roles}: when
 * given, a user holding none of them is refused even reads.
 */
public final class HttpAccess {

    /** What becomes of a request. */
    public enum Outcome { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

    /** A request's outcome and, unless it is {@code UNAUTHENTICATED}, who sent it. */
    public record Decision(Outcome outcome, Optional<User> user) {
    }

    private final BasicAuthenticator authenticator;
    private final Set<String> signInRoles;

    /** Any user of {@code users} may sign in; {@code signInRoles}, when not empty, narrows that to those holding one. */
    public HttpAccess(UsersFile users, Set<String> signInRoles) {
        this.authenticator = new BasicAuthenticator(users);
        this.signInRoles = Set.copyOf(signInRoles);
    }

    public Decision decide(String authorizationHeader, boolean write) {
        Optional<User> user = authenticator.authenticate(authorizationHeader);
        if (user.isEmpty()) {
            return new Decision(Outcome.UNAUTHENTICATED, user);
        }
        boolean mayEnter = signInRoles.isEmpty() || user.get().roles().stream().anyMatch(signInRoles::contains);
        boolean allowed = mayEnter && (!write || user.get().isAdmin());
        return new Decision(allowed ? Outcome.ALLOWED : Outcome.FORBIDDEN, user);
    }
}
