package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Totals;

import java.util.Arrays;

/**
 * A group's totals as each source partition last reported them; the group's total is their sum.
 * Partitions are few (a topic's partition count), so a sorted array beats a map here.
 */
record SplitTotals(int[] partitions, Totals[] totals) {

    static final SplitTotals NONE = new SplitTotals(new int[0], new Totals[0]);

    /** These totals with {@code update} replacing what its partition reported before. */
    SplitTotals with(PartitionTotals update) {
        int at = Arrays.binarySearch(partitions, update.partition());
        if (at >= 0) {
            Totals[] replaced = totals.clone();
            replaced[at] = update.totals();
            return new SplitTotals(partitions, replaced);
        }
        int insert = -at - 1;
        int[] morePartitions = new int[partitions.length + 1];
        Totals[] moreTotals = new Totals[totals.length + 1];
        System.arraycopy(partitions, 0, morePartitions, 0, insert);
        System.arraycopy(totals, 0, moreTotals, 0, insert);
        morePartitions[insert] = update.partition();
        moreTotals[insert] = update.totals();
        System.arraycopy(partitions, insert, morePartitions, insert + 1, partitions.length - insert);
        System.arraycopy(totals, insert, moreTotals, insert + 1, totals.length - insert);
        return new SplitTotals(morePartitions, moreTotals);
    }

    Totals sum() {
        Totals sum = Totals.NONE;
        for (Totals part : totals) {
            sum = sum.plus(part);
        }
        return sum;
    }
}
