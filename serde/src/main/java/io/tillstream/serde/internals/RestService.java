package io.tillstream.serde.internals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.RegistryConnectionException;

import java.io.IOException;
import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * HTTP and JSON for the registry's REST API: sends a request to each base URL in turn until one
 * answers, and turns error answers into {@link RegistryClientException}.
 */
public final class RestService {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
        "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private final List<URI> baseUrls;
    private final Optional<String> authorization;
    private final Duration requestTimeout;
    private final HttpClient http;

    /** @param sslContext TLS for https registries; empty for the JVM's default */
    public RestService(List<URI> baseUrls, Optional<String> basicAuthUserInfo, Optional<SSLContext> sslContext,
                       Duration connectTimeout, Duration requestTimeout) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one registry URL is needed");
        }
        this.baseUrls = List.copyOf(baseUrls);
        this.authorization = basicAuthUserInfo.map(userInfo ->
            "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        this.requestTimeout = requestTimeout;
        // HTTP/1.1 because a registry speaks it everywhere; HTTP/2 would cost an upgrade attempt per connection.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
        sslContext.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** A path segment: subjects may hold characters such as '/', ':' or spaces. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    public JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        List<String> failures = new ArrayList<>();
        IOException last = null;
        for (URI base : baseUrls) {
            URI uri = URI.create(stripSlash(base.toString()) + path);
            try {
                HttpResponse<byte[]> response = http.send(request(method, uri, body), HttpResponse.BodyHandlers.ofByteArray());
                return answer(method + " " + uri, response);
            } catch (IOException e) {
                last = e;
                failures.add(base + " (" + describe(e) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryConnectionException("Interrupted while waiting for " + method + " " + uri, e);
            }
        }
        throw new RegistryConnectionException("Cannot reach the schema registry at " + String.join(", ", failures), last);
    }

    private HttpRequest request(String method, URI uri, JsonNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", ACCEPT);
        authorization.ifPresent(value -> request.header("Authorization", value));
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", CONTENT_TYPE)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
    }

    private static JsonNode answer(String request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new RegistryClientException(status, status, "The answer is not JSON: " + text(response.body()), request);
            }
            return body;
        }
        // A registry's error body is {"error_code": ..., "message": ...}; a proxy's may be anything.
        if (body != null && body.hasNonNull("error_code")) {
            throw new RegistryClientException(status, body.get("error_code").asInt(status),
                body.path("message").asText(""), request);
        }
        throw new RegistryClientException(status, status, text(response.body()), request);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The JDK's connection errors often have no message of their own, only a class name. */
    private static String describe(IOException e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getCause() != null ? e.getCause().getMessage() : null;
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
