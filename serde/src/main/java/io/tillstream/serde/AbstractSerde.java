package io.tillstream.serde;

import io.tillstream.serde.client.CachedSchemaRegistryClient;
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

    /** Closes the registry client if it is this serde's own; calling it twice is harmless. */
    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
            ownsRegistry = false;
        }
    }
}
