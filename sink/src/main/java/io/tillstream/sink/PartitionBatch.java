package io.tillstream.sink;

import io.tillstream.retail.lake.DayPartition;
import io.tillstream.retail.lake.LakeFileName;
import org.apache.avro.Schema;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The records of one Kafka partition read since its last committed offset, held per day directory and
 * writer schema, and written, one file per day and schema, when the batch is completed: all of its files
 * together. A topic whose records change schema (a new version, or values of several formats) still rolls
 * on its policy alone; each file has one schema.
 *
 * <p>Why this is exactly once whatever the moment of a kill, and whatever another member of the group
 * does: a file's name is its topic, partition and first offset; {@link #complete} writes the batch's
 * files under temporary names of its roll and makes them durable, and they get their final names only
 * after the group has committed the offset past them with the roll's token (see {@link LakeSink}). So a
 * file under a final name always holds a committed range, a new attempt starts at or after its end, and
 * no file is ever replaced by one with other records. One partition's files still roll and commit
 * together: one commit per partition names one roll.
 *
 * <p>The commit may go past {@link #nextOffset()} to the consumer's position when the batch holds
 * every record the consumer has returned for the partition: what lies between is only what a
 * read_committed consumer never returns (a transaction's commit marker, aborted records), so no
 * record is skipped, and the committed offset is still the first one a new attempt can be given.
 */
final class PartitionBatch {

    private final TopicPartition partition;
    private final Path lake;
    private final Compression compression;
    private final LakeFile.FileSettings settings;
    private final DiskSync sync;
    private final long openedAtMillis;
    private final Map<FileKey, FileRecords> files = new HashMap<>();
    private long nextOffset = -1;
    private long records;
    private long skipped;
    private long bytes;
    private long memory;

    PartitionBatch(TopicPartition partition, Path lake, Compression compression, LakeFile.FileSettings settings,
                   DiskSync sync, long openedAtMillis) {
        this.partition = partition;
        this.lake = lake;
        this.compression = compression;
        this.settings = settings;
        this.sync = sync;
        this.openedAtMillis = openedAtMillis;
    }

    /** The file a record goes to: its day's, of its writer schema. */
    private record FileKey(Schema schema, DayPartition day) {
    }

    /**
     * Holds a record for the file of its day and schema until {@link #complete()}: its Avro datum, {@code value} from
     * {@code datumStart} on (the bytes after the wire format's header), written with {@code recordSchema}.
     * Returns how many bytes the batch's {@link #memory()} grew by.
     */
    long write(long offset, Schema recordSchema, DayPartition day, byte[] value, int datumStart) {
        int grown = files.computeIfAbsent(new FileKey(recordSchema, day), key -> new FileRecords(offset)).add(value, datumStart);
        memory += grown;
        records++;
        bytes += value.length - datumStart;
        nextOffset = offset + 1;
        return grown;
    }

    /** A record that went to the dead-letter topic instead: the commit must still pass it. */
    void skip(long offset) {
        skipped++;
        nextOffset = offset + 1;
    }

    boolean isEmpty() {
        return nextOffset < 0;
    }

    /** Records written plus those skipped, which the roll counts alike. */
    long records() {
        return records + skipped;
    }

    /** The Avro bytes of the records held: what the batch takes in memory until it is completed. */
    long bytes() {
        return bytes;
    }

    /** The bytes of the arrays holding the records: {@link #bytes()} and the room the arrays have left. */
    long memory() {
        return memory;
    }

    long ageMillis(long nowMillis) {
        return nowMillis - openedAtMillis;
    }

    /** The files {@link #complete()} will write: one per day directory and schema. */
    int openFiles() {
        return files.size();
    }

    /**
     * The offset after the batch's last record: the least the commit after {@link #complete()} must
     * reach; the sink commits the consumer's position instead when nothing returned lies beyond it.
     */
    long nextOffset() {
        return nextOffset;
    }

    /**
     * Writes each file in one go under its temporary name of roll {@code roll}, makes them durable,
     * then makes the directory entries durable; returns what was completed. One file at a time, rather than a
     * Parquet writer per day open all along, keeps one file's column writers in the processor's caches:
     * with records spread over many days, every record went to another file's writers before. Each file is
     * forced to disk while the next is written ({@link DiskSync}).
     */
    List<Completed> complete(RollToken roll) throws IOException {
        List<Completed> done = new ArrayList<>();
        List<CompletableFuture<Void>> forces = new ArrayList<>();
        Set<Path> directories = new LinkedHashSet<>();
        Map<Schema, LakeFile.Format> formats = new HashMap<>();
        try {
            for (Map.Entry<FileKey, FileRecords> entry : files.entrySet()) {
                FileRecords held = entry.getValue();
                Path directory = directory(entry.getKey().day(), directories);
                LakeFile.Format format = formats.computeIfAbsent(entry.getKey().schema(),
                    schema -> LakeFile.Format.of(schema, compression, settings));
                LakeFile file = LakeFile.open(directory, new LakeFileName(partition.topic(), partition.partition(),
                    held.firstOffset, compression.fileLabel()), roll, format);
                try {
                    file.write(held.datums, held.count);
                } catch (IOException | RuntimeException e) {
                    file.abort();
                    throw e;
                }
                LakeFile.Sealed sealed = file.seal();
                done.add(new Completed(sealed, held.count));
                forces.add(sync.force(sealed.temp(), false));
                directories.add(directory);
            }
            DiskSync.await(forces);
            sync.forceDirectories(directories);
        } catch (IOException | RuntimeException e) {
            forces.forEach(force -> force.handle((ignored, failure) -> null).join());
            done.forEach(completed -> completed.file().discard());
            throw e;
        }
        files.clear();
        return done;
    }

    /** Drops the records held; they will be read again from the last committed offset. */
    void abort() {
        files.clear();
    }

    /** The day's directory, created if missing; the parents of those created join {@code changed}. */
    private Path directory(DayPartition day, Set<Path> changed) throws IOException {
        Path directory = day.directory(lake);
        if (!Files.isDirectory(directory)) {
            for (Path dir = directory; !dir.equals(lake) && !Files.isDirectory(dir); dir = dir.getParent()) {
                changed.add(dir.getParent());
            }
            Files.createDirectories(directory);
        }
        return directory;
    }

    /** One file's records, their Avro datums back to back: compact, and read in one pass when the file is written. */
    private static final class FileRecords {

        private static final int FIRST_ARRAY_BYTES = 1024;

        private final long firstOffset;
        private byte[] datums = new byte[0];
        private int size;
        private int count;

        FileRecords(long firstOffset) {
            this.firstOffset = firstOffset;
        }

        /** Returns how many bytes the array grew by. */
        int add(byte[] value, int from) {
            int length = value.length - from;
            int grown = 0;
            if (size + length > datums.length) {
                int capacity = datums.length;
                datums = Arrays.copyOf(datums, Math.max(Math.max(datums.length * 2, FIRST_ARRAY_BYTES), size + length));
                grown = datums.length - capacity;
            }
            System.arraycopy(value, from, datums, size, length);
            size += length;
            count++;
            return grown;
        }
    }

    /** A file made durable under its temporary name. */
    record Completed(LakeFile.Sealed file, long records) {
    }
}
