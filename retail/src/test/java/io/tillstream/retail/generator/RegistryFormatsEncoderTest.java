package io.tillstream.retail.generator;

import io.tillstream.registry.testing.KafkaWithRegistry;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleDecoder;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.RegisteredSchema;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema and Protobuf encoders against a real registry on a real node: what they write
 * decodes back to the very sale, through the decoder the pipeline uses; each test has a topic, so a
 * subject, of its own.
 */
class RegistryFormatsEncoderTest {

    private static final KafkaWithRegistry PLATFORM = KafkaWithRegistry.shared();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String topic = KafkaWithRegistry.unique("raw_data");
    private final Map<String, Object> settings = Map.of("schema.registry.url", PLATFORM.registryUrl());
    private final SchemaRegistryClient registry = new CachedSchemaRegistryClient(settings);
    private final SaleDecoder decoder = new SaleDecoder(registry, settings);

    @AfterEach
    void closeClient() {
        registry.close();
    }

    @Test
    void jsonSchemaValuesRegisterTheShippedSchemaAndDecodeToTheSameSales() {
        try (RegistrySaleEncoder<?> encoder = RegistrySaleEncoder.jsonSchema(topic, SaleKey.CUSTOMER_ID, settings, TIMEOUT)) {
            encoder.prepare(TIMEOUT);
            assertRoundTrips(encoder, "JSON");
        }
    }

    @Test
    void protobufValuesRegisterTheShippedProtoAndDecodeToTheSameSales() {
        try (RegistrySaleEncoder<?> encoder = RegistrySaleEncoder.protobuf(topic, SaleKey.CUSTOMER_ID, settings, TIMEOUT)) {
            encoder.prepare(TIMEOUT);
            assertRoundTrips(encoder, "PROTOBUF");
        }
    }

    @Test
    void pricesKeepEveryCentInBothFormats() {
        Sale sale = new SyntheticSales(3, 10, Clock.systemUTC()).next();
        sale.setPrice(new BigDecimal("12345678.07"));
        try (RegistrySaleEncoder<?> json = RegistrySaleEncoder.jsonSchema(topic, SaleKey.NONE, settings, TIMEOUT);
             RegistrySaleEncoder<?> protobuf = RegistrySaleEncoder.protobuf(topic + "-proto", SaleKey.NONE, settings, TIMEOUT)) {
            assertThat(decoder.decode(topic, json.value(sale)).getPrice()).isEqualTo(new BigDecimal("12345678.07"));
            assertThat(decoder.decode(topic, protobuf.value(sale)).getPrice()).isEqualTo(new BigDecimal("12345678.07"));
        }
    }

    private void assertRoundTrips(RegistrySaleEncoder<?> encoder, String schemaType) {
        RegisteredSchema registered = registry.getLatestVersion(topic + "-value");
        assertThat(registered.definition().schemaType()).isEqualTo(schemaType);
        SyntheticSales sales = new SyntheticSales(11, 500, Clock.systemUTC());
        for (int i = 0; i < 2_000; i++) {
            Sale sale = sales.next();
            byte[] value = encoder.value(sale);
            assertThat(WireFormat.schemaId(value)).isEqualTo(registered.id());
            assertThat(decoder.decode(topic, value)).as("sale %d", i).isEqualTo(sale);
            assertThat(encoder.key(sale)).isEqualTo(sale.getCustomerId().getBytes(StandardCharsets.UTF_8));
        }
    }
}
