package io.tillstream.retail.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The encoder's records against what Tillstream's serializer writes for the same registry, which
 * here is a stand-in that answers the few calls the serializer makes.
 */
class AvroSaleEncoderTest {

    private static final String TOPIC = "raw_data";
    private static final int REGISTERED_ID = 0x01020304;
    private static final int LATEST_ID = 9;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer registry;

    @AfterEach
    void stopRegistry() {
        if (registry != null) {
            registry.stop(0);
        }
    }

    @Test
    void aHundredThousandValuesAreTheSerializersBytesUnderTheRegisteredId() {
        Map<String, Object> settings = startRegistry(Sale.getClassSchema());
        try (AvroSaleEncoder encoder = prepared(settings); KafkaAvroSerializer serializer = serializer(settings)) {
            SyntheticSales sales = new SyntheticSales(7, 5_000, Clock.systemUTC());
            for (int i = 0; i < 100_000; i++) {
                Sale sale = sales.next();
                byte[] value = encoder.value(sale);
                assertThat(value).as("sale %d: %s", i, sale).isEqualTo(serializer.serialize(TOPIC, sale));
                assertThat(WireFormat.schemaId(value)).isEqualTo(REGISTERED_ID);
            }
        }
    }

    @Test
    void aSaleTheBinaryWriterRefusesIsWrittenOrRejectedByTheSerializer() {
        Map<String, Object> settings = startRegistry(Sale.getClassSchema());
        try (AvroSaleEncoder encoder = prepared(settings); KafkaAvroSerializer serializer = serializer(settings)) {
            Sale rescaled = sample();
            rescaled.setPrice(new BigDecimal("10.5"));
            assertThat(encoder.value(rescaled)).isEqualTo(serializer.serialize(TOPIC, rescaled));

            Sale tooPrecise = sample();
            tooPrecise.setPrice(new BigDecimal("10000000000.00"));
            assertThatThrownBy(() -> encoder.value(tooPrecise))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot serialize value for topic " + TOPIC)
                .hasMessageContaining("max precision 12");
        }
    }

    @Test
    void withTheSubjectsLatestSchemaBeingAnotherEveryValueIsTheSerializers() {
        Schema older = SchemaBuilder.record("Sale").namespace("io.tillstream.retail").fields()
            .requiredString("invoice_no").requiredString("customer_id").endRecord();
        Map<String, Object> settings = startRegistry(older);
        settings.put("auto.register.schemas", false);
        settings.put("use.latest.version", true);
        try (AvroSaleEncoder encoder = prepared(settings); KafkaAvroSerializer serializer = serializer(settings)) {
            Sale sale = sample();
            byte[] value = encoder.value(sale);

            assertThat(value).isEqualTo(serializer.serialize(TOPIC, sale));
            assertThat(WireFormat.schemaId(value)).isEqualTo(LATEST_ID);
        }
    }

    private static AvroSaleEncoder prepared(Map<String, Object> settings) {
        AvroSaleEncoder encoder = new AvroSaleEncoder(TOPIC, SaleKey.INVOICE_NO, settings, Duration.ofSeconds(5));
        encoder.prepare(Duration.ofSeconds(5));
        return encoder;
    }

    private static KafkaAvroSerializer serializer(Map<String, Object> settings) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(settings, false);
        return serializer;
    }

    private static Sale sample() {
        return new SyntheticSales(3, 10, Clock.systemUTC()).next();
    }

    /**
     * Starts a registry that registers any schema as {@link #REGISTERED_ID} and answers for a subject's
     * latest version with {@code latest} as {@link #LATEST_ID}; returns the serde settings to reach it.
     */
    private Map<String, Object> startRegistry(Schema latest) {
        try {
            registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            registry.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                if (exchange.getRequestMethod().equals("POST") && path.endsWith("/versions")) {
                    answer(exchange, Map.of("id", REGISTERED_ID));
                } else if (path.endsWith("/versions/latest")) {
                    answer(exchange, Map.of("subject", TOPIC + "-value", "version", 1, "id", LATEST_ID,
                        "schema", latest.toString()));
                } else if (path.equals("/schemas/ids/" + LATEST_ID)) {
                    answer(exchange, Map.of("schema", latest.toString()));
                } else {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                }
            });
            registry.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("schema.registry.url", "http://127.0.0.1:" + registry.getAddress().getPort());
        return settings;
    }

    private static void answer(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
