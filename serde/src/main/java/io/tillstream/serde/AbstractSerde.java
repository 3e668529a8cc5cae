package io.tillstream.serde;

import io.tillstream.serde.client.CachedSchemaRegistryClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import io.tillstream.serde.client.SchemaRegistryClient;

/**
 * What every format's serializer and deserializer share: a registry client, their own or one they
 * were given, and which side of a record they handle.
 */
abstract class AbstractSerde implements AutoCloseable {

    protected SchemaRegistryClient registry;
    protected boolean isKey;
    private boolean ownsRegistry;

    protected AbstractSerde(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** Takes the common settings, creating a registry client from them unless one was given. */
    protected void configureCommon(SerdeConfig config, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = new CachedSchemaRegistryClient(config);
            ownsRegistry = true;
        }
    }

    protected String side() {
        return isKey ? "key" : "value";
    }

    /** The schema ID of {@code data}, whose header {@link WireFormat#requireHeader} checks; else a failure naming the record. */
    protected int schemaId(String topic, ConsumerRecord<?, ?> record, byte[] data, boolean messageIndexes) {
        try {
            return WireFormat.requireHeader(data, messageIndexes);
        } catch (IllegalArgumentException e) {
            throw readFailure(topic, record, e.getMessage(), null);
        }
    }

    /** A deserializer's failure, naming the record where it has one, else the topic. */
    protected SerializationException readFailure(String topic, ConsumerRecord<?, ?> record, String reason, Throwable cause) {
        String where = record == null ? "topic " + topic
            : "topic " + topic + " partition " + record.partition() + " offset " + record.offset();
        return new SerializationException("Cannot deserialize " + side() + " from " + where + ": " + reason, cause);
    }

    /** Closes the registry client if it is this serde's own; calling it twice is harmless. */
    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
            ownsRegistry = false;
        }
    }
}
