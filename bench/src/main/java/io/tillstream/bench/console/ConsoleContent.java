package io.tillstream.bench.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fills a cluster and its registry with what the Control Center benchmark browses, through Kafka's
 * Admin and producer clients and the registry's REST API only, so that the same content can be made
 * with and without a console: {@code topics} extra topics of 3 partitions, every fourth with records,
 * five consumer groups with committed offsets half way (so they lag), and a value subject with two
 * versions for each of the first 20 topics.
 * <p>
 * Usage: {@code ConsoleContent <bootstrap-servers> <registry-url> <topics>}
 */
public final class ConsoleContent {

    private static final int PARTITIONS = 3;
    private static final int RECORDS = 600;
    private static final int GROUPS = 5;
    private static final int SUBJECTS = 20;
    private static final String SCHEMA_V1 = "{\"type\": \"record\", \"name\": \"Return\", \"fields\": ["
        + "{\"name\": \"invoice_no\", \"type\": \"string\"}, {\"name\": \"amount\", \"type\": \"double\"}]}";
    private static final String SCHEMA_V2 = SCHEMA_V1.replace("}]}",
        "}, {\"name\": \"reason\", \"type\": [\"null\", \"string\"], \"default\": null}]}");

    private ConsoleContent() {
    }

    /** The name of the i-th topic, as the page timing finds it. */
    static String topic(int i) {
        return String.format("bench-topic-%03d", i);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ConsoleContent <bootstrap-servers> <registry-url> <topics>");
            System.exit(2);
        }
        String bootstrap = args[0];
        int topics = Integer.parseInt(args[2]);
        List<String> names = IntStream.range(0, topics).mapToObj(ConsoleContent::topic).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, PARTITIONS, (short) 1)).toList()).all().get();
            List<String> filled = IntStream.range(0, topics).filter(i -> i % 4 == 0).mapToObj(ConsoleContent::topic).toList();
            fill(bootstrap, filled);
            commitHalfWay(admin, filled);
        }
        registerSubjects(args[1], names.subList(0, Math.min(SUBJECTS, topics)));
        System.out.printf("%d topics (%d partitions each, every fourth with %d records), %d consumer groups, %d subjects%n",
            topics, PARTITIONS, RECORDS, GROUPS, Math.min(SUBJECTS, topics));
    }

    private static void fill(String bootstrap, List<String> topics) {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            for (String topic : topics) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, "R" + i,
                        "{\"invoice_no\": \"I" + (100000 + i) + "\", \"amount\": " + (i % 97) + ".5, \"reason\": \"size\"}"));
                }
            }
            producer.flush();
        }
    }

    /** Group i has offsets for every GROUPS-th filled topic, at half of each partition's end. */
    private static void commitHalfWay(Admin admin, List<String> filled) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = filled.stream()
            .flatMap(t -> IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(t, p)))
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        var endOffsets = admin.listOffsets(ends).all().get();
        for (int g = 0; g < GROUPS; g++) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int t = g; t < filled.size(); t += GROUPS) {
                for (int p = 0; p < PARTITIONS; p++) {
                    TopicPartition tp = new TopicPartition(filled.get(t), p);
                    offsets.put(tp, new OffsetAndMetadata(endOffsets.get(tp).offset() / 2));
                }
            }
            admin.alterConsumerGroupOffsets("bench-readers-" + g, offsets).all().get();
        }
    }

    private static void registerSubjects(String registry, List<String> topics) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        for (String topic : topics) {
            for (String schema : List.of(SCHEMA_V1, SCHEMA_V2)) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(registry + "/subjects/" + topic + "-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("schema", schema)))).build();
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("registering " + topic + "-value: " + answer.statusCode() + " " + answer.body());
                }
            }
        }
    }
}
