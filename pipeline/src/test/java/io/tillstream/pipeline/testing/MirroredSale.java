package io.tillstream.pipeline.testing;

import io.tillstream.retail.Sale;
import io.tillstream.serde.WireFormat;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A valid sale written with a schema ID this registry does not know, as records mirrored from another cluster (whose
 * registry was not migrated) arrive: the pipeline dead-letters it ("unknown schema ID"), until the schema is imported
 * under that ID with the registry's IMPORT mode, as Confluent's registry migrations do.
 */
public final class MirroredSale {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Sale sale;
    private final int schemaId;

    private MirroredSale(Sale sale, int schemaId) {
        this.sale = sale;
        this.schemaId = schemaId;
    }

    /** Two Clothing items at Kanyon (600.16), under an ID far above what the tests' registry hands out. */
    public static MirroredSale create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Sale sale = Sale.newBuilder().setInvoiceNo(String.format("I%06d", random.nextInt(1_000_000)))
            .setCustomerId("C123456").setGender("Female").setAge(34).setCategory("Clothing").setQuantity(2)
            .setPrice(new BigDecimal("600.16")).setPaymentMethod("Cash").setInvoiceDate(LocalDate.of(2022, 8, 5))
            .setShoppingMall("Kanyon").setEventTime(Instant.now()).build();
        return new MirroredSale(sale, 500_000 + random.nextInt(1_000_000));
    }

    public Sale sale() {
        return sale;
    }

    public int schemaId() {
        return schemaId;
    }

    /** The sale in Confluent's wire format with this sale's schema ID. */
    public byte[] value() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<>(Sale.class).write(sale, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Sends it to {@code topic}, keyed by its invoice number as the generator keys sales. */
    public RecordMetadata send(String bootstrapServers, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers), new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, sale.getInvoiceNo().getBytes(StandardCharsets.UTF_8), value()))
                .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The fix: Sale's schema imported under this ID, in a subject of its own put in IMPORT mode. */
    public void importSchema(String registryUrl) {
        String subject = "mirrored-" + schemaId + "-value";
        call("PUT", registryUrl + "/mode/" + subject, "{\"mode\": \"IMPORT\"}");
        call("POST", registryUrl + "/subjects/" + subject + "/versions", "{\"schema\": "
            + quoted(Sale.getClassSchema().toString()) + ", \"id\": " + schemaId + ", \"version\": 1}");
    }

    private static void call(String method, String url, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
