package io.tillstream.retail.generator;

import io.tillstream.registry.testing.KafkaWithRegistry;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The encoder's records against what Tillstream's serializer writes for the same registry, a real
 * one on a real node; each test has a topic, so a subject, of its own.
 */
class AvroSaleEncoderTest {

    private static final KafkaWithRegistry PLATFORM = KafkaWithRegistry.shared();

    private final String topic = KafkaWithRegistry.unique("raw_data");
    private final SchemaRegistryClient registry =
        new CachedSchemaRegistryClient(Map.of("schema.registry.url", PLATFORM.registryUrl()));

    @AfterEach
    void closeClient() {
        registry.close();
    }

    @Test
    void aHundredThousandValuesAreTheSerializersBytesUnderTheRegisteredId() {
        Map<String, Object> settings = settings();
        try (AvroSaleEncoder encoder = prepared(settings); KafkaAvroSerializer serializer = serializer(settings)) {
            int registeredId = registry.getId(topic + "-value", Sale.getClassSchema(), false);
            SyntheticSales sales = new SyntheticSales(7, 5_000, Clock.systemUTC());
            for (int i = 0; i < 100_000; i++) {
                Sale sale = sales.next();
                byte[] value = encoder.value(sale);
                assertThat(value).as("sale %d: %s", i, sale).isEqualTo(serializer.serialize(topic, sale));
                assertThat(WireFormat.schemaId(value)).isEqualTo(registeredId);
            }
        }
    }

    @Test
    void aSaleTheBinaryWriterRefusesIsWrittenOrRejectedByTheSerializer() {
        Map<String, Object> settings = settings();
        try (AvroSaleEncoder encoder = prepared(settings); KafkaAvroSerializer serializer = serializer(settings)) {
            Sale rescaled = sample();
            rescaled.setPrice(new BigDecimal("10.5"));
            assertThat(encoder.value(rescaled)).isEqualTo(serializer.serialize(topic, rescaled));

            Sale tooPrecise = sample();
            tooPrecise.setPrice(new BigDecimal("10000000000.00"));
            assertThatThrownBy(() -> encoder.value(tooPrecise))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot serialize value for topic " + topic)
                .hasMessageContaining("max precision 12");
        }
    }

    @Test
    void withTheSubjectsLatestSchemaBeingAnotherEveryValueIsTheSerializers() {
        Schema older = SchemaBuilder.record("Sale").namespace("io.tillstream.retail").fields()
            .requiredString("invoice_no").requiredString("customer_id").endRecord();
        int latestId = registry.register(topic + "-value", older, false);
        Map<String, Object> settings = settings();
        settings.put("auto.register.schemas", false);
        settings.put("use.latest.version", true);
        try (AvroSaleEncoder encoder = prepared(settings); KafkaAvroSerializer serializer = serializer(settings)) {
            Sale sale = sample();
            byte[] value = encoder.value(sale);

            assertThat(value).isEqualTo(serializer.serialize(topic, sale));
            assertThat(WireFormat.schemaId(value)).isEqualTo(latestId);
        }
    }

    private AvroSaleEncoder prepared(Map<String, Object> settings) {
        AvroSaleEncoder encoder = new AvroSaleEncoder(topic, SaleKey.INVOICE_NO, settings, Duration.ofSeconds(5));
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

    /** Serde settings that reach the registry. */
    private static Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("schema.registry.url", PLATFORM.registryUrl());
        return settings;
    }
}
