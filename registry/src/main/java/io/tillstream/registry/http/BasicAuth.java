package io.tillstream.registry.http;

import io.javalin.http.Context;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP basic authentication against a users file: one {@code user:password} a line, or Jetty's
 * {@code user: password,role...} form that Confluent's deployments use (roles are ignored).
 * Blank lines and lines starting with {@code #} are skipped.
 */
public final class BasicAuth {

    private final Map<String, byte[]> passwords;

    private BasicAuth(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    /** @throws UncheckedIOException if the file cannot be read */
    public static BasicAuth fromUsersFile(Path file) {
        Map<String, byte[]> passwords = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                int colon = trimmed.indexOf(':');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || colon <= 0) {
                    continue;
                }
                String password = trimmed.substring(colon + 1).trim();
                int comma = password.indexOf(',');
                passwords.put(trimmed.substring(0, colon).trim(),
                    (comma < 0 ? password : password.substring(0, comma).trim()).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users file " + file, e);
        }
        return new BasicAuth(passwords);
    }

    /** Lets the request through, or answers 401 with a challenge. */
    void check(Context ctx) {
        if (!authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "Unauthorized");
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        byte[] expected = colon < 0 ? null : passwords.get(decoded.substring(0, colon));
        return expected != null
            && MessageDigest.isEqual(expected, decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
    }
}
