package io.tillstream.serde.internals.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaValidatorTest {

    private static final String SALE = "{\"type\":\"object\",\"properties\":{\"quantity\":{\"type\":\"integer\",\"minimum\":1},"
        + "\"invoice_date\":{\"type\":\"string\",\"format\":\"date\"}},\"required\":[\"quantity\"]}";

    @Test
    void eachProblemSaysWhereItIs() {
        JsonSchemaValidator validator = JsonSchemaValidator.of(SALE, Map.of());

        assertThat(validator.problems(json("{\"quantity\":2,\"invoice_date\":\"2022-08-05\"}"))).isEmpty();
        assertThat(validator.problems(json("{\"quantity\":0,\"invoice_date\":\"5/8/2022\"}"))).containsExactlyInAnyOrder(
            "/quantity: must have a minimum value of 1",
            "/invoice_date: does not match the date pattern must be a valid RFC 3339 full-date");
    }

    @Test
    void atMostThreeProblemsAreReported() {
        JsonSchemaValidator validator = JsonSchemaValidator.of("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", Map.of());

        assertThat(validator.problems(json("[1,2,3,4,5]"))).hasSize(3);
    }

    @Test
    void theDraftIsTheOneItsUrlNamesWithOrWithoutHashOverHttpOrHttps() {
        // prefixItems is a keyword from 2020-12 on; draft-07 ignores it as unknown.
        for (String url : new String[] {"https://json-schema.org/draft/2020-12/schema",
            "http://json-schema.org/draft/2020-12/schema#"}) {
            assertThat(JsonSchemaValidator.of(prefixItems(url), Map.of()).problems(json("[1]"))).as(url).isNotEmpty();
        }
        for (String url : new String[] {"http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft-07/schema"}) {
            assertThat(JsonSchemaValidator.of(prefixItems(url), Map.of()).problems(json("[1]"))).as(url).isEmpty();
        }
    }

    @Test
    void aSchemaOfAnUnknownDraftIsReadAsDraft07AsConfluentReadsIt() {
        JsonSchemaValidator validator = JsonSchemaValidator.of(prefixItems("http://example.com/our-own-draft"), Map.of());

        assertThat(validator.problems(json("[1]"))).isEmpty();
    }

    @Test
    void referencesAreFoundByTheirNameResolvedAgainstTheSchemasId() {
        String order = "{\"$id\":\"https://tillstream.io/schemas/order.json\",\"type\":\"object\","
            + "\"properties\":{\"mall\":{\"$ref\":\"mall.json\"}}}";
        JsonSchemaValidator validator = JsonSchemaValidator.of(order, Map.of("mall.json", "{\"enum\":[\"Kanyon\"]}"));

        assertThat(validator.problems(json("{\"mall\":\"Kanyon\"}"))).isEmpty();
        assertThat(validator.problems(json("{\"mall\":\"Metrocity\"}"))).singleElement().asString().startsWith("/mall: ");
    }

    @Test
    void aRefToAUrlThatIsNoReferenceIsNeverFetched() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/mall.json";
            JsonSchemaValidator validator = JsonSchemaValidator.of("{\"properties\":{\"mall\":{\"$ref\":\"" + url + "\"}}}",
                Map.of());

            assertThatThrownBy(() -> validator.problems(json("{\"mall\":1}"))).hasMessageContaining(url);
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSchemaThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> JsonSchemaValidator.of("{\"type\":", Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("the schema is not JSON: ");
    }

    private static String prefixItems(String draftUrl) {
        return "{\"$schema\":\"" + draftUrl + "\",\"type\":\"array\",\"prefixItems\":[{\"type\":\"string\"}]}";
    }

    private static JsonNode json(String text) {
        try {
            return JsonMapping.mapper(false, false).readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
