package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tillstream.console.http.ApiDocument;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API document against the console that serves it: it describes exactly the endpoints served,
 * and every operation, called on real topics, groups and subjects, answers with a status the
 * document lists and a body its schema allows.
 */
@ExtendWith(Environment.Extension.class)
class OpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final String V1 = """
        {"type": "record", "name": "Sale", "namespace": "test", "fields": [{"name": "invoice_no", "type": "string"}]}""";
    private static final String V2 = """
        {"type": "record", "name": "Sale", "namespace": "test", "fields": [{"name": "invoice_no", "type": "string"},
          {"name": "email", "type": ["null", "string"], "default": null}]}""";

    /** An operation of the document, its path as the console registers it. */
    private record Operation(String method, String path, JsonNode spec) {
        String key() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static JsonNode document(Client client) {
        Client.Response response = client.get(ApiDocument.PATH);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).as("the document parses as a JSON object").isNotNull();
        return response.body();
    }

    private static List<Operation> operations(JsonNode document) {
        String base = document.at("/servers/0/url").asText();
        List<Operation> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(new Operation(op.getKey(), base + path.getKey(), op.getValue()));
            }
        }));
        return operations;
    }

    /** Follows {@code node}'s {@code $ref}, if it has one, within {@code document}. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        return node.has("$ref") ? resolve(document, document.at(node.get("$ref").asText().substring(1))) : node;
    }

    @Test
    void documentIsOpenApi3AndEveryReferenceResolves(Environment env) {
        JsonNode document = document(new Client(env.console().url()));

        assertThat(document.get("openapi").asText()).matches("3\\.[01]\\.\\d+");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/api/v1");
        List<String> refs = document.findValues("$ref").stream().map(JsonNode::asText).toList();
        assertThat(refs).isNotEmpty();
        assertThat(refs).allSatisfy(ref -> {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse();
        });
        List<String> ids = operations(document).stream().map(op -> op.spec().path("operationId").asText()).toList();
        assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
    }

    @Test
    void documentDescribesExactlyTheEndpointsTheConsoleServes(Environment env) {
        JsonNode document = document(new Client(env.console().url()));

        Set<String> served = env.console().endpoints().stream()
            .map(endpoint -> endpoint.method.name() + " " + endpoint.path).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = operations(document).stream().map(Operation::key)
            .collect(Collectors.toCollection(TreeSet::new));
        assertThat(served).contains("GET " + ApiDocument.PATH, "DELETE /api/v1/topics/{name}");
        assertThat(documented).isEqualTo(served);

        for (Operation op : operations(document)) {
            Set<String> inTemplate = new HashSet<>();
            Matcher names = PATH_PARAMETER.matcher(op.path());
            while (names.find()) {
                inTemplate.add(names.group(1));
            }
            Set<String> declared = new HashSet<>();
            op.spec().path("parameters").forEach(p -> {
                JsonNode parameter = resolve(document, p);
                if (parameter.get("in").asText().equals("path")) {
                    declared.add(parameter.get("name").asText());
                    assertThat(parameter.get("required").asBoolean()).as(op.key() + " " + parameter).isTrue();
                }
            });
            assertThat(declared).as(op.key() + "'s path parameters").isEqualTo(inTemplate);
        }
    }

    @Test
    void everyOperationAnswersWithADocumentedStatusAndABodyItsSchemaAllows(Environment env) {
        Client client = new Client(env.console().url());
        JsonNode document = document(client);
        String topic = ConsoleApiTest.newTopic(client, 2);
        String subject = topic + "-value";
        assertThat(client.post("/api/v1/topics/" + topic + "/messages", Map.of("format", "avro", "schema", V1,
            "key", "I1", "value", "{\"invoice_no\": \"I1\"}", "headers", Map.of("source", "test"))).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/schemas/subjects/" + subject + "/versions", Map.of("schema", V2)).status())
            .isEqualTo(201);
        String group = "openapi-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> samples = Map.of("name", topic, "id", group, "subject", subject, "version", "1",
            "cluster", ConsoleConfig.DEFAULT_CLUSTER_NAME);
        // A 404 that names the path asked for is the console's answer to a path it has no endpoint for.
        assertThat(isNoEndpoint(client.get("/api/v1/no-such-endpoint"), "/api/v1/no-such-endpoint")).isTrue();

        Map<String, Integer> statuses = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                 GroupsApiTest.consumerThatCommitted(env, group, "openapi-test", List.of(topic), 1)) {
            for (Operation op : operations(document)) {
                String url = url(document, op, samples);
                // Changes go without a body or confirmation, so each is refused before it changes anything (or, for
                // removing the subject's own compatibility level, changes only the test's own subject).
                Client.Response response = switch (op.method()) {
                    case "get" -> client.get(url);
                    case "post" -> client.post(url, null);
                    case "put" -> client.put(url, null);
                    case "delete" -> client.delete(url);
                    default -> throw new AssertionError("The console serves no " + op.key());
                };
                assertDocumented(document, op, url, response);
                statuses.put(op.key(), response.status());
            }
        }
        // Every read, but the Sales views without a pipeline, succeeded, so the success schemas were held against real data.
        statuses.forEach((op, status) -> {
            if (op.startsWith("GET ") && !op.contains("/sales/")) {
                assertThat(status).as(op).isEqualTo(200);
            }
        });
        assertThat(statuses.get("GET /api/v1/sales/{view}")).isEqualTo(404);
        assertThat(statuses.get("GET /api/v1/clusters/{cluster}/topics/{name}")).isEqualTo(200);
        assertThat(statuses.get("POST /api/v1/topics")).isEqualTo(400);
        assertThat(statuses.get("DELETE /api/v1/topics/{name}")).isEqualTo(400);
        assertThat(client.get("/api/v1/topics/" + topic).status()).isEqualTo(200);
    }

    @Test
    void everySalesViewAnswersWhatTheDocumentSays(Environment env) throws Exception {
        try (SalesFixture sales = SalesFixture.start(env);
             ControlCenter console = env.startConsole(Map.of(ConsoleConfig.SALES_API_URL_CONFIG, sales.url()))) {
            sales.send(20, "max");
            await().atMost(Duration.ofSeconds(60)).until(() -> sales.invoicesCounted() > 0);
            Client client = new Client(console.url());
            JsonNode document = document(client);
            Operation view = operations(document).stream().filter(op -> op.path().endsWith("/sales/{view}")).findFirst()
                .orElseThrow();
            JsonNode views = resolve(document, view.spec().at("/parameters/0")).at("/schema/enum");
            // The console lists its views when asked for one it lacks.
            String listed = client.get("/api/v1/sales/no-such-view").body().at("/error/message").asText();
            assertThat(StreamSupport.stream(views.spliterator(), false).map(JsonNode::asText).toList())
                .isEqualTo(List.of(listed.replaceFirst(".*the views are (.*)\\.$", "$1").split(", ")));
            for (JsonNode name : views) {
                String url = view.path().replace("{view}", name.asText());
                Client.Response response = client.get(url);
                assertThat(response.status()).as(url + " " + response.text()).isEqualTo(200);
                assertDocumented(document, view, url, response);
            }
        }
    }

    /** {@code response} to {@code op}, called as {@code url}: an endpoint's answer, with a documented status and body. */
    private static void assertDocumented(JsonNode document, Operation op, String url, Client.Response response) {
        String call = op.key() + " as " + url + " answered " + response.status() + " " + response.text();
        assertThat(isNoEndpoint(response, url.replaceFirst("\\?.*", ""))).as(call).isFalse();
        JsonNode documented = op.spec().at("/responses/" + response.status());
        assertThat(documented.isMissingNode()).as(call + ": status not documented").isFalse();
        JsonNode schema = resolve(document, documented).at("/content/application~1json/schema");
        if (!schema.isMissingNode()) {
            List<String> problems = new ArrayList<>();
            validate(document, schema, response.body(), "body", problems);
            assertThat(problems).as(call).isEmpty();
        }
    }

    private static boolean isNoEndpoint(Client.Response response, String path) {
        return response.status() == 404 && response.body() != null
            && response.body().at("/error/code").asText().equals("not_found")
            && response.body().at("/error/message").asText().contains(path);
    }

    /** {@code op}'s path with sample path parameters, and its required query parameters with their examples. */
    private static String url(JsonNode document, Operation op, Map<String, String> samples) {
        String path = op.path();
        List<String> query = new ArrayList<>();
        for (JsonNode p : op.spec().path("parameters")) {
            JsonNode parameter = resolve(document, p);
            String name = parameter.get("name").asText();
            String value = parameter.get("in").asText().equals("path") && samples.containsKey(name) ? samples.get(name)
                : parameter.path("example").asText();
            if (parameter.get("in").asText().equals("path")) {
                path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
            } else if (parameter.path("required").asBoolean()) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    /**
     * Checks {@code value} against the part of JSON Schema the document uses. Stricter than JSON
     * Schema in one way: an object schema that lists properties must list every property sent.
     */
    private static void validate(JsonNode document, JsonNode schema, JsonNode value, String at, List<String> problems) {
        JsonNode s = resolve(document, schema);
        JsonNode node = value == null ? NullNode.getInstance() : value;
        if (s.has("oneOf")) {
            int matches = 0;
            for (JsonNode option : s.get("oneOf")) {
                List<String> optionProblems = new ArrayList<>();
                validate(document, option, node, at, optionProblems);
                matches += optionProblems.isEmpty() ? 1 : 0;
            }
            if (matches != 1) {
                problems.add(at + " matches " + matches + " of oneOf's schemas: " + node);
            }
            return;
        }
        if (s.has("type")) {
            List<String> types = new ArrayList<>();
            if (s.get("type").isArray()) {
                s.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(s.get("type").asText());
            }
            if (types.stream().noneMatch(type -> is(type, node))) {
                problems.add(at + " is not " + types + ": " + node);
                return;
            }
        }
        if (s.has("enum") && !StreamSupport.stream(s.get("enum").spliterator(), false).toList().contains(node)) {
            problems.add(at + " is none of " + s.get("enum") + ": " + node);
        }
        if (node.isObject()) {
            s.path("required").forEach(r -> {
                if (!node.has(r.asText())) {
                    problems.add(at + " lacks " + r.asText());
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode property = s.path("properties").path(field.getKey());
                if (!property.isMissingNode()) {
                    validate(document, property, field.getValue(), at + "." + field.getKey(), problems);
                } else if (s.path("additionalProperties").isObject()) {
                    validate(document, s.get("additionalProperties"), field.getValue(), at + "." + field.getKey(), problems);
                } else if (s.has("properties")) {
                    problems.add(at + "." + field.getKey() + " is not documented");
                }
            }
        }
        if (node.isArray() && s.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                validate(document, s.get("items"), node.get(i), at + "[" + i + "]", problems);
            }
        }
    }

    private static boolean is(String type, JsonNode node) {
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "null" -> node.isNull();
            default -> throw new AssertionError("The document uses a type this test does not know: " + type);
        };
    }
}
