package io.tillstream.pipeline.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client of one pipeline instance's HTTP API, as a dashboard would use it. */
public final class PipelineApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private final String baseUrl;

    public PipelineApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, JsonNode body) {
    }

    public Response get(String path) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a totals answer, in the answer's order; throws unless HTTP 200. */
    public Map<String, GeneratedSales.Group> rows(String path) {
        Map<String, GeneratedSales.Group> rows = new LinkedHashMap<>();
        for (JsonNode row : ok(path).get("rows")) {
            rows.put(row.get("key").asText(), group(row));
        }
        return rows;
    }

    /** A one-row answer (a customer), as a map of one entry; throws unless HTTP 200. */
    public Map<String, GeneratedSales.Group> row(String path) {
        JsonNode row = ok(path);
        return Map.of(row.get("key").asText(), group(row));
    }

    private JsonNode ok(String path) {
        Response response = get(path);
        if (response.status() != 200) {
            throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    private static GeneratedSales.Group group(JsonNode row) {
        return new GeneratedSales.Group(row.get("revenue").decimalValue(), row.get("quantity").asLong(),
            row.get("invoices").asLong());
    }

    /** Sales counted so far (0 while the answer is not available, or the instance is out of reach). */
    public long invoicesCounted() {
        try {
            return rows("/api/v1/sales/by-mall").values().stream().mapToLong(GeneratedSales.Group::invoices).sum();
        } catch (IllegalStateException | UncheckedIOException notYet) {
            return 0;
        }
    }
}
