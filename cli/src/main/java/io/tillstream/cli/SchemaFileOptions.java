package io.tillstream.cli;

import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A schema given on the command line: its file, its type, and the references it imports or refers to. */
final class SchemaFileOptions {

    /** The schema types the registry takes, as Confluent names them. */
    enum SchemaType { AVRO, JSON, PROTOBUF }

    @Option(names = "--file", paramLabel = "FILE", required = true,
        description = "The schema: Avro (.avsc), JSON Schema (.json) or Protobuf (.proto).")
    Path file;

    @Option(names = "--type", paramLabel = "AVRO|JSON|PROTOBUF",
        description = "The schema's type (default: from the file's extension, .proto PROTOBUF, .json JSON, else AVRO).")
    SchemaType type;

    @Option(names = "--reference", paramLabel = "NAME=SUBJECT:VERSION",
        description = "A schema this one refers to, registered under SUBJECT (VERSION a number or latest): an Avro "
            + "type's full name, a .proto import path, a JSON Schema $ref. Repeatable.")
    List<String> references = new ArrayList<>();

    SchemaDefinition definition() {
        return new SchemaDefinition(read(), type().name(), references());
    }

    private SchemaType type() {
        if (type != null) {
            return type;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".proto") ? SchemaType.PROTOBUF : name.endsWith(".json") ? SchemaType.JSON : SchemaType.AVRO;
    }

    private List<SchemaReference> references() {
        List<SchemaReference> parsed = new ArrayList<>();
        for (String reference : references) {
            int eq = reference.indexOf('=');
            int colon = reference.lastIndexOf(':');
            if (eq <= 0 || colon < eq + 2 || colon == reference.length() - 1) {
                throw usage("--reference " + reference + ": expected NAME=SUBJECT:VERSION, e.g. shop/item.proto=shop/item.proto:1");
            }
            String version = reference.substring(colon + 1);
            int number;
            try {
                number = "latest".equalsIgnoreCase(version) ? -1 : Integer.parseInt(version);
            } catch (NumberFormatException e) {
                throw usage("--reference " + reference + ": the version must be a number or latest, not " + version);
            }
            parsed.add(new SchemaReference(reference.substring(0, eq), reference.substring(eq + 1, colon), number));
        }
        return parsed;
    }

    private String read() {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw usage("--file " + file + ": no such file");
        } catch (IOException e) {
            throw usage("--file " + file + ": cannot read it: " + e.getMessage());
        }
    }

    private static CommandFailedException usage(String message) {
        return new CommandFailedException(message, ExitCode.USAGE);
    }
}
