package io.tillstream.console.lake;

import java.util.List;

/**
 * What the lake directory holds, counted from the complete files' Parquet footers: per Kafka
 * partition the sink wrote (from the file names) and per invoice day (from the directories).
 * {@code exists} is false before the sink has made the directory; {@code unreadable} names the files
 * whose footer could not be read, with why, rather than failing the page.
 */
public record LakeContents(String path, boolean exists, long files, long rows, long bytes,
                           List<PartitionFiles> partitions, List<DayFiles> days, List<Unreadable> unreadable) {

    /** One topic-partition's files; {@code lastOffset} is the first offset of its newest file. */
    public record PartitionFiles(String topic, int partition, long files, long rows, long lastFileOffset) {
    }

    /** One invoice day's files, {@code date} as yyyy-mm-dd. */
    public record DayFiles(String date, long files, long rows, long bytes) {
    }

    public record Unreadable(String file, String reason) {
    }
}
