package io.tillstream.console.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Admin answers read part by part, for pages and samples that show what answered rather than fail
 * whole: a part that fails alone (a topic or group gone since the listing, a leader away) is left out.
 */
public final class Partial {

    private static final Logger log = LoggerFactory.getLogger(Partial.class);

    private Partial() {
    }

    /** The value of a part that may fail alone, or null when it failed. */
    public static <T> T orNull(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            log.debug("Part of an Admin answer failed; it is left out", e.getCause());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code spec}'s offset of each partition; a partition whose leader does not answer is left out. */
    public static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        ListOffsetsResult result = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            ListOffsetsResult.ListOffsetsResultInfo info = orNull(result.partitionResult(tp));
            if (info != null) {
                offsets.put(tp, info.offset());
            }
        }
        return offsets;
    }
}
