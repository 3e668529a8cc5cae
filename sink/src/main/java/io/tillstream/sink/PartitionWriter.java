package io.tillstream.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lands one Kafka partition's records on the sink's writer threads, so that decoding and Parquet
 * encoding run beside the consumer, which only polls, hands records over and commits. The tasks of
 * one partition run one after another in the order handed over (each is chained on the one before),
 * those of different partitions at once; the partition's {@link PartitionBatch} is touched by its
 * tasks only. A completed batch is queued as a {@link Rolled} for the consumer's thread to commit and
 * publish, as the consumer is not thread-safe. The methods are called from the consumer's thread.
 */
final class PartitionWriter {

    private final TopicPartition partition;
    private final Lake lake;
    private final Queue<Rolled> rolled;
    private final AtomicBoolean dueCheckQueued = new AtomicBoolean();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    /** The offset after the last record handed over, and after the last one in a completed batch. */
    private long handedOverEnd = -1;
    private long rolledEnd = -1;
    /** Where the records not yet committed start: where to read again if a commit is refused. */
    private long uncommittedFrom = -1;
    private PartitionBatch batch;
    private volatile int openFiles;

    /**
     * What every partition's writer shares: where and how files are written, the decoder, the
     * dead-letter writer and its count, the threads, and the memory holding every partition's batch
     * together, which the roll policy bounds.
     */
    record Lake(Path path, Compression compression, LakeFile.FileSettings fileSettings, DiskSync sync, RollPolicy policy,
                RecordDecoder decoder, DeadLetterWriter deadLetters, LongAdder rejected, Executor threads, AtomicLong held) {
    }

    /**
     * A batch made durable under the temporary names of {@code roll}, its dead letters sent; published once
     * the group has committed {@code nextOffset} (or the consumer's position) with the roll's token.
     */
    record Rolled(PartitionWriter writer, long nextOffset, long records, RollToken roll, List<LakeFile.Sealed> files) {

        TopicPartition partition() {
            return writer.partition;
        }

        /**
         * Gives each file its final name; returns the directories whose entries changed, which the caller makes
         * durable before any later commit of the partition.
         */
        Set<Path> publish() throws IOException {
            Set<Path> directories = new LinkedHashSet<>();
            for (LakeFile.Sealed file : files) {
                file.publish();
                directories.add(file.target().getParent());
            }
            return directories;
        }

        /** Deletes the files of a roll the group did not commit. */
        void discard() {
            files.forEach(LakeFile.Sealed::discard);
        }
    }

    PartitionWriter(TopicPartition partition, Lake lake, Queue<Rolled> rolled) {
        this.partition = partition;
        this.lake = lake;
        this.rolled = rolled;
    }

    /** Lands the records in order; {@code done} runs once they are handled, or skipped after a failure. */
    void land(List<ConsumerRecord<byte[], byte[]>> records, Runnable done) {
        if (uncommittedFrom < 0) {
            uncommittedFrom = records.get(0).offset();
        }
        handedOverEnd = records.get(records.size() - 1).offset() + 1;
        then(() -> records.forEach(this::land)).whenComplete((ignored, e) -> done.run());
    }

    /** Completes the batch if the roll policy says so, unless a check is queued already. */
    void rollIfDue() {
        if (holdsRecords() && dueCheckQueued.compareAndSet(false, true)) {
            then(() -> {
                dueCheckQueued.set(false);
                if (batch != null && lake.policy().due(batch.records(), batch.bytes(),
                    batch.ageMillis(System.currentTimeMillis()), lake.held().get())) {
                    rollNow();
                }
            });
        }
    }

    /** Completes the batch once everything handed over before is landed. */
    CompletableFuture<Void> roll() {
        return then(this::rollNow);
    }

    /** Drops the open files once the task running ends; their records are read again from the last commit. */
    void abort() {
        tail.handle((ignored, e) -> null).join();
        if (batch != null) {
            lake.held().addAndGet(-batch.memory());
            batch.abort();
            batch = null;
        }
        openFiles = 0;
    }

    /** Called once the consumer committed {@code committed} for a {@link Rolled} of this partition that ends at {@code nextOffset}. */
    void rolledTo(long nextOffset, long committed) {
        rolledEnd = nextOffset;
        uncommittedFrom = committed;
    }

    TopicPartition partition() {
        return partition;
    }

    /** The first offset handed over and not committed since. */
    long uncommittedFrom() {
        return uncommittedFrom;
    }

    /** Whether records handed over are not yet in a batch that was completed and committed. */
    boolean holdsRecords() {
        return handedOverEnd != rolledEnd;
    }

    int openFiles() {
        return openFiles;
    }

    /**
     * @throws SinkException (or {@link SinkUnreachableException}, {@link RollDeletedException}) if a task failed:
     *                       what it was landing is lost
     */
    void checkFailure() {
        if (tail.isCompletedExceptionally()) {
            try {
                tail.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof SinkException sink ? sink
                    : new SinkException("landing partition " + partition + " failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Runs the task after those before it, on the writer threads; a failure skips every later task. */
    private CompletableFuture<Void> then(Runnable task) {
        tail = tail.thenRunAsync(task, lake.threads());
        return tail;
    }

    private void land(ConsumerRecord<byte[], byte[]> record) {
        RecordDecoder.Decoded decoded = lake.decoder().decode(record);
        if (decoded instanceof RecordDecoder.Row row) {
            lake.held().addAndGet(openBatch().write(record.offset(), row.schema(), row.day(), row.value(), row.datumStart()));
        } else if (decoded instanceof RecordDecoder.Rejected rejection) {
            lake.deadLetters().send(record, rejection.reason());
            lake.rejected().increment();
            openBatch().skip(record.offset());
        }
        openFiles = batch.openFiles();
        if (batch.records() >= lake.policy().maxRecords()) {
            rollNow();
        }
    }

    private PartitionBatch openBatch() {
        if (batch == null) {
            batch = new PartitionBatch(partition, lake.path(), lake.compression(), lake.fileSettings(), lake.sync(),
                System.currentTimeMillis());
        }
        return batch;
    }

    private void rollNow() {
        if (batch == null || batch.isEmpty()) {
            batch = null;
            return;
        }
        try {
            RollToken roll = RollToken.next();
            List<PartitionBatch.Completed> completed = batch.complete(roll);
            rolled.add(new Rolled(this, batch.nextOffset(),
                completed.stream().mapToLong(PartitionBatch.Completed::records).sum(), roll,
                completed.stream().map(PartitionBatch.Completed::file).toList()));
        } catch (NoSuchFileException e) {
            throw new RollDeletedException("a temporary file of partition " + partition + "'s roll was deleted while it"
                + " was written (" + e.getFile() + "): another member has taken the partition over", e);
        } catch (IOException e) {
            throw new SinkException("cannot complete files in the lake " + lake.path() + ": " + e.getMessage(), e);
        }
        // Held until now, the roll's writing included: while it runs, the other partitions still see it.
        lake.held().addAndGet(-batch.memory());
        batch = null;
        openFiles = 0;
    }
}
