package io.tillstream.console.http;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.tillstream.console.ConsoleJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /openapi.json}: the API's OpenAPI document. It is written by hand next to the routes it
 * describes, each path once; served, it also holds each path's copy under {@code /clusters/{cluster}}
 * as {@link ScopedRoutes} serves it (but for the paths marked {@value #CONSOLE_WIDE}). {@code OpenApiTest}
 * holds it against the endpoints the console really serves, so an endpoint cannot be added without
 * being documented.
 */
public final class ApiDocument implements Routes {

    public static final String PATH = WebServer.API + "/openapi.json";
    /** Marks a path of the document that belongs to the console rather than to a cluster. */
    static final String CONSOLE_WIDE = "x-console-wide";
    private static final String RESOURCE = "openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final byte[] document;

    public ApiDocument() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The console's jar lacks its API document " + RESOURCE);
            }
            ObjectMapper json = ConsoleJson.mapper();
            // Indented as written, "name": value, so that it stays readable in a browser's tab.
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            document = json.writer(printer).writeValueAsBytes(withClusterPaths((ObjectNode) json.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code document} with a copy of each cluster's path under {@code /clusters/{cluster}}. */
    private static ObjectNode withClusterPaths(ObjectNode document) {
        ObjectNode paths = (ObjectNode) document.get("paths");
        List<Map.Entry<String, JsonNode>> written = new ArrayList<>();
        paths.fields().forEachRemaining(written::add);
        for (Map.Entry<String, JsonNode> path : written) {
            if (path.getValue().path(CONSOLE_WIDE).asBoolean()) {
                continue;
            }
            ObjectNode scoped = path.getValue().deepCopy();
            scoped.fields().forEachRemaining(operation -> {
                if (METHODS.contains(operation.getKey())) {
                    inCluster((ObjectNode) operation.getValue());
                }
            });
            String served = ScopedRoutes.scoped(WebServer.API + path.getKey());
            paths.set(served.substring(WebServer.API.length()), scoped);
        }
        return document;
    }

    private static void inCluster(ObjectNode operation) {
        operation.put("operationId", operation.path("operationId").asText() + "InCluster");
        JsonNode own = operation.path("parameters");
        ArrayNode parameters = operation.putArray("parameters");
        parameters.addObject().put("$ref", "#/components/parameters/" + ScopedRoutes.CLUSTER_PARAMETER);
        own.forEach(parameters::add);
        ObjectNode responses = (ObjectNode) operation.get("responses");
        if (!responses.has("404")) {
            responses.putObject("404").put("$ref", "#/components/responses/Error");
        }
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.contentType("application/json").result(document));
    }
}
