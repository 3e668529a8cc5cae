package io.tillstream.pipeline.testing;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** Sales sent to a topic as the generator sends them (Avro through the registry), and the totals expected of them. */
public final class GeneratedSales {

    /** What an aggregate should hold for a group, computed from the sales themselves with BigDecimal. */
    public record Group(BigDecimal revenue, long quantity, long invoices) {
        Group plus(Sale sale) {
            return new Group(revenue.add(sale.getPrice()), quantity + sale.getQuantity(), invoices + 1);
        }
    }

    private final List<Sale> sales = new ArrayList<>();
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
            for (int i = 0; i < count; i++) {
                Sale sale = synthetic.next();
                sales.add(sale);
                producer.send(new ProducerRecord<>(topic, sale.getInvoiceNo(), sale));
            }
            producer.flush();
        }
        return this;
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
