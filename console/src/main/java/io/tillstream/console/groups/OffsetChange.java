package io.tillstream.console.groups;

/** Where a reset moved a group's committed offset in one partition. */
public record OffsetChange(String topic, int partition, long offset) {
}
