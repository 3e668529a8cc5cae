package io.tillstream.serde;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.tillstream.serde.sample.protobuf.Sale;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Protobuf serdes in a real KafkaProducer and KafkaConsumer, against Tillstream's registry on a real broker. */
@Tag("integration")
class ProtobufThroughKafkaTest {

    private final EmbeddedRegistry embedded = EmbeddedRegistry.get();
    private final String topic = EmbeddedRegistry.unique("sales");

    @Test
    void salesRoundTripAsTheirGeneratedClassAndAsDynamicMessages() {
        List<Sale> sales = IntStream.range(0, 50)
            .mapToObj(i -> ProtobufSales.sale().toBuilder().setInvoiceNo("I" + (100_000 + i)).build()).toList();
        Map<String, Object> producerProps = serdeProps();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaProtobufSerializer.class.getName());
        try (KafkaProducer<String, Sale> producer = new KafkaProducer<>(producerProps)) {
            sales.forEach(sale -> producer.send(new ProducerRecord<>(topic, 0, sale.getInvoiceNo(), sale)));
            producer.flush();
        }

        List<Message> specific = consume(Map.of("specific.protobuf.value.type", Sale.class.getName()), sales.size());
        List<Message> dynamic = consume(Map.of(), sales.size());

        assertThat(specific).containsExactlyElementsOf(sales);
        assertThat(dynamic).allSatisfy(message -> assertThat(message).isInstanceOf(DynamicMessage.class));
        assertThat(dynamic).extracting(Message::toByteString).containsExactlyElementsOf(
            sales.stream().map(Message::toByteString).toList());
    }

    private Map<String, Object> serdeProps() {
        Map<String, Object> props = new HashMap<>();
        props.put("schema.registry.url", embedded.url());
        return props;
    }

    private List<Message> consume(Map<String, Object> settings, int count) {
        Map<String, Object> props = serdeProps();
        props.putAll(settings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "protobuf-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaProtobufDeserializer.class.getName());
        List<Message> received = new ArrayList<>();
        try (KafkaConsumer<String, Message> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
            }
        }
        assertThat(received).as("records consumed from " + topic).hasSize(count);
        return received;
    }
}
