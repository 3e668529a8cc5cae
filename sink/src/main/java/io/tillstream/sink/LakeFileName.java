package io.tillstream.sink;

/**
 * A lake file's name, {@code <topic>+<partition>+<first offset>.<codec>.parquet} as Kafka Connect's S3
 * sink names its objects ({@code +} cannot occur in a topic name, so the parts split unambiguously).
 * The name depends only on the records it holds, so rewriting a batch after a crash replaces the
 * file an earlier attempt renamed rather than adding a second copy.
 *
 * <p>While being written, a file is {@code .<name>.tmp}: hidden (dot first) and not ending in
 * {@code .parquet}, so neither Hive-style readers nor a {@code **}{@code /*.parquet} glob ever see a
 * file that is not complete.
 */
record LakeFileName(String topic, int partition, long firstOffset, Compression compression) {

    private static final String SUFFIX = ".parquet";
    private static final String TEMP_SUFFIX = ".tmp";

    /** Offsets zero-padded to 10 digits as Kafka Connect pads them, so names sort by offset up to 10^10. */
    String fileName() {
        String codec = compression == Compression.NONE ? "" : "." + compression.label();
        return String.format("%s+%d+%010d%s%s", topic, partition, firstOffset, codec, SUFFIX);
    }

    String tempName() {
        return "." + fileName() + TEMP_SUFFIX;
    }

    /** Whether {@code name} is a file being written (or left half-written by a crash) for this topic-partition. */
    static boolean isTempOf(String name, String topic, int partition) {
        return name.startsWith("." + topic + "+" + partition + "+") && name.endsWith(SUFFIX + TEMP_SUFFIX);
    }

    static boolean isComplete(String name) {
        return !name.startsWith(".") && name.endsWith(SUFFIX);
    }
}
