package io.tillstream.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A compiled {@code .proto} file printed back as text, exactly as Confluent's serializers print it
 * before registering (their ProtobufSchema built from a descriptor, then its canonical string): type
 * names fully qualified with a leading dot, map fields as the repeated entry messages protoc made of
 * them, proto2 defaults, then nested messages before nested enums, in the file's order. The order
 * matters beyond looks: message indexes count the messages as printed here.
 *
 * <p>What it leaves out, as a schema option or element that Confluent prints and this does not:
 * custom options, editions features, Confluent's {@code confluent.*_meta} annotations and proto2
 * groups. A file using them registers as a slightly different text, which still decodes the same.
 */
public final class ProtoTextPrinter {

    // The standard options Confluent prints, per kind of element, in its order; custom options and
    // editions features are left out.
    private static final List<String> FILE_OPTIONS = List.of("java_package", "java_outer_classname",
        "java_multiple_files", "java_generate_equals_and_hash", "java_string_check_utf8", "optimize_for", "go_package",
        "cc_generic_services", "java_generic_services", "py_generic_services", "deprecated", "cc_enable_arenas",
        "objc_class_prefix", "csharp_namespace", "swift_prefix", "php_class_prefix", "php_namespace",
        "php_metadata_namespace", "ruby_package");
    private static final List<String> MESSAGE_OPTIONS = List.of("no_standard_descriptor_accessor", "deprecated", "map_entry");
    private static final List<String> FIELD_OPTIONS = List.of("ctype", "packed", "jstype", "deprecated", "debug_redact",
        "retention", "targets");
    private static final List<String> ENUM_OPTIONS = List.of("allow_alias", "deprecated");
    private static final List<String> ENUM_VALUE_OPTIONS = List.of("deprecated", "debug_redact");
    private static final List<String> SERVICE_OPTIONS = List.of("deprecated");
    private static final List<String> METHOD_OPTIONS = List.of("deprecated", "idempotency_level");

    /** Protobuf's largest field number; a range reaching it prints as {@code max}. */
    private static final int MAX_FIELD_NUMBER = 536_870_911;
    private static final String PROTO2 = "proto2";
    private static final String PROTO3 = "proto3";

    private final FileDescriptorProto file;

    private ProtoTextPrinter(FileDescriptorProto file) {
        this.file = file;
    }

    public static String print(FileDescriptor file) {
        return print(file.toProto());
    }

    public static String print(FileDescriptorProto file) {
        return new ProtoTextPrinter(file).file();
    }

    private String file() {
        StringBuilder out = new StringBuilder();
        // protoc leaves syntax empty for proto2 files; Confluent then prints no syntax line.
        if (file.getSyntax().equals(PROTO2) || file.getSyntax().equals(PROTO3)) {
            out.append("syntax = \"").append(file.getSyntax()).append("\";\n");
        }
        if (!file.getPackage().isEmpty()) {
            out.append("package ").append(file.getPackage()).append(";\n");
        }
        List<String> imports = new ArrayList<>();
        List<String> publicImports = new ArrayList<>();
        for (int i = 0; i < file.getDependencyCount(); i++) {
            if (file.getPublicDependencyList().contains(i)) {
                publicImports.add(file.getDependency(i));
            } else if (!file.getWeakDependencyList().contains(i)) {
                imports.add(file.getDependency(i));
            }
        }
        if (!imports.isEmpty() || !publicImports.isEmpty()) {
            out.append('\n');
            imports.forEach(path -> out.append("import \"").append(path).append("\";\n"));
            publicImports.forEach(path -> out.append("import public \"").append(path).append("\";\n"));
        }
        List<Option> options = options(file.getOptions(), FILE_OPTIONS);
        if (!options.isEmpty()) {
            out.append('\n');
            options.forEach(option -> out.append(option.statement()));
        }
        if (file.getMessageTypeCount() + file.getEnumTypeCount() > 0) {
            out.append('\n');
            file.getMessageTypeList().forEach(message -> out.append(message(message)));
            file.getEnumTypeList().forEach(type -> out.append(enumType(type)));
        }
        if (file.getExtensionCount() > 0) {
            out.append('\n');
            extendBlocks(file.getExtensionList()).forEach(out::append);
        }
        if (file.getServiceCount() > 0) {
            out.append('\n');
            file.getServiceList().forEach(service -> out.append(service(service)));
        }
        return out.toString();
    }

    private String message(DescriptorProto message) {
        StringBuilder out = new StringBuilder("message ").append(message.getName()).append(" {");
        List<String> reserved = new ArrayList<>();
        message.getReservedRangeList().forEach(range -> reserved.add(range(range.getStart(), range.getEnd() - 1)));
        message.getReservedNameList().forEach(name -> reserved.add("\"" + name + "\""));
        if (!reserved.isEmpty()) {
            out.append('\n');
            reserved.forEach(value -> indent(out, "reserved " + value + ";\n"));
        }
        List<Option> options = options(message.getOptions(), MESSAGE_OPTIONS);
        if (!options.isEmpty()) {
            out.append('\n');
            options.forEach(option -> indent(out, option.statement()));
        }
        // A field of a real oneof prints inside it; a proto3 optional's synthetic oneof is never printed.
        Map<Integer, List<FieldDescriptorProto>> oneofs = new LinkedHashMap<>();
        for (int i = 0; i < message.getOneofDeclCount(); i++) {
            oneofs.put(i, new ArrayList<>());
        }
        List<FieldDescriptorProto> fields = new ArrayList<>();
        for (FieldDescriptorProto field : message.getFieldList()) {
            if (field.hasOneofIndex() && !field.getProto3Optional()) {
                oneofs.get(field.getOneofIndex()).add(field);
            } else {
                fields.add(field);
            }
        }
        if (!fields.isEmpty()) {
            out.append('\n');
            fields.forEach(field -> indent(out, field(field, true)));
        }
        if (oneofs.values().stream().anyMatch(members -> !members.isEmpty())) {
            out.append('\n');
            oneofs.forEach((index, members) -> {
                if (!members.isEmpty()) {
                    indent(out, oneof(message.getOneofDecl(index).getName(), members));
                }
            });
        }
        if (message.getExtensionRangeCount() > 0) {
            out.append('\n');
            message.getExtensionRangeList().forEach(range ->
                indent(out, "extensions " + range(range.getStart(), range.getEnd() - 1) + ";\n"));
        }
        if (message.getExtensionCount() > 0) {
            out.append('\n');
            extendBlocks(message.getExtensionList()).forEach(block -> indent(out, block));
        }
        if (message.getNestedTypeCount() + message.getEnumTypeCount() > 0) {
            out.append('\n');
            message.getNestedTypeList().forEach(nested -> indent(out, message(nested)));
            message.getEnumTypeList().forEach(nested -> indent(out, enumType(nested)));
        }
        return out.append("}\n").toString();
    }

    private String oneof(String name, List<FieldDescriptorProto> members) {
        StringBuilder out = new StringBuilder("oneof ").append(name).append(" {\n");
        members.forEach(field -> indent(out, field(field, false)));
        return out.append("}\n").toString();
    }

    private String field(FieldDescriptorProto field, boolean labelled) {
        StringBuilder out = new StringBuilder();
        String label = labelled ? label(field) : null;
        if (label != null) {
            out.append(label).append(' ');
        }
        String type = field.hasTypeName() ? field.getTypeName()
            : FieldDescriptor.Type.valueOf(field.getType()).name().toLowerCase(Locale.ROOT);
        out.append(type).append(' ').append(field.getName()).append(" = ").append(field.getNumber());
        List<Option> options = options(field.getOptions(), FIELD_OPTIONS);
        if (!file.getSyntax().equals(PROTO3) && field.hasDefaultValue()) {
            options.add(new Option("default", defaultValue(field)));
        }
        if (field.hasJsonName()) {
            options.add(new Option("json_name", quoted(field.getJsonName())));
        }
        return out.append(bracketed(options)).append(";\n").toString();
    }

    /** Confluent writes a default by the kind of its field's type name: quoted for strings only. */
    private static String defaultValue(FieldDescriptorProto field) {
        return field.getType() == FieldDescriptorProto.Type.TYPE_STRING ? quoted(field.getDefaultValue())
            : field.getDefaultValue();
    }

    private String label(FieldDescriptorProto field) {
        if (field.getProto3Optional()) {
            return "optional";
        }
        return switch (field.getLabel()) {
            case LABEL_REPEATED -> "repeated";
            case LABEL_REQUIRED -> file.getSyntax().equals(PROTO3) ? null : "required";
            case LABEL_OPTIONAL -> file.getSyntax().equals(PROTO3) ? null : "optional";
        };
    }

    private String enumType(EnumDescriptorProto type) {
        StringBuilder out = new StringBuilder("enum ").append(type.getName()).append(" {");
        List<String> reserved = new ArrayList<>();
        type.getReservedRangeList().forEach(range -> reserved.add(range(range.getStart(), range.getEnd())));
        type.getReservedNameList().forEach(name -> reserved.add("\"" + name + "\""));
        List<Option> options = options(type.getOptions(), ENUM_OPTIONS);
        if (!reserved.isEmpty()) {
            out.append('\n');
            reserved.forEach(value -> indent(out, "reserved " + value + ";\n"));
        } else if (!options.isEmpty() || type.getValueCount() > 0) {
            out.append('\n');
        }
        options.forEach(option -> indent(out, option.statement()));
        for (EnumValueDescriptorProto value : type.getValueList()) {
            indent(out, value.getName() + " = " + value.getNumber() + bracketed(options(value.getOptions(), ENUM_VALUE_OPTIONS)) + ";\n");
        }
        return out.append("}\n").toString();
    }

    /** Extensions grouped by the message they extend, in the order that message first appears. */
    private List<String> extendBlocks(List<FieldDescriptorProto> extensions) {
        Map<String, List<FieldDescriptorProto>> byExtendee = extensions.stream()
            .collect(Collectors.groupingBy(FieldDescriptorProto::getExtendee, LinkedHashMap::new, Collectors.toList()));
        List<String> blocks = new ArrayList<>();
        byExtendee.forEach((extendee, fields) -> {
            StringBuilder out = new StringBuilder("extend ").append(extendee).append(" {\n");
            fields.forEach(field -> indent(out, field(field, true)));
            blocks.add(out.append("}\n").toString());
        });
        return blocks;
    }

    private static String service(ServiceDescriptorProto service) {
        StringBuilder out = new StringBuilder("service ").append(service.getName()).append(" {");
        List<Option> options = options(service.getOptions(), SERVICE_OPTIONS);
        if (!options.isEmpty()) {
            out.append('\n');
            options.forEach(option -> indent(out, option.statement()));
        }
        if (service.getMethodCount() > 0) {
            out.append('\n');
            service.getMethodList().forEach(method -> indent(out, rpc(method)));
        }
        return out.append("}\n").toString();
    }

    private static String rpc(MethodDescriptorProto method) {
        StringBuilder out = new StringBuilder("rpc ").append(method.getName()).append(" (")
            .append(method.getClientStreaming() ? "stream " : "").append(method.getInputType()).append(") returns (")
            .append(method.getServerStreaming() ? "stream " : "").append(method.getOutputType()).append(')');
        List<Option> options = options(method.getOptions(), METHOD_OPTIONS);
        if (!options.isEmpty()) {
            out.append(" {\n");
            options.forEach(option -> indent(out, option.statement()));
            out.append('}');
        }
        return out.append(";\n").toString();
    }

    /** An inclusive range: one number, {@code a to b}, or {@code a to max}. */
    private static String range(int first, int last) {
        if (first == last) {
            return Integer.toString(first);
        }
        return first + " to " + (last < MAX_FIELD_NUMBER ? Integer.toString(last) : "max");
    }

    /**
     * The options of {@code names} set in an options message, in that order (the order Confluent lists
     * them in), a repeated one once per value.
     */
    private static List<Option> options(Message options, List<String> names) {
        List<Option> found = new ArrayList<>();
        for (String name : names) {
            FieldDescriptor field = options.getDescriptorForType().findFieldByName(name);
            List<?> values = field.isRepeated() ? (List<?>) options.getField(field)
                : options.hasField(field) ? List.of(options.getField(field)) : List.of();
            values.forEach(value -> found.add(new Option(name,
                field.getJavaType() == FieldDescriptor.JavaType.STRING ? quoted((String) value) : value.toString())));
        }
        return found;
    }

    /** Options after a field or enum value: {@code  [a = 1]}, or one per line when there are several. */
    private static String bracketed(List<Option> options) {
        if (options.isEmpty()) {
            return "";
        }
        if (options.size() == 1) {
            return " [" + options.get(0).assignment() + "]";
        }
        StringBuilder out = new StringBuilder(" [\n");
        for (int i = 0; i < options.size(); i++) {
            indent(out, options.get(i).assignment() + (i < options.size() - 1 ? "," : ""));
        }
        return out.append(']').toString();
    }

    private static void indent(StringBuilder out, String text) {
        for (String line : text.split("\n")) {
            out.append("  ").append(line).append('\n');
        }
    }

    /** A string as a {@code .proto} literal, escaped as Confluent escapes it. */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 11 -> out.append("\\v");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** One option with its value already written as it appears in the text. */
    private record Option(String name, String value) {

        String assignment() {
            return name + " = " + value;
        }

        String statement() {
            return "option " + assignment() + ";\n";
        }
    }
}
