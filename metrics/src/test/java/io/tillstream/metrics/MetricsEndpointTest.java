package io.tillstream.metrics;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsEndpointTest {

    private final MetricsEndpoint endpoint = new MetricsEndpoint();
    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void serve() {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/items/{id}", ctx -> ctx.result("item " + ctx.pathParam("id")));
            endpoint.addTo(config);
        }).start();
    }

    @Test
    void servesOwnMetersJvmMetricsAndRequestsByRouteTemplate() throws Exception {
        endpoint.registry().counter("sales.accepted").increment(3);
        serve();
        get("/items/1", null);
        get("/items/2", null);
        get("/nothing/here", null);

        HttpResponse<String> scrape = get("/metrics", null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(scrape.body())
            .contains("sales_accepted_total 3.0")
            .contains("jvm_memory_used_bytes{")
            .contains("jvm_threads_live_threads")
            .contains("jvm_gc_")
            .contains("process_uptime_seconds")
            .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/items/{id}\",status=\"200\"} 2")
            .contains("http_server_requests_seconds_count{method=\"GET\",route=\"UNMATCHED\",status=\"404\"} 1")
            .contains("http_server_requests_seconds_bucket{")
            .doesNotContain("/items/1\"");
    }

    @Test
    void answersOpenMetricsWhenAskedAndTextForUnknownTypes() throws Exception {
        serve();
        HttpResponse<String> open = get("/metrics", "application/openmetrics-text; version=1.0.0");
        assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/openmetrics-text"));
        assertThat(open.body()).endsWith("# EOF\n");

        HttpResponse<String> unknown = get("/metrics", "application/x-unknown");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(unknown.body()).doesNotContain("# EOF");
    }
}
