package io.tillstream.pipeline.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleJsonSchema;
import io.tillstream.retail.SaleProtobuf;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.JsonSchemaEnvelope;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.KafkaJsonSchemaSerializer;
import io.tillstream.serde.KafkaProtobufSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Sales sent to a topic as the generator sends them (Avro through the registry, or every format in turn), and the totals expected of them. */
public final class GeneratedSales {

    /** What an aggregate should hold for a group, computed from the sales themselves with BigDecimal. */
    public record Group(BigDecimal revenue, long quantity, long invoices) {
        Group plus(Sale sale) {
            return new Group(revenue.add(sale.getPrice()), quantity + sale.getQuantity(), invoices + 1);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Sale> sales = new ArrayList<>();
    private final List<Format> formats = new ArrayList<>();
    private final SyntheticSales synthetic;

    /** Sales drawn with {@code seed}: the same seed gives the same sales, apart from their time. */
    public GeneratedSales(long seed) {
        this.synthetic = new SyntheticSales(seed, 2_000, Clock.systemUTC());
    }

    /** Sends the next {@code count} sales, and remembers them. */
    public synchronized GeneratedSales send(TestPlatform platform, String topic, int count) {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
            "schema.registry.url", platform.registryUrl()), new StringSerializer(), avroSerializer(platform))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Sale sale = synthetic.next();
                sales.add(sale);
                formats.add(Format.AVRO);
                acks.add(producer.send(new ProducerRecord<>(topic, sale.getInvoiceNo(), sale)));
            }
            awaitAcks(topic, acks);
        }
        return this;
    }

    /** The formats a {@code raw_data} record may come in, in the order {@link #sendInEveryFormat} takes turns. */
    public enum Format { AVRO, JSON_SCHEMA, PROTOBUF, ORIGINAL_JSON }

    /**
     * Sends the next {@code count} sales taking turns in every {@link Format}: Avro, JSON Schema and
     * Protobuf through the registry, as {@code generate --format avro|jsonschema|protobuf} writes them,
     * and the original Python producer's plain JSON (written here, not by the generator: quantity as a
     * string, the price a Python float, the date a Python datetime, the key {@code {"invoice_no": ...}}).
     * JSON Schema and Protobuf are registered under subjects of their own, since a subject holds one
     * schema type and {@code <topic>-value} is Avro's. Remembers the sales and what each was sent as.
     */
    public synchronized GeneratedSales sendInEveryFormat(TestPlatform platform, String topic, int count) {
        Map<String, Object> registry = Map.of("schema.registry.url", platform.registryUrl());
        try (KafkaAvroSerializer avro = avroSerializer(platform);
             KafkaJsonSchemaSerializer<JsonNode> jsonSchema = new KafkaJsonSchemaSerializer<>();
             KafkaProtobufSerializer<Message> protobuf = new KafkaProtobufSerializer<>();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                 ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                 new ByteArraySerializer(), new ByteArraySerializer())) {
            jsonSchema.configure(registry, false);
            protobuf.configure(registry, false);
            List<Future<RecordMetadata>> acks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Sale sale = synthetic.next();
                Format format = Format.values()[i % Format.values().length];
                byte[] key = sale.getInvoiceNo().getBytes(StandardCharsets.UTF_8);
                byte[] value = switch (format) {
                    case AVRO -> avro.serialize(topic, sale);
                    case JSON_SCHEMA -> jsonSchema.serialize(topic + "-jsonschema",
                        JsonSchemaEnvelope.of(SaleJsonSchema.SCHEMA, SaleJsonSchema.toJson(sale)));
                    case PROTOBUF -> protobuf.serialize(topic + "-protobuf", SaleProtobuf.toMessage(sale));
                    case ORIGINAL_JSON -> originalProducerJson(sale);
                };
                if (format == Format.ORIGINAL_JSON) {
                    key = JSON.writeValueAsBytes(JSON.createObjectNode().put("invoice_no", sale.getInvoiceNo()));
                }
                sales.add(sale);
                formats.add(format);
                acks.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            awaitAcks(topic, acks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /**
     * Waits for every send to be acknowledged: the expected totals count every sale remembered, so a send that
     * failed must fail the test here, naming why, rather than as a total short by a batch.
     */
    private static void awaitAcks(String topic, List<Future<RecordMetadata>> acks) {
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("sale " + (i + 1) + " of " + acks.size() + " was not written to " + topic
                    + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] originalProducerJson(Sale sale) throws JsonProcessingException {
        return JSON.writeValueAsBytes(JSON.createObjectNode()
            .put("invoice_no", sale.getInvoiceNo())
            .put("customer_id", sale.getCustomerId())
            .put("gender", sale.getGender())
            .put("age", sale.getAge())
            .put("category", sale.getCategory())
            .put("quantity", Integer.toString(sale.getQuantity()))
            // Python's float: Java's Double.toString writes these prices alike (1500.4, 1050.0).
            .put("price", sale.getPrice().doubleValue())
            .put("payment_method", sale.getPaymentMethod())
            .put("invoice_date", sale.getInvoiceDate() + " 00:00:00")
            .put("shopping_mall", sale.getShoppingMall()));
    }

    /** How many of the sales were sent in {@code format}. */
    public synchronized long sentAs(Format format) {
        return formats.stream().filter(format::equals).count();
    }

    /** Sends one record as it is, returning where it landed. */
    public static RecordMetadata sendRaw(TestPlatform platform, String topic, byte[] key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static KafkaAvroSerializer avroSerializer(TestPlatform platform) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
        return serializer;
    }

    public synchronized List<Sale> sales() {
        return sales;
    }

    public synchronized Map<String, Group> totalsBy(Function<Sale, String> group) {
        Map<String, Group> totals = new HashMap<>();
        for (Sale sale : sales) {
            totals.compute(group.apply(sale), (key, sum) -> (sum == null ? new Group(BigDecimal.ZERO.setScale(2), 0, 0) : sum)
                .plus(sale));
        }
        return totals;
    }

    public Map<String, Group> byMall() {
        return totalsBy(Sale::getShoppingMall);
    }

    public Map<String, Group> byCategory() {
        return totalsBy(Sale::getCategory);
    }

    public Map<String, Group> byPaymentMethod() {
        return totalsBy(Sale::getPaymentMethod);
    }

    public Map<String, Group> byDay() {
        return totalsBy(sale -> sale.getInvoiceDate().toString());
    }

    /** Keyed by the window's start, as the API keys minutes. */
    public Map<String, Group> perMinute() {
        return totalsBy(sale -> sale.getEventTime().truncatedTo(ChronoUnit.MINUTES).toString());
    }

    /** The {@code limit} customers with the highest revenue, highest first, ties by id. */
    public Map<String, Group> topCustomers(int limit) {
        Map<String, Group> top = new LinkedHashMap<>();
        totalsBy(Sale::getCustomerId).entrySet().stream()
            .sorted(Map.Entry.<String, Group>comparingByValue(Comparator.comparing(Group::revenue).reversed())
                .thenComparing(Map.Entry.comparingByKey()))
            .limit(limit)
            .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
        return top;
    }

    public String firstMinute() {
        return sales.get(0).getEventTime().truncatedTo(ChronoUnit.MINUTES).toString();
    }
}
