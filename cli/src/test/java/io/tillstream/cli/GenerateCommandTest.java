package io.tillstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.registry.testing.KafkaWithRegistry;
import io.tillstream.retail.Category;
import io.tillstream.retail.DatasetValue;
import io.tillstream.retail.PaymentMethod;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleDecoder;
import io.tillstream.retail.SaleRules;
import io.tillstream.retail.ShoppingMall;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.KafkaAvroDeserializer;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GenerateCommandTest {

    private static final String HEADER = "invoice_no,customer_id,gender,age,category,quantity,price,payment_method,invoice_date,shopping_mall";
    private static final String UNREACHABLE = "127.0.0.1:1";

    @TempDir
    static Path dir;
    private static final KafkaWithRegistry stack = KafkaWithRegistry.shared();

    @Test
    void aSyntheticRunOfAHundredThousandRecordsArrivesCompleteWithTheDatasetsShares() throws Exception {
        String topic = topic("synthetic", 3);

        Cli.Result result = generate("--topic", topic, "--rate", "max", "--count", "100000", "--seed", "7");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Seed 7: --seed 7 repeats this stream.\n")
            .contains("Sent:                100000\n", "Acknowledged:        100000\n", "Failed:              0\n");
        List<Sale> sales = consumeSales(topic, 100_000);
        assertThat(sales).hasSize(100_000);
        assertThat(sales.stream().map(Sale::getInvoiceNo).collect(Collectors.toSet())).hasSize(100_000);
        assertShares(sales, Sale::getCategory, Category.values());
        assertShares(sales, Sale::getShoppingMall, ShoppingMall.values());
        assertShares(sales, Sale::getPaymentMethod, PaymentMethod.values());
    }

    @Test
    void aConsumerWithTheSerdeDeserializerReadsBackTheSalesTheSeedGivesKeyedByTheChosenField() throws Exception {
        String topic = topic("seeded", 2);

        Cli.Result result = generate("--topic", topic, "--rate", "max", "--count", "2000", "--seed", "42",
            "--customers", "50", "--key", "customer_id");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Map<String, Sale> expected = new HashMap<>();
        SyntheticSales model = new SyntheticSales(42, 50, Clock.systemUTC());
        for (int i = 0; i < 2000; i++) {
            Sale sale = model.next();
            expected.put(sale.getInvoiceNo(), sale);
        }
        List<ConsumerRecord<String, Object>> records = consume(topic, 2000, new StringDeserializer(), avroValues());
        assertThat(records).hasSize(2000).allSatisfy(record -> {
            Sale sale = (Sale) record.value();
            assertThat(record.key()).isEqualTo(sale.getCustomerId());
            Sale twin = expected.get(sale.getInvoiceNo());
            assertThat(twin).as(sale.getInvoiceNo()).isNotNull();
            // Only the emission time (and with it, across midnight in Istanbul, the date) differs.
            assertThat(sale.getInvoiceDate()).isBetween(twin.getInvoiceDate(), twin.getInvoiceDate().plusDays(1));
            twin.setEventTime(sale.getEventTime());
            twin.setInvoiceDate(sale.getInvoiceDate());
            assertThat(sale).isEqualTo(twin);
        });
    }

    @Test
    void aCsvWithBadRowsDeliversExactlyTheGoodOnesAndReportsExactlyTheBadOnesByLine() throws Exception {
        String topic = topic("csv", 2);
        Path file = Files.writeString(dir.resolve("mixed.csv"), String.join("\n",
            HEADER,
            "I138884,C241288,Female,28,Clothing,5,1500.4,Credit Card,5/8/2022,Kanyon",
            "I317333,C111565,Male,21,Shoes,3,1800.51,Debit Card,12/12/2021",
            "I127801,C266599,Male,20,Clothing,1,300.08,Cash,9/11/2021,Metrocity",
            "I173702,C988172,Female,twenty,Shoes,5,3000.85,Credit Card,16/05/2021,Metropol AVM",
            "I337046,C189076,Female,53,Books,4,60.6,Cash,24-10-2022,Kanyon",
            "I227836,C657758,Female,24,Jewellery,5,5250,Cash,24/05/2022,Forum Istanbul",
            "I121056,C151197,Female,49,Cosmetics,1,40.66,Cash,2022-03-13,Istinye Park",
            "I293112,C176086,Female,32,Clothing,2,999.99,Credit Card,13/01/2021,Mall of Istanbul",
            "I293455,C159642,Male,69,Clothing,3,900.24,Credit Card,31/02/2021,Metrocity",
            "I326945,C283361,Female,60,Clothing,2,600.16,Credit Card,8/11/2021,Kanyon") + "\n");
        Path rejects = dir.resolve("mixed-rejects.csv");

        Cli.Result result = generate("--topic", topic, "--rate", "max", "--source", "csv", "--file", file.toString(),
            "--rejects", rejects.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err().lines().toList()).containsExactly(
            file + ":3: expected 10 columns, found 9",
            file + ":5: age 'twenty' is not a whole number",
            file + ":7: unknown category 'Jewellery'",
            file + ":9: price 999.99 is not 2 x 300.08 = 600.16",
            file + ":10: invoice_date '31/02/2021' is not a real date: Invalid date 'FEBRUARY 31'");
        assertThat(result.out()).contains("Sent:                5\n", "Rejected input rows: 5\n");
        List<String> rejected = Files.readAllLines(rejects);
        assertThat(rejected).hasSize(6);
        assertThat(rejected.get(0)).isEqualTo("line,reason,row");
        assertThat(rejected.subList(1, 6)).extracting(line -> line.substring(0, line.indexOf(',')))
            .containsExactly("3", "5", "7", "9", "10");
        assertThat(rejected.get(2)).isEqualTo("5,\"age 'twenty' is not a whole number\","
            + "\"I173702,C988172,Female,twenty,Shoes,5,3000.85,Credit Card,16/05/2021,Metropol AVM\"");
        assertThat(consumeSales(topic, 5)).extracting(Sale::getInvoiceNo)
            .containsExactlyInAnyOrder("I138884", "I127801", "I337046", "I121056", "I326945");
    }

    @Test
    void jsonOutputHasTheOriginalProducersShapeFieldForFieldWithoutTouchingTheRegistry() throws Exception {
        String topic = topic("json", 1);

        Cli.Result result = generate("--topic", topic, "--rate", "max", "--count", "50", "--format", "json",
            "--registry-url", "http://" + UNREACHABLE);

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 50, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assertThat(records).hasSize(50).allSatisfy(record -> {
            String valueText = new String(record.value(), StandardCharsets.UTF_8);
            JsonNode key = json.readTree(record.key());
            JsonNode value = json.readTree(valueText);
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                .isEqualTo("{\"invoice_no\": \"" + value.get("invoice_no").asText() + "\"}");
            assertThat(key.size()).isEqualTo(1);
            List<String> names = new ArrayList<>();
            value.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly(HEADER.split(","));
            for (String text : List.of("invoice_no", "customer_id", "gender", "category", "quantity", "payment_method",
                "invoice_date", "shopping_mall")) {
                assertThat(value.get(text).isTextual()).as(text).isTrue();
            }
            assertThat(value.get("age").isInt()).isTrue();
            assertThat(value.get("price").isDouble()).isTrue();
            assertThat(value.get("quantity").asText()).matches("[1-5]");
            assertThat(value.get("invoice_date").asText()).matches("\\d{4}-\\d{2}-\\d{2} 00:00:00");
            assertThat(valueText).startsWith("{\"invoice_no\": \"I").contains("\", \"customer_id\": \"C");
        });
    }

    @ParameterizedTest
    @CsvSource({"jsonschema, JSON", "protobuf, PROTOBUF"})
    void jsonSchemaAndProtobufOutputRegistersItsSchemaTypeAndDecodesToValidSalesKeyedByInvoice(String format, String schemaType)
        throws Exception {
        String topic = topic(format, 1);

        Cli.Result result = generate("--topic", topic, "--rate", "max", "--count", "200", "--format", format);

        assertThat(result.exitCode()).as(result.err()).isZero();
        Map<String, Object> settings = Map.of("schema.registry.url", stack.registryUrl());
        try (CachedSchemaRegistryClient registry = new CachedSchemaRegistryClient(settings)) {
            assertThat(registry.getLatestVersion(topic + "-value").definition().schemaType()).isEqualTo(schemaType);
            SaleDecoder decoder = new SaleDecoder(registry, settings);
            List<ConsumerRecord<String, byte[]>> records = consume(topic, 200, new StringDeserializer(), new ByteArrayDeserializer());
            assertThat(records).hasSize(200).allSatisfy(record -> {
                Sale sale = decoder.decode(topic, record.value());
                assertThat(SaleRules.check(sale)).isEmpty();
                assertThat(record.key()).isEqualTo(sale.getInvoiceNo());
            });
        }
    }

    @Test
    void anUnreachableBrokerFailsWithOneLineAndNothingSent() {
        Cli.Result result = generate("--bootstrap-server", UNREACHABLE, "--timeout", "3s", "--count", "10");

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).startsWith("error: cannot reach Kafka at " + UNREACHABLE + " within 3s").hasLineCount(1);
        assertThat(result.out()).doesNotContain("Sent:", "Acknowledged:");
    }

    @Test
    void anUnreachableRegistryFailsWithOneLineNamingItsUrlAndNothingSent() throws Exception {
        String topic = topic("no-registry", 1);

        Cli.Result result = generate("--topic", topic, "--registry-url", "http://" + UNREACHABLE, "--timeout", "3s",
            "--count", "10");

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).startsWith("error: ").contains("http://" + UNREACHABLE, "nothing was sent").hasLineCount(1);
        assertThat(result.out()).doesNotContain("Sent:");
        assertThat(consume(topic, 1, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void countAndDurationEachStopTheRun() throws Exception {
        Cli.Result counted = generate("--topic", topic("count", 1), "--rate", "max", "--count", "30");
        assertThat(counted.out()).contains("Sent:                30\n", "Acknowledged:        30\n");

        long start = System.nanoTime();
        Cli.Result timed = generate("--topic", topic("duration", 1), "--rate", "50", "--duration", "1s");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(timed.exitCode()).as(timed.err()).isZero();
        long sent = Long.parseLong(timed.out().replaceAll("(?s).*Sent: +(\\d+)\n.*", "$1"));
        assertThat(sent).isBetween(40L, 51L);
        assertThat(seconds).isLessThan(6);
    }

    @Test
    void aRateOf200For400RecordsTakesAboutTwoSeconds() throws Exception {
        String topic = topic("paced", 1);
        long start = System.nanoTime();

        Cli.Result result = generate("--topic", topic, "--rate", "200", "--count", "400");

        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Acknowledged:        400\n");
        assertThat(seconds).isBetween(1.5, 6.0);
    }

    @Test
    void aMissingFileOrWrongHeaderIsOneLineAndAUsageError() throws Exception {
        Path missing = dir.resolve("absent.csv");
        Cli.Result absent = generate("--source", "csv", "--file", missing.toString());
        assertThat(absent.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(absent.err()).isEqualTo("error: " + missing + ": no such file\n");

        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "id,amount\n1,2\n");
        Cli.Result header = generate("--source", "csv", "--file", wrong.toString());
        assertThat(header.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(header.err()).startsWith("error: " + wrong + ":1: the header must be invoice_no,").hasLineCount(1);

        Cli.Result noFile = generate("--source", "csv");
        assertThat(noFile.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noFile.err()).contains("file").hasLineCount(1);

        Cli.Result badRate = generate("--rate", "fast");
        assertThat(badRate.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badRate.err()).contains("rate", "max").hasLineCount(1);
    }

    /** Runs generate against the test cluster and registry, unless {@code args} name others. */
    private static Cli.Result generate(String... args) {
        List<String> all = new ArrayList<>(List.of("generate"));
        all.addAll(List.of(args));
        if (!all.contains("--bootstrap-server")) {
            all.addAll(List.of("--bootstrap-server", stack.bootstrapServers()));
        }
        if (!all.contains("--registry-url")) {
            all.addAll(List.of("--registry-url", stack.registryUrl()));
        }
        return Cli.run(all.toArray(String[]::new));
    }

    private static String topic(String prefix, int partitions) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
        return name;
    }

    private static Deserializer<Object> avroValues() {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", stack.registryUrl(), "specific.avro.reader", true), false);
        return deserializer;
    }

    private static List<Sale> consumeSales(String topic, int expected) {
        return consume(topic, expected, new ByteArrayDeserializer(), avroValues()).stream()
            .map(record -> (Sale) record.value()).toList();
    }

    private static <K, V> List<ConsumerRecord<K, V>> consume(String topic, int expected, Deserializer<K> keys,
                                                             Deserializer<V> values) {
        return consume(topic, expected, keys, values, Duration.ofSeconds(60));
    }

    /** Reads the topic from the start until {@code expected} records arrived or {@code patience} passed. */
    private static <K, V> List<ConsumerRecord<K, V>> consume(String topic, int expected, Deserializer<K> keys,
                                                             Deserializer<V> values, Duration patience) {
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrapServers(),
            "max.poll.records", 5000), keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + patience.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static <E extends DatasetValue> void assertShares(List<Sale> sales, Function<Sale, String> field, E[] values) {
        Map<String, Long> counts = new HashMap<>();
        sales.forEach(sale -> counts.merge(field.apply(sale), 1L, Long::sum));
        double total = 0;
        for (E value : values) {
            total += value.share();
        }
        Set<String> labels = new HashSet<>();
        for (E value : values) {
            labels.add(value.label());
            double actual = 100.0 * counts.getOrDefault(value.label(), 0L) / sales.size();
            assertThat(actual).as(value.label()).isCloseTo(100 * value.share() / total, within(1.0));
        }
        assertThat(counts.keySet()).isEqualTo(labels);
    }
}
