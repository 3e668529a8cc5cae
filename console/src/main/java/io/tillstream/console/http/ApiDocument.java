package io.tillstream.console.http;

import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /openapi.json}: the API's OpenAPI document. It is written by hand next to the routes it
 * describes and served as it is; {@code OpenApiTest} holds it against the endpoints the console
 * really serves, so an endpoint cannot be added without being documented.
 */
public final class ApiDocument implements Routes {

    public static final String PATH = WebServer.API + "/openapi.json";
    private static final String RESOURCE = "openapi.json";

    private final byte[] document;

    public ApiDocument() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The console's jar lacks its API document " + RESOURCE);
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.contentType("application/json").result(document));
    }
}
