package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSaleWriter;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Nanoseconds per sale value in Confluent's wire format: the generator's {@link SaleBinaryWriter}
 * against Tillstream's {@link KafkaAvroSerializer}, over the same rotation of synthetic sales. The
 * registry is a stand-in that registers every schema as ID 1: after its first record the serializer
 * never asks it again, so only the encoding is measured. And nanoseconds per synthetic record, key
 * and value, drawn and encoded: through a {@link Sale} and the {@link SaleBinaryWriter}, or straight
 * into bytes by the {@link SyntheticSaleWriter}. Run with {@code bench/generator/encode.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SaleEncodingBenchmark {

    private static final String TOPIC = "raw_data";

    private final Sale[] sales = new Sale[1024];
    private int next;
    private KafkaAvroSerializer serializer;
    private SaleBinaryWriter writer;
    private SyntheticSales drawn;
    private SyntheticSaleWriter drawnIntoBytes;

    @Setup
    public void setUp() {
        SyntheticSales source = new SyntheticSales(42, 5_000, Clock.systemUTC());
        Arrays.setAll(sales, i -> source.next());
        SchemaRegistryClient registry = (SchemaRegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SchemaRegistryClient.class}, (proxy, method, args) -> switch (method.getName()) {
                case "register" -> 1;
                case "close" -> null;
                default -> throw new UnsupportedOperationException(method.getName());
            });
        serializer = new KafkaAvroSerializer(registry);
        serializer.configure(Map.of("schema.registry.url", "http://unused"), false);
        byte[] header = Arrays.copyOf(serializer.serialize(TOPIC, sales[0]), WireFormat.HEADER_SIZE);
        writer = new SaleBinaryWriter(header);
        for (Sale sale : sales) {
            if (!Arrays.equals(writer.write(sale), serializer.serialize(TOPIC, sale))) {
                throw new IllegalStateException("the writer's bytes differ from the serializer's for " + sale);
            }
        }
        drawn = new SyntheticSales(42, 5_000, Clock.systemUTC());
        drawnIntoBytes = new SyntheticSaleWriter(new SyntheticSales(42, 5_000, Clock.systemUTC()), header);
    }

    @Benchmark
    public byte[] serializer() {
        return serializer.serialize(TOPIC, nextSale());
    }

    @Benchmark
    public byte[] binaryWriter() {
        return writer.write(nextSale());
    }

    /** A record of the synthetic stream as the generator made it before SyntheticSaleWriter: key and value. */
    @Benchmark
    public int drawnThenWritten() {
        Sale sale = drawn.next();
        return sale.getInvoiceNo().getBytes(StandardCharsets.UTF_8).length + writer.write(sale).length;
    }

    @Benchmark
    public int drawnStraightIntoBytes() {
        return drawnIntoBytes.next().length + drawnIntoBytes.invoiceNo().length;
    }

    private Sale nextSale() {
        next = (next + 1) & (sales.length - 1);
        return sales[next];
    }
}
