package io.tillstream.sink;

import io.tillstream.retail.lake.LakeFileName;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * One Parquet file being written under its temporary name in its day directory. Columns come from
 * the record's Avro writer schema as parquet-avro converts it, so a decimal stays a DECIMAL, a date a
 * DATE and a timestamp-millis a TIMESTAMP(MILLIS, UTC). A flat record's datums are written straight
 * from their bytes ({@link DatumFileWriter}); any other schema's are decoded into records for
 * parquet-avro's writer. {@link #seal()} makes the file durable under its temporary name, and only
 * {@link Sealed#publish()}, once the consumer group has committed the roll, gives it its final name.
 */
final class LakeFile {

    private static final PageCodecs CODECS = new PageCodecs();
    /**
     * Size statistics (each value's bytes and level histograms, per column) are for readers planning memory;
     * DuckDB, Spark and Trino do without them, and they were work on every value of every column.
     */
    private static final boolean SIZE_STATISTICS = false;
    /**
     * Enough rows for C1 to compile the column writers' per-value methods, and C2 at HotSpot's default thresholds
     * (about 10,000 calls each); {@code ./tillstream} raises C2's tenfold for {@code sink}, and a warm-up long
     * enough for those cost more than it saved (docs/benchmarks.md, the sink's fifth and sixth rounds).
     */
    private static final int WARM_UP_ROWS = 20_000;

    private final Path directory;
    private final LakeFileName name;
    private final Path temp;
    private final Closeable writer;
    private final DatumRows rows;

    /** Writes datums back to back as rows. */
    private interface DatumRows {
        void write(byte[] datums, int count) throws IOException;
    }

    private LakeFile(Path directory, LakeFileName name, Path temp, Closeable writer, DatumRows rows) {
        this.directory = directory;
        this.name = name;
        this.temp = temp;
        this.writer = writer;
        this.rows = rows;
    }

    /**
     * How every file of a batch is written: its writer schema, codec and settings, and, when its datums are
     * written straight from their bytes, the schema's {@link DatumFileWriter.Layout} and the pages' encodings.
     */
    record Format(Schema schema, Compression compression, FileSettings settings,
                  Optional<DatumFileWriter.Layout> layout, ParquetProperties encodings) {

        static Format of(Schema schema, Compression compression, FileSettings settings) {
            ParquetProperties.Builder encodings = ParquetProperties.builder().withSizeStatisticsEnabled(SIZE_STATISTICS);
            plainColumns(schema, settings).forEach(column -> encodings.withDictionaryEncoding(column, false));
            return new Format(schema, compression, settings, DatumFileWriter.Layout.of(schema), encodings.build());
        }

        /** A writer of this format's datums into {@code file}; the format must have a layout. */
        DatumFileWriter datumWriter(OutputFile file) throws IOException {
            return new DatumFileWriter(file, layout.orElseThrow(), encodings, CODECS.getCompressor(compression.codec()),
                settings.rowGroupBytes());
        }
    }

    /**
     * Opens {@code .<name>.<roll>.tmp} in {@code directory}, written in {@code format}: pages compressed by its
     * compression (the codec {@code name} carries), its settings' plain columns without a dictionary.
     */
    static LakeFile open(Path directory, LakeFileName name, RollToken roll, Format format) throws IOException {
        Path temp = directory.resolve(name.tempName(roll.value()));
        OutputFile file = new LocalOutputFile(temp);
        Schema schema = format.schema();
        if (format.layout().isPresent()) {
            DatumFileWriter writer = format.datumWriter(file);
            return new LakeFile(directory, name, temp, writer, (datums, count) -> {
                AvroDatums in = new AvroDatums(datums);
                for (int i = 0; i < count; i++) {
                    writer.write(in);
                }
            });
        }
        ParquetWriter<GenericRecord> writer = configure(AvroParquetWriter.<GenericRecord>builder(file).withSchema(schema)
            // Values come without logical-type conversions (ByteBuffer, int, long): nothing to convert back.
            .withDataModel(GenericData.get()), format.compression(), schema, format.settings()).build();
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema, schema, GenericData.get());
        return new LakeFile(directory, name, temp, writer, (datums, count) -> {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(datums, null);
            GenericRecord record = null;
            for (int i = 0; i < count; i++) {
                record = reader.read(record, decoder);
                writer.write(record);
            }
        });
    }

    private static <T, B extends ParquetWriter.Builder<T, B>> B configure(B builder, Compression compression, Schema schema,
                                                                          FileSettings settings) {
        builder.withConf(new PlainParquetConfiguration())
            .withCodecFactory(CODECS)
            .withCompressionCodec(compression.codec())
            .withRowGroupSize(settings.rowGroupBytes())
            .withSizeStatisticsEnabled(SIZE_STATISTICS)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
        plainColumns(schema, settings).forEach(column -> builder.withDictionaryEncoding(column, false));
        return builder;
    }

    /** The settings' columns without a dictionary that {@code schema} has. */
    private static List<String> plainColumns(Schema schema, FileSettings settings) {
        return settings.plainColumns().stream().filter(column -> schema.getField(column) != null).toList();
    }

    /**
     * Writes {@code count} rows from Avro datums of the file's schema, back to back from the array's start;
     * the array must not change until the file is completed.
     */
    void write(byte[] datums, int count) throws IOException {
        rows.write(datums, count);
    }

    /**
     * Writes the footer and closes the file, still under its temporary name; the caller forces it to disk
     * ({@link DiskSync}), and its directory entry, once per directory.
     */
    Sealed seal() throws IOException {
        writer.close();
        return new Sealed(temp, directory.resolve(name.fileName()));
    }

    /** A complete file under its temporary name {@code temp}, to be published as {@code target}. */
    record Sealed(Path temp, Path target) {

        /**
         * Renames the file to its final name, atomically. Idempotent: when the temporary file is gone, whoever
         * took the partition over has published it already (the same bytes, as the group's commit named this
         * roll). The directory entry is made durable by the caller ({@link DiskSync#forceDirectories}).
         */
        void publish() throws IOException {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException e) {
                if (!Files.exists(target)) {
                    throw e;
                }
            }
        }

        /** Deletes the file of a roll the group did not commit: its records are read again. */
        void discard() {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // The partition's next owner deletes it on assignment, as the commit does not name its roll.
            }
        }
    }

    /** Drops the file: its records will be read again from the last committed offset. */
    void abort() {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // It is deleted next; a broken footer does not matter.
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A leftover temporary file is deleted when the partition is next assigned.
        }
    }

    /**
     * Writes rows of a sale-like schema, each kind of column the sink writes, into a file that keeps nothing,
     * while the sink starts and waits for its partitions: parquet-java's classes (about 1,500, from its writers
     * to its shaded Thrift and Jackson) are loaded then, and its per-value methods run often enough for the JIT
     * to compile them, rather than at the first roll, where the writer threads waited on the class loader
     * (which loads one class at a time) with the batch's records held. It moves that CPU to where the
     * threads are idle; it does not save it.
     */
    static void warmUp(Compression compression, FileSettings settings) throws IOException {
        Schema schema = SchemaBuilder.record("WarmUp").fields()
            .requiredString("invoice_no")
            .requiredString("category")
            .requiredInt("quantity")
            .name("price").type(LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES))).noDefault()
            .name("invoice_date").type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
            .name("event_time").type().optional().longType()
            .endRecord();
        ByteArrayOutputStream datums = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(datums, null);
        int rows = WARM_UP_ROWS;
        for (int i = 0; i < rows; i++) {
            encoder.writeString("I" + i);
            encoder.writeString(i % 2 == 0 ? "Books" : "Toys");
            encoder.writeInt(i);
            encoder.writeBytes(new byte[] {(byte) i});
            encoder.writeInt(19_000 + i % 3);
            encoder.writeIndex(1);
            encoder.writeLong(1_640_995_200_000L + i);
        }
        try (DatumFileWriter writer = Format.of(schema, compression, settings).datumWriter(new Discarded())) {
            AvroDatums in = new AvroDatums(datums.toByteArray());
            for (int i = 0; i < rows; i++) {
                writer.write(in);
            }
        }
    }

    /** A file that keeps nothing, for {@link #warmUp}. */
    private static final class Discarded implements OutputFile {

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) {
                    position++;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    position += length;
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

    /** How every file is written: its row group size, and the columns without a dictionary. */
    record FileSettings(long rowGroupBytes, List<String> plainColumns) {
    }

}
