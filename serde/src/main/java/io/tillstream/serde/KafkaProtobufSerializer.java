package io.tillstream.serde;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import io.tillstream.serde.client.RegisteredSchema;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.internals.BoundedCache;
import io.tillstream.serde.internals.protobuf.FileRegistration;
import io.tillstream.serde.internals.protobuf.RegisteredFiles;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.Map;

/**
 * Writes Protobuf messages (generated classes or {@link com.google.protobuf.DynamicMessage}) in
 * Confluent's wire format: magic byte, schema ID, {@link MessageIndexes}, then the message's own
 * bytes; the bytes are those Confluent's {@code KafkaProtobufSerializer} writes.
 *
 * <pre>{@code
 * props.put("value.serializer", KafkaProtobufSerializer.class.getName());
 * props.put("schema.registry.url", "http://127.0.0.1:8081");
 * }</pre>
 *
 * <p>The schema is the message's {@code .proto} file as Confluent prints it from the descriptor; the
 * files it imports are registered first under their import paths and referenced (Google's
 * well-known files excepted). Settings are {@link ProtobufSerdeConfig}'s; the subject name
 * strategies see the message's full name. The registry is asked once per topic and message type;
 * after that a record costs its Protobuf encoding. Thread-safe.
 */
public class KafkaProtobufSerializer<T extends Message> extends AbstractSerde implements Serializer<T> {

    private SerdeConfig config;
    private SubjectNameStrategy subjectNameStrategy;
    private FileRegistration registration;
    private RegisteredFiles registeredFiles;
    private BoundedCache<WriterKey, byte[]> headers;
    /**
     * The header written last, found without building a key: a producer usually sends record after
     * record of one type to one topic, under the same topic string.
     */
    private volatile WrittenHeader lastWritten;

    /** Descriptors compare by identity: a generated class and each DynamicMessage type have one of their own. */
    private record WriterKey(String topic, Descriptor type) {
    }

    private record WrittenHeader(String topic, Descriptor type, byte[] header) {
    }

    /** For Kafka to create and {@link #configure} by class name. */
    public KafkaProtobufSerializer() {
        super(null);
    }

    /** With a registry client shared with other serdes; {@link #close()} leaves it open. */
    public KafkaProtobufSerializer(SchemaRegistryClient registry) {
        super(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new ProtobufSerdeConfig(configs);
        configureCommon(config, isKey);
        this.subjectNameStrategy = config.subjectNameStrategy(isKey);
        this.registration = new FileRegistration(registry, config.autoRegisterSchemas(), config.normalizeSchemas());
        this.registeredFiles = new RegisteredFiles(registry, config.cacheCapacity());
        this.headers = new BoundedCache<>(config.cacheCapacity());
    }

    @Override
    public byte[] serialize(String topic, T message) {
        if (message == null) {
            return null;
        }
        if (config == null) {
            throw new SerializationException("KafkaProtobufSerializer is not configured: call configure() first");
        }
        try {
            byte[] header = header(topic, message.getDescriptorForType());
            byte[] bytes = new byte[header.length + message.getSerializedSize()];
            System.arraycopy(header, 0, bytes, 0, header.length);
            CodedOutputStream output = CodedOutputStream.newInstance(bytes, header.length, bytes.length - header.length);
            message.writeTo(output);
            output.checkNoSpaceLeft();
            return bytes;
        } catch (RuntimeException | IOException e) {
            throw new SerializationException("Cannot serialize " + side() + " for topic " + topic + ": " + Errors.describe(e), e);
        }
    }

    private byte[] header(String topic, Descriptor type) {
        WrittenHeader last = lastWritten;
        // Identity, not equals: this only spares the lookup below, which any other topic string still finds.
        if (last != null && last.topic() == topic && last.type() == type) {
            return last.header();
        }
        byte[] header = headers.computeIfAbsent(new WriterKey(topic, type), this::prepare);
        lastWritten = new WrittenHeader(topic, type, header);
        return header;
    }

    /**
     * Magic byte, schema ID and message indexes for a message type, asking the registry as Confluent
     * does: register, else the latest version, else look up.
     */
    private byte[] prepare(WriterKey key) {
        Descriptor type = key.type();
        String subject = subjectNameStrategy.subjectName(key.topic(), isKey, type.getFullName());
        int id;
        MessageIndexes indexes;
        if (!config.autoRegisterSchemas() && config.useLatestVersion()) {
            RegisteredSchema latest = registry.getLatestVersion(subject);
            id = latest.id();
            indexes = indexesIn(registeredFiles.byId(id), type, latest);
        } else {
            id = registration.id(subject, type.getFile());
            indexes = MessageIndexes.of(type);
        }
        byte[] indexBytes = indexes.toByteArray();
        byte[] header = new byte[WireFormat.HEADER_SIZE + indexBytes.length];
        WireFormat.writeHeader(header, id);
        System.arraycopy(indexBytes, 0, header, WireFormat.HEADER_SIZE, indexBytes.length);
        return header;
    }

    /**
     * Where the latest schema declares the message type, found by its full name. Unlike Confluent's
     * serializer with {@code latest.compatibility.strict}, this does not check that the latest schema
     * can read the message's own: that takes Protobuf's compatibility rules, which only the registry has.
     */
    private static MessageIndexes indexesIn(FileDescriptor latest, Descriptor type, RegisteredSchema version) {
        Descriptor declared = findNested(latest, type.getFullName());
        if (declared == null) {
            throw new SerializationException("The latest schema of subject " + version.subject() + " (version "
                + version.version() + ", ID " + version.id() + ") declares no message " + type.getFullName());
        }
        return MessageIndexes.of(declared);
    }

    private static Descriptor findNested(FileDescriptor file, String fullName) {
        for (Descriptor top : file.getMessageTypes()) {
            Descriptor found = findNested(top, fullName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Descriptor findNested(Descriptor message, String fullName) {
        if (message.getFullName().equals(fullName)) {
            return message;
        }
        for (Descriptor nested : message.getNestedTypes()) {
            Descriptor found = findNested(nested, fullName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
