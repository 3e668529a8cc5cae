package io.tillstream.security;

import java.util.Set;

/**
 * A user of the users file: a name and the roles after its password. {@value #ADMIN} may do
 * everything; every other user, {@value #VIEWER} or with no role or only roles Tillstream does not
 * know (such as a Confluent setup's {@code user}), may only read: a carried-over file never grants
 * more than it names.
 */
public record User(String name, Set<String> roles) {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    public User {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }
}
