package io.tillstream.registry.schema;

import io.tillstream.registry.model.RegisteredSchema;
import io.tillstream.registry.model.RegistryException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

import java.util.List;

/**
 * An Avro schema parsed with the named types of its references, so that it can be written back
 * in the form the registry stores and compared with other versions.
 */
public record AvroSchema(Schema schema, List<Schema> referenced) implements ParsedSchema {

    /**
     * Parses {@code text}, the schemas it references first (in dependency order).
     *
     * @throws RegistryException with {@code INVALID_SCHEMA} if any of them is not valid Avro
     */
    public static AvroSchema parse(String text, List<Dependency> dependencies) {
        Schema.Parser parser = new Schema.Parser();
        try {
            List<Schema> referenced = dependencies.stream().map(d -> parser.parse(d.schema())).toList();
            return new AvroSchema(parser.parse(text), referenced);
        } catch (AvroRuntimeException | IllegalArgumentException | NullPointerException e) {
            throw RegistryException.invalidSchema("Invalid schema " + text + ", details: " + e.getMessage());
        }
    }

    @Override
    public String schemaType() {
        return RegisteredSchema.AVRO;
    }

    /**
     * The text the registry stores: compact JSON in Avro's own field order, so whitespace and the
     * order of a field's attributes do not matter; referenced types stay references.
     */
    @Override
    public String canonical() {
        return schema.toString(referenced, false);
    }

    /** {@link #canonical()} with custom properties and aliases in sorted order as well, for {@code normalize=true}. */
    @Override
    public String normalized() {
        return Normalizer.normalize(canonical());
    }

    /** Parsed equality: Avro's own, which ignores what its writer would drop. */
    @Override
    public boolean sameAs(ParsedSchema other) {
        return other instanceof AvroSchema avro && schema.equals(avro.schema);
    }

    @Override
    public List<String> incompatibilities(ParsedSchema previous, Direction direction) {
        Schema old = ((AvroSchema) previous).schema;
        return direction == Direction.BACKWARD
            ? AvroCompatibility.problems(schema, old, "new", "old")
            : AvroCompatibility.problems(old, schema, "old", "new");
    }
}
