package io.tillstream.registry.http;

import io.javalin.http.Context;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.security.BasicAuthenticator;

/** Every request signs in as a user of the users file, or is answered 401 in Confluent's error shape. */
public final class BasicAuth {

    private final BasicAuthenticator authenticator;

    public BasicAuth(BasicAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    void check(Context ctx) {
        if (authenticator.authenticate(ctx.header("Authorization")).isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "Unauthorized");
        }
    }
}
