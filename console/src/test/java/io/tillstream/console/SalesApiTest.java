package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code /api/v1/sales/{view}} in front of a real sales pipeline over the test cluster and registry. */
@ExtendWith(Environment.Extension.class)
class SalesApiTest {

    private static final int SALES = 2_000;

    private static void assertError(Client.Response response, int status, String code, String... says) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.body().at("/error/code").asText()).isEqualTo(code);
        String message = response.body().at("/error/message").asText();
        assertThat(message).isNotBlank();
        for (String part : says) {
            assertThat(message).contains(part);
        }
        assertThat(response.text()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void everyViewIsThePipelinesOwnAnswerUntilThePipelineStops(Environment env) throws Exception {
        try (SalesFixture sales = SalesFixture.start(env);
             ControlCenter console = env.startConsole(Map.of(ConsoleConfig.SALES_API_URL_CONFIG, sales.url() + "/"))) {
            Client proxied = new Client(console.url());
            Client pipeline = new Client(sales.url());
            assertThat(proxied.get("/api/v1/info").body().get("salesApi").asBoolean()).isTrue();

            sales.send(SALES, "max");
            await().atMost(Duration.ofSeconds(60)).until(() -> sales.invoicesCounted() == SALES);

            for (String view : List.of("by-mall", "by-category", "by-payment-method", "by-day", "top-customers?limit=5",
                "per-minute?minutes=15", "dead-letters")) {
                Client.Response answer = proxied.get("/api/v1/sales/" + view);
                assertThat(answer.status()).as(view + ": " + answer.text()).isEqualTo(200);
                assertThat(answer.text()).as(view).isEqualTo(pipeline.get("/api/v1/sales/" + view).text());
            }
            JsonNode byMall = proxied.get("/api/v1/sales/by-mall").body().get("rows");
            assertThat(byMall).hasSizeGreaterThan(5);
            assertThat(byMall.findValues("invoices").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(SALES);
            // Money keeps the pipeline's exact two decimals on the way through.
            assertThat(proxied.get("/api/v1/sales/by-mall").text()).containsPattern("\"revenue\":\\d+\\.\\d\\d[,}]");
            assertThat(proxied.get("/api/v1/sales/top-customers?limit=3").body().get("rows")).hasSize(3);

            assertError(proxied.get("/api/v1/sales/top-customers?limit=0"), 400, "bad_request", "limit");
            assertError(proxied.get("/api/v1/sales/per-minute?minutes=lots"), 400, "bad_request", "minutes", "'lots'");
            assertError(proxied.get("/api/v1/sales/by-mall?local=true"), 400, "bad_request", "by-mall takes no parameters",
                "'local'");
            assertError(proxied.get("/api/v1/sales/top-customers?limit=3&minutes=2"), 400, "bad_request", "only limit");
            assertError(proxied.get("/api/v1/sales/customers"), 404, "not_found", "no sales view 'customers'", "by-mall");

            String url = sales.url();
            sales.close();
            assertError(proxied.get("/api/v1/sales/by-mall"), 503, "sales_unavailable", url, "tillstream process");
            assertError(proxied.get("/api/v1/sales/dead-letters"), 503, "sales_unavailable", url);
        }
    }

    @Test
    void withoutASalesApiEveryViewSaysHowToConnectOne(Environment env) {
        Client client = new Client(env.console().url());

        assertThat(client.get("/api/v1/info").body().get("salesApi").asBoolean()).isFalse();
        assertError(client.get("/api/v1/sales/by-mall"), 404, "sales_not_configured", "tillstream demo",
            "--sales-api-url http://host:7070", "tillstream process");
        assertError(client.get("/api/v1/sales/top-customers?limit=10"), 404, "sales_not_configured");
    }

    @Test
    void aSalesApiUrlMustBeAnHttpUrl(Environment env) {
        assertThatThrownBy(() -> new ConsoleConfig(Map.of(ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            ConsoleConfig.SALES_API_URL_CONFIG, "localhost:7070")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("sales.api.url")
            .hasMessageContaining("http://127.0.0.1:7070");
    }
}
