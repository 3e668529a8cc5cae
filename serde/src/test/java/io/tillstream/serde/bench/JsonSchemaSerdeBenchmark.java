package io.tillstream.serde.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tillstream.serde.EmbeddedRegistry;
import io.tillstream.serde.JsonSales;
import io.tillstream.serde.KafkaJsonSchemaDeserializer;
import io.tillstream.serde.KafkaJsonSchemaSerializer;
import io.tillstream.serde.WireFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records per second through the JSON Schema serializer and deserializer for the sale as a Java
 * record, against plain Jackson writing and reading the same record without a registry (the
 * {@code jackson*} baselines); the {@code *Validated} pair with {@code json.fail.invalid.schema} on,
 * for what validation costs. The registry is a real one on an embedded broker; it is asked in the
 * setup and cached after. Run with {@code bench/serde/run-jsonschema.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonSchemaSerdeBenchmark {

    private static final String TOPIC = "raw_data";

    private final JsonSales.Sale sale = JsonSales.record();
    private final ObjectMapper jackson = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final ObjectReader jacksonReader = jackson.readerFor(JsonSales.Sale.class);
    private byte[] jacksonBytes;

    private KafkaJsonSchemaSerializer<JsonSales.Sale> serializer;
    private KafkaJsonSchemaDeserializer<JsonSales.Sale> deserializer;
    private KafkaJsonSchemaSerializer<JsonSales.Sale> validatingSerializer;
    private KafkaJsonSchemaDeserializer<JsonSales.Sale> validatingDeserializer;
    private byte[] confluentBytes;

    @Setup
    public void setUp() throws IOException {
        EmbeddedRegistry registry = EmbeddedRegistry.get();
        registry.client().register(TOPIC + "-value", JsonSales.definition(), false);
        Map<String, Object> configs = new HashMap<>(Map.of("schema.registry.url", registry.url(),
            "use.latest.version", true, "json.value.type", JsonSales.Sale.class));
        serializer = new KafkaJsonSchemaSerializer<>();
        serializer.configure(configs, false);
        deserializer = new KafkaJsonSchemaDeserializer<>();
        deserializer.configure(configs, false);
        configs.put("json.fail.invalid.schema", true);
        validatingSerializer = new KafkaJsonSchemaSerializer<>();
        validatingSerializer.configure(configs, false);
        validatingDeserializer = new KafkaJsonSchemaDeserializer<>();
        validatingDeserializer.configure(configs, false);
        confluentBytes = serializer.serialize(TOPIC, sale);
        jacksonBytes = jacksonWrite();
        // Both sides must do the same work: the same JSON, only the header apart.
        if (!Arrays.equals(jacksonBytes, Arrays.copyOfRange(confluentBytes, WireFormat.HEADER_SIZE, confluentBytes.length))) {
            throw new IllegalStateException("the serializer's JSON differs from plain Jackson's");
        }
    }

    @TearDown
    public void tearDown() {
        serializer.close();
        deserializer.close();
        validatingSerializer.close();
        validatingDeserializer.close();
    }

    @Benchmark
    public byte[] jacksonWrite() throws IOException {
        return jackson.writeValueAsBytes(sale);
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(TOPIC, sale);
    }

    @Benchmark
    public byte[] serializeValidated() {
        return validatingSerializer.serialize(TOPIC, sale);
    }

    @Benchmark
    public Object jacksonRead() throws IOException {
        return jacksonReader.readValue(jacksonBytes);
    }

    @Benchmark
    public Object deserialize() {
        return deserializer.deserialize(TOPIC, confluentBytes);
    }

    @Benchmark
    public Object deserializeValidated() {
        return validatingDeserializer.deserialize(TOPIC, confluentBytes);
    }
}
