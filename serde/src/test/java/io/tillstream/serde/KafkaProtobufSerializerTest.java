package io.tillstream.serde;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.tillstream.registry.SchemaRegistryServer;
import io.tillstream.serde.client.RegisteredSchema;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.protobuf.ProtoTextPrinter;
import io.tillstream.serde.sample.protobuf.Basket;
import io.tillstream.serde.sample.protobuf.Receipt;
import io.tillstream.serde.sample.protobuf.Sale;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serializer's bytes and registrations against hand-worked Confluent wire format, on Tillstream's registry. */
class KafkaProtobufSerializerTest {

    private final EmbeddedRegistry embedded = EmbeddedRegistry.get();
    private final SchemaRegistryClient registry = embedded.client();
    private final String topic = EmbeddedRegistry.unique("sales");
    private final KafkaProtobufSerializer<Message> serializer = new KafkaProtobufSerializer<>();

    @AfterEach
    void stop() {
        serializer.close();
    }

    @Test
    void aSaleIsWrittenAsConfluentsSerializerWritesIt() {
        serializer.configure(settings(Map.of()), false);

        byte[] bytes = serializer.serialize(topic, ProtobufSales.sale());

        RegisteredSchema registered = registry.getLatestVersion(topic + "-value");
        assertThat(hex(bytes)).isEqualTo(header(registered.id())
            + "00"                                          // message indexes [0]
            + "0a07" + ascii("I138884")                     // 1 invoice_no: tag 1 length-delimited, 7 bytes
            + "1207" + ascii("C241288")                     // 2 customer_id
            + "1a06" + ascii("Female")                      // 3 gender
            + "201c"                                        // 4 age 28, varint
            + "2a08" + ascii("Clothing")                    // 5 category
            + "3005"                                        // 6 quantity 5
            + "3a0e" + "0a03" + ascii("TRY") + "10dc0b" + "188088debe01"  // 7 price: TRY, units 1500, nanos 400000000
            + "420b" + ascii("Credit Card")                 // 8 payment_method
            + "4a07" + "08e60f" + "1008" + "1805"           // 9 invoice_date: year 2022, month 8, day 5
            + "5206" + ascii("Kanyon")                      // 10 shopping_mall
            + "5a06" + "08c0bab99306");                     // 11 event_time: seconds 1651400000
        assertThat(registered.definition()).isEqualTo(new SchemaDefinition(
            ProtoTextPrinter.print(Sale.getDescriptor().getFile()), "PROTOBUF", List.of()));
        assertThat(registry.getSubjects(false)).as("well-known imports are never registered")
            .noneMatch(subject -> subject.startsWith("google/"));
    }

    @Test
    void importsAreRegisteredFirstUnderTheirPathAndReferencedByVersion() {
        serializer.configure(settings(Map.of()), false);

        serializer.serialize(topic, Basket.getDefaultInstance());

        RegisteredSchema basket = registry.getLatestVersion(topic + "-value");
        RegisteredSchema sale = registry.getLatestVersion(ProtobufSales.SALE_PROTO);
        assertThat(basket.definition().references()).containsExactly(
            new SchemaReference(ProtobufSales.SALE_PROTO, ProtobufSales.SALE_PROTO, sale.version()));
        assertThat(sale.definition().schema()).isEqualTo(ProtoTextPrinter.print(Sale.getDescriptor().getFile()));
    }

    @Test
    void nestedMessagesCarryTheirPathAsMessageIndexes() {
        serializer.configure(settings(Map.of()), false);

        byte[] receipt = serializer.serialize(topic, Receipt.newBuilder().setInvoiceNo("I1").build());
        byte[] basket = serializer.serialize(topic, Basket.newBuilder().setStore("Kanyon").build());
        byte[] line = serializer.serialize(topic, Basket.Line.getDefaultInstance());
        byte[] discount = serializer.serialize(topic, Basket.Line.Discount.newBuilder().setPercent(10).build());

        int id = registry.getLatestVersion(topic + "-value").id();
        assertThat(hex(receipt)).isEqualTo(header(id) + "00" + "0a02" + ascii("I1"));
        assertThat(hex(basket)).isEqualTo(header(id) + "0202" + "1206" + ascii("Kanyon"));
        assertThat(hex(line)).isEqualTo(header(id) + "040200");
        assertThat(hex(discount)).isEqualTo(header(id) + "06020000" + "080a");
        assertThat(registry.getVersions(topic + "-value")).as("one file, one schema").containsExactly(1);
    }

    @Test
    void aDynamicMessageIsWrittenAsItsGeneratedTwin() throws Exception {
        serializer.configure(settings(Map.of()), false);
        DynamicMessage dynamic = DynamicMessage.parseFrom(Sale.getDescriptor(), ProtobufSales.sale().toByteArray());

        assertThat(serializer.serialize(topic, dynamic)).isEqualTo(serializer.serialize(topic, ProtobufSales.sale()));
    }

    @Test
    void recordNameStrategiesNameTheSubjectByTheMessagesFullName() {
        serializer.configure(settings(Map.of("value.subject.name.strategy", "TopicRecordNameStrategy")), false);

        serializer.serialize(topic, Basket.Line.getDefaultInstance());

        assertThat(registry.getSubjects(false)).contains(topic + "-io.tillstream.serde.sample.Basket.Line");
    }

    @Test
    void useLatestVersionWritesWithTheLatestSchemaAndFindsTheMessageInItByName() {
        String subject = topic + "-value";
        String sale = ProtoTextPrinter.print(Sale.getDescriptor().getFile());
        int saleVersion = registry.lookup(ProtobufSales.SALE_PROTO, new SchemaDefinition(sale, "PROTOBUF", List.of()), false).version();
        // Receipt moved below Basket: Basket.Line is at [0, 0] in the latest schema, not where its class says.
        String latest = """
            syntax = "proto3";
            package io.tillstream.serde.sample;
            import "io/tillstream/serde/sample/sale.proto";
            message Basket {
              message Line {
                io.tillstream.retail.Sale sale = 1;
              }
            }
            message Receipt { string invoice_no = 1; }
            """;
        int id = registry.register(subject, new SchemaDefinition(latest, "PROTOBUF",
            List.of(new SchemaReference(ProtobufSales.SALE_PROTO, ProtobufSales.SALE_PROTO, saleVersion))), false);
        serializer.configure(settings(Map.of("auto.register.schemas", false, "use.latest.version", true)), false);

        assertThat(hex(serializer.serialize(topic, Basket.Line.getDefaultInstance()))).isEqualTo(header(id) + "040000");
        assertThatThrownBy(() -> serializer.serialize(topic, Basket.Line.Discount.getDefaultInstance()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("declares no message io.tillstream.serde.sample.Basket.Line.Discount");
        assertThat(registry.getVersions(subject)).containsExactly(1);
    }

    @Test
    void withoutAutoRegistrationAMissingSchemaFailsNamingTheSubject() {
        serializer.configure(settings(Map.of("auto.register.schemas", false)), false);

        assertThatThrownBy(() -> serializer.serialize(topic, ProtobufSales.sale()))
            .isInstanceOf(SerializationException.class)
            .hasMessageStartingWith("Cannot serialize value for topic " + topic + ": ")
            .hasMessageContaining("40401");
    }

    @Test
    void theRegistryIsAskedOncePerTopicAndMessageType() {
        try (SchemaRegistryServer server = embedded.startAnother(Map.of())) {
            serializer.configure(Map.of("schema.registry.url", server.url()), false);
            byte[] first = serializer.serialize(topic, ProtobufSales.sale());
            String url = server.url();
            server.close();

            for (int i = 0; i < 100; i++) {
                assertThat(serializer.serialize(topic, ProtobufSales.sale())).isEqualTo(first);
            }
            assertThatThrownBy(() -> serializer.serialize(topic, Receipt.getDefaultInstance()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot reach the schema registry at " + url);
        }
    }

    @Test
    void nullIsWrittenAsNullWithoutAskingTheRegistryAndCloseCanBeCalledTwice() {
        serializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1"), false);

        assertThat(serializer.serialize(topic, null)).isNull();
        serializer.close();
        assertThatCode(serializer::close).doesNotThrowAnyException();
    }

    private Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> all = new HashMap<>(extra);
        all.put("schema.registry.url", embedded.url());
        return all;
    }

    static String header(int id) {
        return "00" + String.format("%08x", id);
    }

    static String ascii(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
