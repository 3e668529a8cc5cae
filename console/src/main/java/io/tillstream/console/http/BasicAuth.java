package io.tillstream.console.http;

import io.javalin.http.Context;
import io.tillstream.security.BasicAuthenticator;

/**
 * Every request signs in as a user of the users file (the one the registry takes too). The browser
 * asks for the credentials once and sends them with every request, the API's calls included.
 */
final class BasicAuth {

    private final BasicAuthenticator authenticator;

    BasicAuth(BasicAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    void check(Context ctx) {
        if (authenticator.authenticate(ctx.header("Authorization")).isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Tillstream Control Center\", charset=\"UTF-8\"");
            throw new ConsoleException(401, "unauthorized", "Sign in with a user of the console's users file.");
        }
    }
}
