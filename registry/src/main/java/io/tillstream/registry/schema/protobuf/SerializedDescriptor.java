package io.tillstream.registry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tillstream.protobuf.KnownFiles;
import io.tillstream.protobuf.ProtoNames;
import io.tillstream.protobuf.ProtoTextParser;
import io.tillstream.protobuf.ProtoTextPrinter;
import io.tillstream.registry.schema.Dependency;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Confluent's {@code serialized} format of a Protobuf schema: a {@code FileDescriptorProto} in base64,
 * which Confluent's registry serves for {@code ?format=serialized} and takes in place of {@code .proto}
 * text (its JavaScript and Go serdes use nothing else). A descriptor coming in is printed as
 * {@code .proto} text and from then on is that text; going out, the text is built into a descriptor
 * with its references and the well-known files, named {@code default} as Confluent names it.
 */
final class SerializedDescriptor {

    /** The value of {@code format} that asks for this form. */
    static final String FORMAT = "serialized";

    private static final String FILE_NAME = "default";
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private SerializedDescriptor() {
    }

    /**
     * The {@code .proto} text of {@code schema} if it is base64 (what no {@code .proto} text is), else empty.
     *
     * @throws io.tillstream.registry.model.RegistryException with {@code INVALID_SCHEMA} if it is base64
     *                                                        but not a {@code FileDescriptorProto} declaring something
     */
    static Optional<String> protoText(String schema) {
        String trimmed = schema.trim();
        if (!BASE64.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        FileDescriptorProto file;
        try {
            file = FileDescriptorProto.parseFrom(Base64.getDecoder().decode(trimmed));
        } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
            throw ProtoParsing.invalid("the schema is neither .proto text nor a base64 FileDescriptorProto: " + e.getMessage());
        }
        if (!file.getUnknownFields().asMap().isEmpty()) {
            throw ProtoParsing.invalid("the schema is neither .proto text nor a base64 FileDescriptorProto: its bytes hold fields "
                + file.getUnknownFields().asMap().keySet() + " that a FileDescriptorProto does not have");
        }
        return Optional.of(ProtoTextPrinter.print(file));
    }

    /**
     * {@code text} with its {@code dependencies} (in dependency order, as parsed) built into a
     * descriptor: the form {@link #encode} writes and {@link ProtobufSchema#sameAs} compares.
     *
     * @throws IllegalArgumentException if protobuf-java cannot build it (a proto2 group, a type used without its import)
     */
    static FileDescriptorProto descriptor(String text, List<Dependency> dependencies) {
        Map<String, FileDescriptor> files = new HashMap<>();
        for (Dependency dependency : dependencies) {
            files.put(dependency.name(), ProtoTextParser.parse(dependency.name(), dependency.schema(),
                path -> imported(files, path)));
        }
        return resolved(ProtoTextParser.parse(FILE_NAME, text, path -> imported(files, path)));
    }

    /**
     * The file as protoc describes it: type names fully qualified, with their kind (the descriptor
     * protobuf-java keeps is the one it was built from, with names as the text wrote them).
     */
    private static FileDescriptorProto resolved(FileDescriptor linked) {
        FileDescriptorProto.Builder file = linked.toProto().toBuilder();
        for (int i = 0; i < file.getMessageTypeCount(); i++) {
            resolve(file.getMessageTypeBuilder(i), linked.getMessageTypes().get(i));
        }
        for (int i = 0; i < file.getExtensionCount(); i++) {
            resolve(file.getExtensionBuilder(i), linked.getExtensions().get(i));
        }
        return file.build();
    }

    private static void resolve(DescriptorProto.Builder message, Descriptor linked) {
        for (int i = 0; i < message.getFieldCount(); i++) {
            resolve(message.getFieldBuilder(i), linked.getFields().get(i));
        }
        for (int i = 0; i < message.getExtensionCount(); i++) {
            resolve(message.getExtensionBuilder(i), linked.getExtensions().get(i));
        }
        for (int i = 0; i < message.getNestedTypeCount(); i++) {
            resolve(message.getNestedTypeBuilder(i), linked.getNestedTypes().get(i));
        }
    }

    private static void resolve(FieldDescriptorProto.Builder field, FieldDescriptor linked) {
        if (linked.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName("." + linked.getMessageType().getFullName());
        } else if (linked.getJavaType() == FieldDescriptor.JavaType.ENUM) {
            field.setType(FieldDescriptorProto.Type.TYPE_ENUM).setTypeName("." + linked.getEnumType().getFullName());
        }
    }

    static String encode(FileDescriptorProto descriptor) {
        return Base64.getEncoder().encodeToString(descriptor.toByteArray());
    }

    /**
     * The descriptor without what protoc derives by itself, the JSON name of each field: protoc
     * writes it into a descriptor set, generated classes leave it out, and text names it only when
     * it is not the derived one. Two schemas with equal identities declare the same.
     */
    static FileDescriptorProto identity(FileDescriptorProto descriptor) {
        FileDescriptorProto.Builder file = descriptor.toBuilder().setName(FILE_NAME);
        file.getMessageTypeBuilderList().forEach(SerializedDescriptor::clearDerivedJsonNames);
        file.getExtensionBuilderList().forEach(SerializedDescriptor::clearDerivedJsonName);
        return file.build();
    }

    private static void clearDerivedJsonNames(DescriptorProto.Builder message) {
        message.getFieldBuilderList().forEach(SerializedDescriptor::clearDerivedJsonName);
        message.getExtensionBuilderList().forEach(SerializedDescriptor::clearDerivedJsonName);
        message.getNestedTypeBuilderList().forEach(SerializedDescriptor::clearDerivedJsonNames);
    }

    private static void clearDerivedJsonName(FieldDescriptorProto.Builder field) {
        if (field.hasJsonName() && field.getJsonName().equals(ProtoNames.jsonName(field.getName()))) {
            field.clearJsonName();
        }
    }

    private static FileDescriptor imported(Map<String, FileDescriptor> files, String path) {
        FileDescriptor file = files.get(path);
        if (file != null) {
            return file;
        }
        return KnownFiles.file(path).orElseThrow(() -> new IllegalArgumentException("imports " + path
            + ", which is neither a reference nor a file protobuf-java or Tillstream ships"));
    }
}
