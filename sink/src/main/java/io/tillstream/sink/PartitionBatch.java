package io.tillstream.sink;

import io.tillstream.retail.lake.DayPartition;
import io.tillstream.retail.lake.LakeFileName;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records of one Kafka partition read since its last committed offset, in one open file per day
 * directory, all completed together.
 *
 * <p>Why this is exactly once whatever the moment of a kill: a file's name is its topic, partition
 * and first offset, and the offset is committed only once every file of the batch is durable under
 * its final name. After a kill the records from the committed offset {@code C} are read again. A
 * file {@code (day, s)} that the killed attempt completed holds that day's records from {@code s},
 * the first of that day at or after {@code C}; whatever batch boundaries the new attempt draws, the
 * batch that holds {@code s} opens that day's file at {@code s} again (no record of that day lies
 * between {@code C} and {@code s}), so it replaces the old file, and records after its boundary go
 * to files named by later offsets. Hence one partition's files must roll together: were one day's
 * file committed on its own, a later commit could skip past another day's half of the same range.
 *
 * <p>The commit may go past {@link #nextOffset()} to the consumer's position when the batch holds
 * every record the consumer has returned for the partition: what lies between is only what a
 * read_committed consumer never returns (a transaction's commit marker, aborted records), so no
 * record is skipped, and {@code C} above is still the first offset a new attempt can be given.
 */
final class PartitionBatch {

    /**
     * How many times its Avro size a value can take in Parquet's buffers at most: a long Avro writes in one
     * byte is eight plain bytes, plus its definition level. The open files' size is measured only once the
     * values written since the last measurement could have reached the roll size at this rate, since
     * measuring walks every column of every open file.
     */
    private static final int MAX_EXPANSION = 16;

    private final TopicPartition partition;
    private final Path lake;
    private final Compression compression;
    private final LakeFile.FileSettings settings;
    private final long openedAtMillis;
    private final Map<DayPartition, LakeFile> files = new HashMap<>();
    private final Set<Path> createdDirectories = new LinkedHashSet<>();
    private Schema schema;
    private long nextOffset = -1;
    private long records;
    private long skipped;
    private long measuredBytes;
    private long valueBytesSinceMeasured;

    PartitionBatch(TopicPartition partition, Path lake, Compression compression, LakeFile.FileSettings settings,
                   long openedAtMillis) {
        this.partition = partition;
        this.lake = lake;
        this.compression = compression;
        this.settings = settings;
        this.openedAtMillis = openedAtMillis;
    }

    /** Whether a record of this schema may join the batch: a file has one schema, so a new one starts a new batch. */
    boolean accepts(Schema recordSchema) {
        return schema == null || schema.equals(recordSchema);
    }

    /** @param valueBytes the record's size in Avro, which bounds its size in Parquet (see {@link #holdsAtLeast}) */
    void write(long offset, GenericRecord record, DayPartition day, int valueBytes) throws IOException {
        LakeFile file = files.get(day);
        if (file == null) {
            file = LakeFile.open(directory(day), new LakeFileName(partition.topic(), partition.partition(), offset,
                compression.fileLabel()), compression, record.getSchema(), settings);
            files.put(day, file);
            schema = record.getSchema();
        }
        file.write(record);
        records++;
        valueBytesSinceMeasured += valueBytes;
        nextOffset = offset + 1;
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

    /** Whether the open files hold {@code limit} bytes or more, measuring them only when they could. */
    boolean holdsAtLeast(long limit) {
        if (measuredBytes + valueBytesSinceMeasured * MAX_EXPANSION < limit) {
            return false;
        }
        measuredBytes = 0;
        for (LakeFile file : files.values()) {
            measuredBytes += file.bytes();
        }
        valueBytesSinceMeasured = 0;
        return measuredBytes >= limit;
    }

    long ageMillis(long nowMillis) {
        return nowMillis - openedAtMillis;
    }

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

    /** Completes every file of the batch and makes their directory entries durable; returns what was completed. */
    List<Completed> complete() throws IOException {
        List<Completed> done = new ArrayList<>();
        Set<Path> directories = new LinkedHashSet<>();
        for (Map.Entry<DayPartition, LakeFile> entry : files.entrySet()) {
            LakeFile file = entry.getValue();
            done.add(new Completed(entry.getKey(), file.complete(), file.records()));
            directories.add(file.directory());
        }
        for (Path created : createdDirectories) {
            directories.add(created.getParent());
        }
        for (Path directory : directories) {
            LakeFile.force(directory);
        }
        files.clear();
        return done;
    }

    void abort() {
        files.values().forEach(LakeFile::abort);
        files.clear();
    }

    private Path directory(DayPartition day) throws IOException {
        Path directory = day.directory(lake);
        if (!Files.isDirectory(directory)) {
            for (Path dir = directory; !dir.equals(lake) && !Files.isDirectory(dir); dir = dir.getParent()) {
                createdDirectories.add(dir);
            }
            Files.createDirectories(directory);
        }
        return directory;
    }

    /** A file made durable under its final name. */
    record Completed(DayPartition day, Path path, long records) {
    }
}
