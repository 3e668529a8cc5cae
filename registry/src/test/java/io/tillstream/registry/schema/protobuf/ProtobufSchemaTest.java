package io.tillstream.registry.schema.protobuf;

import io.tillstream.registry.model.ErrorCode;
import io.tillstream.registry.model.RegistryException;
import io.tillstream.registry.schema.Dependency;
import io.tillstream.registry.schema.SchemaTypes;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing {@code .proto} texts, the text the registry stores for them, and what makes one invalid. */
class ProtobufSchemaTest {

    private static final String SALE = """
        // The sale record, as the retail module's Sale.avsc has it.
        syntax = "proto3";
        package io.tillstream.retail;

        import "google/protobuf/timestamp.proto";
        option java_multiple_files = true;

        enum Category { CATEGORY_UNSPECIFIED = 0; CLOTHING = 1; SHOES = 2; }

        message Sale {
          string invoice_no = 1;
          Category category = 2;   // enums are written after messages
          int32 quantity = 3 [deprecated = true, json_name = "qty"];
          map<string, string> labels = 4;
          google.protobuf.Timestamp event_time = 5;
          oneof payment { string card = 6; bool cash = 7; }
          reserved 8, 10 to 12, "age";
          message Line { int64 units = 1; enum Unit { PIECE = 0; } }
        }
        """;

    private static ProtobufSchema parse(String text, Dependency... dependencies) {
        return ProtobufSchema.parse(text, List.of(dependencies));
    }

    private static void assertInvalid(ThrowingCallable parsing, String message) {
        assertThatThrownBy(parsing).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SCHEMA);
            assertThat(e.getMessage()).isEqualTo("Invalid schema of type PROTOBUF, details: " + message);
        });
    }

    @Test
    void theStoredTextIsConfluentsLayoutWithoutComments() {
        assertThat(parse(SALE).canonical()).isEqualTo("""
            syntax = "proto3";
            package io.tillstream.retail;

            import "google/protobuf/timestamp.proto";

            option java_multiple_files = true;

            message Sale {
              reserved 8, 10 to 12, "age";

              string invoice_no = 1;
              Category category = 2;
              int32 quantity = 3 [
                deprecated = true,
                json_name = "qty"
              ];
              map<string, string> labels = 4;
              google.protobuf.Timestamp event_time = 5;

              oneof payment {
                string card = 6;
                bool cash = 7;
              }

              message Line {
                int64 units = 1;
            \s\s
                enum Unit {
                  PIECE = 0;
                }
              }
            }
            enum Category {
              CATEGORY_UNSPECIFIED = 0;
              CLOTHING = 1;
              SHOES = 2;
            }
            """);
    }

    @Test
    void whitespaceAndCommentsDoNotChangeTheStoredText() {
        String squeezed = SALE.replaceAll("//[^\\n]*", "").replaceAll("\\s+", " ");
        String commented = "/* a block comment */\n" + SALE.replace(";", " ;\n\n // trailing\n");

        assertThat(parse(squeezed).canonical()).isEqualTo(parse(SALE).canonical());
        assertThat(parse(commented).canonical()).isEqualTo(parse(SALE).canonical());
        assertThat(parse(squeezed).sameAs(parse(SALE))).isTrue();
    }

    @Test
    void theStoredTextReadsBackAsItself() {
        String stored = parse(SALE).canonical();

        assertThat(parse(stored).canonical()).isEqualTo(stored);
    }

    @Test
    void proto2RequiredFieldsDefaultsGroupsAndExtensionsAreKept() {
        String proto2 = """
            syntax = "proto2";
            package legacy;
            message Order {
              required string id = 1;
              optional int32 count = 2 [default = 1];
              optional string note = 3 [default = "none \\"yet\\""];
              repeated group Line = 4 { required int64 sku = 5; }
              extensions 100 to max;
            }
            extend Order { optional bool gift = 100; }
            """;

        assertThat(parse(proto2).canonical()).isEqualTo("""
            syntax = "proto2";
            package legacy;

            message Order {
              required string id = 1;
              optional int32 count = 2 [default = 1];
              optional string note = 3 [default = "none \\"yet\\""];

              repeated group Line = 4 {
                required int64 sku = 5;
              }

              extensions 100 to max;
            }

            extend Order {
              optional bool gift = 100;
            }
            """);
    }

    @Test
    void aBytesDefaultIsStoredQuotedSoThatItReadsBack() {
        String stored = parse("syntax = \"proto2\"; message M { optional bytes b = 1 [default = \"two words\"]; }").canonical();

        assertThat(parse(stored).canonical()).isEqualTo(stored).contains("[default = \"two words\"]");
    }

    @Test
    void aFileWithoutSyntaxIsProto2AndStoredWithoutOne() {
        assertThat(parse("message M { optional int32 a = 1; }").canonical())
            .isEqualTo("\nmessage M {\n  optional int32 a = 1;\n}\n");
    }

    @Test
    void wellKnownTypesNeedNoReference() {
        String text = """
            syntax = "proto3";
            import "google/protobuf/timestamp.proto";
            import "google/protobuf/duration.proto";
            import "google/protobuf/wrappers.proto";
            import "google/protobuf/any.proto";
            import "google/protobuf/struct.proto";
            import "google/protobuf/empty.proto";
            import "google/protobuf/field_mask.proto";
            import "google/protobuf/descriptor.proto";
            import "google/type/date.proto";
            import "google/type/dayofweek.proto";
            extend google.protobuf.FieldOptions { string unit = 50001; }
            message Everything {
              google.protobuf.Timestamp at = 1;
              google.protobuf.Duration took = 2;
              google.protobuf.Int64Value count = 3 [(unit) = "pieces"];
              google.protobuf.Any extra = 4;
              google.protobuf.Struct attributes = 5;
              google.protobuf.NullValue nothing = 6;
              google.protobuf.Empty empty = 7;
              google.protobuf.FieldMask mask = 8;
              google.type.Date day = 9;
              google.type.DayOfWeek weekday = 10;
            }
            """;

        assertThat(parse(text).canonical()).contains("google.protobuf.Timestamp at = 1;", "google.type.DayOfWeek weekday = 10;");
    }

    @Test
    void aWellKnownTypeResolvesWithoutItsImportAsInConfluentsRegistry() {
        String text = "syntax = \"proto3\";\nmessage M { google.protobuf.Timestamp at = 1; }";

        assertThat(parse(text).canonical()).contains("google.protobuf.Timestamp at = 1;");
    }

    @Test
    void importsResolveToReferencesNamedByTheirPath() {
        Dependency item = new Dependency("shop/item.proto", "syntax = \"proto3\"; package shop; message Item { string sku = 1; }");
        String order = """
            syntax = "proto3";
            package shop.orders;
            import "shop/item.proto";
            message Order { repeated shop.Item items = 1; Item first = 2; }
            """;

        assertThat(parse(order, item).canonical()).contains("repeated shop.Item items = 1;");
    }

    @Test
    void aSyntaxErrorIsInvalidWithItsLineAndColumn() {
        assertInvalid(() -> parse("syntax = \"proto3\";\nmessage Sale {\n  string id = 1\n  int32 quantity = 2;\n}"),
            "syntax error at line 4, column 3: expected ';' but was 'i'");
        assertInvalid(() -> parse("syntax = \"proto3\";\nmessage M {\n  map<string int32> m = 1;\n}"),
            "syntax error at line 3, column 14: expected ','");
        assertInvalid(() -> parse("syntax = \"proto3\";\nmessage Sale {\n  required string id = 1;\n}"),
            "syntax error at line 3, column 3: 'required' label forbidden in proto3 field declarations");
        assertInvalid(() -> parse("{\"type\": \"record\"}"), "syntax error at line 1, column 1: expected a word");
    }

    @Test
    void anImportThatIsNeitherAReferenceNorWellKnownIsInvalidAndNamed() {
        assertInvalid(() -> parse("syntax = \"proto3\";\nimport \"shop/item.proto\";\nmessage Order { int32 id = 1; }"),
            "import \"shop/item.proto\" is neither a schema reference nor a well-known type");
    }

    @Test
    void aTypeNoFileDeclaresIsInvalidAndNamedWithItsPlace() {
        assertInvalid(() -> parse("syntax = \"proto3\";\nmessage Order {\n  int32 id = 1;\n  Item item = 2;\n}"),
            "unknown type 'Item' in field 'item' at line 4, column 3");
        assertInvalid(() -> parse("syntax = \"proto3\";\nmessage Order {\n  map<string, Item> items = 1;\n}"),
            "unknown type 'Item' in field 'items' at line 3, column 3");
    }

    @Test
    void aFieldNumberUsedTwiceOrOutOfRangeIsInvalid() {
        assertInvalid(() -> parse("syntax = \"proto3\";\nmessage M {\n  int32 a = 1;\n  oneof o { string b = 1; }\n}"),
            "field number 1 of 'b' at line 4, column 13 is already used by 'a' in message 'M'");
        assertInvalid(() -> parse("syntax = \"proto3\";\nmessage M {\n  int32 a = 19500;\n}"),
            "field 'a' at line 3, column 3 has number 19500; field numbers are 1 to 536870911, except 19000 to 19999");
    }

    @Test
    void aReferenceThatIsNotProtobufIsNamed() {
        Dependency avro = new Dependency("shop/item.proto", "{\"type\":\"record\",\"name\":\"Item\",\"fields\":[]}");

        assertInvalid(() -> parse("syntax = \"proto3\";\nimport \"shop/item.proto\";\nmessage M { int32 a = 1; }", avro),
            "reference 'shop/item.proto' is not valid Protobuf: syntax error at line 1, column 1: expected a word");
    }

    @Test
    void aTextDeclaringNothingIsInvalid() {
        assertInvalid(() -> parse("// nothing but a comment\n"), "the text declares nothing");
    }

    @Test
    void theNormalizedTextOrdersMembersByNumberAndQualifiesTypeNames() {
        String unordered = """
            syntax = "proto3";
            package shop;
            import "google/protobuf/timestamp.proto";
            option java_package = "shop.model";
            option java_multiple_files = true;
            message Order {
              Item first = 3;
              repeated int32 codes = 1 [packed = true, deprecated = true];
              google.protobuf.Timestamp at = 2;
              oneof pay { string card = 5; bool cash = 4; }
              reserved 9, 7 to 8, 6 to 6;
              message Item { map<string, Item> parts = 1; }
            }
            enum State { B = 1; A = 0; }
            """;

        assertThat(parse(unordered).normalized()).isEqualTo("""
            syntax = "proto3";
            package shop;

            import "google/protobuf/timestamp.proto";

            option java_multiple_files = true;
            option java_package = "shop.model";

            message Order {
              reserved 6;
              reserved 7 to 8;
              reserved 9;

              repeated int32 codes = 1 [
                deprecated = true,
                packed = true
              ];
              .google.protobuf.Timestamp at = 2;
              .shop.Order.Item first = 3;

              oneof pay {
                bool cash = 4;
                string card = 5;
              }

              message Item {
                map<string, .shop.Order.Item> parts = 1;
              }
            }
            enum State {
              A = 0;
              B = 1;
            }
            """);
    }

    @Test
    void theNormalizedTextWritesEachCustomOptionOnceUnderItsFullName() {
        String dotted = """
            syntax = "proto3";
            package shop;
            import "confluent/meta.proto";
            message Sale {
              string id = 1 [(confluent.field_meta).tags = "pii", (confluent.field_meta).doc = "invoice"];
            }
            """;
        String asMessage = """
            syntax = "proto3";
            package shop;
            import "confluent/meta.proto";
            message Sale {
              string id = 1 [(confluent.field_meta) = { doc: "invoice", tags: ["pii"] }];
            }
            """;

        assertThat(parse(dotted).normalized()).isEqualTo(parse(asMessage).normalized()).isEqualTo("""
            syntax = "proto3";
            package shop;

            import "confluent/meta.proto";

            message Sale {
              string id = 1 [(confluent.field_meta) = {
                doc: "invoice",
                tags: "pii"
              }];
            }
            """);
        assertThat(parse(dotted).canonical()).isNotEqualTo(parse(asMessage).canonical());
    }

    @Test
    void protobufIsOneOfTheRegistrysSchemaTypes() {
        assertThat(SchemaTypes.names()).contains("PROTOBUF");
        assertThat(SchemaTypes.parse("protobuf", "syntax = \"proto3\"; message M {}", List.of()).schemaType())
            .isEqualTo("PROTOBUF");
    }
}
