package io.tillstream.serde;

import org.apache.avro.Schema;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Names the subject under which a record's schema is registered and looked up. The three of
 * Confluent's serializers are built in: {@link TopicNameStrategy} (the default),
 * {@link RecordNameStrategy} and {@link TopicRecordNameStrategy}.
 */
@FunctionalInterface
public interface SubjectNameStrategy {

    /**
     * The subject for a key ({@code isKey}) or value written to {@code topic} whose schema's record
     * type has the full name {@code recordName}: an Avro record's full name, a JSON Schema's
     * {@code title}, a Protobuf message's full name; null when the schema names none (a primitive).
     *
     * @throws org.apache.kafka.common.errors.SerializationException if the schema cannot be named this way
     */
    String subjectName(String topic, boolean isKey, String recordName);

    /** The name strategies take for an Avro schema: its full name when it is a record, else null. */
    static String recordName(Schema schema) {
        return schema != null && schema.getType() == Schema.Type.RECORD ? schema.getFullName() : null;
    }

    /**
     * The strategy a {@code *.subject.name.strategy} setting names: a short name such as
     * {@code TopicNameStrategy}, Confluent's class name such as
     * {@code io.confluent.kafka.serializers.subject.TopicNameStrategy} (so that existing client
     * configurations carry over), or the name of a class implementing this interface with a
     * no-argument constructor.
     *
     * @throws IllegalArgumentException if the name is none of those
     */
    static SubjectNameStrategy forName(String name) {
        String simpleName = name.substring(name.lastIndexOf('.') + 1);
        Map<String, SubjectNameStrategy> builtIn = Map.of(
            TopicNameStrategy.class.getSimpleName(), new TopicNameStrategy(),
            RecordNameStrategy.class.getSimpleName(), new RecordNameStrategy(),
            TopicRecordNameStrategy.class.getSimpleName(), new TopicRecordNameStrategy());
        boolean knownPackage = name.equals(simpleName) || name.startsWith("io.confluent.kafka.serializers.subject.")
            || name.startsWith(SubjectNameStrategy.class.getPackageName() + ".");
        if (knownPackage && builtIn.containsKey(simpleName)) {
            return builtIn.get(simpleName);
        }
        try {
            Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
            if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(name + " does not implement " + SubjectNameStrategy.class.getName());
            }
            return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Unknown subject name strategy " + name + "; expected one of "
                + String.join(", ", builtIn.keySet().stream().sorted().toList()) + " or a class implementing "
                + SubjectNameStrategy.class.getName(), e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalArgumentException("Cannot create subject name strategy " + name + ": " + cause, cause);
        }
    }
}
