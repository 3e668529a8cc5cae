package io.tillstream.serde.bench;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.tillstream.serde.EmbeddedRegistry;
import io.tillstream.serde.KafkaProtobufDeserializer;
import io.tillstream.serde.KafkaProtobufSerializer;
import io.tillstream.serde.ProtobufSales;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.sample.protobuf.Sale;
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

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records per second through the Protobuf serializer and deserializer for the sale message, against
 * protobuf-java's own encoding and decoding of it without a registry (the {@code protobuf*}
 * baselines): as the generated class, and as a DynamicMessage. The registry is a real one on an
 * embedded broker, asked once in the setup. Run with {@code bench/serde/run-protobuf.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProtobufSerdeBenchmark {

    private static final String TOPIC = "raw_data";

    private final Sale sale = ProtobufSales.sale();

    private KafkaProtobufSerializer<Sale> serializer;
    private KafkaProtobufDeserializer<Message> generatedDeserializer;
    private KafkaProtobufDeserializer<Message> dynamicDeserializer;
    private byte[] confluentBytes;
    private byte[] protobufBytes;

    @Setup
    public void setUp() {
        String url = EmbeddedRegistry.get().url();
        serializer = new KafkaProtobufSerializer<>();
        serializer.configure(Map.of("schema.registry.url", url), false);
        generatedDeserializer = new KafkaProtobufDeserializer<>();
        generatedDeserializer.configure(Map.of("schema.registry.url", url, "specific.protobuf.value.type", Sale.class), false);
        dynamicDeserializer = new KafkaProtobufDeserializer<>();
        dynamicDeserializer.configure(Map.of("schema.registry.url", url), false);
        confluentBytes = serializer.serialize(TOPIC, sale);
        protobufBytes = protobufEncode();
        // Both sides must do the same work: the same message bytes, only the header and indexes apart.
        if (!Arrays.equals(protobufBytes, Arrays.copyOfRange(confluentBytes, WireFormat.HEADER_SIZE + 1, confluentBytes.length))) {
            throw new IllegalStateException("the serializer's message bytes differ from protobuf-java's");
        }
    }

    @TearDown
    public void tearDown() {
        serializer.close();
        generatedDeserializer.close();
        dynamicDeserializer.close();
    }

    @Benchmark
    public byte[] protobufEncode() {
        return sale.toByteArray();
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(TOPIC, sale);
    }

    @Benchmark
    public Object protobufDecode() throws InvalidProtocolBufferException {
        return Sale.parseFrom(protobufBytes);
    }

    @Benchmark
    public Object deserialize() {
        return generatedDeserializer.deserialize(TOPIC, confluentBytes);
    }

    @Benchmark
    public Object protobufDecodeDynamic() throws InvalidProtocolBufferException {
        return DynamicMessage.parseFrom(Sale.getDescriptor(), protobufBytes);
    }

    @Benchmark
    public Object deserializeDynamic() {
        return dynamicDeserializer.deserialize(TOPIC, confluentBytes);
    }
}
