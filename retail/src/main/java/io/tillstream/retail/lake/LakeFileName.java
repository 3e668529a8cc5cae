package io.tillstream.retail.lake;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lake file's name, {@code <topic>+<partition>+<first offset>.<codec>.parquet} as Kafka Connect's S3
 * sink names its objects ({@code +} cannot occur in a topic name, so the parts split unambiguously).
 * The name depends only on the records it holds, so rewriting a batch after a crash replaces the
 * file an earlier attempt renamed rather than adding a second copy. The sink writes these names and
 * the Control Center's Lake page reads them back, so both go through this one record.
 *
 * <p>Until it is published, a file is {@code .<name>.<roll>.tmp}: hidden (dot first) and not ending in
 * {@code .parquet}, so neither Hive-style readers nor a {@code **}{@code /*.parquet} glob ever see a
 * file that is not complete. {@code roll} is the token of the roll that wrote it, new for every roll, so
 * two sinks that both believe they own a partition (one of them a zombie after a rebalance) never write
 * into one file, and the roll a consumer group's commit names can be told from any other's files.
 *
 * @param codec the page codec's label ({@code zstd}, {@code snappy}, ...), empty for uncompressed pages
 */
public record LakeFileName(String topic, int partition, long firstOffset, String codec) {

    /** The consumer group a sink lands with unless told otherwise: the group the Lake page watches by default. */
    public static final String DEFAULT_SINK_GROUP = "tillstream-sink";

    private static final String SUFFIX = ".parquet";
    /** How every temporary file's name ends, whatever its partition and roll. */
    public static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern COMPLETE = Pattern.compile("([^.+][^+]*)\\+(\\d+)\\+(\\d+)(?:\\.([a-z0-9]+))?\\.parquet");

    /** Offsets zero-padded to 10 digits as Kafka Connect pads them, so names sort by offset up to 10^10. */
    public String fileName() {
        String codecPart = codec.isEmpty() ? "" : "." + codec;
        return String.format("%s+%d+%010d%s%s", topic, partition, firstOffset, codecPart, SUFFIX);
    }

    /** The file's name while roll {@code roll} (a token without dots) writes it and until it is published. */
    public String tempName(String roll) {
        return "." + fileName() + "." + roll + TEMP_SUFFIX;
    }

    /**
     * The roll and the final name of a temporary file of this topic-partition ({@link #tempName}); empty for
     * any other file.
     */
    public static Optional<Temp> parseTemp(String name, String topic, int partition) {
        if (!isTempOf(name, topic, partition)) {
            return Optional.empty();
        }
        String inner = name.substring(1, name.length() - TEMP_SUFFIX.length());
        int dot = inner.lastIndexOf('.');
        return Optional.of(new Temp(inner.substring(0, dot), inner.substring(dot + 1)));
    }

    /** A temporary file's parts: the name it is published under, and the roll that wrote it. */
    public record Temp(String finalName, String roll) {
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
