package io.tillstream.console.lake;

import io.tillstream.console.groups.GroupDetail;

import java.util.List;

/**
 * The Lake page: the sink's consumer group with its lag per partition (null state and lag while no
 * sink has joined the group), and the lake directory's contents (null when the console was not told
 * where the lake is).
 */
public record LakeView(String groupId, String groupState, int members, Long totalLag,
                       List<GroupDetail.PartitionLag> lag, LakeContents lake) {
}
