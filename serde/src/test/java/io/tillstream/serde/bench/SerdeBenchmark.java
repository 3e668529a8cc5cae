package io.tillstream.serde.bench;

import io.tillstream.serde.EmbeddedRegistry;
import io.tillstream.serde.KafkaAvroDeserializer;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.Sales;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.internals.AvroData;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records per second through the serializer and deserializer for the sale record, against plain
 * Avro binary encoding and decoding of the same record without a registry (the {@code avro*}
 * baselines), with the same logical-type conversions. The registry is a real one on an embedded
 * broker; it is asked once, in the setup, and cached after. Run with {@code bench/serde/run.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {

    private static final String TOPIC = "raw_data";

    private final GenericRecord sale = Sales.generic();
    private final GenericData model = AvroData.genericData(true);
    private final GenericDatumWriter<Object> avroWriter = new GenericDatumWriter<>(Sales.SCHEMA, model);
    private final GenericDatumReader<Object> avroReader = new GenericDatumReader<>(Sales.SCHEMA, Sales.SCHEMA, model);
    private final ByteArrayOutputStream avroOut = new ByteArrayOutputStream();
    private BinaryEncoder avroEncoder;
    private BinaryDecoder avroDecoder;
    private byte[] avroBytes;

    private KafkaAvroSerializer serializer;
    private KafkaAvroDeserializer deserializer;
    private byte[] confluentBytes;

    @Setup
    public void setUp() throws IOException {
        Map<String, String> configs = Map.of("schema.registry.url", EmbeddedRegistry.get().url());
        serializer = new KafkaAvroSerializer();
        serializer.configure(configs, false);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(configs, false);
        confluentBytes = serializer.serialize(TOPIC, sale);
        avroBytes = avroEncode();
        // Both sides must do the same work: the same Avro body, only the header apart.
        if (!Arrays.equals(avroBytes, Arrays.copyOfRange(confluentBytes, WireFormat.HEADER_SIZE, confluentBytes.length))) {
            throw new IllegalStateException("the serializer's body differs from plain Avro's");
        }
    }

    @TearDown
    public void tearDown() {
        serializer.close();
        deserializer.close();
    }

    @Benchmark
    public byte[] avroEncode() throws IOException {
        avroOut.reset();
        avroEncoder = EncoderFactory.get().binaryEncoder(avroOut, avroEncoder);
        avroWriter.write(sale, avroEncoder);
        avroEncoder.flush();
        return avroOut.toByteArray();
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(TOPIC, sale);
    }

    @Benchmark
    public Object avroDecode() throws IOException {
        avroDecoder = DecoderFactory.get().binaryDecoder(avroBytes, avroDecoder);
        return avroReader.read(null, avroDecoder);
    }

    @Benchmark
    public Object deserialize() {
        return deserializer.deserialize(TOPIC, confluentBytes);
    }
}
