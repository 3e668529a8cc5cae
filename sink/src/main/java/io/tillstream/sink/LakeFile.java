package io.tillstream.sink;

import io.tillstream.retail.lake.LakeFileName;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One Parquet file being written under its temporary name in its day directory. Columns come from
 * the record's Avro writer schema through parquet-avro, so a decimal stays a DECIMAL, a date a DATE
 * and a timestamp-millis a TIMESTAMP(MILLIS, UTC). {@link #complete()} makes it durable and gives it
 * its final name; nothing else ever does.
 */
final class LakeFile {

    private static final PageCodecs CODECS = new PageCodecs();

    private final Path directory;
    private final LakeFileName name;
    private final Path temp;
    private final ParquetWriter<GenericRecord> writer;

    private LakeFile(Path directory, LakeFileName name, Path temp, ParquetWriter<GenericRecord> writer) {
        this.directory = directory;
        this.name = name;
        this.temp = temp;
        this.writer = writer;
    }

    /**
     * Opens {@code .<name>.tmp} in {@code directory} with pages compressed by {@code compression} (the codec
     * {@code name} carries), replacing what a crashed attempt left there; the
     * {@code plainColumns} present in {@code schema} are written without a dictionary.
     */
    static LakeFile open(Path directory, LakeFileName name, Compression compression, Schema schema,
                         FileSettings settings) throws IOException {
        Path temp = directory.resolve(name.tempName());
        AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(temp))
            .withConf(new PlainParquetConfiguration())
            .withSchema(schema)
            // Values arrive without logical-type conversions (ByteBuffer, int, long): nothing to convert back.
            .withDataModel(GenericData.get())
            .withCodecFactory(CODECS)
            .withCompressionCodec(compression.codec())
            .withRowGroupSize(settings.rowGroupBytes())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
        for (String column : settings.plainColumns()) {
            if (schema.getField(column) != null) {
                builder.withDictionaryEncoding(column, false);
            }
        }
        return new LakeFile(directory, name, temp, builder.build());
    }

    void write(GenericRecord record) throws IOException {
        writer.write(record);
    }

    /**
     * Writes the footer, forces the file to disk, then renames it to its final name (atomically,
     * replacing a file of the same name an earlier attempt completed). The directory entry is made
     * durable by the caller, once per directory ({@link #force(Path)}).
     */
    Path complete() throws IOException {
        writer.close();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Path done = directory.resolve(name.fileName());
        Files.move(temp, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return done;
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

    /** How every file is written: its row group size, and the columns without a dictionary. */
    record FileSettings(long rowGroupBytes, List<String> plainColumns) {
    }

    /** Makes a directory's entries (a rename, a new subdirectory) durable, as fsync on the directory does. */
    static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
