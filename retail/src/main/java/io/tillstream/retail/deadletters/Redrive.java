package io.tillstream.retail.deadletters;

import io.tillstream.retail.DeadLetters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Sends dead letters back to their source topic: the original key, value and headers, with
 * {@value DeadLetters#REDRIVE_COUNT_HEADER} one higher, to the partition they came from. Each dead letter sent gets a
 * {@link RedriveMark} in the dead-letter topic's marks topic, written in the same Kafka transaction as the records,
 * so a redrive that fails halfway sends nothing and can be asked again. The transactional id is the dead-letter
 * topic's: a second redrive of the same topic fences the first, so two cannot both send one dead letter.
 *
 * <p>Not sent without {@code force}: a dead letter already redriven (its sale would arrive twice if the first send
 * was processed), and one whose lineage was redriven {@code limit} times already (it keeps failing). A repeated
 * request (the same request id) never sends again what it sent, even with force.
 *
 * <p>End to end a redrive is at least once: the record sent is a new record, and what its first attempt did before
 * it failed (a side effect of a consumer that is not transactional) happens again.
 */
public final class Redrive {

    /** How many times a dead letter's lineage may be redriven before it takes {@code force}. */
    public static final int DEFAULT_LIMIT = 3;

    /** Why a matching dead letter was not sent. */
    public enum Skip {
        SENT_BY_THIS_REQUEST("sent earlier by this same request"),
        ALREADY_REDRIVEN("already redriven once: force sends it again, and its sale twice if the first went through"),
        REDRIVE_LIMIT("redriven as many times as the limit allows and failed again: force sends it anyway"),
        NO_SOURCE("no tillstream.source.* headers: where it came from is unknown"),
        SOURCE_MISSING("its source topic does not exist: a redrive never creates topics, so create it first");

        private final String description;

        Skip(String description) {
            this.description = description;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String description() {
            return description;
        }
    }

    /**
     * @param requestId names the request, so that asking again (a retry after a lost answer) sends nothing twice
     * @param limit     how many times a dead letter's lineage may have been redriven without {@code force}
     */
    public record Request(String requestId, DeadLetterFilter filter, boolean force, int limit, boolean dryRun) {
    }

    /** One dead letter sent (or, in a dry run, that would be): where from and where to ({@code offset} -1 in a dry run). */
    public record Sent(DeadLetter.RecordId from, String topic, int partition, long offset, int redriveCount) {
    }

    /** What a redrive did: dead letters read, matched, sent, and those skipped by reason; {@code records}: the first sent. */
    public record Result(String requestId, boolean dryRun, long scanned, long matched, long sent, Map<Skip, Long> skipped,
                         List<Sent> records) {

        /** One line for people, e.g. {@code sent 3, skipped 2 (already_redriven 2) of 5 matching, 40 read}. */
        public String summary() {
            long skippedTotal = skipped.values().stream().mapToLong(Long::longValue).sum();
            String reasons = skipped.entrySet().stream().map(e -> e.getKey().code() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
            return (dryRun ? "would send " : "sent ") + sent + ", skipped " + skippedTotal + (skippedTotal > 0 ? reasons : "")
                + " of " + matched + " matching, " + scanned + " read";
        }
    }

    /** The most sent records a result lists; the counts are always complete. */
    public static final int LISTED = 1_000;

    private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private final Map<String, Object> clientSettings;
    private final Duration timeout;

    public Redrive(Map<String, Object> clientSettings, Duration timeout) {
        this.clientSettings = clientSettings;
        this.timeout = timeout;
    }

    /** Redrives the dead letters of {@code topic} that {@code request} selects. */
    public Result run(String topic, Request request, DeadLetterLog.Progress progress) {
        DeadLetterLog log = new DeadLetterLog(clientSettings, topic, timeout);
        try (Admin admin = Admin.create(clientSettings)) {
            SourceTopics sources = new SourceTopics(admin);
            if (request.dryRun()) {
                return decide(log, request, null, sources, progress).result();
            }
            createMarksTopic(admin, topic);
            return send(log, request, sources, progress);
        }
    }

    private Result send(DeadLetterLog log, Request request, SourceTopics sources, DeadLetterLog.Progress progress) {
        String topic = log.topic();
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tillstream-redrive-" + topic);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // The transaction stays open while the dead letters are read, and readers of the source topic in read_committed
        // wait behind it: Kafka's default minute would abort a long redrive, its brokers' default maximum allows this.
        settings.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tillstream-redrive");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
            new ByteArraySerializer())) {
            try {
                // Fences any earlier redrive of this topic before the marks are read, so none can commit what they miss.
                producer.initTransactions();
                producer.beginTransaction();
                Decision decision = decide(log, request, producer, sources, progress);
                producer.commitTransaction();
                return decision.withOffsets();
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                throw new DeadLetterException(DeadLetterException.Kind.CONCURRENT_REDRIVE, "another redrive of " + topic
                    + " started meanwhile (or this one outlasted its transaction's " + TRANSACTION_TIMEOUT.toMinutes()
                    + " minutes) and this one was stopped; nothing of it was sent. Look at the dead letters again and ask"
                    + " again", e);
            } catch (KafkaException e) {
                abortQuietly(producer);
                throw e;
            }
        }
    }

    private Decision decide(DeadLetterLog log, Request request, KafkaProducer<byte[], byte[]> producer,
                            SourceTopics sources, DeadLetterLog.Progress progress) {
        Map<DeadLetter.RecordId, RedriveMark> marks = log.marks();
        Map<Skip, Long> skipped = new TreeMap<>();
        List<Sent> listed = new ArrayList<>();
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
        long[] counts = new long[3]; // scanned, matched, sent
        log.scan(letter -> {
            counts[0]++;
            if (!request.filter().matches(letter)) {
                return;
            }
            counts[1]++;
            RedriveMark mark = marks.get(letter.id());
            Optional<Skip> skip = skip(letter, mark, request);
            if (skip.isPresent()) {
                skipped.merge(skip.get(), 1L, Long::sum);
                return;
            }
            DeadLetter.Source source = letter.source();
            int partitions = sources.partitions(source.topic());
            if (partitions == 0) {
                skipped.merge(Skip.SOURCE_MISSING, 1L, Long::sum);
                return;
            }
            counts[2]++;
            int count = letter.redriveCount() + 1;
            int partition = source.partition();
            if (producer != null) {
                // A topic shrunk or re-created with fewer partitions: let the key choose, as its producer would.
                Integer target = partition < partitions ? partition : null;
                Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(source.topic(), target, null,
                    letter.record().key(), letter.record().value(), headers(letter, count)));
                producer.send(new ProducerRecord<>(DeadLetterLog.marksTopic(log.topic()), RedriveMark.key(letter.id()),
                    new RedriveMark(mark == null ? 1 : mark.count() + 1, request.requestId(), System.currentTimeMillis(),
                        source.topic() + ":" + (target == null ? "" : target)).toBytes()));
                if (listed.size() < LISTED) {
                    acknowledgements.add(sent);
                }
            }
            if (listed.size() < LISTED) {
                listed.add(new Sent(letter.id(), source.topic(), partition, -1, count));
            }
        }, progress);
        return new Decision(new Result(request.requestId(), request.dryRun(), counts[0], counts[1], counts[2],
            skipped, listed), acknowledgements);
    }

    /** A redrive decided and sent, not yet committed: the acknowledgements of the records listed. */
    private record Decision(Result result, List<Future<RecordMetadata>> acknowledgements) {

        /** The result with the offsets the listed records got, known once the transaction is committed. */
        Result withOffsets() {
            List<Sent> records = new ArrayList<>();
            for (int i = 0; i < result.records().size(); i++) {
                Sent sent = result.records().get(i);
                try {
                    RecordMetadata metadata = acknowledgements.get(i).get();
                    records.add(new Sent(sent.from(), metadata.topic(), metadata.partition(), metadata.offset(),
                        sent.redriveCount()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return result;
                } catch (ExecutionException e) {
                    records.add(sent);
                }
            }
            return new Result(result.requestId(), result.dryRun(), result.scanned(), result.matched(), result.sent(),
                result.skipped(), records);
        }
    }

    static Optional<Skip> skip(DeadLetter letter, RedriveMark mark, Request request) {
        if (letter.source() == null) {
            return Optional.of(Skip.NO_SOURCE);
        }
        if (mark != null && request.requestId() != null && request.requestId().equals(mark.requestId())) {
            return Optional.of(Skip.SENT_BY_THIS_REQUEST);
        }
        if (request.force()) {
            return Optional.empty();
        }
        if (mark != null) {
            return Optional.of(Skip.ALREADY_REDRIVEN);
        }
        return letter.redriveCount() >= request.limit() ? Optional.of(Skip.REDRIVE_LIMIT) : Optional.empty();
    }

    /** The dead letter's own headers, its redrive count replaced by {@code count}. */
    private static List<Header> headers(DeadLetter letter, int count) {
        List<Header> headers = new ArrayList<>(letter.originalHeaders().stream()
            .filter(h -> !h.key().equals(DeadLetters.REDRIVE_COUNT_HEADER)).toList());
        headers.add(new RecordHeader(DeadLetters.REDRIVE_COUNT_HEADER, Integer.toString(count).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** Each source topic's partition count, 0 when it does not exist, asked once per topic. */
    private final class SourceTopics {
        private final Admin admin;
        private final Map<String, Integer> partitions = new HashMap<>();

        SourceTopics(Admin admin) {
            this.admin = admin;
        }

        int partitions(String topic) {
            return partitions.computeIfAbsent(topic, name -> {
                try {
                    return await(admin.describeTopics(List.of(name)).allTopicNames(), "describe " + name).get(name)
                        .partitions().size();
                } catch (UnknownTopicOrPartitionException e) {
                    return 0;
                }
            });
        }
    }

    private void createMarksTopic(Admin admin, String topic) {
        String marks = DeadLetterLog.marksTopic(topic);
        try {
            await(admin.createTopics(List.of(new NewTopic(marks, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all(), "create " + marks);
        } catch (TopicExistsException e) {
            // Made by an earlier redrive.
        }
    }

    /** The value of an Admin call; its failure as Kafka's own exception, a timeout saying what Kafka did not do. */
    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new DeadLetterException(DeadLetterException.Kind.TIMEOUT, "Kafka did not " + what + " within "
                + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }

    private static void abortQuietly(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException alreadyFailing) {
            // The failure being reported says more than this one.
        }
    }
}
