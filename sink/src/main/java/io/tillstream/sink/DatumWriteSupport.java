package io.tillstream.sink;

import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes Parquet rows straight from the Avro datums of a flat record schema (fields of primitive
 * types, enums, fixed, and unions of null with one of those), with no {@code GenericRecord} between:
 * strings and bytes reach Parquet as views of the datums' own bytes, not as Java strings encoded back
 * to UTF-8. The columns are those parquet-avro gives the schema ({@link AvroSchemaConverter}) and the
 * footer carries the Avro schema as parquet-avro writes it, so a file reads the same either way. Any
 * other schema is written through parquet-avro ({@link Layout#of} is empty).
 */
final class DatumWriteSupport extends WriteSupport<AvroDatums> {

    /** parquet-avro's footer key for the Avro schema ({@code AvroReadSupport}'s, which is not public). */
    private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";
    /** The writer model parquet-avro names, so readers that look at it take the file for one of its own. */
    private static final String MODEL = "avro";

    private final Layout layout;
    private RecordConsumer out;

    /** The write support of one file of {@code layout}'s schema. */
    DatumWriteSupport(Layout layout) {
        this.layout = layout;
    }

    /**
     * What every file of one schema shares, worked out once per schema rather than per file (a roll
     * writes a file per day): the Parquet columns, the footer's copy of the Avro schema, a writer per field.
     */
    static final class Layout {

        private final MessageType columns;
        private final Map<String, String> footer;
        private final List<ValueWriter> fields;

        private Layout(Schema schema, List<ValueWriter> fields) {
            this.columns = new AvroSchemaConverter(new PlainParquetConfiguration()).convert(schema);
            this.footer = Map.of(AVRO_SCHEMA_KEY, schema.toString());
            this.fields = fields;
        }

        /** The layout of {@code schema}, or empty if it is not a flat record this class writes. */
        static Optional<Layout> of(Schema schema) {
            if (schema.getType() != Schema.Type.RECORD) {
                return Optional.empty();
            }
            List<ValueWriter> fields = new ArrayList<>();
            for (Schema.Field field : schema.getFields()) {
                Optional<ValueWriter> writer = fieldWriter(field);
                if (writer.isEmpty()) {
                    return Optional.empty();
                }
                fields.add(writer.get());
            }
            return Optional.of(new Layout(schema, fields));
        }
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return init(new PlainParquetConfiguration());
    }

    /** The columns are parquet-avro's for the schema under the plain configuration every file is written with. */
    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(layout.columns, layout.footer);
    }

    @Override
    public String getName() {
        return MODEL;
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    /** Writes the next datum of {@code in} as a row. */
    @Override
    public void write(AvroDatums in) {
        out.startMessage();
        for (ValueWriter field : layout.fields) {
            field.write(in, out);
        }
        out.endMessage();
    }

    /** A {@link ParquetWriter} of a schema's datums. */
    static final class Builder extends ParquetWriter.Builder<AvroDatums, Builder> {

        private final DatumWriteSupport support;

        Builder(OutputFile file, DatumWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<AvroDatums> getWriteSupport(Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<AvroDatums> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }

    /** Reads one value (or a whole field) of the datum and hands it to Parquet. */
    private interface ValueWriter {
        void write(AvroDatums in, RecordConsumer out);
    }

    private static Optional<ValueWriter> fieldWriter(Schema.Field field) {
        String name = field.name();
        int index = field.pos();
        Schema type = field.schema();
        if (type.getType() != Schema.Type.UNION) {
            return valueWriter(type).map(value -> (in, out) -> {
                out.startField(name, index);
                value.write(in, out);
                out.endField(name, index);
            });
        }
        List<Schema> branches = type.getTypes();
        int nullBranch = branches.indexOf(Schema.create(Schema.Type.NULL));
        if (branches.size() != 2 || nullBranch < 0) {
            return Optional.empty();
        }
        // A null is a field left out of the row: Parquet's definition level says it is missing.
        return valueWriter(branches.get(1 - nullBranch)).map(value -> (in, out) -> {
            if (in.readInt() != nullBranch) {
                out.startField(name, index);
                value.write(in, out);
                out.endField(name, index);
            }
        });
    }

    private static Optional<ValueWriter> valueWriter(Schema type) {
        return Optional.ofNullable(switch (type.getType()) {
            case INT -> (in, out) -> out.addInteger(in.readInt());
            case LONG -> (in, out) -> out.addLong(in.readLong());
            case FLOAT -> (in, out) -> out.addFloat(in.readFloat());
            case DOUBLE -> (in, out) -> out.addDouble(in.readDouble());
            case BOOLEAN -> (in, out) -> out.addBoolean(in.readBoolean());
            case STRING, BYTES -> (in, out) -> out.addBinary(in.readBinary());
            case FIXED -> {
                int size = type.getFixedSize();
                yield (in, out) -> out.addBinary(in.readFixed(size));
            }
            case ENUM -> {
                Binary[] symbols = type.getEnumSymbols().stream().map(Binary::fromString).toArray(Binary[]::new);
                yield (in, out) -> out.addBinary(symbols[in.readInt()]);
            }
            default -> null;
        });
    }
}
