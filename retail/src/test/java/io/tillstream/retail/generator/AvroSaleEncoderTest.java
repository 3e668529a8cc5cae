package io.tillstream.retail.generator;

import io.tillstream.registry.testing.KafkaWithRegistry;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.retail.TickingClock;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /** A synthetic source's records are drawn straight into bytes: the serializer's for the sales the stream would give. */
    @ParameterizedTest
    @EnumSource(SaleKey.class)
    void syntheticRecordsAreTheSerializersBytesForTheSalesOfTheSameSeed(SaleKey key) {
        Map<String, Object> settings = settings();
        try (AvroSaleEncoder encoder = prepared(settings, key); KafkaAvroSerializer serializer = serializer(settings)) {
            Instant start = Instant.parse("2026-11-29T21:00:00Z");
            Duration step = Duration.ofSeconds(97).plusNanos(1_234_567);
            SyntheticSales expected = new SyntheticSales(11, 2_000, new TickingClock(start, step));
            SaleRecords records = encoder.records(SaleSource.synthetic(11, 2_000, new TickingClock(start, step)), Clock.systemUTC());
            assertThat(records).isInstanceOf(SyntheticAvroRecords.class);
            for (int i = 0; i < 20_000; i++) {
                Sale sale = expected.next();
                records.nextDueNanos(Pacer.unthrottled(), i);
                records.encode(false);
                assertThat(records.value()).as("sale %d: %s", i, sale).isEqualTo(serializer.serialize(topic, sale));
                String expectedKey = key.of(sale);
                assertThat(records.key()).isEqualTo(expectedKey == null ? null : expectedKey.getBytes(StandardCharsets.UTF_8));
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
            assertThat(encoder.records(SaleSource.synthetic(1, 10, Clock.systemUTC()), Clock.systemUTC()))
                .as("synthetic sales through the serializer, which writes the latest schema").isInstanceOf(EncodedSales.class);
        }
    }

    private AvroSaleEncoder prepared(Map<String, Object> settings) {
        return prepared(settings, SaleKey.INVOICE_NO);
    }

    private AvroSaleEncoder prepared(Map<String, Object> settings, SaleKey key) {
        AvroSaleEncoder encoder = new AvroSaleEncoder(topic, key, settings, Duration.ofSeconds(5));
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
