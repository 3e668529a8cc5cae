package io.tillstream.retail.lake;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lake file's name, {@code <topic>+<partition>+<first offset>.<codec>.parquet} as Kafka Connect's S3
 * sink names its objects ({@code +} cannot occur in a topic name, so the parts split unambiguously).
 * The name depends only on the records it holds, so rewriting a batch after a crash replaces the
 * file an earlier attempt renamed rather than adding a second copy. The sink writes these names and
 * the Control Center's Lake page reads them back, so both go through this one record.
 *
 * <p>While being written, a file is {@code .<name>.<attempt>.tmp}: hidden (dot first) and not ending in
 * {@code .parquet}, so neither Hive-style readers nor a {@code **}{@code /*.parquet} glob ever see a
 * file that is not complete; the attempt part is new for every file opened, so two sinks that both
 * believe they own a partition (one of them a zombie after a rebalance) never write into one file.
 *
 * @param codec the page codec's label ({@code zstd}, {@code snappy}, ...), empty for uncompressed pages
 */
public record LakeFileName(String topic, int partition, long firstOffset, String codec) {

    /** The consumer group a sink lands with unless told otherwise: the group the Lake page watches by default. */
    public static final String DEFAULT_SINK_GROUP = "tillstream-sink";

    private static final String SUFFIX = ".parquet";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern COMPLETE = Pattern.compile("([^.+][^+]*)\\+(\\d+)\\+(\\d+)(?:\\.([a-z0-9]+))?\\.parquet");

    /** Offsets zero-padded to 10 digits as Kafka Connect pads them, so names sort by offset up to 10^10. */
    public String fileName() {
        String codecPart = codec.isEmpty() ? "" : "." + codec;
        return String.format("%s+%d+%010d%s%s", topic, partition, firstOffset, codecPart, SUFFIX);
    }

    /** A temporary name no other attempt at this file uses. */
    public String newTempName() {
        return "." + fileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX;
    }

    /** The complete lake file {@code name} names; empty for any other file (one being written, a stranger's). */
    public static Optional<LakeFileName> parse(String name) {
        Matcher matcher = COMPLETE.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LakeFileName(matcher.group(1), Integer.parseInt(matcher.group(2)),
                Long.parseLong(matcher.group(3)), matcher.group(4) == null ? "" : matcher.group(4)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // digits beyond an int partition or a long offset: not a name the sink writes
        }
    }

    /** Whether {@code name} is a file being written (or left half-written by a crash) for this topic-partition. */
    public static boolean isTempOf(String name, String topic, int partition) {
        return name.startsWith("." + topic + "+" + partition + "+") && name.contains(SUFFIX + ".") && name.endsWith(TEMP_SUFFIX);
    }

    public static boolean isComplete(String name) {
        return !name.startsWith(".") && name.endsWith(SUFFIX);
    }
}
