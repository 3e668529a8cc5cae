package io.tillstream.pipeline.query;

import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.pipeline.testing.PipelineApi;
import io.tillstream.pipeline.topology.LatencyHistogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query routes' parameters, checked before any store is read. The API here has no Kafka Streams
 * to answer from, so a request whose parameters pass gets 503 "not started", and one whose
 * parameters do not gets 400 saying what is allowed.
 */
class QueryParameterBoundsTest {

    private static final HttpApi API = startedApi();
    private static final PipelineApi CLIENT = new PipelineApi("http://127.0.0.1:" + API.port());

    private static HttpApi startedApi() {
        HttpApi api = HttpApi.create("127.0.0.1", 0, new LatencyHistogram(), new MetricsEndpoint(), null, null, java.util.Optional.empty());
        api.start();
        return api;
    }

    @AfterAll
    static void stop() {
        API.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "/api/v1/sales/top-customers?limit=0      | limit must be a whole number from 1 to 10000, not '0'",
        "/api/v1/sales/top-customers?limit=10001  | limit must be a whole number from 1 to 10000, not '10001'",
        "/api/v1/sales/top-customers?limit=ten    | limit must be a whole number from 1 to 10000, not 'ten'",
        "/api/v1/sales/top-customers?limit=2.5    | limit must be a whole number from 1 to 10000, not '2.5'",
        "/api/v1/sales/per-minute?minutes=0       | minutes must be a whole number from 1 to 10080, not '0'",
        "/api/v1/sales/per-minute?minutes=10081   | minutes must be a whole number from 1 to 10080, not '10081'",
        "/api/v1/sales/per-minute?from=yesterday  | from must be an ISO instant like 2024-05-01T10:05:00Z, not 'yesterday'",
        "/api/v1/sales/per-minute?to=2024-05-01   | to must be an ISO instant like 2024-05-01T10:05:00Z, not '2024-05-01'"})
    void aParameterOutsideItsBoundsIsRefusedWith400SayingWhatIsAllowed(String path, String message) {
        PipelineApi.Response response = CLIENT.get(path);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("error").asText()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/api/v1/sales/top-customers",
        "/api/v1/sales/top-customers?limit=1",
        "/api/v1/sales/top-customers?limit=10000",
        "/api/v1/sales/per-minute",
        "/api/v1/sales/per-minute?minutes=1",
        "/api/v1/sales/per-minute?minutes=10080",
        "/api/v1/sales/per-minute?from=2024-05-01T10:05:00Z&to=2024-05-01T11:05:00Z"})
    void aParameterWithinItsBoundsGetsAsFarAsTheStores(String path) {
        PipelineApi.Response response = CLIENT.get(path);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body().get("error").asText()).isEqualTo("Kafka Streams is not started yet; retry");
    }
}
