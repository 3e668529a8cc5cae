package io.tillstream.console;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.SerdeConfig;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Search and export against the real cluster and registry, on real Avro sales and a million-record topic. */
@ExtendWith(Environment.Extension.class)
class MessageSearchApiTest {

    /** Reads decimals as the export wrote them, 1500.40 keeping its scale. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A GET that may take minutes on a loaded machine: a scan of a million records. */
    private static Client.Response slowGet(Environment env, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(env.console().url() + path)).timeout(java.time.Duration.ofMinutes(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Client.Response(response.statusCode(), null, response.body());
    }

    /** The search's lines, parsed. */
    private static List<JsonNode> lines(Client.Response response) throws Exception {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.text().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static JsonNode end(List<JsonNode> lines) {
        JsonNode end = lines.get(lines.size() - 1);
        assertThat(end.get("type").asText()).isEqualTo("end");
        return end;
    }

    private record Produced(Sale sale, RecordMetadata at, String source) {
    }

    private static Map<String, Produced> produceSales(Environment env, String topic, int count) throws Exception {
        Map<String, Object> serde = Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, env.registryUrl(),
            SerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, true);
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(serde, false);
        Map<String, Produced> produced = new HashMap<>();
        SyntheticSales sales = new SyntheticSales(15, 200, Clock.systemUTC());
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of("bootstrap.servers", env.bootstrapServers()),
            new StringSerializer(), values)) {
            for (int i = 0; i < count; i++) {
                Sale sale = sales.next();
                String source = "till-" + (i % 4);
                ProducerRecord<String, Object> record = new ProducerRecord<>(topic, sale.getInvoiceNo().toString(), sale);
                record.headers().add(new RecordHeader("source", source.getBytes(StandardCharsets.UTF_8)));
                produced.put(sale.getInvoiceNo().toString(), new Produced(sale, producer.send(record).get(), source));
            }
        }
        return produced;
    }

    /** The export read back by Apache Commons CSV as RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> parseCsv(String text) throws IOException {
        assertThat(text).as("every row ends with CRLF").endsWith("\r\n");
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.RFC4180)) {
            return parser.stream().map(CSVRecord::toList).toList();
        }
    }

    @Test
    void exportedCsvAndJsonLinesHoldEveryProducedSaleDecoded(Environment env) throws Exception {
        Client client = new Client(env.console().url());
        String topic = "export-" + System.nanoTime();
        assertThat(client.post("/api/v1/topics", Map.of("name", topic, "partitions", 3)).status()).isEqualTo(201);
        Map<String, Produced> produced = produceSales(env, topic, 400);

        Client.Response jsonl = client.get("/api/v1/topics/" + topic + "/export?format=jsonl");
        assertThat(jsonl.status()).isEqualTo(200);
        String[] lines = jsonl.text().split("\n");
        assertThat(lines).hasSize(produced.size());
        for (String line : lines) {
            JsonNode row = JSON.readTree(line);
            Produced sent = produced.get(row.get("key").asText());
            assertThat(sent).as(line).isNotNull();
            assertThat(row.get("partition").asInt()).isEqualTo(sent.at().partition());
            assertThat(row.get("offset").asLong()).isEqualTo(sent.at().offset());
            assertThat(row.get("timestamp").asLong()).isEqualTo(sent.at().timestamp());
            assertThat(row.at("/headers/source").asText()).isEqualTo(sent.source());
            assertThat(row.at("/value/invoice_no").asText()).isEqualTo(sent.sale().getInvoiceNo().toString());
            assertThat(row.at("/value/shopping_mall").asText()).isEqualTo(sent.sale().getShoppingMall().toString());
            assertThat(row.at("/value/quantity").asInt()).isEqualTo(sent.sale().getQuantity());
            assertThat(new BigDecimal(row.at("/value/price").asText())).isEqualTo(sent.sale().getPrice());
        }

        List<List<String>> csv = parseCsv(client.get("/api/v1/topics/" + topic + "/export?format=csv").text());
        assertThat(csv.get(0)).containsExactly("partition", "offset", "timestamp", "key", "headers", "invoice_no",
            "customer_id", "gender", "age", "category", "quantity", "price", "payment_method", "invoice_date",
            "shopping_mall", "event_time", "value_other");
        assertThat(csv).hasSize(produced.size() + 1);
        for (List<String> row : csv.subList(1, csv.size())) {
            Produced sent = produced.get(row.get(3));
            assertThat(sent).as(row.toString()).isNotNull();
            assertThat(row.get(0)).isEqualTo(String.valueOf(sent.at().partition()));
            assertThat(row.get(1)).isEqualTo(String.valueOf(sent.at().offset()));
            assertThat(JSON.readTree(row.get(4)).get("source").asText()).isEqualTo(sent.source());
            assertThat(row.get(5)).isEqualTo(sent.sale().getInvoiceNo().toString());
            assertThat(row.get(11)).as("the price with its exact cents").isEqualTo(sent.sale().getPrice().toPlainString());
            assertThat(row.get(13)).isEqualTo(sent.sale().getInvoiceDate().toString());
            assertThat(row.get(14)).isEqualTo(sent.sale().getShoppingMall().toString());
            assertThat(row.get(16)).as("nothing beyond the columns").isEmpty();
        }

        long kanyon = produced.values().stream().filter(p -> p.sale().getShoppingMall().toString().equals("Kanyon")).count();
        List<List<String>> filtered = parseCsv(client.get("/api/v1/topics/" + topic + "/export?format=csv&partition=1&filter="
            + q("value.shopping_mall == \"Kanyon\"")).text());
        assertThat(filtered.subList(1, filtered.size())).allSatisfy(row -> {
            assertThat(row.get(0)).isEqualTo("1");
            assertThat(row.get(14)).isEqualTo("Kanyon");
        });
        assertThat((long) filtered.size() - 1).isEqualTo(produced.values().stream()
            .filter(p -> p.at().partition() == 1 && p.sale().getShoppingMall().toString().equals("Kanyon")).count());
        assertThat(kanyon).as("the filter had something to find").isPositive();

        ConsoleApiTest.assertError(client.get("/api/v1/topics/" + topic + "/export?format=xlsx"), 400, "bad_request");
    }

    @Test
    void aFilterFindsAKnownKeyAmongAMillionRecordsOrSaysHowFarItLooked(Environment env) throws Exception {
        String topic = MillionRecords.topic(env);
        String search = "/api/v1/topics/" + topic + "/search?filter=";

        List<JsonNode> found = lines(slowGet(env, search + q("key == \"" + MillionRecords.NEEDLE + "\"") + "&limit=1&budget=2000000"));
        JsonNode match = found.stream().filter(l -> l.get("type").asText().equals("match")).findFirst().orElseThrow();
        assertThat(match.at("/message/key/content").asText()).isEqualTo(MillionRecords.NEEDLE);
        assertThat(match.at("/message/value/content/n").asInt()).isEqualTo(MillionRecords.NEEDLE_INDEX);
        assertThat(match.at("/message/partition").asInt()).isEqualTo(MillionRecords.NEEDLE_INDEX % MillionRecords.PARTITIONS);
        assertThat(end(found).get("outcome").asText()).isEqualTo("limit");
        assertThat(end(found).get("matched").asLong()).isEqualTo(1);

        List<JsonNode> everything = lines(slowGet(env, search + q("key == \"missing\" || value.n == -1")
            + "&direction=oldest&budget=2000000"));
        JsonNode complete = end(everything);
        assertThat(complete.get("outcome").asText()).isEqualTo("complete");
        assertThat(complete.get("scanned").asLong()).isEqualTo(MillionRecords.COUNT);
        assertThat(complete.get("total").asLong()).isEqualTo(MillionRecords.COUNT);
        assertThat(complete.get("matched").asLong()).isZero();
        assertThat(everything).as("progress while it scanned").anyMatch(l -> l.get("type").asText().equals("progress"));

        JsonNode budget = end(lines(slowGet(env, search + q("key == \"" + MillionRecords.NEEDLE + "\"") + "&budget=1000")));
        assertThat(budget.get("outcome").asText()).isEqualTo("budget");
        assertThat(budget.get("scanned").asLong()).isEqualTo(1000);
        assertThat(budget.get("matched").asLong()).isZero();

        JsonNode misspelt = end(lines(slowGet(env, search + q("value.m == 1") + "&budget=10")));
        assertThat(misspelt.get("unevaluated").asLong()).isEqualTo(10);
        assertThat(misspelt.get("firstFailure").asText()).contains("'m'");
    }

    @Test
    void malformedOrHostileFiltersAreRefusedAtOnceWithWhereAndWhy(Environment env) throws Exception {
        Client client = new Client(env.console().url());
        String topic = MillionRecords.topic(env);
        String search = "/api/v1/topics/" + topic + "/search?filter=";
        String list = "[" + "1,".repeat(49) + "1]";
        Map<String, String> hostile = Map.of(
            "key ==", "line 1, column 7",
            "1 + 1", "bool",
            "key == \"" + "x".repeat(3_000) + "\"", "messages.filter.max.length",
            list + ".all(a, " + list + ".all(b, " + list + ".all(c, a + b + c > 0)))", "messages.filter.max.iterations",
            "(".repeat(200) + "true" + ")".repeat(200), "The filter is not valid",
            "size(valueText) > 0 && java.lang.Runtime.getRuntime() != null", "The filter is not valid");
        for (Map.Entry<String, String> filter : hostile.entrySet()) {
            long start = System.nanoTime();
            Client.Response refused = client.get(search + q(filter.getKey()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            ConsoleApiTest.assertError(refused, 400, "invalid_filter");
            String message = refused.body().at("/error/message").asText();
            assertThat(message).as(filter.getKey()).contains(filter.getValue()).doesNotContain("\n");
            assertThat(millis).as("refused before any record is read: " + filter.getKey()).isLessThan(5_000);
        }
        ConsoleApiTest.assertError(client.get("/api/v1/topics/" + topic + "/export?filter=" + q("key ==")), 400,
            "invalid_filter");
        ConsoleApiTest.assertError(client.get("/api/v1/topics/" + topic + "/search"), 400, "bad_request");
    }

    @Test
    void closingTheResponseCancelsTheScanAndFreesItsSlot(Environment env) throws Exception {
        String topic = MillionRecords.topic(env);
        try (ControlCenter console = env.startConsole(Map.of(ConsoleConfig.MESSAGES_MAX_CONCURRENT_SCANS_CONFIG, 1))) {
            Client client = new Client(console.url());
            // A hundred iterations on every record: the whole topic would take minutes.
            String slow = "/api/v1/topics/" + topic + "/search?direction=oldest&budget=100000000&filter="
                + q("[" + "1,".repeat(99) + "1].exists(x, valueText.contains(string(x) + \"never\"))");
            // A raw connection, closed as a browser drops a fetch it aborts (Java's HttpClient keeps its connection).
            URI url = URI.create(console.url());
            Socket socket = new Socket(url.getHost(), url.getPort());
            socket.getOutputStream().write(("GET " + slow + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
            long start = System.nanoTime();
            JsonNode progress = null;
            while (progress == null || System.nanoTime() - start < 2_000_000_000L) {
                String line = reader.readLine();
                if (line.startsWith("{\"type\":\"progress\"")) {
                    progress = JSON.readTree(line);
                }
            }
            double perMilli = progress.get("scanned").asDouble() / ((System.nanoTime() - start) / 1e6);
            long wholeMillis = (long) (MillionRecords.COUNT / Math.max(perMilli, 1e-3));
            ConsoleApiTest.assertError(client.get(slow), 429, "too_many_scans");

            long cancelled = System.nanoTime();
            socket.close();
            Client.Response next;
            do {
                Thread.sleep(50);
                next = client.get("/api/v1/topics/" + topic + "/search?budget=10&filter=" + q("key == \"x\""));
            } while (next.status() == 429 && System.nanoTime() - cancelled < 60_000_000_000L);
            long freedMillis = (System.nanoTime() - cancelled) / 1_000_000;
            assertThat(next.status()).as(next.text()).isEqualTo(200);
            assertThat(freedMillis).as("the scan stopped rather than ran to its end (about " + wholeMillis + " ms)")
                .isLessThan(wholeMillis / 4);
        }
    }

    @Test
    void anExportKafkaStopsFeedingMidwayEndsAsABrokenDownloadNotAsACompleteFile(Environment env) throws Exception {
        LocalCluster cluster = TestClusters.start(Files.createTempDirectory(env.dataDir(), "export-broken-").resolve("kafka"), 1);
        try (ControlCenter console = env.startConsole(Map.of(ConsoleConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ConsoleConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            String topic = "export-broken";
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                cluster.bootstrapServers(), "linger.ms", 20), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 300_000; i++) {
                    producer.send(new ProducerRecord<>(topic, "k" + i, "sale number " + i));
                }
            }
            // A raw connection that reads nothing until the broker is gone: the console is then midway, its writes
            // held back by the socket's buffers (the whole export is some 40 MB).
            URI url = URI.create(console.url());
            try (Socket socket = new Socket(url.getHost(), url.getPort())) {
                socket.getOutputStream().write(("GET /api/v1/topics/" + topic + "/export?format=jsonl HTTP/1.1\r\nHost: "
                    + url.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(2_000);
                cluster.close();
                String download = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(download).startsWith("HTTP/1.1 200 OK").contains("Transfer-Encoding: chunked")
                    .contains("\"value\":\"sale number 0\"");
                assertThat(download).as("no error appended to the rows").doesNotContain("\"error\"");
                assertThat(download).as("no last chunk: the transfer is broken, not complete").doesNotEndWith("\r\n0\r\n\r\n");
            }
        } finally {
            cluster.close();
        }
    }
}
