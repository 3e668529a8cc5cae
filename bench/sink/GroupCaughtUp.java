import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks that a consumer group has committed every partition of a topic up to its end (waiting up to
 * 10 s, checking every 50 ms through the Admin API), then prints "committed to the end". What the sink
 * promises: a committed offset means the records before it are durable in the lake.
 *
 *   java -cp tillstream.jar GroupCaughtUp.java <bootstrap> <group> <topic>
 */
public class GroupCaughtUp {
    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", args[0]))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(args[2])).allTopicNames().get()
                .get(args[2]).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(args[2], p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(args[1]).partitionsToOffsetAndMetadata().get();
                boolean done = ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
                if (done) {
                    System.out.println("committed to the end");
                    return;
                }
                Thread.sleep(50);
            }
            System.out.println("NOT committed to the end: " + admin.listConsumerGroupOffsets(args[1])
                .partitionsToOffsetAndMetadata().get() + " of " + ends);
            System.exit(1);
        }
    }
}
