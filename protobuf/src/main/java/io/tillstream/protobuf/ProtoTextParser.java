package io.tillstream.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import com.squareup.wire.schema.internal.parser.TypeElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code .proto} text made into protobuf-java descriptors, as a registry stores a Protobuf schema:
 * parsed with Wire (what the registry and Confluent's serdes parse it with), then built into a
 * {@link FileDescriptorProto} that protobuf-java links, resolving relative type names by protobuf's
 * scoping rules and telling messages from enums itself.
 *
 * <p>Declared nested messages keep their positions, which message indexes count; the entry messages
 * of {@code map<K, V>} fields come after them, as they are not part of the text. Extensions,
 * reserved ranges and services are left out: they change nothing in how a message decodes (an
 * extension's fields decode as unknown fields). Custom options are left out too; the standard ones
 * are kept.
 */
public final class ProtoTextParser {

    private static final Location NO_FILE = Location.get("");

    private final Function<String, FileDescriptor> imports;
    private final FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder();

    private ProtoTextParser(Function<String, FileDescriptor> imports) {
        this.imports = imports;
    }

    /**
     * The file {@code text} declares, named {@code name} (which is what other files import it by);
     * {@code imports} gives the file at each import path, or throws if there is none.
     *
     * @throws IllegalArgumentException if the text is not valid Protobuf, uses proto2 groups, or names
     *                                  a type that neither it nor its imports declare
     */
    public static FileDescriptor parse(String name, String text, Function<String, FileDescriptor> imports) {
        ProtoFileElement element;
        try {
            element = ProtoParser.Companion.parse(NO_FILE, text);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid Protobuf: " + e.getMessage(), e);
        }
        return new ProtoTextParser(imports).build(name, element);
    }

    private FileDescriptor build(String name, ProtoFileElement element) {
        file.setName(name);
        // Without a syntax line the file is proto2, which protoc records as no syntax at all.
        String syntax = element.getSyntax() == null ? "" : element.getSyntax().toString();
        if (!syntax.isEmpty()) {
            file.setSyntax(syntax);
        }
        if (element.getPackageName() != null) {
            file.setPackage(element.getPackageName());
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String path : element.getImports()) {
            dependencies.add(dependency(path));
        }
        for (String path : element.getPublicImports()) {
            file.addPublicDependency(dependencies.size());
            dependencies.add(dependency(path));
        }
        for (String path : element.getWeakImports()) {
            file.addWeakDependency(dependencies.size());
            dependencies.add(dependency(path));
        }
        setOptions(file::getOptionsBuilder, element.getOptions());
        boolean proto3 = syntax.equals("proto3");
        for (TypeElement type : element.getTypes()) {
            if (type instanceof MessageElement message) {
                file.addMessageType(message(message, proto3));
            } else if (type instanceof EnumElement enumType) {
                file.addEnumType(enumType(enumType));
            }
        }
        try {
            return FileDescriptor.buildFrom(file.build(), dependencies.toArray(FileDescriptor[]::new));
        } catch (DescriptorValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private FileDescriptor dependency(String path) {
        file.addDependency(path);
        return imports.apply(path);
    }

    private DescriptorProto message(MessageElement element, boolean proto3) {
        if (!element.getGroups().isEmpty() || element.getOneOfs().stream().anyMatch(oneof -> !oneof.getGroups().isEmpty())) {
            throw new IllegalArgumentException("message " + element.getName() + " has a proto2 group, which is not supported");
        }
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(element.getName());
        setOptions(message::getOptionsBuilder, element.getOptions());
        List<DescriptorProto> mapEntries = new ArrayList<>();
        List<String> syntheticOneofs = new ArrayList<>();
        for (FieldElement field : element.getFields()) {
            FieldDescriptorProto.Builder built = field(field, proto3, mapEntries);
            if (proto3 && field.getLabel() == Field.Label.OPTIONAL) {
                // protoc's representation of a proto3 optional: a oneof of its own, after the real ones.
                built.setProto3Optional(true).setOneofIndex(element.getOneOfs().size() + syntheticOneofs.size());
                syntheticOneofs.add("_" + field.getName());
            }
            message.addField(built);
        }
        for (int i = 0; i < element.getOneOfs().size(); i++) {
            OneOfElement oneof = element.getOneOfs().get(i);
            OneofDescriptorProto.Builder declared = OneofDescriptorProto.newBuilder().setName(oneof.getName());
            setOptions(declared::getOptionsBuilder, oneof.getOptions());
            message.addOneofDecl(declared);
            for (FieldElement field : oneof.getFields()) {
                message.addField(field(field, proto3, mapEntries).setOneofIndex(i));
            }
        }
        syntheticOneofs.forEach(name -> message.addOneofDecl(OneofDescriptorProto.newBuilder().setName(name)));
        for (TypeElement nested : element.getNestedTypes()) {
            if (nested instanceof MessageElement nestedMessage) {
                message.addNestedType(message(nestedMessage, proto3));
            } else if (nested instanceof EnumElement nestedEnum) {
                message.addEnumType(enumType(nestedEnum));
            }
        }
        message.addAllNestedType(mapEntries);
        return message.build();
    }

    /** A field; for a map field, its entry message is added to {@code mapEntries}. */
    private FieldDescriptorProto.Builder field(FieldElement element, boolean proto3, List<DescriptorProto> mapEntries) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
            .setName(element.getName())
            .setNumber(element.getTag())
            .setLabel(element.getLabel() == Field.Label.REPEATED ? FieldDescriptorProto.Label.LABEL_REPEATED
                : element.getLabel() == Field.Label.REQUIRED ? FieldDescriptorProto.Label.LABEL_REQUIRED
                : FieldDescriptorProto.Label.LABEL_OPTIONAL);
        ProtoType type = ProtoType.get(element.getType());
        if (type.isMap()) {
            String entryName = ProtoNames.mapEntryName(element.getName());
            mapEntries.add(DescriptorProto.newBuilder().setName(entryName)
                .addField(typed(FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
                    .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), type.getKeyType()))
                .addField(typed(FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
                    .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), type.getValueType()))
                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                .build());
            field.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED).setTypeName(entryName);
        } else {
            typed(field, type);
        }
        if (!proto3 && element.getDefaultValue() != null) {
            field.setDefaultValue(element.getDefaultValue());
        }
        if (element.getJsonName() != null) {
            field.setJsonName(element.getJsonName());
        }
        setOptions(field::getOptionsBuilder, element.getOptions());
        return field;
    }

    /** A scalar gets its type; a named type only its name, which protobuf-java resolves and finds the kind of. */
    private static FieldDescriptorProto.Builder typed(FieldDescriptorProto.Builder field, ProtoType type) {
        if (type.isScalar()) {
            return field.setType(FieldDescriptorProto.Type.valueOf("TYPE_" + type.toString().toUpperCase(Locale.ROOT)));
        }
        return field.setTypeName(type.toString());
    }

    private static EnumDescriptorProto enumType(EnumElement element) {
        EnumDescriptorProto.Builder type = EnumDescriptorProto.newBuilder().setName(element.getName());
        setOptions(type::getOptionsBuilder, element.getOptions());
        for (EnumConstantElement constant : element.getConstants()) {
            EnumValueDescriptorProto.Builder value = EnumValueDescriptorProto.newBuilder()
                .setName(constant.getName()).setNumber(constant.getTag());
            setOptions(value::getOptionsBuilder, constant.getOptions());
            type.addValue(value);
        }
        return type.build();
    }

    /**
     * Sets the standard options among {@code options} that hold a single value (such as
     * {@code packed}, {@code allow_alias} or {@code java_package}) on an options message; custom
     * options, and aggregate ones such as editions {@code features}, are skipped.
     */
    private static void setOptions(Supplier<? extends Message.Builder> optionsOf, List<OptionElement> options) {
        // Asked for only when there is an option, since asking for an options builder sets an empty options message.
        Message.Builder target = options.isEmpty() ? null : optionsOf.get();
        for (OptionElement option : options) {
            FieldDescriptor field = target.getDescriptorForType().findFieldByName(option.getName());
            if (option.isParenthesized() || field == null || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            Object value = switch (field.getJavaType()) {
                case BOOLEAN -> Boolean.parseBoolean(option.getValue().toString());
                case INT -> Integer.decode(option.getValue().toString());
                case LONG -> Long.decode(option.getValue().toString());
                case FLOAT -> Float.parseFloat(option.getValue().toString());
                case DOUBLE -> Double.parseDouble(option.getValue().toString());
                case ENUM -> enumValue(field, option);
                default -> option.getValue().toString();
            };
            if (field.isRepeated()) {
                target.addRepeatedField(field, value);
            } else {
                target.setField(field, value);
            }
        }
    }

    private static EnumValueDescriptor enumValue(FieldDescriptor field, OptionElement option) {
        EnumValueDescriptor value = field.getEnumType().findValueByName(option.getValue().toString());
        if (value == null) {
            throw new IllegalArgumentException("option " + option.getName() + " has no value " + option.getValue());
        }
        return value;
    }
}
