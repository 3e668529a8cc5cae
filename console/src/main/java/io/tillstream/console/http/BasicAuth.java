package io.tillstream.console.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP basic authentication against a users file of {@code user:password} lines, the format the
 * registry's {@code --users-file} takes, so one file serves both. The browser asks for the
 * credentials once and sends them with every request, the API's calls included.
 */
final class BasicAuth {

    private final Map<String, byte[]> passwords;

    private BasicAuth(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    static BasicAuth fromUsersFile(Path file) throws IOException {
        Map<String, byte[]> passwords = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String entry = line.trim();
            int colon = entry.indexOf(':');
            if (!entry.startsWith("#") && colon > 0) {
                passwords.put(entry.substring(0, colon).trim(),
                    entry.substring(colon + 1).trim().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new BasicAuth(passwords);
    }

    void check(Context ctx) {
        if (!authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Tillstream Control Center\", charset=\"UTF-8\"");
            throw new ConsoleException(401, "unauthorized", "Sign in with a user of the console's users file.");
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        byte[] expected = colon < 0 ? null : passwords.get(credentials.substring(0, colon));
        return expected != null
            && MessageDigest.isEqual(expected, credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
    }
}
