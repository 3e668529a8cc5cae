package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.EnrichedSale;
import io.tillstream.pipeline.SalesTotals;
import io.tillstream.pipeline.Topics;
import io.tillstream.retail.SaleDecoder;
import io.tillstream.serde.SpecificAvroSerde;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The Kafka Streams topology:
 *
 * <pre>
 * source (bytes) ─ validate ─┬─ rejected ─ dead-letter topic (original bytes, error headers)
 *                            └─ accepted ─ enriched topic (Avro)
 *                                        └─ sum per source partition (queryable: totals and 1-minute windows)
 *                                             └─ changed groups, every 100 ms ─ repartition by group
 *                                                  └─ merge the partitions ─ a compacted topic per breakdown
 *                                                                          └─ per-minute topic
 * </pre>
 *
 * Sales are summed in the task that reads them ({@link PartitionAggregator}); only each changed
 * group's running total crosses a repartition, a few dozen records per interval, not several per sale.
 */
public final class SalesTopology {

    /** Totals of every breakdown, keyed {@code <breakdown>|<group>} (see {@link Breakdown}); one per source partition. */
    public static final String TOTALS_STORE = "sales-totals";
    /** 1-minute windows of totals per mall, keyed {@code mall|<mall>}; one per source partition. */
    public static final String PER_MINUTE_STORE = "sales-per-minute";
    /** Records sent to the dead-letter topic, by error class; each task counts its own partition's. */
    public static final String DEAD_LETTER_STORE = "dead-letter-counts";
    /** What each source partition last reported of each published group. */
    static final String MERGED_STORE = "merged-totals";
    /** Names the repartition topic that carries each partition's totals to the merger. */
    static final String PARTITION_TOTALS = "partition-totals";
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private static final String MINUTE_PREFIX = "minute|";

    private final Topics topics;
    private final Duration windowGrace;
    private final Duration windowRetention;
    private final SaleDecoder saleDecoder;
    private final Serde<EnrichedSale> enrichedSerde;
    private final EnrichedSaleSerializer enrichedSerializer;
    private final Serde<SalesTotals> totalsSerde;
    private final LatencyHistogram latency;

    /**
     * @param serdeSettings the Avro serdes' settings (schema.registry.url, ...)
     * @param registry      the registry client the serdes share
     * @param latency       where the event-time latency of each aggregated sale is recorded
     */
    public SalesTopology(Topics topics, Duration windowGrace, Duration windowRetention, Map<String, ?> serdeSettings,
                         SchemaRegistryClient registry, LatencyHistogram latency) {
        this.topics = topics;
        this.windowGrace = windowGrace;
        // A window store must keep a window at least until its grace period is over.
        this.windowRetention = windowRetention.compareTo(WINDOW.plus(windowGrace)) < 0 ? WINDOW.plus(windowGrace) : windowRetention;
        this.latency = latency;
        this.saleDecoder = new SaleDecoder(registry, serdeSettings);
        this.enrichedSerde = new SpecificAvroSerde<>(registry);
        this.enrichedSerde.configure(serdeSettings, false);
        this.enrichedSerializer = new EnrichedSaleSerializer(enrichedSerde.serializer(), registry);
        this.totalsSerde = new SpecificAvroSerde<>(registry);
        this.totalsSerde.configure(serdeSettings, false);
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        // In memory: the stores are small (a customer is the largest group), and a restart restores them from their changelogs.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DEAD_LETTER_STORE),
            Serdes.String(), Serdes.Long()));
        builder.addStateStore(TotalsStore.builder(TOTALS_STORE, TotalsSerdes.totals()));
        builder.addStateStore(MinuteTotalsStore.builder(PER_MINUTE_STORE, windowRetention, WINDOW));
        builder.addStateStore(TotalsStore.builder(MERGED_STORE, TotalsSerdes.splitTotals()));

        Map<String, KStream<byte[], Checked>> checked = builder
            .stream(topics.source(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("sales"))
            .processValues(() -> new SaleValidator(saleDecoder), Named.as("validate"), DEAD_LETTER_STORE)
            .split(Named.as("checked-"))
            .branch((key, value) -> value instanceof Checked.Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("accepted"));

        checked.get("checked-rejected")
            .mapValues(value -> ((Checked.Rejected) value).original(), Named.as("original-bytes"))
            .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters"));

        KStream<byte[], EnrichedSale> enriched = checked.get("checked-accepted")
            .mapValues(value -> ((Checked.Accepted) value).sale(), Named.as("enriched"));
        enriched.to(topics.enriched(), Produced.with(Serdes.ByteArray(), Serdes.serdeFrom(enrichedSerializer, enrichedSerde.deserializer()))
            .withName("sales-enriched"));

        KStream<String, SalesTotals> merged = enriched
            .process(() -> new PartitionAggregator(windowGrace, latency), Named.as("sum-partition"), TOTALS_STORE, PER_MINUTE_STORE)
            .repartition(Repartitioned.<String, PartitionTotals>as(PARTITION_TOTALS)
                .withKeySerde(Serdes.String()).withValueSerde(TotalsSerdes.partitionTotals()))
            .process(() -> new TotalsMerger(windowRetention), Named.as("merge-partitions"), MERGED_STORE);
        for (Breakdown breakdown : Breakdown.withTopics()) {
            String name = breakdown.name().toLowerCase().replace('_', '-');
            merged.filter((key, totals) -> breakdown.owns(key), Named.as(name + "-changes"))
                .selectKey((key, totals) -> breakdown.groupOf(key), Named.as(name + "-group"))
                .to(topics.aggregate(breakdown), Produced.with(Serdes.String(), totalsSerde).withName(name + "-topic"));
        }
        merged.filter((key, totals) -> isMinuteKey(key), Named.as("minute-changes"))
            .selectKey((key, totals) -> key.substring(MINUTE_PREFIX.length()), Named.as("minute-window"))
            .to(topics.perMinute(), Produced.with(Serdes.String(), totalsSerde).withName("per-minute-topic"));
        return builder.build();
    }

    /** {@code minute|2024-05-01T10:05:00Z/Kanyon}: the window's start, then the mall; they sort by start. */
    static String minuteKey(String mallKey, long start) {
        return minuteKey(Instant.ofEpochMilli(start)) + "/" + Breakdown.MALL.groupOf(mallKey);
    }

    /** The part of a minute key before the mall, which sorts before every key of a later window. */
    static String minuteKey(Instant start) {
        return MINUTE_PREFIX + start;
    }

    static boolean isMinuteKey(String key) {
        return key.startsWith(MINUTE_PREFIX);
    }

    static long minuteStart(String minuteKey) {
        return Instant.parse(minuteKey.substring(MINUTE_PREFIX.length(), minuteKey.indexOf('/'))).toEpochMilli();
    }
}
