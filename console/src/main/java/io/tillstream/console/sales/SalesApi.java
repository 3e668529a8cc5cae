package io.tillstream.console.sales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.console.ConsoleJson;
import io.tillstream.security.Truststore;
import org.apache.kafka.common.errors.InterruptException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A client of the sales pipeline's HTTP API. Its answers come back as the bytes it sent, so money
 * keeps the exact decimals the pipeline wrote; its failures become errors that say what to check.
 */
public final class SalesApi {

    /** Short: the page asks once a second, and a pipeline that takes longer is as good as down to it. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = ConsoleJson.mapper();

    private final String baseUrl;
    private final HttpClient http;

    public SalesApi(String baseUrl, Optional<Truststore> truststore) {
        this.baseUrl = baseUrl;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER);
        truststore.ifPresent(trust -> builder.sslContext(trust.sslContext()));
        this.http = builder.build();
    }

    /**
     * The pipeline's JSON answer to {@code pathAndQuery}, asked with the browser's {@code authorization}
     * (null when none): the console and a pipeline it is pointed at share one users file.
     */
    public byte[] get(String pathAndQuery, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(ANSWER_TIMEOUT)
            .header("Accept", "application/json").GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw unavailable("did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unavailable("cannot be reached");
        } catch (IOException e) {
            throw unavailable("does not answer (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + ")");
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        String reason = reason(response.body());
        if (response.statusCode() == 503) {
            throw new SalesApiException(SalesApiException.Problem.NOT_READY, "The sales pipeline at " + baseUrl + " is not ready yet: "
                + reason);
        }
        throw new SalesApiException(SalesApiException.Problem.FAILED, "The sales pipeline at " + baseUrl + " answered HTTP "
            + response.statusCode() + ": " + reason);
    }

    /** What a view of the pipeline answers when the console was given no {@code sales.api.url}. */
    public static SalesApiException notConfigured() {
        return new SalesApiException(SalesApiException.Problem.NOT_CONFIGURED, "No sales pipeline is connected to this console. "
            + "Run tillstream demo, or run tillstream console --sales-api-url http://host:7070 next to tillstream process.");
    }

    private SalesApiException unavailable(String what) {
        return new SalesApiException(SalesApiException.Problem.UNAVAILABLE, "The sales pipeline at " + baseUrl + " " + what
            + ". Check that tillstream process (or tillstream demo) is running there.");
    }

    /** The pipeline's {@code {"error": "..."}} message, or the start of whatever else it sent. */
    private static String reason(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException notJson) {
            // not the pipeline's error body: show what came instead
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "no reason given" : text.substring(0, Math.min(200, text.length()));
    }
}
