package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.Totals;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Records, just before the totals are updated, how long ago each sale happened (now minus its event
 * time, which is the record's timestamp): the end-to-end latency from the producer's send to the
 * aggregate. Each sale reaches the totals once per breakdown; only its mall contribution is timed,
 * so that every sale counts once.
 */
final class LatencyMeter implements FixedKeyProcessor<String, Totals, Totals> {

    private final LatencyHistogram histogram;
    private FixedKeyProcessorContext<String, Totals> context;

    LatencyMeter(LatencyHistogram histogram) {
        this.histogram = histogram;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Totals> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Totals> record) {
        if (Breakdown.MALL.owns(record.key())) {
            histogram.record(System.currentTimeMillis() - record.timestamp());
        }
        context.forward(record);
    }
}
