package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.EnrichedSale;
import io.tillstream.pipeline.SalesTotals;
import io.tillstream.pipeline.Topics;
import io.tillstream.pipeline.Totals;
import io.tillstream.serde.AvroSerdeConfig;
import io.tillstream.serde.KafkaAvroDeserializer;
import io.tillstream.serde.SpecificAvroSerde;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka Streams topology:
 *
 * <pre>
 * source (bytes) ─ validate ─┬─ rejected ─ dead-letter topic (original bytes, error headers)
 *                            └─ accepted ─ enriched topic (Avro)
 *                                        └─ one contribution per breakdown ─ repartition by group
 *                                             ├─ totals store (all breakdowns) ─ a compacted topic per breakdown
 *                                             └─ mall contributions ─ 1-minute windows ─ per-minute topic
 * </pre>
 *
 * All breakdowns go through one repartition topic as small fixed-size totals, instead of one
 * repartition of the whole sale per breakdown.
 */
public final class SalesTopology {

    /** Totals of every breakdown, keyed {@code <breakdown>|<group>} (see {@link Breakdown}). */
    public static final String TOTALS_STORE = "sales-totals";
    /** 1-minute windows of totals per mall, keyed {@code mall|<mall>}. */
    public static final String PER_MINUTE_STORE = "sales-per-minute";
    /** Records sent to the dead-letter topic, by error class; each task counts its own partition's. */
    public static final String DEAD_LETTER_STORE = "dead-letter-counts";
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private static final Serde<Totals> TOTALS = new TotalsSerde();

    private final Topics topics;
    private final Duration windowGrace;
    private final Duration windowRetention;
    private final KafkaAvroDeserializer saleDeserializer;
    private final Serde<EnrichedSale> enrichedSerde;
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
        this.saleDeserializer = new KafkaAvroDeserializer(registry);
        Map<String, Object> saleSettings = new HashMap<>(serdeSettings);
        saleSettings.put(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true);
        this.saleDeserializer.configure(saleSettings, false);
        this.enrichedSerde = new SpecificAvroSerde<>(registry);
        this.enrichedSerde.configure(serdeSettings, false);
        this.totalsSerde = new SpecificAvroSerde<>(registry);
        this.totalsSerde.configure(serdeSettings, false);
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEAD_LETTER_STORE),
            Serdes.String(), Serdes.Long()));
        Map<String, KStream<byte[], Checked>> checked = builder
            .stream(topics.source(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("sales"))
            .processValues(() -> new SaleValidator(saleDeserializer), Named.as("validate"), DEAD_LETTER_STORE)
            .split(Named.as("checked-"))
            .branch((key, value) -> value instanceof Checked.Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("accepted"));

        checked.get("checked-rejected")
            .mapValues(value -> ((Checked.Rejected) value).original(), Named.as("original-bytes"))
            .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters"));

        KStream<byte[], EnrichedSale> enriched = checked.get("checked-accepted")
            .mapValues(value -> ((Checked.Accepted) value).sale(), Named.as("enriched"));
        enriched.to(topics.enriched(), Produced.with(Serdes.ByteArray(), enrichedSerde).withName("sales-enriched"));

        KStream<String, Totals> contributions = enriched
            .flatMap((key, sale) -> contributions(sale), Named.as("contributions"))
            .repartition(Repartitioned.<String, Totals>as("contributions").withKeySerde(Serdes.String()).withValueSerde(TOTALS))
            .processValues(() -> new LatencyMeter(latency), Named.as("event-time-latency"));
        sumTotals(contributions);
        sumMinutes(contributions);
        return builder.build();
    }

    private static List<KeyValue<String, Totals>> contributions(EnrichedSale sale) {
        Totals totals = Totals.of(sale);
        return Arrays.stream(Breakdown.values()).map(breakdown -> KeyValue.pair(breakdown.keyOf(sale), totals)).toList();
    }

    private void sumTotals(KStream<String, Totals> contributions) {
        KStream<String, Totals> changes = contributions
            .groupByKey(Grouped.with(Serdes.String(), TOTALS))
            .reduce(Totals::plus, Named.as("sum-totals"), Materialized.<String, Totals, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                .withKeySerde(Serdes.String()).withValueSerde(TOTALS))
            .toStream(Named.as("totals-changes"));
        for (Breakdown breakdown : Breakdown.values()) {
            String name = breakdown.name().toLowerCase().replace('_', '-');
            changes.filter((key, totals) -> breakdown.owns(key), Named.as(name + "-changes"))
                .map((key, totals) -> KeyValue.pair(breakdown.groupOf(key), totals.toAvro()), Named.as(name + "-totals"))
                .to(topics.aggregate(breakdown), Produced.with(Serdes.String(), totalsSerde).withName(name + "-topic"));
        }
    }

    private void sumMinutes(KStream<String, Totals> contributions) {
        contributions
            .filter((key, totals) -> Breakdown.MALL.owns(key), Named.as("mall-contributions"))
            .groupByKey(Grouped.with(Serdes.String(), TOTALS))
            .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, windowGrace))
            .reduce(Totals::plus, Named.as("sum-minutes"), Materialized.<String, Totals, WindowStore<Bytes, byte[]>>as(PER_MINUTE_STORE)
                .withKeySerde(Serdes.String()).withValueSerde(TOTALS).withRetention(windowRetention))
            .toStream(Named.as("minute-changes"))
            .map((window, totals) -> KeyValue.pair(minuteKey(window), totals.toAvro()), Named.as("minute-totals"))
            .to(topics.perMinute(), Produced.with(Serdes.String(), totalsSerde).withName("per-minute-topic"));
    }

    /** {@code 2024-05-01T10:05:00Z/Kanyon}: the window's start, then the mall. */
    private static String minuteKey(Windowed<String> window) {
        return window.window().startTime() + "/" + Breakdown.MALL.groupOf(window.key());
    }
}
