package io.tillstream.pipeline.query;

import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.pipeline.topology.LatencyHistogram;
import io.tillstream.security.HttpAccess;
import io.tillstream.security.UsersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The query API with a users file: everyone signs in, only admins reset the latency histogram. */
class HttpApiAccessTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static HttpResponse<String> send(String method, String url, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withAUsersFileEveryRequestSignsInAndOnlyAnAdminDeletes() throws Exception {
        UsersFile users = UsersFile.read(Files.writeString(dir.resolve("users"), "ada: a,admin\nvic: v,viewer\n"));
        LatencyHistogram latency = new LatencyHistogram();
        HttpApi api = HttpApi.create("127.0.0.1", 0, latency, new MetricsEndpoint(), new HttpAccess(users, Set.of()), null, Optional.empty());
        api.start();
        try {
            String base = "http://127.0.0.1:" + api.port();
            HttpResponse<String> anonymous = send("GET", base + "/api/v1/metrics/latency", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
            assertThat(send("GET", base + "/api/v1/metrics/latency", "vic:wrong").statusCode()).isEqualTo(401);
            assertThat(send("GET", base + "/api/v1/metrics/latency", "vic:v").statusCode()).isEqualTo(200);
            assertThat(send("DELETE", base + "/api/v1/metrics/latency", null).statusCode()).isEqualTo(401);
            HttpResponse<String> viewerDelete = send("DELETE", base + "/api/v1/metrics/latency", "vic:v");
            assertThat(viewerDelete.statusCode()).isEqualTo(403);
            assertThat(viewerDelete.body()).contains("vic may only read");
            assertThat(send("DELETE", base + "/api/v1/metrics/latency", "ada:a").statusCode()).isEqualTo(204);
        } finally {
            api.close();
        }
    }

    private static String statusLine(int port, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /api/v1/metrics/latency HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void withoutUsersOnlyRequestsNamingThisServerAreAnsweredAgainstDnsRebinding() throws Exception {
        HttpApi api = HttpApi.create("127.0.0.1", 0, new LatencyHistogram(), new MetricsEndpoint(), null, null, Optional.empty());
        api.start();
        try {
            assertThat(statusLine(api.port(), "127.0.0.1:" + api.port())).isEqualTo("HTTP/1.1 200 OK");
            assertThat(statusLine(api.port(), "localhost")).isEqualTo("HTTP/1.1 200 OK");
            assertThat(statusLine(api.port(), "rebound.example.net:" + api.port())).isEqualTo("HTTP/1.1 403 Forbidden");
        } finally {
            api.close();
        }
    }
}
