package io.tillstream.registry.http;

import io.javalin.http.Context;
import io.tillstream.registry.core.LookupFilter;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.model.SchemaVersion;

/** Path and query parameters as Confluent reads them. */
final class Params {

    private Params() {
    }

    static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    static SchemaVersion version(Context ctx) {
        return SchemaVersion.parse(ctx.pathParam("version"));
    }

    static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + ctx.pathParam("id") + " not found");
        }
    }

    /** A boolean flag: absent is false, as with JAX-RS. */
    static boolean flag(Context ctx, String name) {
        return Boolean.parseBoolean(ctx.queryParam(name));
    }

    /** The {@code deleted}, {@code deletedOnly} and {@code deletedAsNegative} flags as one filter. */
    static LookupFilter filter(Context ctx) {
        return LookupFilter.of(flag(ctx, "deleted"), flag(ctx, "deletedOnly"), flag(ctx, "deletedAsNegative"));
    }

    static String prefix(Context ctx) {
        String prefix = ctx.queryParam("subjectPrefix");
        return prefix == null ? "" : prefix;
    }

    /** Confluent's {@code format}: the form a schema is answered in, such as {@code serialized} for Protobuf. */
    static String format(Context ctx) {
        return ctx.queryParam("format");
    }

    static int integer(Context ctx, String name, int defaultValue) {
        String value = ctx.queryParam(name);
        try {
            return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.BAD_REQUEST, "Query parameter " + name + " is not a number: " + value);
        }
    }
}
