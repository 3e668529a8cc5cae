package io.tillstream.registry.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.util.ArrayList;
import java.util.List;

/**
 * Avro compatibility decided by Avro's own {@link SchemaCompatibility}, each problem worded as
 * Confluent does, so that tools parsing its verbose answers keep working.
 */
final class AvroCompatibility {

    private AvroCompatibility() {
    }

    static List<String> problems(Schema reader, Schema writer, String readerName, String writerName) {
        List<String> messages = new ArrayList<>();
        for (Incompatibility problem : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
            .getResult().getIncompatibilities()) {
            messages.add("{errorType:'" + problem.getType() + "', description:'"
                + describe(problem, readerName, writerName) + "', additionalInfo:'" + problem.getMessage() + "'}");
        }
        return messages;
    }

    private static String describe(Incompatibility problem, String reader, String writer) {
        String path = problem.getLocation();
        return switch (problem.getType()) {
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + path + "' in the " + reader
                + " schema does not match with the " + writer + " schema";
            case TYPE_MISMATCH -> "The type (path '" + path + "') of a field in the " + reader
                + " schema does not match with the " + writer + " schema";
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema is missing enum symbols '" + problem.getMessage()
                + "' at path '" + path + "' in the " + writer + " schema";
            case MISSING_UNION_BRANCH -> "The " + reader + " schema is missing a type inside a union field at path '"
                + path + "' in the " + writer + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + problem.getMessage() + "' at path '" + path
                + "' in the " + reader + " schema has no default value and is missing in the " + writer + " schema";
        };
    }
}
