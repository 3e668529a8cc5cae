package io.tillstream.retail.generator;

import com.google.protobuf.Message;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleProtobuf;
import io.tillstream.serde.KafkaProtobufSerializer;

import java.time.Duration;
import java.util.Map;

/**
 * Protobuf values: each sale as a DynamicMessage of the shipped {@code sale.proto} through the serde's
 * {@link KafkaProtobufSerializer}, which registers the file (its google imports are known to the
 * registry, so no references); the price is a google.type.Money, exact to the cent.
 */
final class ProtobufSaleEncoder extends RegistrySaleEncoder {

    private final KafkaProtobufSerializer<Message> serializer;

    ProtobufSaleEncoder(String topic, SaleKey key, Map<String, ?> registrySettings, Duration timeout) {
        super(topic, key, registrySettings, timeout);
        this.serializer = new KafkaProtobufSerializer<>(registry);
        serializer.configure(settings, false);
    }

    @Override
    public byte[] value(Sale sale) {
        return serialize(sale);
    }

    @Override
    byte[] serialize(Sale sale) {
        return serializer.serialize(topic, SaleProtobuf.toMessage(sale));
    }

    @Override
    void closeSerializer() {
        serializer.close();
    }
}
