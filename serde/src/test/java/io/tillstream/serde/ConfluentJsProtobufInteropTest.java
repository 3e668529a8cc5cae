package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import io.tillstream.serde.sample.protobuf.Basket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability of the Protobuf serdes with Confluent's JavaScript client and its Protobuf serdes
 * ({@code @confluentinc/schemaregistry}), against Tillstream's registry: its serializer writes our bytes
 * byte for byte, message indexes included, and each side reads the other's, through an import too.
 * The JS client talks to the registry as it talks to Confluent's: it registers each file as a base64
 * {@code FileDescriptorProto} (which finds the version our serializer registered as {@code .proto}
 * text, so both write the same schema ID) and fetches schemas with {@code format=serialized}.
 */
@Tag("interop")
class ConfluentJsProtobufInteropTest {

    /** The sale in Protobuf's JSON mapping, as the JS side is given it. */
    private static final String SALE_JSON = "{\"invoiceNo\":\"I138884\",\"customerId\":\"C241288\",\"gender\":\"Female\","
        + "\"age\":28,\"category\":\"Clothing\",\"quantity\":5,\"price\":{\"currencyCode\":\"TRY\",\"units\":\"1500\","
        + "\"nanos\":400000000},\"paymentMethod\":\"Credit Card\",\"invoiceDate\":{\"year\":2022,\"month\":8,\"day\":5},"
        + "\"shoppingMall\":\"Kanyon\",\"eventTime\":\"2022-05-01T10:13:20Z\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfluentJsNode node;
    private static EmbeddedRegistry embedded;
    private static KafkaProtobufSerializer<Message> serializer;
    private static KafkaProtobufDeserializer<Message> deserializer;
    private static Path descriptors;

    @BeforeAll
    static void installClient() throws Exception {
        node = ConfluentJsNode.install("interop-protobuf.js");
        embedded = EmbeddedRegistry.get();
        serializer = new KafkaProtobufSerializer<>();
        serializer.configure(Map.of("schema.registry.url", embedded.url()), false);
        deserializer = new KafkaProtobufDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", embedded.url(), "derive.type", true), false);
        descriptors = Files.createTempFile("descriptors", ".pb");
        Files.write(descriptors, descriptorSet(Basket.getDescriptor().getFile()).toByteArray());
    }

    @AfterAll
    static void closeSerdes() throws Exception {
        if (serializer != null) {
            serializer.close();
            deserializer.close();
            Files.deleteIfExists(descriptors);
        }
    }

    @Test
    void theJsSerializerWritesOurBytesForASaleAndOurDeserializerReadsThem() throws Exception {
        String topic = EmbeddedRegistry.unique("js");
        byte[] ours = serializer.serialize(topic, ProtobufSales.sale());

        byte[] theirs = HexFormat.of().parseHex(node.run("produce", embedded.url(), topic, descriptors.toString(),
            "io.tillstream.retail.Sale", SALE_JSON));

        assertThat(theirs).isEqualTo(ours);
        assertThat(deserializer.deserialize(topic, theirs)).isEqualTo(ProtobufSales.sale());
    }

    @Test
    void theJsDeserializerReadsOurSale() throws Exception {
        String topic = EmbeddedRegistry.unique("js");
        String hex = HexFormat.of().formatHex(serializer.serialize(topic, ProtobufSales.sale()));

        JsonNode sale = JSON.readTree(node.run("consume", embedded.url(), topic, descriptors.toString(), hex));

        assertThat(sale).isEqualTo(JSON.readTree(SALE_JSON));
    }

    @Test
    void aNestedMessageWithAnImportIsWrittenAlikeAndReadBothWays() throws Exception {
        String topic = EmbeddedRegistry.unique("js");
        Basket.Line line = Basket.Line.newBuilder().setSale(ProtobufSales.sale())
            .setDiscount(Basket.Line.Discount.newBuilder().setPercent(10)).build();
        String lineJson = "{\"sale\":" + SALE_JSON + ",\"discount\":{\"percent\":10}}";
        byte[] ours = serializer.serialize(topic, line);

        byte[] theirs = HexFormat.of().parseHex(node.run("produce", embedded.url(), topic, descriptors.toString(),
            "io.tillstream.serde.sample.Basket.Line", lineJson));
        JsonNode read = JSON.readTree(node.run("consume", embedded.url(), topic, descriptors.toString(),
            HexFormat.of().formatHex(ours)));

        assertThat(HexFormat.of().formatHex(theirs, WireFormat.HEADER_SIZE, WireFormat.HEADER_SIZE + 3))
            .as("message indexes [1, 0]").isEqualTo("040200");
        assertThat(theirs).isEqualTo(ours);
        assertThat(deserializer.deserialize(topic, theirs)).isEqualTo(line);
        assertThat(read).isEqualTo(JSON.readTree(lineJson));
    }

    /**
     * {@code file} and every file it imports, imports first, with each field's JSON name, as
     * {@code protoc --descriptor_set_out} writes them for a program to load (the descriptors compiled
     * into generated classes leave JSON names out).
     */
    private static FileDescriptorSet descriptorSet(FileDescriptor file) {
        Map<String, FileDescriptor> files = new LinkedHashMap<>();
        collect(file, files);
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        files.values().forEach(f -> {
            FileDescriptorProto.Builder proto = f.toProto().toBuilder();
            for (int i = 0; i < proto.getMessageTypeCount(); i++) {
                addJsonNames(proto.getMessageTypeBuilder(i), f.getMessageTypes().get(i));
            }
            set.addFile(proto);
        });
        return set.build();
    }

    private static void addJsonNames(DescriptorProto.Builder proto, Descriptor type) {
        for (int i = 0; i < proto.getFieldCount(); i++) {
            proto.getFieldBuilder(i).setJsonName(type.getFields().get(i).getJsonName());
        }
        for (int i = 0; i < proto.getNestedTypeCount(); i++) {
            addJsonNames(proto.getNestedTypeBuilder(i), type.getNestedTypes().get(i));
        }
    }

    private static void collect(FileDescriptor file, Map<String, FileDescriptor> files) {
        file.getDependencies().forEach(dependency -> collect(dependency, files));
        files.putIfAbsent(file.getName(), file);
    }
}
