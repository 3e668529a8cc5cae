package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Totals;

/**
 * One source partition's running totals of one group. Running totals rather than increments: a
 * partition's newest figure replaces its previous one wherever it lands, so sending it again after a
 * restart changes nothing.
 */
record PartitionTotals(int partition, Totals totals) {
}
