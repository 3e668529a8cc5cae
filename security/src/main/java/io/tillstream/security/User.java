package io.tillstream.security;

import java.util.Set;

/** A user of the users file: a name, the roles after its password, and the password to check. */
public record User(String name, Set<String> roles) {

    public User {
        roles = Set.copyOf(roles);
    }
}
