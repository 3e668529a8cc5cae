package io.tillstream.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** HTTP basic authentication (RFC 7617) against a {@link UsersFile}: the one authenticator of every Tillstream server. */
public final class BasicAuthenticator {

    private final UsersFile users;

    public BasicAuthenticator(UsersFile users) {
        this.users = users;
    }

    /** The user an {@code Authorization} header signs in as, empty when it is missing, malformed or wrong. */
    public Optional<User> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = credentials.indexOf(':');
        return colon < 0 ? Optional.empty() : users.authenticate(credentials.substring(0, colon), credentials.substring(colon + 1));
    }
}
