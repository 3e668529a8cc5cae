package io.tillstream.serde;

import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.internals.BoundedCache;
import io.tillstream.serde.internals.protobuf.RegisteredFiles;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Reads bytes in Confluent's Protobuf wire format, fetching the writer's {@code .proto} by the schema
 * ID they carry (with the files it imports) and taking the message its {@link MessageIndexes} name:
 * as a {@link DynamicMessage} of the writer's schema, or as a generated class, the one configured
 * with {@code specific.protobuf.key.type}/{@code specific.protobuf.value.type}, or the one the
 * schema's Java options name with {@code derive.type}.
 *
 * <p>Bytes that are not in the format (another magic byte, an unknown schema ID, corrupt indexes or
 * message) raise a {@link SerializationException} naming the topic and the cause; a
 * {@code KafkaConsumer} adds the partition and offset, and {@link #deserialize(ConsumerRecord)} names
 * them itself. The registry is asked once per schema ID. Thread-safe.
 */
public class KafkaProtobufDeserializer<T extends Message> extends AbstractSerde implements Deserializer<T> {

    private Parser<? extends Message> specificParser;
    private boolean deriveType;
    private RegisteredFiles files;
    private BoundedCache<ReaderKey, Parser<? extends Message>> parsers;
    /**
     * The parser of the first message of the schema read last, found without building a key: most
     * records of a topic hold that message of one schema.
     */
    private volatile FirstMessage lastRead;

    private record ReaderKey(int schemaId, MessageIndexes indexes) {
    }

    private record FirstMessage(int schemaId, Parser<? extends Message> parser) {
    }

    /** For Kafka to create and {@link #configure} by class name. */
    public KafkaProtobufDeserializer() {
        super(null);
    }

    /** With a registry client shared with other serdes; {@link #close()} leaves it open. */
    public KafkaProtobufDeserializer(SchemaRegistryClient registry) {
        super(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        ProtobufSerdeConfig config = new ProtobufSerdeConfig(configs);
        configureCommon(config, isKey);
        Class<? extends Message> specificType = config.specificType(isKey);
        this.specificParser = specificType == null ? null : parserOf(specificType);
        this.deriveType = config.deriveType();
        this.files = new RegisteredFiles(registry, config.cacheCapacity());
        this.parsers = new BoundedCache<>(config.cacheCapacity());
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return decode(topic, null, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return decode(topic, null, data);
    }

    /**
     * The record's key or value, whichever this deserializer was configured for; a failure names
     * the record's topic, partition and offset.
     */
    public T deserialize(ConsumerRecord<byte[], byte[]> record) {
        return decode(record.topic(), record, isKey ? record.key() : record.value());
    }

    @SuppressWarnings("unchecked")
    private T decode(String topic, ConsumerRecord<?, ?> record, byte[] data) {
        if (data == null) {
            return null;
        }
        if (parsers == null) {
            throw new SerializationException("KafkaProtobufDeserializer is not configured: call configure() first");
        }
        int id = schemaId(topic, record, data, true);
        ByteBuffer body = ByteBuffer.wrap(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE);
        MessageIndexes indexes;
        try {
            indexes = MessageIndexes.readFrom(body);
        } catch (IllegalArgumentException e) {
            throw readFailure(topic, record, "the message indexes after schema ID " + id + " are corrupt: " + Errors.describe(e), e);
        }
        Parser<? extends Message> parser;
        try {
            parser = parser(id, indexes);
        } catch (RegistryClientException e) {
            String reason = e.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND ? "unknown schema ID " + id
                : "cannot fetch schema ID " + id;
            throw readFailure(topic, record, reason + ": " + Errors.describe(e), e);
        } catch (RuntimeException e) {
            throw readFailure(topic, record, "cannot use schema ID " + id + " with message indexes " + indexes + ": "
                + Errors.describe(e), e);
        }
        try {
            return (T) parser.parseFrom(data, body.position(), body.remaining());
        } catch (InvalidProtocolBufferException e) {
            throw readFailure(topic, record, "the bytes after the message indexes are not a Protobuf message of schema ID "
                + id + " (truncated or corrupt): " + Errors.describe(e), e);
        }
    }

    private Parser<? extends Message> parser(int id, MessageIndexes indexes) {
        FirstMessage last = lastRead;
        if (indexes == MessageIndexes.FIRST && last != null && last.schemaId() == id) {
            return last.parser();
        }
        Parser<? extends Message> parser = parsers.computeIfAbsent(new ReaderKey(id, indexes), this::parser);
        if (indexes == MessageIndexes.FIRST) {
            lastRead = new FirstMessage(id, parser);
        }
        return parser;
    }

    /** The parser for the message the indexes name in the schema; the schema is fetched even for a given class, to check both. */
    private Parser<? extends Message> parser(ReaderKey key) {
        Descriptor writer = key.indexes().find(files.byId(key.schemaId()));
        if (specificParser != null) {
            return specificParser;
        }
        if (deriveType) {
            return parserOf(generatedClass(writer));
        }
        return DynamicMessage.getDefaultInstance(writer).getParserForType();
    }

    /**
     * The class protoc generates for {@code message}, by Confluent's rule: the file's
     * {@code java_package} (else its package), then the outer class unless
     * {@code java_multiple_files}, then the message and the messages enclosing it.
     */
    private static Class<? extends Message> generatedClass(Descriptor message) {
        FileOptions options = message.getFile().getOptions();
        if (!options.getJavaMultipleFiles() && !options.hasJavaOuterClassname()) {
            throw new SerializationException(ProtobufSerdeConfig.DERIVE_TYPE_CONFIG + " needs the schema to set "
                + "java_outer_classname or java_multiple_files = true");
        }
        StringBuilder name = new StringBuilder(options.hasJavaPackage() ? options.getJavaPackage() : message.getFile().getPackage());
        if (!name.isEmpty()) {
            name.append('.');
        }
        if (!options.getJavaMultipleFiles()) {
            name.append(options.getJavaOuterClassname()).append('$');
        }
        StringBuilder nesting = new StringBuilder(message.getName());
        for (Descriptor outer = message.getContainingType(); outer != null; outer = outer.getContainingType()) {
            nesting.insert(0, outer.getName() + "$");
        }
        String className = name.append(nesting).toString();
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!Message.class.isAssignableFrom(type)) {
                throw new SerializationException(className + " is not a Protobuf message class");
            }
            return type.asSubclass(Message.class);
        } catch (ClassNotFoundException e) {
            throw new SerializationException("no generated class " + className + " on the classpath, which "
                + ProtobufSerdeConfig.DERIVE_TYPE_CONFIG + " needs", e);
        }
    }

    private static Parser<? extends Message> parserOf(Class<? extends Message> type) {
        try {
            return ((Message) type.getMethod("getDefaultInstance").invoke(null)).getParserForType();
        } catch (ReflectiveOperationException e) {
            throw new SerializationException(type.getName() + " is not a class generated by protoc: " + Errors.describe(e), e);
        }
    }
}
