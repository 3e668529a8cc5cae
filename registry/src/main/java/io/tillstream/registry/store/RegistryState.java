package io.tillstream.registry.store;

import io.tillstream.registry.model.Mode;
import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.SchemaContent;
import io.tillstream.registry.model.SubjectConfig;
import io.tillstream.registry.store.StoreKey.ClearSubjectKey;
import io.tillstream.registry.store.StoreKey.ConfigKey;
import io.tillstream.registry.store.StoreKey.DeleteSubjectKey;
import io.tillstream.registry.store.StoreKey.ModeKey;
import io.tillstream.registry.store.StoreKey.SchemaKey;
import io.tillstream.registry.store.StoreValue.ClearSubjectValue;
import io.tillstream.registry.store.StoreValue.ConfigValue;
import io.tillstream.registry.store.StoreValue.DeleteSubjectValue;
import io.tillstream.registry.store.StoreValue.ModeValue;
import io.tillstream.registry.store.StoreValue.SchemaValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the {@code _schemas} log says, folded record by record. Only the log reader changes it (through
 * {@link #apply}); everyone else reads. Reads and changes are serialized on this object, except the
 * lookup of a schema by ID, which is the hot path of every consumer and reads a concurrent map.
 */
public final class RegistryState {

    /** Every version of every subject that is not permanently deleted, soft-deleted ones included. */
    private final Map<String, NavigableMap<Integer, RegisteredSchema>> subjects = new TreeMap<>();
    private final Map<Integer, SchemaContent> contentById = new ConcurrentHashMap<>();
    /** How many versions carry each ID: a schema stays readable by ID until its last version is gone. */
    private final Map<Integer, Integer> versionsById = new HashMap<>();
    private final Map<SchemaContent, Integer> idByContent = new HashMap<>();
    /** Configurations and modes by subject; the null key holds the global one. */
    private final Map<String, SubjectConfig> configs = new HashMap<>();
    private final Map<String, Mode> modes = new HashMap<>();
    /** The highest ID the log ever held; IDs are handed out above it, so none is ever reused. */
    private int maxId;

    /** Folds one record in; a null value is a tombstone. */
    public synchronized void apply(StoreKey key, StoreValue value) {
        if (key instanceof SchemaKey k) {
            applySchema(k, value == null ? null : ((SchemaValue) value).schema());
        } else if (key instanceof ConfigKey k) {
            putOrRemove(configs, k.subject(), value == null ? null : ((ConfigValue) value).config());
        } else if (key instanceof ModeKey k) {
            putOrRemove(modes, k.subject(), value == null ? null : ((ModeValue) value).mode());
        } else if (key instanceof DeleteSubjectKey && value instanceof DeleteSubjectValue v) {
            NavigableMap<Integer, RegisteredSchema> versions = subjects.get(v.subject());
            if (versions != null) {
                versions.headMap(v.version(), true).replaceAll((version, schema) -> schema.withDeleted(true));
            }
        } else if (key instanceof ClearSubjectKey && value instanceof ClearSubjectValue v) {
            List<SchemaKey> cleared = new ArrayList<>();
            subjects.forEach((subject, versions) -> {
                if (subject.startsWith(v.subject() == null ? "" : v.subject())) {
                    versions.keySet().forEach(version -> cleared.add(new SchemaKey(subject, version)));
                }
            });
            cleared.forEach(k -> applySchema(k, null));
        }
    }

    private void applySchema(SchemaKey key, RegisteredSchema schema) {
        NavigableMap<Integer, RegisteredSchema> versions = subjects.computeIfAbsent(key.subject(), s -> new TreeMap<>());
        RegisteredSchema old = schema == null ? versions.remove(key.version()) : versions.put(key.version(), schema);
        if (versions.isEmpty()) {
            subjects.remove(key.subject());
        }
        if (schema != null) {
            maxId = Math.max(maxId, schema.id());
            versionsById.merge(schema.id(), 1, Integer::sum);
            contentById.putIfAbsent(schema.id(), schema.content());
            idByContent.putIfAbsent(schema.content(), schema.id());
        }
        if (old != null && versionsById.merge(old.id(), -1, Integer::sum) == 0) {
            versionsById.remove(old.id());
            SchemaContent content = contentById.remove(old.id());
            idByContent.remove(content, old.id());
        }
    }

    private static <V> void putOrRemove(Map<String, V> map, String key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    /** How many distinct schemas (IDs) are readable, without taking the lock. */
    public int schemaCount() {
        return contentById.size();
    }

    /** How many subjects have a version that is not soft-deleted. */
    public synchronized int subjectCount() {
        return (int) subjects.values().stream()
            .filter(versions -> versions.values().stream().anyMatch(schema -> !schema.deleted())).count();
    }

    /** The schema with this ID, without taking the lock. */
    public Optional<SchemaContent> schemaById(int id) {
        return Optional.ofNullable(contentById.get(id));
    }

    public synchronized Optional<Integer> idOf(SchemaContent content) {
        return Optional.ofNullable(idByContent.get(content));
    }

    public synchronized int maxId() {
        return maxId;
    }

    /** The versions of {@code subject} in ascending order, soft-deleted ones only if asked for. */
    public synchronized List<RegisteredSchema> versions(String subject, boolean includeDeleted) {
        NavigableMap<Integer, RegisteredSchema> versions = subjects.get(subject);
        return versions == null ? List.of() : versions.values().stream().filter(s -> includeDeleted || !s.deleted()).toList();
    }

    /** Every version in the registry matching {@code filter}, by subject then version. */
    public synchronized List<RegisteredSchema> allVersions(Predicate<RegisteredSchema> filter) {
        return subjects.values().stream().flatMap(v -> v.values().stream()).filter(filter).toList();
    }

    /** The subject's own configuration, or with a null subject the global one set through the API. */
    public synchronized Optional<SubjectConfig> config(String subject) {
        return Optional.ofNullable(configs.get(subject));
    }

    /**
     * Whether the state shows {@code key} with {@code value} (a null value: without it), that is,
     * whether a record of them was applied and nothing has replaced it since. A writer that could not
     * learn whether its record went through asks this once it has caught up with the log.
     */
    public synchronized boolean holds(StoreKey key, StoreValue value) {
        if (key instanceof SchemaKey k) {
            NavigableMap<Integer, RegisteredSchema> versions = subjects.get(k.subject());
            RegisteredSchema held = versions == null ? null : versions.get(k.version());
            return value == null ? held == null : value instanceof SchemaValue v && v.schema().equals(held);
        } else if (key instanceof ConfigKey k) {
            return Objects.equals(configs.get(k.subject()), value == null ? null : ((ConfigValue) value).config());
        } else if (key instanceof ModeKey k) {
            return modes.get(k.subject()) == (value == null ? null : ((ModeValue) value).mode());
        } else if (key instanceof DeleteSubjectKey && value instanceof DeleteSubjectValue v) {
            return versions(v.subject(), true).stream().noneMatch(s -> s.version() <= v.version() && !s.deleted());
        }
        return false;
    }

    /** The subject's own mode, or with a null subject the global one set through the API. */
    public synchronized Optional<Mode> mode(String subject) {
        return Optional.ofNullable(modes.get(subject));
    }
}
