package io.tillstream.registry.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.registry.core.DataContracts.Contract;
import io.tillstream.registry.leader.Leadership;
import io.tillstream.registry.leader.NotLeaderException;
import io.tillstream.registry.leader.RegistryInstance;
import io.tillstream.registry.model.CompatibilityLevel;
import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.Mode;
import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.model.SchemaContent;
import io.tillstream.registry.model.SchemaReference;
import io.tillstream.registry.model.SchemaVersion;
import io.tillstream.registry.model.SubjectConfig;
import io.tillstream.registry.schema.CompatibilityChecker;
import io.tillstream.registry.schema.CompatibilityChecker.Previous;
import io.tillstream.registry.schema.Dependency;
import io.tillstream.registry.schema.ParsedSchema;
import io.tillstream.registry.schema.SchemaTypes;
import io.tillstream.registry.store.KafkaLog;
import io.tillstream.registry.store.LogWriter;
import io.tillstream.registry.store.LogWriter.Entry;
import io.tillstream.registry.store.RegistryState;
import io.tillstream.registry.store.StoreKey.ConfigKey;
import io.tillstream.registry.store.StoreKey.DeleteSubjectKey;
import io.tillstream.registry.store.StoreKey.ModeKey;
import io.tillstream.registry.store.StoreKey.SchemaKey;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry's rules: what may be registered, deleted or configured, and what that writes to the
 * log. It reads {@link RegistryState} and changes it only by writing to the {@link KafkaLog}. Only the
 * elected leader writes ({@link Leadership}; others get a {@link NotLeaderException} to forward), one
 * write at a time, and only after reading the log to its end, so an ID or a version is never handed
 * out twice, whichever instance led before and however its last write ended.
 */
public final class SchemaRegistry {

    private final RegistryState state;
    private final KafkaLog log;
    private final Leadership leadership;
    private final CompatibilityLevel defaultCompatibility;
    private final ReentrantLock writeLock = new ReentrantLock();

    public SchemaRegistry(RegistryState state, KafkaLog log, Leadership leadership, CompatibilityLevel defaultCompatibility) {
        this.state = state;
        this.log = log;
        this.leadership = leadership;
        this.defaultCompatibility = defaultCompatibility;
    }

    // ---- schemas and subjects ----

    /** Registers {@code request} under {@code subject}, or finds it registered already; answers its ID and version. */
    public RegisteredSchema register(String subject, SchemaRequest request, boolean normalize) {
        requireValidSubject(subject);
        boolean importing = request.id() != null && request.id() >= 0;
        if (!importing && request.version() == null) {
            // As Confluent's followers do: a schema registered already is answered here, without the leader.
            Optional<RegisteredSchema> known = registered(subject, request, normalize);
            if (known.isPresent()) {
                return known.get();
            }
        }
        return asLeader(() -> registerAsLeader(subject, request, normalize, importing));
    }

    private Optional<RegisteredSchema> registered(String subject, SchemaRequest request, boolean normalize) {
        List<RegisteredSchema> live = state.versions(subject, false);
        return live.isEmpty() ? Optional.empty() : findIn(live, candidate(subject, request, normalize, live));
    }

    private RegisteredSchema registerAsLeader(String subject, SchemaRequest request, boolean normalize, boolean importing) {
        Mode mode = modeInScope(subject);
        if (mode == Mode.READONLY) {
            throw RegistryException.notPermitted("Subject " + subject + " is in read-only mode");
        }
        if (importing && mode != Mode.IMPORT) {
            throw RegistryException.notPermitted("Subject " + subject + " is not in import mode");
        }
        if (!importing && mode != Mode.READWRITE) {
            throw RegistryException.notPermitted("Subject " + subject + " is not in read-write mode");
        }
        List<RegisteredSchema> all = state.versions(subject, true);
        List<RegisteredSchema> live = all.stream().filter(s -> !s.deleted()).toList();
        Candidate candidate = candidate(subject, request, normalize, live);
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
        int id;
        if (importing) {
            id = request.id();
            Optional<SchemaContent> holder = state.schemaById(id);
            if (holder.isPresent() && !holder.get().equals(content)) {
                throw new RegistryException(ErrorCode.ID_DOES_NOT_MATCH,
                    "Overwrite new schema with id " + id + " is not permitted.");
            }
        } else {
            Optional<RegisteredSchema> same = state.idOf(content).isPresent() ? Optional.empty() : sameSchemaElsewhere(candidate);
            if (same.isPresent()) {
                content = same.get().content();
            }
            // The log was read to its end before this, so maxId is the highest ID any instance ever handed out.
            id = state.idOf(content).orElseGet(() -> state.maxId() + 1);
        }
        RegisteredSchema registered = new RegisteredSchema(subject, version, id, content, false);
        List<Entry> entries = new ArrayList<>();
        // As Confluent does: the same schema registered again replaces its soft-deleted earlier versions.
        for (RegisteredSchema deleted : all) {
            if (deleted.deleted() && deleted.id() == id && deleted.version() < version && referrers(deleted, false).isEmpty()) {
                entries.add(new Entry(new SchemaKey(subject, deleted.version()), null));
            }
        }
        entries.add(new Entry(new SchemaKey(subject, version), new SchemaValue(registered)));
        write(entries);
        return registered;
    }

    /** The version of {@code subject} holding {@code request}'s schema. */
    public RegisteredSchema lookup(String subject, SchemaRequest request, boolean normalize, boolean deleted) {
        List<RegisteredSchema> versions = state.versions(subject, deleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        Candidate candidate = candidate(request, normalize || configInScope(subject).normalize());
        boolean anyContract = request.metadata() == null && request.ruleSet() == null;
        for (int i = versions.size() - 1; i >= 0; i--) {
            RegisteredSchema version = versions.get(i);
            if (sameSchema(version, candidate) && (anyContract || sameContract(version.content(), candidate.content()))) {
                return version;
            }
        }
        throw RegistryException.schemaNotFound();
    }

    /** The latest version holding the candidate, data contract included: same text, or the same schema once parsed. */
    private Optional<RegisteredSchema> findIn(List<RegisteredSchema> versions, Candidate candidate) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            RegisteredSchema version = versions.get(i);
            if (sameContract(version.content(), candidate.content()) && sameSchema(version, candidate)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    private boolean sameSchema(RegisteredSchema version, Candidate candidate) {
        SchemaContent wanted = candidate.content();
        return version.schemaType().equals(wanted.schemaType()) && version.references().equals(wanted.references())
            && (version.schema().equals(wanted.schema()) || parse(version).sameAs(candidate.parsed()));
    }

    private static boolean sameContract(SchemaContent a, SchemaContent b) {
        return Objects.equals(a.metadata(), b.metadata()) && Objects.equals(a.ruleSet(), b.ruleSet());
    }

    /**
     * A schema registered under any subject that is the candidate up to the order of its parts (a
     * JSON schema's keys, which its stored text keeps as Confluent does), with the same data contract,
     * so that it gets that ID and text rather than a new ID. Reordering a compact text keeps its
     * length, so only texts of the candidate's length are parsed.
     */
    private Optional<RegisteredSchema> sameSchemaElsewhere(Candidate candidate) {
        SchemaContent content = candidate.content();
        Set<Integer> compared = new HashSet<>();
        for (RegisteredSchema version : state.allVersions(v -> v.schemaType().equals(content.schemaType())
            && v.schema().length() == content.schema().length() && v.references().equals(content.references())
            && sameContract(v.content(), content))) {
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

    /** The version numbers of {@code subject} that {@code filter} shows. */
    public List<Integer> versions(String subject, LookupFilter filter) {
        List<RegisteredSchema> versions = state.versions(subject, filter != LookupFilter.LIVE);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions.stream().filter(s -> filter.includes(s.deleted()))
            .map(s -> filter == LookupFilter.DELETED_AS_NEGATIVE && s.deleted() ? -s.version() : s.version()).toList();
    }

    /** Subjects with a prefix, sorted; a subject counts as deleted when all its versions are. */
    public List<String> subjects(String prefix, LookupFilter filter) {
        Map<String, Boolean> allDeleted = new LinkedHashMap<>();
        state.allVersions(s -> s.subject().startsWith(prefix))
            .forEach(s -> allDeleted.merge(s.subject(), s.deleted(), Boolean::logicalAnd));
        return allDeleted.entrySet().stream().filter(e -> filter.includes(e.getValue())).map(Map.Entry::getKey).toList();
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

    /**
     * {@code content} with its schema in {@code format}, Confluent's {@code format} query parameter
     * (none: as stored; a format its type does not have: as stored too, as Confluent answers).
     *
     * @throws RegistryException with {@code INVALID_SCHEMA} if the schema cannot be put in that format
     */
    public SchemaContent formatted(SchemaContent content, String format) {
        if (format == null || format.isBlank()) {
            return content;
        }
        Optional<String> formatted = SchemaTypes.parse(content.schemaType(), content.schema(),
            dependencies(content.references(), new ArrayList<>())).formatted(format);
        if (formatted.isEmpty()) {
            return content;
        }
        String text = formatted.get();
        return new SchemaContent(content.schemaType(), text, content.references(), content.metadata(), content.ruleSet());
    }

    /** {@code schema} with its text in {@code format}, as {@link #formatted(SchemaContent, String)}. */
    public RegisteredSchema formatted(RegisteredSchema schema, String format) {
        return format == null || format.isBlank() ? schema
            : new RegisteredSchema(schema.subject(), schema.version(), schema.id(), formatted(schema.content(), format),
                schema.deleted());
    }

    /** The highest ID the registry has handed out (Confluent's {@code fetchMaxId}). */
    public int maxId() {
        return state.maxId();
    }

    /** Which subject versions carry schema {@code id}: empty when all of them are soft-deleted, as Confluent answers. */
    public List<RegisteredSchema> usesOf(int id, boolean deleted) {
        schemaById(id);
        return state.allVersions(s -> s.id() == id && (deleted || !s.deleted()));
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
        return asLeader(() -> {
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
            List<Entry> entries = new ArrayList<>();
            entries.add(new Entry(new SchemaKey(subject, target.version()),
                permanent ? null : new SchemaValue(target.withDeleted(true))));
            if (permanent && all.size() == 1) {
                entries.addAll(subjectSettingsRemoval(subject));
            }
            write(entries);
            return target.version();
        });
    }

    /** Soft-deletes every live version of a subject, or with {@code permanent} removes a soft-deleted subject. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return asLeader(() -> {
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
            List<Entry> entries = new ArrayList<>();
            if (permanent) {
                // Newest first, so that a version referencing an older one of the same subject goes before it.
                for (int i = deleting.size() - 1; i >= 0; i--) {
                    entries.add(new Entry(new SchemaKey(subject, deleting.get(i).version()), null));
                }
                entries.addAll(subjectSettingsRemoval(subject));
            } else {
                entries.add(new Entry(new DeleteSubjectKey(subject),
                    new DeleteSubjectValue(subject, live.get(live.size() - 1).version())));
            }
            write(entries);
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

    private List<Entry> subjectSettingsRemoval(String subject) {
        List<Entry> entries = new ArrayList<>();
        if (state.config(subject).isPresent()) {
            entries.add(new Entry(new ConfigKey(subject), null));
        }
        if (state.mode(subject).isPresent()) {
            entries.add(new Entry(new ModeKey(subject), null));
        }
        return entries;
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
                throw RegistryException.versionNotFound(version.number());
            }
            against = live.isEmpty() ? List.of() : List.of(version(subject, version, false));
        }
        return incompatibilities(subject, candidate(subject, request, normalize, live), against);
    }

    /**
     * Parses only the versions the subject's level compares with, not its whole history; with a
     * {@code compatibilityGroup}, only those whose metadata puts them in the candidate's group.
     */
    private List<String> incompatibilities(String subject, Candidate candidate, List<RegisteredSchema> previous) {
        CompatibilityLevel level = compatibilityInScope(subject);
        Optional<String> group = configInScope(subject).compatibilityGroup();
        List<RegisteredSchema> inGroup = group.map(g -> previous.stream()
            .filter(s -> Objects.equals(groupOf(s.content(), g), groupOf(candidate.content(), g))).toList())
            .orElse(previous);
        List<Previous> parsed = CompatibilityChecker.inScope(inGroup, level).stream()
            .map(s -> new Previous(s.version(), parse(s))).toList();
        return CompatibilityChecker.check(candidate.parsed(), parsed, level);
    }

    private static String groupOf(SchemaContent content, String property) {
        return content.metadata() == null ? null : content.metadata().path("properties").path(property).textValue();
    }

    // ---- config and mode ----

    /**
     * The subject's own configuration (the global one with a null subject, with its level filled in
     * from the server's default), or with {@code defaultToGlobal} the one it falls back to.
     */
    public SubjectConfig config(String subject, boolean defaultToGlobal) {
        Optional<SubjectConfig> own = state.config(subject);
        if (own.isPresent() && subject != null) {
            return own.get();
        }
        if (subject != null && !defaultToGlobal) {
            throw new RegistryException(ErrorCode.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
        }
        SubjectConfig global = state.config(null).orElse(SubjectConfig.of(defaultCompatibility));
        return global.compatibilityLevel().isPresent() ? global
            : global.updatedWith(SubjectConfig.of(defaultCompatibility).fields());
    }

    /** Applies a client's configuration update (Confluent's merge: named fields replace, nulls clear). */
    public SubjectConfig updateConfig(String subject, ObjectNode update) {
        if (subject != null) {
            requireValidSubject(subject);
        }
        return asLeader(() -> {
            SubjectConfig updated = state.config(subject).orElse(new SubjectConfig(update.objectNode())).updatedWith(update);
            write(List.of(new Entry(new ConfigKey(subject), new ConfigValue(updated))));
            return updated;
        });
    }

    /** Removes the subject's own configuration (or resets the global one); answers what it had. */
    public SubjectConfig deleteConfig(String subject) {
        return asLeader(() -> {
            Optional<SubjectConfig> own = state.config(subject);
            if (own.isEmpty() && subject != null) {
                throw RegistryException.subjectNotFound(subject);
            }
            if (own.isPresent()) {
                write(List.of(new Entry(new ConfigKey(subject), null)));
            }
            return own.orElse(SubjectConfig.of(defaultCompatibility));
        });
    }

    private SubjectConfig configInScope(String subject) {
        return state.config(subject).or(() -> state.config(null)).orElse(SubjectConfig.of(defaultCompatibility));
    }

    private CompatibilityLevel compatibilityInScope(String subject) {
        return state.config(subject).flatMap(SubjectConfig::compatibilityLevel)
            .or(() -> state.config(null).flatMap(SubjectConfig::compatibilityLevel))
            .orElse(defaultCompatibility);
    }

    public Mode mode(String subject, boolean defaultToGlobal) {
        Optional<Mode> own = state.mode(subject);
        if (own.isPresent()) {
            return own.get();
        }
        if (subject == null || defaultToGlobal) {
            return modeInScope(null);
        }
        throw new RegistryException(ErrorCode.SUBJECT_MODE_NOT_CONFIGURED,
            "Subject '" + subject + "' does not have subject-level mode configured");
    }

    /** Sets a mode; IMPORT only where no schemas exist yet, unless {@code force}. */
    public Mode setMode(String subject, Mode mode, boolean force) {
        if (subject != null) {
            requireValidSubject(subject);
        }
        return asLeader(() -> {
            if (mode == Mode.IMPORT && modeInScope(subject) != Mode.IMPORT && !force
                && !(subject == null ? subjects("", LookupFilter.LIVE) : state.versions(subject, false)).isEmpty()) {
                throw RegistryException.notPermitted("Cannot import since found existing subjects");
            }
            write(List.of(new Entry(new ModeKey(subject), new ModeValue(mode))));
            return mode;
        });
    }

    /** Removes the subject's own mode (or resets the global one); answers the mode it had. */
    public Mode deleteMode(String subject) {
        return asLeader(() -> {
            Optional<Mode> own = state.mode(subject);
            if (own.isEmpty() && subject != null) {
                throw RegistryException.subjectNotFound(subject);
            }
            if (own.isPresent()) {
                write(List.of(new Entry(new ModeKey(subject), null)));
            }
            return own.orElse(Mode.READWRITE);
        });
    }

    private Mode modeInScope(String subject) {
        return state.mode(subject).or(() -> state.mode(null)).orElse(Mode.READWRITE);
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

    /** A requested schema parsed, with the text, references and data contract it would be stored with. */
    private record Candidate(ParsedSchema parsed, SchemaContent content) {
    }

    /** The candidate as registration would store it under {@code subject}: its data contract settled against the latest live version. */
    private Candidate candidate(String subject, SchemaRequest request, boolean normalize, List<RegisteredSchema> live) {
        SubjectConfig config = configInScope(subject);
        Candidate plain = candidate(request, normalize || config.normalize());
        RegisteredSchema latest = live.isEmpty() ? null : live.get(live.size() - 1);
        Contract contract = DataContracts.settle(new Contract(request.metadata(), request.ruleSet()),
            latest == null ? new Contract(null, null) : new Contract(latest.metadata(), latest.ruleSet()), config);
        SchemaContent content = plain.content();
        return new Candidate(plain.parsed(), new SchemaContent(content.schemaType(), content.schema(), content.references(),
            contract.metadata(), contract.ruleSet()));
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
        return new Candidate(parsed, new SchemaContent(parsed.schemaType(), text, references, request.metadata(),
            request.ruleSet()));
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

    /** How often a write is decided and written again after the log showed that an attempt did not get in. */
    private static final int WRITE_ATTEMPTS = 3;

    /** A write that the log, read after it, shows did not get in: deciding it again is safe. */
    private static final class WriteNotApplied extends RuntimeException {
        WriteNotApplied(StoreWriteException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Runs a write as the leader: one at a time, after reading the log to its end (Confluent's "wait
     * until the reader reaches the last offset"), so the action decides on everything any leader wrote.
     * When the log then shows that the write did not get in (this instance's writer was replaced by a
     * new election mid-write, a connection broke), the action is decided and written again.
     *
     * @throws NotLeaderException if another instance leads (nothing was done)
     */
    private <T> T asLeader(Action<T> action) {
        writeLock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                writer();
                catchUp();
                try {
                    return action.run();
                } catch (WriteNotApplied e) {
                    if (attempt == WRITE_ATTEMPTS) {
                        throw storeError("Error while writing to the Kafka store", (StoreWriteException) e.getCause());
                    }
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    private LogWriter writer() {
        try {
            return leadership.writer();
        } catch (StoreWriteException e) {
            throw storeError("Could not become the writer of the schemas log", e);
        }
    }

    private void catchUp() {
        try {
            log.catchUp();
        } catch (StoreWriteException e) {
            throw storeError("The registry could not read the schemas log to its end, so it cannot decide safely", e);
        }
    }

    /**
     * Appends {@code entries} in one transaction. When the outcome is unknown (a timeout, a broken
     * connection, the writer replaced), the write is not retried blindly: a new writer settles the open
     * transaction, the log is read to its end, and the answer is what the log holds.
     */
    private void write(List<Entry> entries) {
        try {
            writer().write(entries);
        } catch (StoreWriteException e) {
            if (e.refused()) {
                throw storeError("Error while writing to the Kafka store", e);
            }
            if (e.fenced()) {
                RegistryInstance leader = leadership.awaitLeader().orElse(null);
                if (leader != null && !leader.equals(leadership.self())) {
                    throw new NotLeaderException(leader);
                }
            }
            writer();
            catchUp();
            if (entries.stream().allMatch(entry -> state.holds(entry.key(), entry.value()))) {
                return;
            }
            throw new WriteNotApplied(e);
        }
    }

    private static RegistryException storeError(String what, StoreWriteException e) {
        return new RegistryException(e.timeout() ? ErrorCode.OPERATION_TIMEOUT : ErrorCode.STORE_ERROR,
            what + ": " + e.getMessage(), e);
    }
}
