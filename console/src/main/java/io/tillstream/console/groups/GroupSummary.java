package io.tillstream.console.groups;

import java.util.List;

/**
 * A row of the Consumer groups page. {@code type} is classic or consumer (the rebalance protocol
 * the group runs), {@code protocol} the protocol type, empty for a group that only commits offsets;
 * {@code members} is null when the group could not be described, {@code totalLag} null until the
 * sampler has seen the group's commits.
 */
public record GroupSummary(String groupId, String state, String type, String protocol, Integer members,
                           List<String> topics, Long totalLag) {
}
