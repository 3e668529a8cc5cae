package io.tillstream.registry.core;

import io.tillstream.registry.model.CompatibilityLevel;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.Mode;
import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.model.SchemaContent;
import io.tillstream.registry.model.SchemaReference;
import io.tillstream.registry.model.SchemaVersion;
import io.tillstream.registry.schema.CompatibilityChecker;
import io.tillstream.registry.schema.CompatibilityChecker.Previous;
import io.tillstream.registry.schema.Dependency;
import io.tillstream.registry.schema.ParsedSchema;
import io.tillstream.registry.schema.SchemaTypes;
import io.tillstream.registry.store.KafkaLog;
import io.tillstream.registry.store.RegistryState;
import io.tillstream.registry.store.StoreKey;
import io.tillstream.registry.store.StoreKey.ConfigKey;
import io.tillstream.registry.store.StoreKey.DeleteSubjectKey;
import io.tillstream.registry.store.StoreKey.ModeKey;
import io.tillstream.registry.store.StoreKey.SchemaKey;
import io.tillstream.registry.store.StoreValue;
import io.tillstream.registry.store.StoreValue.ConfigValue;
import io.tillstream.registry.store.StoreValue.DeleteSubjectValue;
import io.tillstream.registry.store.StoreValue.ModeValue;
import io.tillstream.registry.store.StoreValue.SchemaValue;
import io.tillstream.registry.store.StoreWriteException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The registry's rules: what may be registered, deleted or configured, and what that writes to the
 * log. It reads {@link RegistryState} and changes it only by writing to the {@link KafkaLog}.
 * Writes are serialized, so two registrations of one schema cannot get two IDs.
 */
public final class SchemaRegistry {

    private final RegistryState state;
    private final KafkaLog log;
    private final CompatibilityLevel defaultCompatibility;
    private final ReentrantLock writeLock = new ReentrantLock();

    public SchemaRegistry(RegistryState state, KafkaLog log, CompatibilityLevel defaultCompatibility) {
        this.state = state;
        this.log = log;
        this.defaultCompatibility = defaultCompatibility;
    }

    // ---- schemas and subjects ----

    /** Registers {@code request} under {@code subject}, or finds it registered already; answers its ID and version. */
    public RegisteredSchema register(String subject, SchemaRequest request, boolean normalize) {
        requireValidSubject(subject);
        return locked(() -> {
            Mode mode = modeInScope(subject);
            boolean importing = request.id() != null && request.id() >= 0;
            if (mode == Mode.READONLY) {
                throw RegistryException.notPermitted("Subject " + subject + " is in read-only mode");
            }
            if (importing && mode != Mode.IMPORT) {
                throw RegistryException.notPermitted("Subject " + subject + " is not in import mode");
            }
            Candidate candidate = candidate(request, normalize);
            List<RegisteredSchema> all = state.versions(subject, true);
            List<RegisteredSchema> live = all.stream().filter(s -> !s.deleted()).toList();
            Optional<RegisteredSchema> existing = findIn(live, candidate);
            if (existing.isPresent() && (!importing || existing.get().id() == request.id())) {
                return existing.get();
            }
            if (mode != Mode.IMPORT) {
                List<String> problems = incompatibilities(subject, candidate, live);
                if (!problems.isEmpty()) {
                    throw new RegistryException(ErrorCode.INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible"
                        + " with an earlier schema for subject \"" + subject + "\", details: " + problems);
                }
            }
            int nextVersion = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
            int version = request.version() == null || request.version() <= 0 ? nextVersion : request.version();
            if (version != nextVersion && mode != Mode.IMPORT) {
                throw RegistryException.invalidSchema("Version is not one more than previous version");
            }
            SchemaContent content = candidate.content();
            Optional<Integer> knownId = state.idOf(content);
            if (knownId.isEmpty() && !importing) {
                Optional<RegisteredSchema> same = sameSchemaElsewhere(candidate);
                if (same.isPresent()) {
                    content = same.get().content();
                    knownId = Optional.of(same.get().id());
                }
            }
            int id;
            if (importing) {
                id = request.id();
                Optional<SchemaContent> holder = state.schemaById(id);
                if (holder.isPresent() && !holder.get().equals(content)) {
                    throw new RegistryException(ErrorCode.ID_DOES_NOT_MATCH,
                        "Overwrite new schema with id " + id + " is not permitted.");
                }
            } else {
                id = knownId.orElseGet(() -> state.maxId() + 1);
            }
            RegisteredSchema registered = new RegisteredSchema(subject, version, id, content.schemaType(),
                content.references(), content.schema(), false);
            write(new SchemaKey(subject, version), new SchemaValue(registered));
            return registered;
        });
    }

    /** The version of {@code subject} holding {@code request}'s schema. */
    public RegisteredSchema lookup(String subject, SchemaRequest request, boolean normalize, boolean deleted) {
        List<RegisteredSchema> versions = state.versions(subject, deleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        Candidate candidate = candidate(request, normalize);
        return findIn(versions, candidate).orElseThrow(RegistryException::schemaNotFound);
    }

    /** The latest version holding the candidate: same text, or the same schema once parsed. */
    private Optional<RegisteredSchema> findIn(List<RegisteredSchema> versions, Candidate candidate) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            RegisteredSchema version = versions.get(i);
            if (version.content().equals(candidate.content())
                || version.schemaType().equals(candidate.content().schemaType())
                && version.references().equals(candidate.content().references())
                && parse(version).sameAs(candidate.parsed())) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /**
     * A schema registered under any subject that is the candidate up to the order of its parts (a
     * JSON schema's keys, which its stored text keeps as Confluent does), so that it gets that ID
     * and text rather than a new ID. Reordering a compact text keeps its length, so only texts of
     * the candidate's length are parsed.
     */
    private Optional<RegisteredSchema> sameSchemaElsewhere(Candidate candidate) {
        SchemaContent content = candidate.content();
        Set<Integer> compared = new HashSet<>();
        for (RegisteredSchema version : state.allVersions(v -> v.schemaType().equals(content.schemaType())
            && v.schema().length() == content.schema().length() && v.references().equals(content.references()))) {
            if (compared.add(version.id()) && parse(version).sameAs(candidate.parsed())) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    public RegisteredSchema version(String subject, SchemaVersion version, boolean deleted) {
        List<RegisteredSchema> versions = state.versions(subject, deleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (version.isLatest()) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(s -> s.version() == version.number()).findFirst()
            .orElseThrow(() -> RegistryException.versionNotFound(version.number()));
    }

    /** The version numbers of {@code subject}. */
    public List<Integer> versions(String subject, boolean deleted) {
        List<RegisteredSchema> versions = state.versions(subject, deleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions.stream().map(RegisteredSchema::version).toList();
    }

    /** Subjects with at least one live version (or any version, with {@code deleted}), sorted. */
    public List<String> subjects(String prefix, boolean deleted) {
        return state.allVersions(s -> (deleted || !s.deleted()) && s.subject().startsWith(prefix))
            .stream().map(RegisteredSchema::subject).distinct().toList();
    }

    /** Every version matching the filters, by subject then version. */
    public List<RegisteredSchema> schemas(String prefix, boolean deleted, boolean latestOnly) {
        List<RegisteredSchema> matching = state.allVersions(s -> (deleted || !s.deleted()) && s.subject().startsWith(prefix));
        if (!latestOnly) {
            return matching;
        }
        Map<String, RegisteredSchema> latest = new LinkedHashMap<>();
        matching.forEach(s -> latest.put(s.subject(), s));
        return List.copyOf(latest.values());
    }

    public SchemaContent schemaById(int id) {
        return state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
    }

    /** Which subject versions carry schema {@code id}. */
    public List<RegisteredSchema> usesOf(int id, boolean deleted) {
        List<RegisteredSchema> uses = state.allVersions(s -> s.id() == id && (deleted || !s.deleted()));
        if (uses.isEmpty()) {
            throw RegistryException.schemaNotFound();
        }
        return uses;
    }

    /** The IDs of the schemas that reference this version. */
    public List<Integer> referencedBy(String subject, SchemaVersion version) {
        RegisteredSchema target = version(subject, version, false);
        return referrers(target, true).stream().map(RegisteredSchema::id).distinct().sorted().toList();
    }

    private List<RegisteredSchema> referrers(RegisteredSchema target, boolean liveOnly) {
        return state.allVersions(s -> (!liveOnly || !s.deleted()) && s.references().stream()
            .anyMatch(r -> r.subject().equals(target.subject()) && r.version() == target.version()));
    }

    /** Soft-deletes a version, or with {@code permanent} removes a soft-deleted one; answers its number. */
    public int deleteVersion(String subject, SchemaVersion version, boolean permanent) {
        return locked(() -> {
            requireWritable(subject);
            List<RegisteredSchema> all = state.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            RegisteredSchema target = version.isLatest()
                ? (permanent ? all : all.stream().filter(s -> !s.deleted()).toList()).stream()
                    .reduce((a, b) -> b).orElseThrow(() -> RegistryException.versionNotFound(version.number()))
                : all.stream().filter(s -> s.version() == version.number()).findFirst()
                    .orElseThrow(() -> RegistryException.versionNotFound(version.number()));
            if (!permanent && target.deleted()) {
                throw new RegistryException(ErrorCode.VERSION_SOFT_DELETED, "Subject '" + subject + "' Version "
                    + target.version() + " was soft deleted.Set permanent=true to delete permanently");
            }
            if (permanent && !target.deleted()) {
                throw new RegistryException(ErrorCode.VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version "
                    + target.version() + " was not deleted first before being permanently deleted");
            }
            requireUnreferenced(target, permanent);
            write(new SchemaKey(subject, target.version()), permanent ? null : new SchemaValue(target.withDeleted(true)));
            if (permanent && all.size() == 1) {
                clearSubjectSettings(subject);
            }
            return target.version();
        });
    }

    /** Soft-deletes every live version of a subject, or with {@code permanent} removes a soft-deleted subject. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return locked(() -> {
            requireWritable(subject);
            List<RegisteredSchema> all = state.versions(subject, true);
            List<RegisteredSchema> live = all.stream().filter(s -> !s.deleted()).toList();
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            if (permanent && !live.isEmpty()) {
                throw new RegistryException(ErrorCode.SUBJECT_NOT_SOFT_DELETED,
                    "Subject '" + subject + "' was not deleted first before being permanently deleted");
            }
            if (!permanent && live.isEmpty()) {
                throw new RegistryException(ErrorCode.SUBJECT_SOFT_DELETED,
                    "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
            }
            List<RegisteredSchema> deleting = permanent ? all : live;
            for (RegisteredSchema version : deleting) {
                requireUnreferenced(version, permanent);
            }
            if (permanent) {
                // Newest first, so that a version referencing an older one of the same subject goes before it.
                for (int i = deleting.size() - 1; i >= 0; i--) {
                    write(new SchemaKey(subject, deleting.get(i).version()), null);
                }
                clearSubjectSettings(subject);
            } else {
                write(new DeleteSubjectKey(subject), new DeleteSubjectValue(subject, live.get(live.size() - 1).version()));
            }
            return deleting.stream().map(RegisteredSchema::version).toList();
        });
    }

    private void requireUnreferenced(RegisteredSchema version, boolean permanent) {
        boolean referenced = referrers(version, !permanent).stream().anyMatch(r -> !r.subject().equals(version.subject()));
        if (referenced) {
            throw new RegistryException(ErrorCode.REFERENCE_EXISTS, "One or more references exist to the schema {magic=1,"
                + "keytype=SCHEMA,subject=" + version.subject() + ",version=" + version.version() + "}.");
        }
    }

    private void clearSubjectSettings(String subject) {
        if (state.compatibility(subject).isPresent()) {
            write(new ConfigKey(subject), null);
        }
        if (state.mode(subject).isPresent()) {
            write(new ModeKey(subject), null);
        }
    }

    // ---- compatibility ----

    /**
     * The reasons {@code request} is incompatible with {@code version} of {@code subject}, or with
     * every version the subject's level asks for when {@code version} is null; empty if compatible.
     */
    public List<String> compatibilityProblems(String subject, SchemaVersion version, SchemaRequest request, boolean normalize) {
        List<RegisteredSchema> live = state.versions(subject, false);
        List<RegisteredSchema> against = live;
        if (version != null) {
            if (live.isEmpty() && !version.isLatest()) {
                throw RegistryException.subjectNotFound(subject);
            }
            against = live.isEmpty() ? List.of() : List.of(version(subject, version, false));
        }
        return incompatibilities(subject, candidate(request, normalize), against);
    }

    /** Parses only the versions the subject's level compares with, not its whole history. */
    private List<String> incompatibilities(String subject, Candidate candidate, List<RegisteredSchema> previous) {
        CompatibilityLevel level = compatibilityInScope(subject);
        List<Previous> parsed = CompatibilityChecker.inScope(previous, level).stream()
            .map(s -> new Previous(s.version(), parse(s))).toList();
        return CompatibilityChecker.check(candidate.parsed(), parsed, level);
    }

    // ---- config and mode ----

    /** The subject's own level (global with a null subject), or the level it falls back to when {@code defaultToGlobal}. */
    public CompatibilityLevel compatibility(String subject, boolean defaultToGlobal) {
        return ownOrInScope(state.compatibility(subject), subject, defaultToGlobal, this::compatibilityInScope,
            "compatibility", ErrorCode.SUBJECT_COMPATIBILITY_NOT_CONFIGURED);
    }

    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        if (subject != null) {
            requireValidSubject(subject);
        }
        locked(() -> write(new ConfigKey(subject), new ConfigValue(level)));
        return level;
    }

    /** Removes the subject's own level (or resets the global one); answers the level it had. */
    public CompatibilityLevel deleteCompatibility(String subject) {
        return deleteSetting(subject, state::compatibility, new ConfigKey(subject), defaultCompatibility);
    }

    private CompatibilityLevel compatibilityInScope(String subject) {
        return state.compatibility(subject).or(() -> state.compatibility(null)).orElse(defaultCompatibility);
    }

    public Mode mode(String subject, boolean defaultToGlobal) {
        return ownOrInScope(state.mode(subject), subject, defaultToGlobal, this::modeInScope,
            "mode", ErrorCode.SUBJECT_MODE_NOT_CONFIGURED);
    }

    /** Sets a mode; IMPORT only where no schemas exist yet, unless {@code force}. */
    public Mode setMode(String subject, Mode mode, boolean force) {
        if (subject != null) {
            requireValidSubject(subject);
        }
        return locked(() -> {
            if (mode == Mode.IMPORT && modeInScope(subject) != Mode.IMPORT && !force
                && !(subject == null ? subjects("", false) : state.versions(subject, false)).isEmpty()) {
                throw RegistryException.notPermitted("Cannot import since found existing subjects");
            }
            write(new ModeKey(subject), new ModeValue(mode));
            return mode;
        });
    }

    /** Removes the subject's own mode (or resets the global one); answers the mode it had. */
    public Mode deleteMode(String subject) {
        return deleteSetting(subject, state::mode, new ModeKey(subject), Mode.READWRITE);
    }

    private Mode modeInScope(String subject) {
        return state.mode(subject).or(() -> state.mode(null)).orElse(Mode.READWRITE);
    }

    private static <T> T ownOrInScope(Optional<T> own, String subject, boolean defaultToGlobal,
                                      Function<String, T> inScope, String setting, ErrorCode notConfigured) {
        if (own.isPresent()) {
            return own.get();
        }
        if (subject == null || defaultToGlobal) {
            return inScope.apply(null);
        }
        throw new RegistryException(notConfigured,
            "Subject '" + subject + "' does not have subject-level " + setting + " configured");
    }

    private <T> T deleteSetting(String subject, Function<String, Optional<T>> setting, StoreKey key, T defaultValue) {
        return locked(() -> {
            Optional<T> own = setting.apply(subject);
            if (own.isEmpty() && subject != null) {
                throw RegistryException.subjectNotFound(subject);
            }
            if (own.isPresent()) {
                write(key, null);
            }
            return own.orElse(defaultValue);
        });
    }

    private void requireWritable(String subject) {
        if (modeInScope(subject) == Mode.READONLY) {
            throw RegistryException.notPermitted("Subject " + subject + " is in read-only mode");
        }
    }

    private static void requireValidSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
            throw new RegistryException(ErrorCode.INVALID_SUBJECT, "The specified subject '" + subject + "' is not a valid.");
        }
    }

    // ---- parsing ----

    /** A requested schema parsed, with the text and references it would be stored with. */
    private record Candidate(ParsedSchema parsed, SchemaContent content) {
    }

    private Candidate candidate(SchemaRequest request, boolean normalize) {
        if (request.schema() == null || request.schema().isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        List<SchemaReference> references = new ArrayList<>();
        for (SchemaReference reference : request.references()) {
            RegisteredSchema target = resolve(reference);
            references.add(new SchemaReference(reference.name(), reference.subject(), target.version()));
        }
        if (normalize) {
            references = references.stream().distinct().sorted((a, b) -> a.name().compareTo(b.name())).toList();
        }
        ParsedSchema parsed = SchemaTypes.parse(request.schemaType(), request.schema(),
            dependencies(references, new ArrayList<>()));
        String text = normalize ? parsed.normalized() : parsed.canonical();
        return new Candidate(parsed, new SchemaContent(parsed.schemaType(), text, references));
    }

    private ParsedSchema parse(RegisteredSchema stored) {
        return SchemaTypes.parse(stored.schemaType(), stored.schema(), dependencies(stored.references(), new ArrayList<>()));
    }

    /** The schemas {@code references} name and everything they reference, each after what it needs. */
    private List<Dependency> dependencies(List<SchemaReference> references, List<String> seenSubjectVersions) {
        List<Dependency> dependencies = new ArrayList<>();
        for (SchemaReference reference : references) {
            String id = reference.subject() + "/" + reference.version();
            if (seenSubjectVersions.contains(id)) {
                continue;
            }
            seenSubjectVersions.add(id);
            RegisteredSchema target = resolve(reference);
            dependencies.addAll(dependencies(target.references(), seenSubjectVersions));
            dependencies.add(new Dependency(reference.name(), target.schema()));
        }
        return dependencies;
    }

    private RegisteredSchema resolve(SchemaReference reference) {
        if (reference.name() == null || reference.subject() == null) {
            throw RegistryException.invalidSchema("Invalid reference " + reference + ": name and subject are required");
        }
        List<RegisteredSchema> versions = state.versions(reference.subject(), true);
        Optional<RegisteredSchema> target = reference.version() == -1
            ? versions.stream().filter(s -> !s.deleted()).reduce((a, b) -> b)
            : versions.stream().filter(s -> s.version() == reference.version()).findFirst();
        return target.orElseThrow(() -> RegistryException.invalidSchema("Invalid schema: reference '" + reference.name()
            + "' to subject '" + reference.subject() + "' version " + reference.version() + " not found"));
    }

    // ---- writing ----

    private interface Action<T> {
        T run();
    }

    private <T> T locked(Action<T> action) {
        writeLock.lock();
        try {
            return action.run();
        } finally {
            writeLock.unlock();
        }
    }

    private void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    private void write(StoreKey key, StoreValue value) {
        try {
            log.write(key, value);
        } catch (StoreWriteException e) {
            throw new RegistryException(e.timeout() ? ErrorCode.OPERATION_TIMEOUT : ErrorCode.STORE_ERROR,
                "Error while writing to the Kafka store: " + e.getMessage(), e);
        }
    }
}
