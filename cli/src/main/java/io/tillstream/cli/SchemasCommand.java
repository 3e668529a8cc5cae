package io.tillstream.cli;

import io.tillstream.serde.client.CompatibilityLevel;
import io.tillstream.serde.client.CompatibilityResult;
import io.tillstream.serde.client.RegisteredSchema;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaRegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code tillstream schemas list|get|register|check|delete|config}, against any Confluent-compatible registry. */
@Command(name = "schemas", mixinStandardHelpOptions = true, description = "List, show, register, check and delete schemas; view or set compatibility.",
    subcommands = {SchemasCommand.ListSubjects.class, SchemasCommand.Get.class, SchemasCommand.Register.class,
        SchemasCommand.Check.class, SchemasCommand.Delete.class, SchemasCommand.Config.class})
final class SchemasCommand extends CommandGroup {

    private static final String LATEST = "latest";

    /** What every schemas subcommand shares: how to reach the registry and how much to log. */
    abstract static class SchemasSubcommand implements Callable<Integer> {
        // Not mixinStandardHelpOptions: its --version would clash with the schema --version option.
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @Mixin
        RegistryOptions registry;
        @Option(names = "--command-config", paramLabel = "FILE", description = "A client properties file, as "
            + "'tillstream up --users-file' writes: its basic.auth.* and schema.registry.ssl.* settings reach the "
            + "registry; the options given win.")
        Path commandConfig;
        @Mixin
        Verbosity verbosity;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            verbosity.configure();
            SchemaRegistryClient client = registry.client(commandConfig == null ? Map.of()
                : ConnectionOptions.readProperties(commandConfig, "--command-config"));
            try {
                return run(client, spec.commandLine().getOut());
            } finally {
                client.close();
            }
        }

        abstract int run(SchemaRegistryClient client, PrintWriter out);
    }

    @Command(name = "list", description = "List subjects, one per line.")
    static final class ListSubjects extends SchemasSubcommand {
        @Option(names = "--deleted", description = "Include soft-deleted subjects.")
        boolean deleted;

        @Option(names = "--prefix", paramLabel = "TEXT", description = "Only subjects starting with TEXT.")
        String prefix = "";

        @Override
        int run(SchemaRegistryClient client, PrintWriter out) {
            client.getSubjects(deleted).stream().filter(s -> s.startsWith(prefix)).sorted().forEach(out::println);
            return ExitCode.OK;
        }
    }

    @Command(name = "get",
        description = "Show a schema by subject and version, or by its global id.")
    static final class Get extends SchemasSubcommand {
        @Option(names = "--subject", paramLabel = "NAME", description = "The subject, e.g. raw_data-value.")
        String subject;

        @Option(names = "--id", paramLabel = "N", description = "The schema's global id, instead of a subject.")
        Integer id;

        @Option(names = "--version", paramLabel = "N|latest", defaultValue = LATEST,
            description = "Version of the subject (default: ${DEFAULT-VALUE}).")
        String version;

        @Option(names = "--schema-only", description = "Print only the schema text, for scripts.")
        boolean schemaOnly;

        @Override
        int run(SchemaRegistryClient client, PrintWriter out) {
            if ((subject == null) == (id == null)) {
                throw new CommandFailedException("give either --subject or --id", ExitCode.USAGE);
            }
            if (id != null) {
                SchemaDefinition definition = client.getSchema(id);
                if (!schemaOnly) {
                    out.println("id " + id + describe(definition));
                }
                out.println(definition.schema());
                return ExitCode.OK;
            }
            RegisteredSchema found = client.getVersion(subject, version(version));
            if (!schemaOnly) {
                out.printf("subject %s, version %d, id %d%s%n", found.subject(), found.version(), found.id(),
                    describe(found.definition()));
            }
            out.println(found.definition().schema());
            return ExitCode.OK;
        }

        /** The type when it is not Avro, and the references, as Confluent's API gives them. */
        private static String describe(SchemaDefinition definition) {
            String type = SchemaDefinition.AVRO.equals(definition.schemaType()) ? "" : ", " + definition.schemaType();
            String references = definition.references().stream()
                .map(r -> r.name() + "=" + r.subject() + ":" + r.version()).collect(Collectors.joining(" "));
            return type + (references.isEmpty() ? "" : ", references " + references);
        }
    }

    @Command(name = "register",
        description = "Register a schema from a file under a subject; the registry checks compatibility first.")
    static final class Register extends SchemasSubcommand {
        @Option(names = "--subject", paramLabel = "NAME", required = true, description = "The subject, e.g. raw_data-value.")
        String subject;

        @Mixin
        SchemaFileOptions schemaFile;

        @Option(names = "--normalize", description = "Normalize the schema first, so equivalent texts share an id.")
        boolean normalize;

        @Override
        int run(SchemaRegistryClient client, PrintWriter out) {
            SchemaDefinition schema = schemaFile.definition();
            client.register(subject, schema, normalize);
            RegisteredSchema registered = client.lookup(subject, schema, normalize);
            out.printf("Registered %s version %d, id %d.%n", registered.subject(), registered.version(), registered.id());
            return ExitCode.OK;
        }
    }

    @Command(name = "check",
        description = "Check whether a schema file could be registered under a subject.",
        footer = {"", "Exit codes: 0 compatible, 1 incompatible or failed, 2 usage, 3 registry unreachable."})
    static final class Check extends SchemasSubcommand {
        @Option(names = "--subject", paramLabel = "NAME", required = true, description = "The subject, e.g. raw_data-value.")
        String subject;

        @Mixin
        SchemaFileOptions schemaFile;

        @Option(names = "--version", paramLabel = "N|latest", defaultValue = LATEST,
            description = "Version to check against (default: ${DEFAULT-VALUE}; the subject's level decides which others count).")
        String version;

        @Override
        int run(SchemaRegistryClient client, PrintWriter out) {
            SchemaDefinition schema = schemaFile.definition();
            CompatibilityResult result = client.testCompatibility(subject, version(version), schema);
            if (result.compatible()) {
                out.printf("Compatible with %s version %s.%n", subject, version);
                return ExitCode.OK;
            }
            out.printf("Incompatible with %s version %s:%n", subject, version);
            result.messages().forEach(m -> out.println("  " + m));
            return ExitCode.FAILED;
        }
    }

    @Command(name = "delete",
        description = "Delete a subject or one version: soft by default, for good with --permanent (after a soft delete).")
    static final class Delete extends SchemasSubcommand {
        @Option(names = "--subject", paramLabel = "NAME", required = true, description = "The subject.")
        String subject;

        @Option(names = "--version", paramLabel = "N|latest", description = "Only this version (default: the whole subject).")
        String version;

        @Option(names = "--permanent", description = "Remove for good; the registry requires a soft delete first.")
        boolean permanent;

        @Override
        int run(SchemaRegistryClient client, PrintWriter out) {
            String how = permanent ? "permanently" : "(soft)";
            if (version == null) {
                List<Integer> versions = client.deleteSubject(subject, permanent);
                out.printf("Deleted %s %s: versions %s.%n", subject, how,
                    versions.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            } else {
                int deleted = client.deleteVersion(subject, version(version), permanent);
                out.printf("Deleted %s version %d %s.%n", subject, deleted, how);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "config",
        description = "Show or set the compatibility level, globally or for one subject.")
    static final class Config extends SchemasSubcommand {
        @Option(names = "--subject", paramLabel = "NAME", description = "The subject (default: the global level).")
        String subject;

        @Option(names = "--level", paramLabel = "LEVEL",
            description = "Set the level: ${COMPLETION-CANDIDATES}.")
        CompatibilityLevel level;

        @Option(names = "--delete", description = "Remove the subject's own level, so the global one applies.")
        boolean delete;

        @Override
        int run(SchemaRegistryClient client, PrintWriter out) {
            String scope = subject == null ? "global" : subject;
            if (delete && level != null) {
                throw new CommandFailedException("--level and --delete cannot be used together", ExitCode.USAGE);
            }
            if (delete) {
                client.deleteCompatibility(subject);
                out.printf("Removed the compatibility level of %s; the global level applies.%n", scope);
            } else if (level != null) {
                out.printf("Compatibility of %s set to %s.%n", scope, client.updateCompatibility(subject, level));
            } else {
                out.printf("Compatibility of %s: %s%n", scope, client.getCompatibility(subject));
            }
            return ExitCode.OK;
        }
    }

    private static int version(String text) {
        if (text.equals(LATEST) || text.equals("-1")) {
            return SchemaRegistryClient.LATEST_VERSION;
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the value as given.
        }
        throw new CommandFailedException("--version must be a number from 1 or 'latest', not '" + text + "'", ExitCode.USAGE);
    }
}
