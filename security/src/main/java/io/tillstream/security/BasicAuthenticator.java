package io.tillstream.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP basic authentication (RFC 7617) against a {@link UsersFile}: the one authenticator of every
 * Tillstream server. Credentials once verified are remembered by their SHA-256 (never in clear), so a
 * bcrypt user pays bcrypt's deliberate slowness once, not on every request; the users file is read
 * once, so a remembered answer cannot go stale. Wrong credentials are never remembered.
 */
public final class BasicAuthenticator {

    private static final int REMEMBERED = 1024;

    private final UsersFile users;
    private final Map<String, User> verified = new ConcurrentHashMap<>();

    public BasicAuthenticator(UsersFile users) {
        this.users = users;
    }

    /** The user an {@code Authorization} header signs in as, empty when it is missing, malformed or wrong. */
    public Optional<User> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String key = sha256(authorizationHeader);
        User known = verified.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<User> user = check(authorizationHeader);
        user.ifPresent(u -> {
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
            verified.put(key, u);
        });
        return user;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private Optional<User> check(String authorizationHeader) {
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
