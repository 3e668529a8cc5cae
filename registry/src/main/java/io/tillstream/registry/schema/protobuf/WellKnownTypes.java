package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static java.util.Map.entry;

/**
 * The files a {@code .proto} may import without registering them, as Confluent's registry allows:
 * Google's well-known types, the {@code google/type} common types and Confluent's own. Confluent's
 * serializers do not register these as subjects, so a schema using them must resolve without references.
 * Like Confluent's registry, their types resolve even where the import was left out, so that every
 * schema it stored reads here too.
 */
final class WellKnownTypes {

    /** Wire's jar carries these files in full. */
    private static final Set<String> BUNDLED_WITH_WIRE = Set.of(
        "google/protobuf/any.proto", "google/protobuf/descriptor.proto", "google/protobuf/duration.proto",
        "google/protobuf/empty.proto", "google/protobuf/field_mask.proto", "google/protobuf/struct.proto",
        "google/protobuf/timestamp.proto", "google/protobuf/wrappers.proto");

    /**
     * For the rest, the types they declare are all a schema needs: a field names them, and two
     * versions of a schema always see the same definition, so their fields never differ.
     */
    private static final Map<String, String> DECLARED_ONLY = Map.ofEntries(
        entry("google/protobuf/api.proto", "package google.protobuf; message Api {} message Method {} message Mixin {}"),
        entry("google/protobuf/source_context.proto", "package google.protobuf; message SourceContext {}"),
        entry("google/protobuf/type.proto", "package google.protobuf; message Type {} message Field {"
            + " enum Kind { TYPE_UNKNOWN = 0; } enum Cardinality { CARDINALITY_UNKNOWN = 0; } }"
            + " message Enum {} message EnumValue {} message Option {} enum Syntax { SYNTAX_PROTO2 = 0; }"),
        entry("google/type/calendar_period.proto", "package google.type; enum CalendarPeriod { CALENDAR_PERIOD_UNSPECIFIED = 0; }"),
        entry("google/type/color.proto", "package google.type; message Color {}"),
        entry("google/type/date.proto", "package google.type; message Date {}"),
        entry("google/type/datetime.proto", "package google.type; message DateTime {} message TimeZone {}"),
        entry("google/type/dayofweek.proto", "package google.type; enum DayOfWeek { DAY_OF_WEEK_UNSPECIFIED = 0; }"),
        entry("google/type/decimal.proto", "package google.type; message Decimal {}"),
        entry("google/type/expr.proto", "package google.type; message Expr {}"),
        entry("google/type/fraction.proto", "package google.type; message Fraction {}"),
        entry("google/type/interval.proto", "package google.type; message Interval {}"),
        entry("google/type/latlng.proto", "package google.type; message LatLng {}"),
        entry("google/type/money.proto", "package google.type; message Money {}"),
        entry("google/type/month.proto", "package google.type; enum Month { MONTH_UNSPECIFIED = 0; }"),
        entry("google/type/phone_number.proto", "package google.type; message PhoneNumber { message ShortCode {} }"),
        entry("google/type/postal_address.proto", "package google.type; message PostalAddress {}"),
        entry("google/type/quaternion.proto", "package google.type; message Quaternion {}"),
        entry("google/type/timeofday.proto", "package google.type; message TimeOfDay {}"),
        // Its options' names resolve; their values are messages that normalization keeps as written.
        entry("confluent/meta.proto", "package confluent; import \"google/protobuf/descriptor.proto\";"
            + " message Meta {} message Rule {}"
            + " extend google.protobuf.FileOptions { optional Meta file_meta = 1088; }"
            + " extend google.protobuf.MessageOptions { optional Meta message_meta = 1088; }"
            + " extend google.protobuf.FieldOptions { optional Meta field_meta = 1088; }"
            + " extend google.protobuf.EnumOptions { optional Meta enum_meta = 1088; }"
            + " extend google.protobuf.EnumValueOptions { optional Meta enum_value_meta = 1088; }"),
        entry("confluent/type/decimal.proto", "package confluent.type; message Decimal {}"),
        entry("confluent/type/variant.proto", "package confluent.type; message Variant {}"));

    private static final Map<String, ProtoFileElement> PARSED = new ConcurrentHashMap<>();

    private WellKnownTypes() {
    }

    private static boolean contains(String path) {
        return BUNDLED_WITH_WIRE.contains(path) || DECLARED_ONLY.containsKey(path);
    }

    /** The file at import path {@code path}, parsed on first use, if it is a well-known one. */
    static Optional<ProtoFileElement> file(String path) {
        if (!contains(path)) {
            return Optional.empty();
        }
        return Optional.of(PARSED.computeIfAbsent(path,
            p -> ProtoParsing.parse(DECLARED_ONLY.containsKey(p) ? DECLARED_ONLY.get(p) : bundled(p))));
    }

    /** Every well-known type, for names used without their import; built on first use (it parses them all). */
    static TypeIndex index() {
        return All.INDEX;
    }

    private static final class All {
        static final TypeIndex INDEX = new TypeIndex(Stream.concat(BUNDLED_WITH_WIRE.stream(), DECLARED_ONLY.keySet().stream())
            .map(path -> file(path).orElseThrow()).toList());
    }

    private static String bundled(String path) {
        try (InputStream in = ProtoParser.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Wire's jar lacks " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
