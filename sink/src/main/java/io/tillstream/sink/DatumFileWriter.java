package io.tillstream.sink;

import org.apache.avro.Schema;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one Parquet file from the Avro datums of a flat record schema (fields of primitive types, enums, fixed,
 * and unions of null with one of those), each field's value straight into its column's writer: no
 * {@code GenericRecord}, strings and bytes reach Parquet as views of the datums' own bytes, and no record
 * consumer between (parquet-java's {@code MessageColumnIO}, which tracks every field of every row to find the
 * missing ones; a flat datum has every field, a null one as its union's branch). The columns are those
 * parquet-avro gives the schema ({@link AvroSchemaConverter}) and the footer carries the Avro schema and the
 * writer model as parquet-avro writes them, so a file reads the same either way. Any other schema is written
 * through parquet-avro ({@link Layout#of} is empty).
 */
final class DatumFileWriter implements Closeable {

    /** parquet-avro's footer key for the Avro schema ({@code AvroReadSupport}'s, which is not public). */
    private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";
    /** The writer model parquet-avro names, so readers that look at it take the file for one of its own. */
    private static final String MODEL = "avro";
    /** Rows between two looks at the buffered size, which sums every column's pages. */
    private static final int ROWS_BETWEEN_SIZE_CHECKS = 1_000;

    private final ParquetFileWriter file;
    private final Layout layout;
    private final ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final long rowGroupBytes;
    private final ColumnWriter[] columns;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private int rowGroups;
    private long rows;

    /**
     * Starts a file of {@code layout}'s schema in {@code out}, its pages encoded as {@code properties} say and
     * compressed by {@code compressor}, a new row group once the one open buffers {@code rowGroupBytes}.
     */
    DatumFileWriter(OutputFile out, Layout layout, ParquetProperties properties, BytesInputCompressor compressor,
                    long rowGroupBytes) throws IOException {
        this.file = new ParquetFileWriter(out, layout.columns, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes,
            ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties);
        this.layout = layout;
        this.properties = properties;
        this.compressor = compressor;
        this.rowGroupBytes = rowGroupBytes;
        this.columns = new ColumnWriter[layout.fields.length];
        file.start();
        openRowGroup();
    }

    /**
     * What every file of one schema shares, worked out once per schema rather than per file (a roll
     * writes a file per day): the Parquet columns, the footer, a writer per field.
     */
    static final class Layout {

        private final MessageType columns;
        private final Map<String, String> footer;
        private final FieldWriter[] fields;

        private Layout(Schema schema, FieldWriter[] fields) {
            this.columns = new AvroSchemaConverter(new PlainParquetConfiguration()).convert(schema);
            this.footer = Map.of(AVRO_SCHEMA_KEY, schema.toString(), ParquetWriter.OBJECT_MODEL_NAME_PROP, MODEL);
            this.fields = fields;
        }

        /** The layout of {@code schema}, or empty if it is not a flat record this class writes. */
        static Optional<Layout> of(Schema schema) {
            if (schema.getType() != Schema.Type.RECORD) {
                return Optional.empty();
            }
            List<FieldWriter> fields = new ArrayList<>();
            for (Schema.Field field : schema.getFields()) {
                Optional<FieldWriter> writer = fieldWriter(field.schema());
                if (writer.isEmpty()) {
                    return Optional.empty();
                }
                fields.add(writer.get());
            }
            return Optional.of(new Layout(schema, fields.toArray(FieldWriter[]::new)));
        }
    }

    /** Writes the next datum of {@code in} as a row. */
    void write(AvroDatums in) throws IOException {
        for (int i = 0; i < columns.length; i++) {
            layout.fields[i].write(in, columns[i]);
        }
        store.endRecord();
        if (++rows % ROWS_BETWEEN_SIZE_CHECKS == 0 && store.getBufferedSize() > rowGroupBytes) {
            closeRowGroup();
            openRowGroup();
        }
    }

    /** Writes the last row group and the footer, and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            closeRowGroup();
            file.end(new HashMap<>(layout.footer));
        } finally {
            file.close();
        }
    }

    private void openRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
            .withCompressorProvider(column -> compressor)
            .withSchema(layout.columns)
            .withAllocator(properties.getAllocator())
            .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
            .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
            .withRowGroupOrdinal(rowGroups)
            .build();
        store = properties.newColumnWriteStore(layout.columns, pages, pages);
        for (int i = 0; i < columns.length; i++) {
            columns[i] = store.getColumnWriter(layout.columns.getColumns().get(i));
        }
    }

    private void closeRowGroup() throws IOException {
        try {
            if (rows > 0) {
                file.startBlock(rows);
                store.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
                rowGroups++;
                rows = 0;
            }
        } finally {
            store.close();
            pages.close();
        }
    }

    /** Reads one field of the datum and hands its value, or its null, to the field's column. */
    private interface FieldWriter {
        void write(AvroDatums in, ColumnWriter out);
    }

    /** Reads one value of the datum and writes it at {@code definitionLevel}: 1 in an optional column, else 0. */
    private interface ValueWriter {
        void write(AvroDatums in, ColumnWriter out, int definitionLevel);
    }

    private static Optional<FieldWriter> fieldWriter(Schema type) {
        if (type.getType() != Schema.Type.UNION) {
            return valueWriter(type).map(value -> (in, out) -> value.write(in, out, 0));
        }
        List<Schema> branches = type.getTypes();
        int nullBranch = branches.indexOf(Schema.create(Schema.Type.NULL));
        if (branches.size() != 2 || nullBranch < 0) {
            return Optional.empty();
        }
        // parquet-avro makes such a union an optional column: a null is a value missing at definition level 0.
        return valueWriter(branches.get(1 - nullBranch)).map(value -> (in, out) -> {
            if (in.readInt() == nullBranch) {
                out.writeNull(0, 0);
            } else {
                value.write(in, out, 1);
            }
        });
    }

    private static Optional<ValueWriter> valueWriter(Schema type) {
        return Optional.ofNullable(switch (type.getType()) {
            case INT -> (in, out, level) -> out.write(in.readInt(), 0, level);
            case LONG -> (in, out, level) -> out.write(in.readLong(), 0, level);
            case FLOAT -> (in, out, level) -> out.write(in.readFloat(), 0, level);
            case DOUBLE -> (in, out, level) -> out.write(in.readDouble(), 0, level);
            case BOOLEAN -> (in, out, level) -> out.write(in.readBoolean(), 0, level);
            case STRING, BYTES -> (in, out, level) -> out.write(in.readBinary(), 0, level);
            case FIXED -> {
                int size = type.getFixedSize();
                yield (in, out, level) -> out.write(in.readFixed(size), 0, level);
            }
            case ENUM -> {
                Binary[] symbols = type.getEnumSymbols().stream().map(Binary::fromString).toArray(Binary[]::new);
                yield (in, out, level) -> out.write(symbols[in.readInt()], 0, level);
            }
            default -> null;
        });
    }
}
