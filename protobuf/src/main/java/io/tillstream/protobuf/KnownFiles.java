package io.tillstream.protobuf;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files a schema may import without registering them: the ones Confluent's serializers never
 * register as references and its registry resolves itself. Google's well-known types come compiled
 * with protobuf-java; the {@code google/type} common types (Date, Money, ...) ship with this module
 * as text from googleapis, so that decoding them does not take a dependency of several megabytes.
 */
public final class KnownFiles {

    private static final Map<String, FileDescriptor> COMPILED = Stream.of(AnyProto.getDescriptor(),
            ApiProto.getDescriptor(), DescriptorProtos.getDescriptor(), DurationProto.getDescriptor(),
            EmptyProto.getDescriptor(), FieldMaskProto.getDescriptor(), SourceContextProto.getDescriptor(),
            StructProto.getDescriptor(), TimestampProto.getDescriptor(), TypeProto.getDescriptor(),
            WrappersProto.getDescriptor())
        .collect(Collectors.toUnmodifiableMap(FileDescriptor::getName, file -> file));

    private static final Set<String> SHIPPED = Stream.of("calendar_period", "color", "date", "datetime", "dayofweek",
            "decimal", "expr", "fraction", "interval", "latlng", "money", "month", "phone_number", "postal_address",
            "quaternion", "timeofday")
        .map(name -> "google/type/" + name + ".proto")
        .collect(Collectors.toUnmodifiableSet());

    /** Confluent's own, known to its serdes but not shipped here: a schema importing them does not decode. */
    private static final Set<String> CONFLUENT = Set.of("confluent/meta.proto", "confluent/type/decimal.proto",
        "confluent/type/variant.proto");

    private static final Map<String, FileDescriptor> PARSED = new ConcurrentHashMap<>();

    private KnownFiles() {
    }

    /** Whether a serializer leaves an import of {@code path} out of the references, as Confluent's do. */
    public static boolean isKnown(String path) {
        return COMPILED.containsKey(path) || SHIPPED.contains(path) || CONFLUENT.contains(path);
    }

    /** The file at import path {@code path}, if it is one that ships with protobuf-java or this module. */
    public static Optional<FileDescriptor> file(String path) {
        if (COMPILED.containsKey(path)) {
            return Optional.of(COMPILED.get(path));
        }
        if (!SHIPPED.contains(path)) {
            return Optional.empty();
        }
        // Not computeIfAbsent: parsing one file looks up the files it imports in the same map.
        FileDescriptor parsed = PARSED.get(path);
        if (parsed == null) {
            parsed = ProtoTextParser.parse(path, shipped(path), KnownFiles::require);
            PARSED.putIfAbsent(path, parsed);
        }
        return Optional.of(PARSED.get(path));
    }

    private static FileDescriptor require(String path) {
        return file(path).orElseThrow(() -> new IllegalStateException("shipped file imports unknown " + path));
    }

    private static String shipped(String path) {
        // Beside this class, so that another jar's google/type files on the classpath are never taken instead.
        try (InputStream in = KnownFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the protobuf jar lacks " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
