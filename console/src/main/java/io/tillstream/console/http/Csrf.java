package io.tillstream.console.http;

import io.javalin.http.Context;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Cross-site request forgery protection by double submit: every page gets a token in a
 * {@code SameSite=Strict} cookie, and a request that changes anything must repeat it in the
 * {@value #HEADER} header. Another site can neither read the cookie nor send a custom header
 * without a CORS preflight, which the console never approves. The token is signed with a key made
 * at start, so a cookie planted by another application on the same host (cookies ignore ports) is
 * refused too, and the server keeps no session state.
 */
final class Csrf {

    static final String COOKIE = "tillstream_csrf";
    static final String HEADER = "X-CSRF-Token";

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];

    Csrf() {
        random.nextBytes(key);
    }

    /** Hands out a token to a browser that has none (or one from an earlier run). */
    void issue(Context ctx) {
        if (!valid(ctx.cookie(COOKIE))) {
            byte[] nonce = new byte[18];
            random.nextBytes(nonce);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
            // Not HttpOnly: the page's script reads it to send it back in the header.
            ctx.header("Set-Cookie", COOKIE + "=" + id + "." + sign(id) + "; Path=/; SameSite=Strict");
        }
    }

    /** Refuses a changing request whose header does not repeat the cookie's valid token. */
    void check(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        String header = ctx.header(HEADER);
        if (!valid(cookie) || header == null
            || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
            throw new ConsoleException(ErrorCode.CSRF_TOKEN_INVALID,
                "This request lacks the console's CSRF token. Reload the page and try again.");
        }
    }

    private boolean valid(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        return dot > 0 && MessageDigest.isEqual(sign(token.substring(0, dot)).getBytes(StandardCharsets.UTF_8),
            token.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
