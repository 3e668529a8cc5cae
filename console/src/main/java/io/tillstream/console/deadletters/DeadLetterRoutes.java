package io.tillstream.console.deadletters;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.console.cluster.ClusterSampler;
import io.tillstream.console.cluster.PartitionState;
import io.tillstream.console.cluster.Snapshot;
import io.tillstream.console.cluster.TopicState;
import io.tillstream.console.http.Bodies;
import io.tillstream.console.http.ConsoleException;
import io.tillstream.console.http.Routes;
import io.tillstream.console.http.WebServer;
import io.tillstream.console.messages.ScanSlots;
import io.tillstream.retail.DeadLetters;
import io.tillstream.retail.deadletters.DeadLetterFilter;
import io.tillstream.retail.deadletters.DeadLetterLog;
import io.tillstream.retail.deadletters.Redrive;
import io.tillstream.serde.RecordJson;
import io.tillstream.serde.client.SchemaRegistryClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /dead-letters}: the dead-letter topics, their records grouped by error class and reason, a group's records
 * decoded, and the redrive of the ones selected back to their source topic ({@link Redrive}; a POST, so admins only,
 * with the CSRF token, refused read-only, as every change is in {@link WebServer}).
 */
public final class DeadLetterRoutes implements Routes {

    private static final String TOPIC = WebServer.API + "/dead-letters/{name}";
    /** The suffix the sink names its dead-letter topic with, and the pipeline its default one. */

    /** What the page lists: a dead-letter topic, its records and its end (the sum of its partitions' end offsets). */
    record DeadLetterTopic(String topic, long messages, long endOffset) {
    }

    /** What a redrive did, its skips each with a code, a count and why: what the page and scripts show. */
    record RedriveAnswer(String requestId, boolean dryRun, long scanned, long matched, long sent, List<Skipped> skipped,
                         List<Redrive.Sent> records, String summary) {

        record Skipped(String reason, long count, String description) {
        }

        static RedriveAnswer of(Redrive.Result result) {
            return new RedriveAnswer(result.requestId(), result.dryRun(), result.scanned(), result.matched(), result.sent(),
                result.skipped().entrySet().stream()
                    .map(e -> new Skipped(e.getKey().code(), e.getValue(), e.getKey().description())).toList(),
                result.records(), result.summary());
        }
    }

    private final ClusterSampler sampler;
    private final Map<String, Object> clientSettings;
    private final Duration timeout;
    private final Set<String> configured;
    private final int maxRecords;
    private final int redriveLimit;
    private final RecordJson keys;
    private final RecordJson values;
    private final ScanSlots reads;

    public DeadLetterRoutes(ConsoleConfig config, ClusterSampler sampler, SchemaRegistryClient registry,
                            Map<String, Object> registrySettings) {
        this.sampler = sampler;
        this.clientSettings = config.kafkaClientProps();
        this.timeout = Duration.ofMillis(config.requestTimeoutMs());
        this.configured = Set.copyOf(config.deadLetterTopics());
        this.maxRecords = config.messagesMaxRecords();
        this.redriveLimit = config.deadLettersRedriveLimit();
        this.keys = new RecordJson(registry, registrySettings, true);
        this.values = new RecordJson(registry, registrySettings, false);
        int readSlots = config.deadLettersMaxConcurrentReads();
        // The page asks for the groups, the records and a dry run at once: a read past the bound waits its turn.
        this.reads = new ScanSlots(readSlots, timeout, readSlots + " dead-letter reads are already running and none "
            + "finished within " + timeout.toMillis() + " ms (" + ConsoleConfig.DEAD_LETTERS_MAX_CONCURRENT_READS_CONFIG
            + "): try again in a moment.");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WebServer.API + "/dead-letters", this::topics);
        routes.get(TOPIC + "/groups", this::groups);
        routes.get(TOPIC + "/records", this::records);
        routes.post(TOPIC + "/redrive", this::redrive);
    }

    /** The configured dead-letter topics and every other topic named {@code *_dlq}, as the latest sample has them. */
    private void topics(Context ctx) {
        Snapshot snapshot = sampler.latest();
        Set<String> names = new TreeSet<>(configured);
        snapshot.topics().keySet().stream().filter(name -> name.endsWith(DeadLetters.TOPIC_SUFFIX)).forEach(names::add);
        ctx.json(names.stream().map(name -> {
            TopicState topic = snapshot.topics().get(name);
            return topic == null ? new DeadLetterTopic(name, 0, 0)
                : new DeadLetterTopic(name, topic.messages(), topic.partitions().stream().mapToLong(PartitionState::endOffset).sum());
        }).toList());
    }

    private void groups(Context ctx) {
        DeadLetterLog log = log(ctx);
        DeadLetterFilter filter = filter(ctx);
        try (ScanSlots.Slot slot = reads.take()) {
            ctx.json(Map.of("topic", log.topic(), "groups", log.groups(filter, DeadLetterLog.Progress.NONE)));
        }
    }

    private void records(Context ctx) {
        DeadLetterLog log = log(ctx);
        Long limit = Bodies.queryLong(ctx, "limit", 1, maxRecords);
        DeadLetterFilter filter = filter(ctx);
        DeadLetterLog.Listing listing;
        try (ScanSlots.Slot slot = reads.take()) {
            listing = log.records(filter, limit == null ? Math.min(50, maxRecords) : limit.intValue(), DeadLetterLog.Progress.NONE);
        }
        ctx.json(new DeadLetterView.Page(listing.records().stream().map(l -> DeadLetterView.of(l, keys, values)).toList(),
            listing.matched(), listing.scanned()));
    }

    private void redrive(Context ctx) {
        String topic = sampler.topic(ctx.pathParam("name")).topic().name();
        Redrive.Request request = Bodies.read(ctx, RedriveRequest.class).toRequest(redriveLimit);
        try (ScanSlots.Slot slot = reads.take()) {
            ctx.json(RedriveAnswer.of(new Redrive(clientSettings, timeout).run(topic, request, DeadLetterLog.Progress.NONE)));
        }
    }

    private DeadLetterLog log(Context ctx) {
        return new DeadLetterLog(clientSettings, sampler.topic(ctx.pathParam("name")).topic().name(), timeout);
    }

    /** The listing's query parameters: {@code group}, {@code errorClass}, {@code reason}, source partition and offsets, time. */
    private static DeadLetterFilter filter(Context ctx) {
        Long partition = Bodies.queryLong(ctx, "sourcePartition", 0, Integer.MAX_VALUE);
        try {
            return new DeadLetterFilter(Set.of(), ctx.queryParam("group"), ctx.queryParam("errorClass"),
                ctx.queryParam("reason"), partition == null ? null : partition.intValue(),
                Bodies.queryLong(ctx, "sourceFromOffset", 0, Long.MAX_VALUE),
                Bodies.queryLong(ctx, "sourceToOffset", 0, Long.MAX_VALUE), Bodies.queryLong(ctx, "from", 0, Long.MAX_VALUE),
                Bodies.queryLong(ctx, "to", 0, Long.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw ConsoleException.badRequest("Cannot filter: " + e.getMessage() + ".");
        }
    }
}
