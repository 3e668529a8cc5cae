import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What any exactly-once Kafka Streams application costs on this machine before it does any work of
 * its own: the ceiling for `tillstream process`. Compiled against the Tillstream jar (it holds Kafka
 * Streams) and run with it on the classpath:
 *
 *   javac -cp cli/target/tillstream.jar -d CLASSES bench/pipeline/StreamsFloor.java
 *   java -cp cli/target/tillstream.jar:CLASSES StreamsFloor BOOTSTRAP TOPIC RECORDS count|copy
 *
 * Compiled beforehand, not in Java's single-file source mode, whose compilation would count in a time
 * taken from the JVM's launch.
 *
 * count: reads every record and counts it; copy: also writes each record's bytes to TOPIC-copy (one
 * produce per record, as writing sales_enriched needs). Prints records/s from the start of the JVM's
 * Streams setup until the last record was seen, then on a line of its own the wall-clock time of that
 * moment in milliseconds since the epoch, so that the caller can time it from the JVM's launch as it
 * times the others.
 */
public class StreamsFloor {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        long records = Long.parseLong(args[2]);
        boolean copy = args[3].equals("copy");
        Path state = Files.createTempDirectory("streams-floor");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-floor-" + args[3] + "-" + System.nanoTime());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // As `tillstream process` commits, so that the comparison is like for like.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        AtomicLong seen = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> source = builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
        KStream<byte[], byte[]> counted = source.peek((key, value) -> {
            if (seen.incrementAndGet() == records) {
                done.countDown();
            }
        });
        if (copy) {
            counted.to(topic + "-copy", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        }
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("saw only " + seen.get() + " of " + records + " records in 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long finished = System.currentTimeMillis();
            System.out.printf("%s: %d records in %.1f s: %.0f records/s%n", args[3], records, seconds, records / seconds);
            System.out.println("finished at ms " + finished);
        }
    }
}
