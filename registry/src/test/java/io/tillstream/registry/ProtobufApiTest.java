package io.tillstream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TimestampProto;
import io.tillstream.registry.testing.KafkaWithRegistry;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code .proto} schemas through the v1 API, as Confluent's Protobuf serializers use it: imports
 * registered as subjects named by their path and referenced by that name, against a real registry.
 */
class ProtobufApiTest {

    private static final Http HTTP = new Http(KafkaWithRegistry.shared().registryUrl());

    private static final String ITEM = """
        syntax = "proto3";
        package shop;
        message Item { string sku = 1; int64 cents = 2; }
        """;

    private static String order(String itemPath) {
        return """
            syntax = "proto3";
            package shop;
            import "%s";
            import "google/protobuf/timestamp.proto";
            message Order {
              string id = 1;
              repeated Item items = 2;
              google.protobuf.Timestamp placed_at = 3;
            }
            """.formatted(itemPath);
    }

    private static String path(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    /** A register/check body with {@code schemaType: PROTOBUF} and references, each a name also used as its subject. */
    private static String body(String schema, String... references) {
        ObjectNode body = Http.JSON.createObjectNode().put("schemaType", "PROTOBUF").put("schema", schema);
        if (references.length > 0) {
            ArrayNode list = body.putArray("references");
            for (String reference : references) {
                list.addObject().put("name", reference).put("subject", reference).put("version", 1);
            }
        }
        return body.toString();
    }

    private static int register(String subject, String body) {
        Http.Response response = HTTP.post("/subjects/" + path(subject) + "/versions", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("id").asInt();
    }

    @Test
    void theSchemaTypesListProtobuf() {
        assertThat(HTTP.get("/schemas/types").json().toString()).contains("\"PROTOBUF\"");
    }

    @Test
    void aProtoImportingAnotherSubjectByItsPathIsStoredWithTheReferenceInConfluentsLayout() {
        String itemPath = KafkaWithRegistry.unique("shop") + "/item.proto";
        String orders = KafkaWithRegistry.unique("orders") + "-value";
        int itemId = register(itemPath, body(ITEM));
        int orderId = register(orders, body(order(itemPath), itemPath));

        JsonNode byId = HTTP.get("/schemas/ids/" + orderId).json();
        assertThat(byId.get("schemaType").asText()).isEqualTo("PROTOBUF");
        assertThat(byId.get("references").toString())
            .isEqualTo("[{\"name\":\"" + itemPath + "\",\"subject\":\"" + itemPath + "\",\"version\":1}]");
        assertThat(byId.get("schema").asText()).isEqualTo("""
            syntax = "proto3";
            package shop;

            import "%s";
            import "google/protobuf/timestamp.proto";

            message Order {
              string id = 1;
              repeated Item items = 2;
              google.protobuf.Timestamp placed_at = 3;
            }
            """.formatted(itemPath));
        assertThat(HTTP.get("/subjects/" + path(itemPath) + "/versions/1/referencedby").json().toString())
            .isEqualTo("[" + orderId + "]");
        assertThat(HTTP.get("/subjects/" + path(itemPath) + "/versions/latest").json().get("id").asInt()).isEqualTo(itemId);
    }

    @Test
    void theSameProtoWithOtherWhitespaceAndCommentsGetsTheSameIdAndVersion() {
        String subject = KafkaWithRegistry.unique("items") + "-value";
        int id = register(subject, body(ITEM));
        int again = register(subject, body("// an item\nsyntax=\"proto3\";package shop;\n\n"
            + "message Item {\n\tstring sku = 1;   /* stock keeping unit */\n\tint64 cents = 2;\n}"));

        assertThat(again).isEqualTo(id);
        assertThat(HTTP.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
        assertThat(HTTP.post("/subjects/" + subject, body("syntax = \"proto3\"; package shop;"
            + " message Item { string sku = 1; int64 cents = 2; }")).json().get("id").asInt()).isEqualTo(id);
    }

    @Test
    void anIncompatibleChangeIsRefusedWith409AndVerboseChecksNameTheRule() {
        String subject = KafkaWithRegistry.unique("items") + "-value";
        register(subject, body(ITEM));
        String centsAsText = "syntax = \"proto3\"; package shop; message Item { string sku = 1; string cents = 2; }";
        String withQuantity = "syntax = \"proto3\"; package shop; message Item { string sku = 1; int64 cents = 2; int32 quantity = 3; }";

        Http.Response refused = HTTP.post("/subjects/" + subject + "/versions", body(centsAsText));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).contains("FIELD_SCALAR_KIND_CHANGED", "'#/Item/2'");

        JsonNode verbose = HTTP.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true", body(centsAsText)).json();
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").get(0).asText()).isEqualTo("{errorType:\"FIELD_SCALAR_KIND_CHANGED\", description:"
            + "\"The kind of a SCALAR field at path '#/Item/2' in the new schema does not match its kind in the old schema\"}");
        assertThat(verbose.get("messages").toString()).contains("{oldSchemaVersion: 1}", "compatibility: 'BACKWARD'");
        assertThat(HTTP.post("/compatibility/subjects/" + subject + "/versions/latest", body(withQuantity)).body())
            .isEqualTo("{\"is_compatible\":true}");
        assertThat(register(subject, body(withQuantity))).isPositive();
        assertThat(HTTP.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1,2]");
    }

    @Test
    void aSyntaxErrorOrAMissingImportAnswers42201SayingWhatAndWhere() {
        String subject = KafkaWithRegistry.unique("broken") + "-value";

        Http.Response syntax = HTTP.post("/subjects/" + subject + "/versions",
            body("syntax = \"proto3\";\nmessage Item {\n  string sku = 1\n}"));
        assertThat(syntax.status()).isEqualTo(422);
        assertThat(syntax.errorCode()).isEqualTo(42201);
        assertThat(syntax.json().get("message").asText())
            .isEqualTo("Invalid schema of type PROTOBUF, details: syntax error at line 4, column 1: expected ';' but was '}'");

        Http.Response missing = HTTP.post("/subjects/" + subject + "/versions", body(order("shop/nowhere.proto")));
        assertThat(missing.errorCode()).isEqualTo(42201);
        assertThat(missing.json().get("message").asText()).contains("import \"shop/nowhere.proto\"");
        assertThat(HTTP.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
    }

    /** {@link #ITEM} as protoc describes it, in a descriptor set with JSON names. */
    private static FileDescriptorProto itemDescriptor(String fileName, boolean jsonNames) {
        FieldDescriptorProto.Builder sku = field("sku", 1, Type.TYPE_STRING);
        FieldDescriptorProto.Builder cents = field("cents", 2, Type.TYPE_INT64);
        if (jsonNames) {
            sku.setJsonName("sku");
            cents.setJsonName("cents");
        }
        return FileDescriptorProto.newBuilder().setName(fileName).setSyntax("proto3").setPackage("shop")
            .addMessageType(DescriptorProto.newBuilder().setName("Item").addField(sku).addField(cents))
            .build();
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL);
    }

    private static FileDescriptorProto serialized(Http.Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return FileDescriptorProto.parseFrom(Base64.getDecoder().decode(response.json().get("schema").asText()));
    }

    @Test
    void formatSerializedAnswersTheFileDescriptorProtoThatProtobufJavaLinksWithItsReferences() throws Exception {
        String itemPath = KafkaWithRegistry.unique("shop") + "/item.proto";
        String orders = KafkaWithRegistry.unique("orders") + "-value";
        register(itemPath, body(ITEM));
        int orderId = register(orders, body(order(itemPath), itemPath));

        FileDescriptorProto order = serialized(HTTP.get("/schemas/ids/" + orderId + "?format=serialized"));
        FileDescriptorProto item = serialized(HTTP.get("/subjects/" + path(itemPath) + "/versions/1?format=serialized"));

        assertThat(order.getName()).as("Confluent's name for the file").isEqualTo("default");
        assertThat(order.getDependencyList()).containsExactly(itemPath, "google/protobuf/timestamp.proto");
        assertThat(order.getMessageType(0)).isEqualTo(DescriptorProto.newBuilder().setName("Order")
            .addField(field("id", 1, Type.TYPE_STRING))
            .addField(field("items", 2, Type.TYPE_MESSAGE).setLabel(Label.LABEL_REPEATED).setTypeName(".shop.Item"))
            .addField(field("placed_at", 3, Type.TYPE_MESSAGE).setTypeName(".google.protobuf.Timestamp"))
            .build());
        assertThat(item).as("protoc's JSON names are derived, not stated").isEqualTo(itemDescriptor("default", false));
        Descriptor linked = FileDescriptor.buildFrom(order, new FileDescriptor[] {
            FileDescriptor.buildFrom(item.toBuilder().setName(itemPath).build(), new FileDescriptor[0]),
            TimestampProto.getDescriptor()}).findMessageTypeByName("Order");
        assertThat(linked.findFieldByName("items").getMessageType().getFullName()).isEqualTo("shop.Item");

        assertThat(HTTP.get("/schemas/ids/" + orderId + "/schema?format=serialized").body())
            .isEqualTo(Base64.getEncoder().encodeToString(order.toByteArray()));
        assertThat(serialized(HTTP.post("/subjects/" + orders + "?format=serialized", body(order(itemPath), itemPath))))
            .isEqualTo(order);
        assertThat(HTTP.get("/schemas/ids/" + orderId + "?format=something_else").json().get("schema").asText())
            .as("a format Protobuf does not have is ignored, as Confluent ignores it").startsWith("syntax = \"proto3\";");
    }

    @Test
    void formatSerializedLeavesAvroAndJsonSchemaAsTheyAre() {
        String avro = KafkaWithRegistry.unique("avro") + "-value";
        String json = KafkaWithRegistry.unique("json") + "-value";
        int avroId = register(avro, Http.body("{\"type\":\"string\"}"));
        int jsonId = register(json, Http.JSON.createObjectNode().put("schemaType", "JSON")
            .put("schema", "{\"type\":\"string\"}").toString());

        assertThat(HTTP.get("/schemas/ids/" + avroId + "?format=serialized").json().get("schema").asText()).isEqualTo("\"string\"");
        assertThat(HTTP.get("/schemas/ids/" + jsonId + "?format=serialized").json().get("schema").asText())
            .isEqualTo("{\"type\":\"string\"}");
    }

    @Test
    void aSchemaGivenAsABase64DescriptorIsStoredAsProtoTextAndFindsTheVersionRegisteredAsText() {
        String subject = KafkaWithRegistry.unique("items") + "-value";
        int byText = register(subject, body(ITEM));
        String descriptor = Base64.getEncoder().encodeToString(itemDescriptor("shop/item.proto", true).toByteArray());

        int byDescriptor = register(subject, body(descriptor));
        String elsewhere = KafkaWithRegistry.unique("items") + "-value";
        register(elsewhere, body(descriptor));

        assertThat(byDescriptor).isEqualTo(byText);
        assertThat(HTTP.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
        assertThat(HTTP.post("/subjects/" + subject, body(descriptor)).json().get("id").asInt()).isEqualTo(byText);
        assertThat(HTTP.get("/subjects/" + elsewhere + "/versions/1").json().get("schema").asText()).isEqualTo("""
            syntax = "proto3";
            package shop;

            message Item {
              string sku = 1 [json_name = "sku"];
              int64 cents = 2 [json_name = "cents"];
            }
            """);
    }

    @Test
    void base64ThatIsNoDescriptorOrADescriptorNamingAnUnknownTypeAnswers42201SayingWhy() {
        String subject = KafkaWithRegistry.unique("broken") + "-value";
        String notADescriptor = Base64.getEncoder().encodeToString("not a descriptor".getBytes(StandardCharsets.UTF_8));
        FileDescriptorProto unknownType = FileDescriptorProto.newBuilder().setSyntax("proto3").setPackage("shop")
            .addMessageType(DescriptorProto.newBuilder().setName("Order")
                .addField(field("item", 1, Type.TYPE_MESSAGE).setTypeName(".shop.Item")))
            .build();

        Http.Response garbage = HTTP.post("/subjects/" + subject + "/versions", body(notADescriptor));
        Http.Response unknown = HTTP.post("/subjects/" + subject + "/versions",
            body(Base64.getEncoder().encodeToString(unknownType.toByteArray())));

        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.errorCode()).isEqualTo(42201);
        assertThat(garbage.json().get("message").asText()).startsWith("Invalid schema of type PROTOBUF, details: "
            + "the schema is neither .proto text nor a base64 FileDescriptorProto: ");
        assertThat(unknown.errorCode()).isEqualTo(42201);
        assertThat(unknown.json().get("message").asText()).contains("shop.Item");
        assertThat(HTTP.get("/subjects/" + subject + "/versions").errorCode()).isEqualTo(40401);
    }
}
