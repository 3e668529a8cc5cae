package io.tillstream.serde.client;

import org.apache.avro.Schema;

import java.util.List;
import java.util.Optional;

/**
 * A client of a schema registry with Confluent's v1 REST API. Every method throws
 * {@link RegistryClientException} when the registry answers with an error and
 * {@link RegistryConnectionException} when it cannot be reached.
 *
 * <p>The methods taking an Avro {@link Schema} are the ones the serializers call on every record
 * and are answered from a cache after the first call; the others always ask the registry.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** In a version parameter: the subject's latest version, as the REST API's {@code -1}. */
    int LATEST_VERSION = -1;

    /** Registers {@code schema} under {@code subject} (or finds it there), returning its ID; cached. */
    int register(String subject, Schema schema, boolean normalize);

    /** Registers a schema given as text with its type and references, returning its ID. */
    int register(String subject, SchemaDefinition schema, boolean normalize);

    /** The ID of {@code schema} as already registered under {@code subject}, without registering it; cached. */
    int getId(String subject, Schema schema, boolean normalize);

    /** The version of {@code subject} that holds {@code schema}, with its ID. */
    RegisteredSchema lookup(String subject, SchemaDefinition schema, boolean normalize);

    /** The schema with this ID, parsed, its references resolved; cached. */
    Schema getAvroSchema(int id);

    /** The schema with this ID as the registry stores it; cached. */
    SchemaDefinition getSchema(int id);

    /** A version of a subject, or its latest with {@link #LATEST_VERSION}. */
    RegisteredSchema getVersion(String subject, int version);

    default RegisteredSchema getLatestVersion(String subject) {
        return getVersion(subject, LATEST_VERSION);
    }

    /** The subject's versions, oldest first. */
    List<Integer> getVersions(String subject);

    /** The subjects, soft-deleted ones too if {@code includeDeleted}. */
    List<String> getSubjects(boolean includeDeleted);

    /** The latest version of every subject, in one request ({@code GET /schemas?latestOnly=true}). */
    List<RegisteredSchema> getLatestSchemas();

    /**
     * Whether {@code schema} could be registered under {@code subject} next to the versions its
     * compatibility level checks against, with the reasons when not.
     */
    CompatibilityResult testCompatibility(String subject, SchemaDefinition schema);

    /** Whether {@code schema} is compatible with one version of {@code subject} ({@link #LATEST_VERSION} too). */
    CompatibilityResult testCompatibility(String subject, int version, SchemaDefinition schema);

    /** Deletes every version of a subject (soft, or for good if {@code permanent}), returning the versions deleted. */
    List<Integer> deleteSubject(String subject, boolean permanent);

    /** Deletes one version of a subject, returning it. */
    int deleteVersion(String subject, int version, boolean permanent);

    /** The compatibility level of {@code subject} (falling back to the global one), or the global one for null. */
    CompatibilityLevel getCompatibility(String subject);

    /** The compatibility level set on {@code subject} itself; empty when it follows the global one. */
    Optional<CompatibilityLevel> getSubjectCompatibility(String subject);

    /** Sets the compatibility level of {@code subject}, or the global one for null. */
    CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level);

    /** Removes the subject's own compatibility level so the global one applies again, returning the removed one. */
    CompatibilityLevel deleteCompatibility(String subject);

    /** Releases the client; calling it twice is harmless. */
    @Override
    void close();
}
