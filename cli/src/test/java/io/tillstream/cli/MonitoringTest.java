package io.tillstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.testing.TestClusters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics of every component, scraped by a real Prometheus (Debian's {@code prometheus}, which
 * {@code .ci/run} installs) while {@code demo} and a {@code generate} run; and the rules and the
 * dashboard of {@code docs/monitoring} checked against it and against {@code promtool}.
 */
class MonitoringTest {

    private static final Path MONITORING = Path.of("..", "docs", "monitoring").toAbsolutePath().normalize();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void promtoolAcceptsTheAlertRulesAndTheirUnitTestsPass() throws Exception {
        assertThat(run("promtool", "check", "rules", MONITORING.resolve("alerts.yml").toString())).contains("SUCCESS: 5 rules found");
        assertThat(run("promtool", "test", "rules", MONITORING.resolve("alerts-test.yml").toString())).contains("SUCCESS");
    }

    @Test
    void prometheusScrapesEveryComponentTheSeriesMoveAndEveryDashboardQueryAnswers() throws Exception {
        Path dataDir = temp.resolve("data");
        ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
        int brokerMetricsPort = freePort();
        Running demo = Running.start("demo", "--data-dir", dataDir.toString(), "--kafka-port", "" + ports.clientPort(),
            "--controller-port", "" + ports.controllerPort(), "--registry-port", "0", "--console-port", "0",
            "--http-port", "0", "--metrics-port", "" + brokerMetricsPort, "--rate", "50", "--seed", "5");
        Process prometheus = null;
        try {
            demo.await("Try,");
            String console = demo.find("Control Center +(http://\\S+)/#/sales");
            String registry = demo.find("Schema Registry +(http://\\S+)");
            String pipeline = demo.find("Sales processor +(http://[^/\\s]+)");
            Running generate = Running.start("generate", "--bootstrap-server", "127.0.0.1:" + ports.clientPort(),
                "--registry-url", registry, "--rate", "100", "--duration", "20s", "--metrics-port", "0", "--seed", "6");
            generate.await("Metrics at");
            String generator = generate.find("Metrics at (http://[^/\\s]+)/metrics");

            prometheus = startPrometheus(Map.of("tillstream-kafka", "127.0.0.1:" + brokerMetricsPort,
                "tillstream-console", hostPort(console), "tillstream-registry", hostPort(registry),
                "tillstream-pipeline", hostPort(pipeline), "tillstream-generator", hostPort(generator)));
            String api = "http://127.0.0.1:" + prometheusPort;

            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> query(api, "sum(up)").get(0).at("/value/1").asDouble() == 5);
            for (String job : List.of("tillstream-kafka", "tillstream-console", "tillstream-registry", "tillstream-pipeline",
                "tillstream-generator")) {
                assertThat(query(api, "jvm_memory_used_bytes{job=\"" + job + "\"}")).as(job + "'s JVM").isNotEmpty();
            }
            assertThat(value(api, "sum(kafka_controller_kafkacontroller_activecontrollercount{job=\"tillstream-console\"})"))
                .as("the console serves the brokers' metrics too").isEqualTo(1);
            assertThat(value(api, "sum(kafka_server_replicamanager_underreplicatedpartitions{job=\"tillstream-kafka\"})")).isZero();
            assertThat(value(api, "max(tillstream_registry_schemas)")).isGreaterThanOrEqualTo(1);
            assertThat(value(api, "sum(tillstream_registry_leader)")).isEqualTo(1);
            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                !query(api, "kafka_consumergroup_lag_sum{consumergroup=\"tillstream-pipeline\"}").isEmpty());
            assertThat(query(api, "kafka_producer_record_send_total{job=\"tillstream-generator\"}")).isNotEmpty();
            assertThat(query(api, "kafka_stream_thread_process_total")).isNotEmpty();

            List<String> moving = List.of(
                "sum(kafka_server_brokertopicmetrics_messagesin_total{job=\"tillstream-kafka\",topic=\"raw_data\"})",
                "sum(kafka_server_brokertopicmetrics_bytesout_total{job=\"tillstream-console\",topic=\"raw_data\"})",
                "sum(tillstream_pipeline_sales_accepted_total)",
                "sum(tillstream_pipeline_event_time_latency_seconds_count)",
                "sum(kafka_stream_thread_process_total)",
                "sum(tillstream_generator_records_sent_total)",
                "sum(tillstream_generator_records_acknowledged_total)",
                "sum(tillstream_generator_ack_latency_seconds_count)",
                "sum(http_server_requests_seconds_count{job=\"tillstream-registry\"})",
                "sum(tillstream_console_sample_duration_seconds_count)");
            Map<String, Double> before = new HashMap<>();
            for (String q : moving) {
                before.put(q, value(api, q));
            }
            for (String q : moving) {
                Awaitility.await(q).atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> value(api, q) > before.get(q));
            }
            assertThat(value(api, "sum(tillstream_generator_records_failed_total)")).isZero();

            List<String> unanswered = new ArrayList<>();
            for (String expr : dashboardQueries()) {
                if (query(api, expr.replace("$__rate_interval", "1m")).isEmpty()) {
                    unanswered.add(expr);
                }
            }
            assertThat(unanswered).as("dashboard queries with no series").isEmpty();

            JsonNode rules = get(api + "/api/v1/rules").at("/data/groups/0/rules");
            assertThat(rules).hasSize(5);
            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                JsonNode evaluated = get(api + "/api/v1/rules").at("/data/groups/0/rules");
                for (JsonNode rule : evaluated) {
                    if (!rule.get("health").asText().equals("ok")) {
                        return false;
                    }
                }
                return true;
            });
            generate.stop();
        } finally {
            if (prometheus != null) {
                prometheus.destroy();
                prometheus.waitFor(10, TimeUnit.SECONDS);
            }
            demo.stop();
        }
    }

    private int prometheusPort;

    private Process startPrometheus(Map<String, String> targets) throws Exception {
        StringBuilder config = new StringBuilder("""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - %s
            scrape_configs:
            """.formatted(MONITORING.resolve("alerts.yml")));
        targets.forEach((job, target) -> config.append("""
              - job_name: %s
                static_configs:
                  - targets: ['%s']
            """.formatted(job, target)));
        Path file = temp.resolve("prometheus.yml");
        Files.writeString(file, config);
        prometheusPort = freePort();
        Process process = new ProcessBuilder("prometheus", "--config.file=" + file, "--storage.tsdb.path=" + temp.resolve("tsdb"),
            "--web.listen-address=127.0.0.1:" + prometheusPort, "--log.level=warn")
            .redirectErrorStream(true).redirectOutput(temp.resolve("prometheus.log").toFile()).start();
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return process;
    }

    /** Every panel query of the dashboard. */
    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = JSON.readTree(MONITORING.resolve("tillstream-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.get("expr").asText())));
        assertThat(queries).hasSizeGreaterThan(20);
        return queries;
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode query(String api, String expr) throws Exception {
        return get(api + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).at("/data/result");
    }

    private static double value(String api, String expr) throws Exception {
        JsonNode result = query(api, expr);
        assertThat(result).as(expr).hasSize(1);
        return result.get(0).at("/value/1").asDouble();
    }

    private static String hostPort(String url) {
        return URI.create(url).getAuthority();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    /** A {@code tillstream} command running in this JVM on a thread of its own. */
    private record Running(CommandLine commandLine, StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {

        static Running start(String... args) {
            CommandLine commandLine = Tillstream.commandLine(args);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            return new Running(commandLine, out, err, CompletableFuture.supplyAsync(() -> commandLine.execute(args)));
        }

        void await(String line) {
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> out.toString().contains(line) || exit.isDone());
            assertThat(exit).as("still running; stderr: " + err).isNotDone();
        }

        String find(String pattern) {
            Matcher m = Pattern.compile(pattern).matcher(out.toString());
            assertThat(m.find()).as("'" + pattern + "' in " + out).isTrue();
            return m.group(1);
        }

        void stop() throws Exception {
            // demo runs until stopped; generate until its --duration is over.
            commandLine.getSubcommands().values().stream().map(CommandLine::getCommand)
                .filter(DemoCommand.class::isInstance).map(DemoCommand.class::cast).forEach(DemoCommand::stop);
            assertThat(exit.get(90, TimeUnit.SECONDS)).as("exit code; stderr: " + err).isZero();
        }
    }
}
