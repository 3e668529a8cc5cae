package io.tillstream.retail.generator;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleJsonSchema;
import io.tillstream.serde.JsonSchemaEnvelope;
import io.tillstream.serde.KafkaJsonSchemaSerializer;

import java.time.Duration;
import java.util.Map;

/**
 * JSON Schema values: each sale goes to the serde's {@link KafkaJsonSchemaSerializer} in an envelope
 * with the shipped {@code Sale.schema.json}, which it registers (or, with {@code use.latest.version},
 * replaces by the subject's latest); the price is written from its BigDecimal, exact to the cent.
 */
final class JsonSchemaSaleEncoder extends RegistrySaleEncoder {

    private final KafkaJsonSchemaSerializer<JsonNode> serializer;

    JsonSchemaSaleEncoder(String topic, SaleKey key, Map<String, ?> registrySettings, Duration timeout) {
        super(topic, key, registrySettings, timeout);
        this.serializer = new KafkaJsonSchemaSerializer<>(registry);
        serializer.configure(settings, false);
    }

    @Override
    public byte[] value(Sale sale) {
        return serialize(sale);
    }

    @Override
    byte[] serialize(Sale sale) {
        return serializer.serialize(topic, JsonSchemaEnvelope.of(SaleJsonSchema.SCHEMA, SaleJsonSchema.toJson(sale)));
    }

    @Override
    void closeSerializer() {
        serializer.close();
    }
}
