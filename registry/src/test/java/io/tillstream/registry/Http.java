package io.tillstream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small client for the registry's REST API in tests. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String V1 = "application/vnd.schemaregistry.v1+json";

    private final HttpClient client;
    private final String baseUrl;
    private final String authorization;

    Http(String baseUrl) {
        this(HttpClient.newHttpClient(), baseUrl, null);
    }

    /** A client of an https registry whose certificate {@code tls} trusts. */
    Http(String baseUrl, SSLContext tls) {
        this(HttpClient.newBuilder().sslContext(tls).build(), baseUrl, null);
    }

    private Http(HttpClient client, String baseUrl, String authorization) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    Http as(String user, String password) {
        return new Http(client, baseUrl, "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    record Response(int status, String body, String contentType) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        int errorCode() {
            return json().path("error_code").asInt();
        }
    }

    Response get(String path) {
        return send(builder(path).GET());
    }

    Response delete(String path) {
        return send(builder(path).DELETE());
    }

    Response post(String path, String body) {
        return post(path, body, V1);
    }

    Response post(String path, String body, String contentType) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String path, String body) {
        return send(builder(path).header("Content-Type", V1).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A register/lookup body for {@code schema}. */
    static String body(String schema) {
        try {
            return JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
