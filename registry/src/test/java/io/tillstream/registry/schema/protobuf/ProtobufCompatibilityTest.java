package io.tillstream.registry.schema.protobuf;

import io.tillstream.registry.schema.Dependency;
import io.tillstream.registry.schema.ParsedSchema.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confluent's Protobuf compatibility rules, change by change: which rules a change breaks when the
 * new schema reads old data (BACKWARD) and when the old schema reads new data (FORWARD).
 */
class ProtobufCompatibilityTest {

    private static final Pattern ERROR_TYPE = Pattern.compile("^\\{errorType:\"(\\w+)\"");
    private static final Dependency ITEM_V1 = new Dependency("shop/item.proto",
        "syntax = \"proto3\"; package shop; message Item { int32 sku = 1; string name = 2; }");
    private static final Dependency ITEM_V2 = new Dependency("shop/item.proto",
        "syntax = \"proto3\"; package shop; message Item { string sku = 1; string name = 2; }");

    /** A change from {@code before} to {@code after}, and the rules it breaks in each direction (none: compatible). */
    record Change(String name, String before, String after, Set<String> backward, Set<String> forward,
                  List<Dependency> beforeImports, List<Dependency> afterImports) {

        Change(String name, String before, String after, Set<String> backward, Set<String> forward) {
            this(name, before, after, backward, forward, List.of(), List.of());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static String proto3(String messages) {
        return "syntax = \"proto3\";\npackage shop;\n" + messages;
    }

    private static String proto2(String messages) {
        return "syntax = \"proto2\";\npackage shop;\n" + messages;
    }

    static Stream<Change> changes() {
        String sale = proto3("message Sale { string id = 1; int32 quantity = 2; }");
        return Stream.of(
            new Change("a field added", sale,
                proto3("message Sale { string id = 1; int32 quantity = 2; double price = 3; }"), Set.of(), Set.of()),
            new Change("a field removed", sale, proto3("message Sale { string id = 1; }"), Set.of(), Set.of()),
            new Change("a field renamed (the wire has numbers, not names)", sale,
                proto3("message Sale { string id = 1; int32 units = 2; }"), Set.of(), Set.of()),
            new Change("PACKAGE_CHANGED", sale, sale.replace("package shop;", "package store;"),
                Set.of("PACKAGE_CHANGED"), Set.of("PACKAGE_CHANGED")),
            new Change("MESSAGE_REMOVED", proto3("message Sale { string id = 1; } message Refund { string id = 1; }"),
                proto3("message Sale { string id = 1; }"), Set.of("MESSAGE_REMOVED"), Set.of()),
            new Change("a message added", proto3("message Sale { string id = 1; }"),
                proto3("message Sale { string id = 1; } message Refund { string id = 1; }"), Set.of(), Set.of("MESSAGE_REMOVED")),
            new Change("messages reordered (records carry the index in their own version)",
                proto3("message Sale { string id = 1; } message Refund { string id = 1; }"),
                proto3("message Refund { string id = 1; } message Sale { string id = 1; }"), Set.of(), Set.of()),
            new Change("FIELD_KIND_CHANGED", proto3("message Sale { string item = 1; } message Item { string sku = 1; }"),
                proto3("message Sale { Item item = 1; } message Item { string sku = 1; }"),
                Set.of("FIELD_KIND_CHANGED"), Set.of("FIELD_KIND_CHANGED")),
            new Change("FIELD_SCALAR_KIND_CHANGED", sale, proto3("message Sale { string id = 1; string quantity = 2; }"),
                Set.of("FIELD_SCALAR_KIND_CHANGED"), Set.of("FIELD_SCALAR_KIND_CHANGED")),
            new Change("FIELD_SCALAR_KIND_CHANGED between varint and zigzag", sale,
                proto3("message Sale { string id = 1; sint32 quantity = 2; }"),
                Set.of("FIELD_SCALAR_KIND_CHANGED"), Set.of("FIELD_SCALAR_KIND_CHANGED")),
            new Change("int32 widened to int64 (one varint group)", sale,
                proto3("message Sale { string id = 1; int64 quantity = 2; }"), Set.of(), Set.of()),
            new Change("string read as bytes", sale, proto3("message Sale { bytes id = 1; int32 quantity = 2; }"),
                Set.of(), Set.of()),
            new Change("fixed32 as sfixed32", proto3("message M { fixed32 a = 1; }"), proto3("message M { sfixed32 a = 1; }"),
                Set.of(), Set.of()),
            new Change("an int32 turned into an enum (both varints)", sale,
                proto3("message Sale { string id = 1; Size quantity = 2; } enum Size { S = 0; M = 1; }"), Set.of(), Set.of()),
            new Change("FIELD_NAMED_TYPE_CHANGED",
                proto3("message Sale { Item line = 1; } message Item { string sku = 1; } message Gift { string sku = 1; }"),
                proto3("message Sale { Gift line = 1; } message Item { string sku = 1; } message Gift { string sku = 1; }"),
                Set.of("FIELD_NAMED_TYPE_CHANGED"), Set.of("FIELD_NAMED_TYPE_CHANGED")),
            new Change("FIELD_NUMERIC_LABEL_CHANGED", proto3("message M { optional int32 a = 1; }"),
                proto3("message M { repeated int32 a = 1; }"),
                Set.of("FIELD_NUMERIC_LABEL_CHANGED"), Set.of("FIELD_NUMERIC_LABEL_CHANGED")),
            new Change("a string made repeated (read as the last value)", proto3("message M { optional string a = 1; }"),
                proto3("message M { repeated string a = 1; }"), Set.of(), Set.of()),
            new Change("REQUIRED_FIELD_ADDED", proto2("message M { required string id = 1; }"),
                proto2("message M { required string id = 1; required int32 count = 2; }"),
                Set.of("REQUIRED_FIELD_ADDED"), Set.of("REQUIRED_FIELD_REMOVED")),
            new Change("REQUIRED_FIELD_REMOVED", proto2("message M { required string id = 1; required int32 count = 2; }"),
                proto2("message M { required string id = 1; }"),
                Set.of("REQUIRED_FIELD_REMOVED"), Set.of("REQUIRED_FIELD_ADDED")),
            new Change("an optional proto2 field added", proto2("message M { required string id = 1; }"),
                proto2("message M { required string id = 1; optional int32 count = 2 [default = 1]; }"), Set.of(), Set.of()),
            new Change("ONEOF_FIELD_REMOVED", proto3("message M { oneof pay { string card = 1; bool cash = 2; } }"),
                proto3("message M { oneof pay { string card = 1; } }"), Set.of("ONEOF_FIELD_REMOVED"), Set.of()),
            new Change("a whole oneof removed", proto3("message M { string id = 1; oneof pay { string card = 2; bool cash = 3; } }"),
                proto3("message M { string id = 1; }"), Set.of(), Set.of()),
            new Change("MULTIPLE_FIELDS_MOVED_TO_ONEOF", proto3("message M { string card = 1; bool cash = 2; }"),
                proto3("message M { oneof pay { string card = 1; bool cash = 2; } }"),
                Set.of("MULTIPLE_FIELDS_MOVED_TO_ONEOF"), Set.of()),
            new Change("FIELD_MOVED_TO_EXISTING_ONEOF", proto3("message M { string card = 1; oneof pay { bool cash = 2; } }"),
                proto3("message M { oneof pay { string card = 1; bool cash = 2; } }"),
                Set.of("FIELD_MOVED_TO_EXISTING_ONEOF"), Set.of()),
            new Change("one field moved into a new oneof", proto3("message M { string card = 1; }"),
                proto3("message M { oneof pay { string card = 1; bool cash = 2; } }"), Set.of(), Set.of("ONEOF_FIELD_REMOVED")),
            new Change("enum constants added, renamed and removed", proto3("enum Size { S = 0; M = 1; L = 2; }"),
                proto3("enum Size { SMALL = 0; M = 1; XL = 3; }"), Set.of(), Set.of()),
            new Change("a map's value type changed", proto3("message M { map<string, int32> counts = 1; }"),
                proto3("message M { map<string, string> counts = 1; }"),
                Set.of("FIELD_SCALAR_KIND_CHANGED"), Set.of("FIELD_SCALAR_KIND_CHANGED")),
            new Change("a nested message's field changed", proto3("message M { message Line { int32 n = 1; } Line line = 1; }"),
                proto3("message M { message Line { double n = 1; } Line line = 1; }"),
                Set.of("FIELD_SCALAR_KIND_CHANGED"), Set.of("FIELD_SCALAR_KIND_CHANGED")),
            new Change("an imported message changed incompatibly",
                "syntax = \"proto3\";\nimport \"shop/item.proto\";\nmessage Order { shop.Item item = 1; }",
                "syntax = \"proto3\";\nimport \"shop/item.proto\";\nmessage Order { shop.Item item = 1; }",
                Set.of("FIELD_SCALAR_KIND_CHANGED", "FIELD_NAMED_TYPE_CHANGED"),
                Set.of("FIELD_SCALAR_KIND_CHANGED", "FIELD_NAMED_TYPE_CHANGED"), List.of(ITEM_V1), List.of(ITEM_V2)),
            new Change("a well-known type kept", proto3("import \"google/protobuf/timestamp.proto\";\n"
                + "message M { google.protobuf.Timestamp at = 1; }"), proto3("import \"google/protobuf/timestamp.proto\";\n"
                + "message M { google.protobuf.Timestamp at = 1; int32 n = 2; }"), Set.of(), Set.of()),
            new Change("proto2 rewritten as proto3 with the same fields", proto2("message M { optional string id = 1; }"),
                proto3("message M { string id = 1; }"), Set.of(), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void eachChangeBreaksConfluentsRulesInTheExpectedDirections(Change change) {
        ProtobufSchema before = ProtobufSchema.parse(change.before(), change.beforeImports());
        ProtobufSchema after = ProtobufSchema.parse(change.after(), change.afterImports());

        assertThat(errorTypes(after.incompatibilities(before, Direction.BACKWARD))).as("backward").isEqualTo(change.backward());
        assertThat(errorTypes(after.incompatibilities(before, Direction.FORWARD))).as("forward").isEqualTo(change.forward());
    }

    @Test
    void messagesAreWordedAsConfluentsWithThePathAndTheReadingSchemaFirst() {
        ProtobufSchema old = ProtobufSchema.parse(proto3("message Sale { string id = 1; } message Refund { int32 n = 1; }"), List.of());
        ProtobufSchema changed = ProtobufSchema.parse(proto3("message Sale { double id = 1; }"), List.of());

        assertThat(changed.incompatibilities(old, Direction.BACKWARD)).containsExactly(
            "{errorType:\"FIELD_SCALAR_KIND_CHANGED\", description:\"The kind of a SCALAR field at path '#/Sale/1' in the"
                + " new schema does not match its kind in the old schema\"}",
            "{errorType:\"MESSAGE_REMOVED\", description:\"The new schema is missing a MESSAGE type at path '#/Refund'"
                + " in the old schema\"}");
        assertThat(changed.incompatibilities(old, Direction.FORWARD)).containsExactly(
            "{errorType:\"FIELD_SCALAR_KIND_CHANGED\", description:\"The kind of a SCALAR field at path '#/Sale/1' in the"
                + " old schema does not match its kind in the new schema\"}");
    }

    @Test
    void aOneofMemberIsReportedAtItsOneofAndNumber() {
        ProtobufSchema before = ProtobufSchema.parse(proto3("message M { oneof pay { string card = 1; int64 cash = 2; } }"), List.of());
        ProtobufSchema after = ProtobufSchema.parse(proto3("message M { oneof pay { string card = 1; string cash = 2; } }"), List.of());

        assertThat(after.incompatibilities(before, Direction.BACKWARD)).singleElement().asString()
            .contains("FIELD_SCALAR_KIND_CHANGED", "'#/M/pay/2'");
    }

    @Test
    void anImportedMessageContainingItselfIsComparedOnce() {
        Dependency before = new Dependency("tree.proto", "syntax = \"proto3\"; message Node { Node next = 1; int32 value = 2; }");
        Dependency after = new Dependency("tree.proto", "syntax = \"proto3\"; message Node { Node next = 1; string value = 2; }");
        String tree = "syntax = \"proto3\";\nimport \"tree.proto\";\nmessage Tree { Node root = 1; }";

        List<String> problems = ProtobufSchema.parse(tree, List.of(after))
            .incompatibilities(ProtobufSchema.parse(tree, List.of(before)), Direction.BACKWARD);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("FIELD_SCALAR_KIND_CHANGED", "'#/Node/2'");
        assertThat(problems.get(1)).contains("FIELD_NAMED_TYPE_CHANGED", "'#/Tree/1'");
    }

    private static Set<String> errorTypes(List<String> messages) {
        return messages.stream().map(message -> {
            Matcher matcher = ERROR_TYPE.matcher(message);
            assertThat(matcher.find()).as(message).isTrue();
            return matcher.group(1);
        }).collect(Collectors.toSet());
    }
}
