package io.tillstream.sink;

import io.tillstream.security.SilentKafka;
import io.tillstream.retail.lake.LakeFileName;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Lands a topic in the lake: a plain consumer in a consumer group hands each assigned partition's
 * records to its {@link PartitionWriter}, which decodes and writes them into a {@link PartitionBatch}
 * on the writer threads; offsets are committed by hand, on the consumer's thread, only after a batch's
 * files are durable under temporary names, with the roll's token as the commit's metadata, and the
 * files get their final names only after the group took that commit, so a member the group has dropped
 * publishes nothing (see docs/architecture.md, the sink). Several sinks with one group share the
 * partitions; a partition taken away is rolled, committed and published first.
 *
 * <p>{@link #run()} blocks until {@link #stop()} (from another thread), or with {@code exit.at.end} until
 * it has read what the topic held at the start, then completes what is open and commits it, so Ctrl-C
 * loses no time; a kill loses nothing either, only the work since the last commit, which is redone into
 * files of the same names.
 */
public final class LakeSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LakeSink.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * Records handed to the writers and not yet landed, at most: the consumer waits beyond that, so a
     * slow lake holds back the fetching rather than filling the heap.
     */
    private static final int MAX_HANDED_OVER = 50_000;

    private final SinkConfig config;
    private final Path lake;
    private final RollPolicy policy;
    private final Compression compression;
    private final LakeFile.FileSettings fileSettings;
    private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();
    private final Queue<PartitionWriter.Rolled> rolled = new ConcurrentLinkedQueue<>();
    private final Semaphore handedOver = new Semaphore(MAX_HANDED_OVER);
    private final LongAdder rejected = new LongAdder();
    /** Per partition, the offset after the last record a poll returned: what the consumer's position may pass safely. */
    private final Map<TopicPartition, Long> returnedEnd = new HashMap<>();
    /** Per partition, the offset this sink last committed, so an idle partition is committed once, not every poll. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** With {@code exit.at.end}: the partitions this member has read up to their end offsets at the start. */
    private final Set<TopicPartition> reachedEnd = new HashSet<>();
    /** With {@code exit.at.end}: each partition's end offset at the start; else null. */
    private Map<TopicPartition, Long> endAtStart;
    /** Whether the group has given this member its partitions (none, too) since it started. */
    private boolean assigned;
    private KafkaConsumer<byte[], byte[]> consumer;
    private SchemaRegistryClient registry;
    private RecordDecoder decoder;
    private DeadLetterWriter deadLetters;
    private ExecutorService threads;
    private DiskSync sync;
    private PartitionWriter.Lake writerLake;
    private volatile boolean stopping;
    private volatile SinkStatus status = SinkStatus.STARTING;
    private long records;
    private long files;
    /**
     * Runs on the consumer's thread after each poll that returned records, once they are handed over: a test
     * pauses a member there, past its {@code max.poll.interval.ms}, to make it a zombie.
     */
    private Runnable afterHandOver = () -> { };
    /** Runs before each file or directory is forced to disk: a test deletes a roll's file there. */
    private Consumer<Path> beforeForce = path -> { };

    private LakeSink(SinkConfig config) {
        this.config = config;
        this.lake = config.path().toAbsolutePath();
        this.policy = config.rollPolicy();
        this.compression = config.compression();
        this.fileSettings = new LakeFile.FileSettings(policy.maxBytes(), config.plainColumns());
    }

    public static LakeSink create(SinkConfig config) {
        return new LakeSink(config);
    }

    /**
     * Checks that Kafka answers and the topic exists, creates the dead-letter topic and the lake
     * directory if missing, and joins the group.
     */
    public void start() {
        try {
            Files.createDirectories(lake);
            if (!Files.isWritable(lake)) {
                throw new SinkException("cannot write to the lake directory " + lake);
            }
        } catch (IOException e) {
            throw new SinkException("cannot create the lake directory " + lake + ": " + e.getMessage(), e);
        }
        Map<String, Object> settings = config.clientSettings();
        prepareTopics(settings);
        registry = new CachedSchemaRegistryClient(settings);
        decoder = new RecordDecoder(registry, settings);
        deadLetters = new DeadLetterWriter(settings, config.deadLetterTopic());
        threads = Executors.newFixedThreadPool(config.writerThreads(), new DaemonThreads("sink-writer-"));
        threads.execute(this::warmUp);
        sync = new DiskSync(beforeForce);
        writerLake = new PartitionWriter.Lake(lake, compression, fileSettings, sync, policy, decoder, deadLetters, rejected, threads,
            new AtomicLong());
        consumer = new KafkaConsumer<>(consumerSettings(settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(config.topic()), new Rebalance());
        if (config.exitAtEnd()) {
            endAtStart = endOffsets();
        }
    }

    /** Each partition's end offset now; for a read_committed consumer, its last stable offset. */
    private Map<TopicPartition, Long> endOffsets() {
        Duration timeout = config.startupTimeout();
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(config.topic(), timeout).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions, timeout);
        } catch (TimeoutException e) {
            throw unreachable(e);
        }
    }

    /**
     * Loads and compiles the Parquet writer on a writer thread while the consumer joins its group
     * ({@link LakeFile#warmUp}); the first roll would otherwise. Records handed over meanwhile wait behind
     * it on that thread at most.
     */
    private void warmUp() {
        try {
            LakeFile.warmUp(compression, fileSettings);
        } catch (IOException | RuntimeException e) {
            log.debug("Warming up the Parquet writer failed; the first roll loads its classes instead", e);
        }
    }

    private void prepareTopics(Map<String, Object> settings) {
        long timeout = config.startupTimeout().toMillis();
        try (Admin admin = Admin.create(settings)) {
            try {
                admin.describeTopics(List.of(config.topic())).allTopicNames().get(timeout, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new SinkException("topic '" + config.topic() + "' does not exist");
                }
                throw unreachable(e.getCause());
            }
            try {
                admin.createTopics(List.of(new NewTopic(config.deadLetterTopic(), Optional.of(1), Optional.empty())))
                    .all().get(timeout, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new SinkException("cannot create the dead-letter topic " + config.deadLetterTopic() + ": "
                        + e.getCause().getMessage(), e.getCause());
                }
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while starting", e);
        }
    }

    private SinkUnreachableException unreachable(Throwable cause) {
        String bootstrap = String.valueOf(config.originals().get(SinkConfig.BOOTSTRAP_SERVERS_CONFIG));
        String waited = config.startupTimeout().toMillis() + " ms";
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new SinkUnreachableException(SilentKafka.message(bootstrap, waited, config.clientSettings()), cause);
        }
        return new SinkUnreachableException("Kafka at " + bootstrap + " did not answer within " + waited + ": "
            + cause.getMessage(), cause);
    }

    private Map<String, Object> consumerSettings(Map<String, Object> settings) {
        Map<String, Object> consumer = new HashMap<>(settings);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The pipeline writes sales_enriched in transactions: land only what it committed.
        consumer.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Moving one partition to a new member then rolls that partition only, not every one.
        consumer.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        consumer.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return consumer;
    }

    /**
     * Lands records until {@link #stop()}, or with {@code exit.at.end} until every assigned partition is landed up to
     * its end offset at the start; then completes and commits what is open.
     */
    public void run() {
        try {
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                for (TopicPartition partition : polled.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
                    returnedEnd.put(partition, records.get(records.size() - 1).offset() + 1);
                    handOver(partition, records);
                }
                if (!polled.isEmpty()) {
                    afterHandOver.run();
                }
                for (PartitionWriter writer : List.copyOf(writers.values())) {
                    if (!droppedDeletedRoll(writer)) {
                        writer.rollIfDue();
                    }
                }
                if (endAtStart != null && readToEnd()) {
                    stopping = true;
                }
                commitRolled();
                commitIdle();
                publishStatus();
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up.
        } catch (RuntimeException e) {
            abortAll();
            throw e;
        }
        rollAll(new ArrayList<>(writers.keySet()));
        publishStatus();
    }

    /** Asks {@link #run()} to complete what is open and return. Safe from any thread. */
    public void stop() {
        stopping = true;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    /** @see #afterHandOver */
    void afterHandOver(Runnable hook) {
        afterHandOver = hook;
    }

    /** @see #beforeForce; set before {@link #start()} */
    void beforeForce(Consumer<Path> hook) {
        beforeForce = hook;
    }

    public SinkStatus status() {
        return status;
    }

    public Path lake() {
        return lake;
    }

    public String deadLetterTopic() {
        return config.deadLetterTopic();
    }

    private void handOver(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        int permits = Math.min(records.size(), MAX_HANDED_OVER);
        try {
            handedOver.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while landing", e);
        }
        writers.computeIfAbsent(partition, p -> new PartitionWriter(p, writerLake, rolled))
            .land(records, () -> handedOver.release(permits));
    }

    /**
     * Completes the partitions' files, once what was handed over before is written, and commits them.
     * Waits for every roll before reporting a failure, so that none is left running.
     */
    private void rollAll(Collection<TopicPartition> partitions) {
        List<PartitionWriter> rolling = partitions.stream().map(writers::get).filter(Objects::nonNull).toList();
        rolling.stream().map(PartitionWriter::roll).toList()
            .forEach(roll -> roll.handle((ignored, e) -> null).join());
        rolling.forEach(this::droppedDeletedRoll);
        commitRolled();
    }

    /**
     * Throws a writer's failure, except a roll whose temporary files another member deleted
     * ({@link RollDeletedException}): that roll is dropped and the partition read again from its last commit,
     * as after a refused commit, and this returns true. Nothing of the roll was published, and this member
     * learns at its next poll whether it still owns the partition.
     */
    private boolean droppedDeletedRoll(PartitionWriter writer) {
        try {
            writer.checkFailure();
            return false;
        } catch (RollDeletedException e) {
            log.warn("{}; nothing of the roll is published, and the partition is read again from its last commit",
                e.getMessage());
            readAgain(writer, writer.partition());
            return true;
        }
    }

    /**
     * Commits the batches the writers completed, once the dead letters sent so far are acknowledged, then
     * publishes their files, in that order: a commit never passes a record that is not durable somewhere,
     * and no file gets its final name unless the group took the commit that names its roll. Each partition
     * is committed at the consumer's position when its batch holds every record the consumer has returned
     * for it, else at the offset after the batch's last record; see {@link #commitOffset}. One commit names
     * one roll per partition, so two batches of one partition go in two commits, in order.
     */
    private void commitRolled() {
        if (rolled.isEmpty()) {
            return;
        }
        deadLetters.flush();
        List<PartitionWriter.Rolled> pending = new ArrayList<>();
        for (PartitionWriter.Rolled batch = rolled.poll(); batch != null; batch = rolled.poll()) {
            pending.add(batch);
        }
        while (!pending.isEmpty()) {
            Map<TopicPartition, PartitionWriter.Rolled> round = new LinkedHashMap<>();
            List<PartitionWriter.Rolled> later = new ArrayList<>();
            for (PartitionWriter.Rolled batch : pending) {
                if (writers.get(batch.partition()) != batch.writer()) {
                    batch.discard(); // Lost meanwhile: its new owner lands these records again.
                } else if (round.containsKey(batch.partition())) {
                    later.add(batch);
                } else {
                    round.put(batch.partition(), batch);
                }
            }
            commitAndPublish(round);
            pending = later;
        }
    }

    /**
     * Commits the rolls with their tokens, then publishes them. A commit the group refuses (this member is no
     * longer in its generation: a pause past {@code max.poll.interval.ms} or the session timeout, or a
     * rebalance under way) publishes nothing: the files are deleted and the partitions read again from
     * their last commit, if this member still has them after rejoining. Any other failure leaves the files
     * where they are, as the commit may have been taken: whoever is assigned the partitions next reads the
     * commit and publishes them or deletes them ({@link #finishOrDiscard}).
     */
    private void commitAndPublish(Map<TopicPartition, PartitionWriter.Rolled> round) {
        if (round.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        round.forEach((partition, batch) ->
            offsets.put(partition, batch.roll().commit(commitOffset(partition, batch.nextOffset()))));
        if (!commit(offsets)) {
            log.warn("The group refused the commit of partitions {}, so their files are not published: this member"
                + " was dropped from the group or a rebalance is under way", round.keySet());
            round.values().forEach(batch -> {
                batch.discard();
                readAgain(batch.writer(), batch.partition());
            });
            return;
        }
        Set<Path> directories = new LinkedHashSet<>();
        try {
            for (PartitionWriter.Rolled batch : round.values()) {
                directories.addAll(batch.publish());
            }
            sync.forceDirectories(directories);
        } catch (IOException e) {
            throw new SinkException("cannot publish files in the lake " + lake + ": " + e.getMessage(), e);
        }
        round.forEach((partition, batch) -> {
            long offset = offsets.get(partition).offset();
            batch.writer().rolledTo(batch.nextOffset(), offset);
            committed.put(partition, offset);
            records += batch.records();
            files += batch.files().size();
        });
    }

    /**
     * Drops a partition's open files and rewinds to its last commit, after the group refused a commit of it or
     * its roll's files were deleted.
     */
    private void readAgain(PartitionWriter writer, TopicPartition partition) {
        writer.abort();
        writers.remove(partition);
        forget(List.of(partition));
        if (consumer.assignment().contains(partition) && writer.uncommittedFrom() >= 0) {
            consumer.seek(partition, writer.uncommittedFrom());
        }
    }

    /**
     * The offset to commit once every record before {@code nextOffset} is durable. The consumer's
     * position is past the records it returned and past what read_committed never returns: a
     * transaction's commit marker (a control record) and aborted records. Committing
     * {@code nextOffset} instead would leave the group one behind a transactional topic's end at rest
     * (the marker). The position may be taken only when no returned record of the partition lies at
     * or after {@code nextOffset}, i.e. none is still waiting in this poll's loop; a record fetched
     * but not yet returned is not passed, as the position stops before it.
     */
    private long commitOffset(TopicPartition partition, long nextOffset) {
        Long end = returnedEnd.get(partition);
        return end != null && end == nextOffset ? consumer.position(partition) : nextOffset;
    }

    /**
     * Commits the position of each assigned partition that holds no open file, when it moved past the
     * last commit: every record returned for it is durable, and only control records (or aborted
     * ones) lie between, such as the commit marker of a transaction whose records were committed
     * before the marker was fetched. A partition whose position or end is not known yet is left for
     * a later poll, so this never blocks.
     */
    private void commitIdle() {
        for (TopicPartition partition : consumer.assignment()) {
            PartitionWriter writer = writers.get(partition);
            if (writer != null && writer.holdsRecords() || consumer.currentLag(partition).isEmpty()) {
                continue;
            }
            long position = consumer.position(partition);
            Long last = committed.get(partition);
            if (last == null || position > last) {
                commit(partition, position);
            }
        }
    }

    private void commit(TopicPartition partition, long offset) {
        if (commit(Map.of(partition, new OffsetAndMetadata(offset)))) {
            committed.put(partition, offset);
        }
    }

    /**
     * Commits the offsets; false when the group refused them, as it does once this member is no longer in
     * its generation (then it rejoins at its next poll).
     */
    private boolean commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                // stop() woke the consumer in the middle of the commit (a wakeup wakes one call only): commit now
                // rather than land the batches again after a restart.
                consumer.commitSync(offsets);
            }
            return true;
        } catch (CommitFailedException | RebalanceInProgressException | FencedInstanceIdException e) {
            log.debug("Commit of {} refused", offsets.keySet(), e);
            return false;
        }
    }

    /**
     * Whether every partition assigned to this member has been read up to its end offset at the start (true with none,
     * once the group has answered). A partition's files are completed as soon as it is there, while the others are
     * still read.
     */
    private boolean readToEnd() {
        if (!assigned) {
            return false;
        }
        boolean all = true;
        for (TopicPartition partition : consumer.assignment()) {
            // A partition added since the start held nothing then.
            if (consumer.position(partition) < endAtStart.getOrDefault(partition, 0L)) {
                all = false;
            } else if (reachedEnd.add(partition) && writers.containsKey(partition)) {
                writers.get(partition).roll();
            }
        }
        return all;
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            returnedEnd.remove(partition);
            committed.remove(partition);
            reachedEnd.remove(partition);
        });
    }

    private void abortAll() {
        writers.values().forEach(PartitionWriter::abort);
        writers.clear();
    }

    private void publishStatus() {
        long lag = 0;
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : assigned) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            if (partitionLag.isEmpty()) {
                lag = -1;
                break;
            }
            lag += partitionLag.getAsLong();
        }
        int open = writers.values().stream().mapToInt(PartitionWriter::openFiles).sum();
        status = new SinkStatus(records, files, rejected.sum(), open,
            assigned.stream().map(TopicPartition::partition).sorted().toList(), lag);
    }

    /**
     * Before this member writes anything of newly assigned partitions: publishes the files of the roll
     * their last commit names, if the member that committed it did not get to rename them all (killed,
     * paused, or fenced right after its commit), and deletes every other temporary file of theirs: a file
     * being written or completed by a roll the group never committed (its records are read again). A
     * zombie still writing into such a file finds it gone; its commit would be refused anyway.
     */
    private void finishOrDiscard(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commits = consumer.committed(new HashSet<>(partitions));
        Set<Path> published = new LinkedHashSet<>();
        try {
            for (Path path : lakeTempFiles()) {
                String name = path.getFileName().toString();
                for (TopicPartition partition : partitions) {
                    Optional<LakeFileName.Temp> temp = LakeFileName.parseTemp(name, partition.topic(), partition.partition());
                    if (temp.isEmpty()) {
                        continue;
                    }
                    boolean ofCommittedRoll = RollToken.of(commits.get(partition))
                        .filter(roll -> roll.value().equals(temp.get().roll())).isPresent();
                    if (ofCommittedRoll) {
                        new LakeFile.Sealed(path, path.resolveSibling(temp.get().finalName())).publish();
                        published.add(path.getParent());
                    } else {
                        Files.deleteIfExists(path);
                    }
                }
            }
            sync.forceDirectories(published);
        } catch (IOException | UncheckedIOException e) {
            throw new SinkException("cannot clean the lake " + lake + ": " + e.getMessage(), e);
        }
        if (!published.isEmpty()) {
            log.info("Published the files of the last committed roll of {} in {} directories", partitions, published.size());
        }
    }

    /**
     * Every temporary file in the lake, of any partition. Another member may rename or delete files meanwhile
     * (its own, or a zombie's), which breaks a walk: walk again.
     */
    private List<Path> lakeTempFiles() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> paths = Files.walk(lake)) {
                return paths.filter(path -> path.getFileName().toString().endsWith(LakeFileName.TEMP_SUFFIX))
                    .filter(Files::isRegularFile).toList();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            rollAll(partitions);
            writers.keySet().removeAll(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member may own them already: its rewrite replaces anything of ours.
            partitions.stream().map(writers::remove).filter(Objects::nonNull).forEach(PartitionWriter::abort);
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            if (!partitions.isEmpty()) {
                finishOrDiscard(partitions);
                log.info("Landing partitions {} into {}", partitions, lake);
            }
        }
    }

    @Override
    public void close() {
        abortAll();
        if (threads != null) {
            threads.shutdown();
        }
        closeQuietly(sync);
        closeQuietly(consumer);
        closeQuietly(deadLetters);
        closeQuietly(decoder);
        closeQuietly(registry);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Closing {} failed", closeable, e);
        }
    }
}
