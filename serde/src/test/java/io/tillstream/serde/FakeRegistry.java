package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in registry over real HTTP for the unit tests: registers, looks up and serves schemas by
 * ID and subject version, answers everything else with Confluent's error body, and records each
 * request so tests can count registry calls and inspect headers. The integration tests use the real
 * server.
 */
public final class FakeRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern VERSION = Pattern.compile("/subjects/([^/]+)/versions/([^/]+)");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(\\d+)");

    /** One request as received: method, raw path with query, and the Authorization header if any. */
    public record Request(String method, String path, String authorization) {
    }

    private final HttpServer server;
    private final Map<Integer, String> schemasById = new LinkedHashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private int nextId;

    /** A fake whose first schema gets {@code firstId}, so tests can pick an ID with all four bytes set. */
    public FakeRegistry(int firstId) throws IOException {
        this.nextId = firstId;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    /** Registers directly, as another client would have. */
    public synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        int id = schemasById.entrySet().stream().filter(e -> e.getValue().equals(canonical)).map(Map.Entry::getKey)
            .findFirst().orElseGet(() -> {
                schemasById.put(nextId, canonical);
                return nextId++;
            });
        List<Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!ids.contains(id)) {
            ids.add(id);
        }
        return id;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
            exchange.getRequestHeaders().getFirst("Authorization")));
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        try {
            Object answer = route(method, path, exchange);
            respond(exchange, 200, JSON.writeValueAsBytes(answer));
        } catch (NotFound e) {
            ObjectNode error = JSON.createObjectNode().put("error_code", e.code).put("message", e.getMessage());
            respond(exchange, 404, JSON.writeValueAsBytes(error));
        }
    }

    private synchronized Object route(String method, String path, HttpExchange exchange) throws IOException {
        Matcher m;
        if (method.equals("POST") && (m = VERSIONS.matcher(path)).matches()) {
            return Map.of("id", register(decode(m.group(1)), new Schema.Parser().parse(schemaText(exchange))));
        }
        if (method.equals("GET") && (m = VERSION.matcher(path)).matches()) {
            String subject = decode(m.group(1));
            List<Integer> ids = idsBySubject.get(subject);
            if (ids == null) {
                throw new NotFound(40401, "Subject '" + subject + "' not found.");
            }
            int version = m.group(2).equals("latest") ? ids.size() : Integer.parseInt(m.group(2));
            return version(subject, version);
        }
        if (method.equals("POST") && (m = SUBJECT.matcher(path)).matches()) {
            String subject = decode(m.group(1));
            String canonical = new Schema.Parser().parse(schemaText(exchange)).toString();
            List<Integer> ids = idsBySubject.get(subject);
            if (ids == null) {
                throw new NotFound(40401, "Subject '" + subject + "' not found.");
            }
            for (int i = 0; i < ids.size(); i++) {
                if (schemasById.get(ids.get(i)).equals(canonical)) {
                    return version(subject, i + 1);
                }
            }
            throw new NotFound(40403, "Schema not found");
        }
        if (method.equals("GET") && (m = SCHEMA_BY_ID.matcher(path)).matches()) {
            String schema = schemasById.get(Integer.parseInt(m.group(1)));
            if (schema == null) {
                throw new NotFound(40403, "Schema " + m.group(1) + " not found");
            }
            return Map.of("schema", schema);
        }
        throw new NotFound(404, "HTTP 404 Not Found");
    }

    private Map<String, Object> version(String subject, int version) {
        int id = idsBySubject.get(subject).get(version - 1);
        return Map.of("subject", subject, "version", version, "id", id, "schema", schemasById.get(id));
    }

    private static String schemaText(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        return body.path("schema").asText();
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static final class NotFound extends RuntimeException {
        final int code;

        NotFound(int code, String message) {
            super(message);
            this.code = code;
        }
    }
}
