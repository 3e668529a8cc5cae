package io.tillstream.retail.generator;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The generator's producer: idempotent with acks=all so an acknowledged record is written once and
 * replicated, batches sized for throughput, and every wait bounded by the run's timeout so that an
 * unreachable broker ends the run instead of hanging it.
 */
final class ProducerSettings {

    /**
     * Measured against the embedded 1-node broker (bench/generator/run.sh): 10 ms of lingering fills
     * batches of ~60-byte records at high rates and costs nothing visible at the default 10 records/s.
     */
    static final int LINGER_MS = 10;
    static final int BATCH_SIZE = 256 * 1024;
    private static final int MAX_REQUEST_TIMEOUT_MS = 30_000;

    private ProducerSettings() {
    }

    /**
     * @param client connection settings (bootstrap servers, security); batch.size and linger.ms there win
     */
    static Map<String, Object> of(GeneratorConfig config, Map<String, ?> client) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        settings.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        settings.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        long timeout = config.timeout().toMillis();
        long linger = Long.parseLong(settings.get(ProducerConfig.LINGER_MS_CONFIG).toString());
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        long request = Math.max(1, Math.min(MAX_REQUEST_TIMEOUT_MS, timeout - linger));
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, Math.max(timeout, linger + request)));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        return settings;
    }
}
