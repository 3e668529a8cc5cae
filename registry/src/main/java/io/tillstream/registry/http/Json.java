package io.tillstream.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.tillstream.registry.RegistryJson;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Request and response bodies, in the registry's one JSON setup ({@link RegistryJson}). */
final class Json {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper MAPPER = RegistryJson.mapper();

    private Json() {
    }

    static <T> T read(Context ctx, Class<T> type) {
        try {
            T body = MAPPER.readValue(ctx.bodyAsBytes(), type);
            if (body == null) {
                throw new RegistryException(ErrorCode.BAD_REQUEST, "Request body is empty");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new RegistryException(ErrorCode.BAD_REQUEST, "Invalid JSON in request body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void respond(Context ctx, Object body) {
        respondBytes(ctx, bytes(body));
    }

    /** A schema's own text as the body: it is JSON already. */
    static void respondSchemaText(Context ctx, String schema) {
        respondBytes(ctx, schema.getBytes(StandardCharsets.UTF_8));
    }

    static void respondBytes(Context ctx, byte[] body) {
        ctx.contentType(CONTENT_TYPE).result(body);
    }
}
