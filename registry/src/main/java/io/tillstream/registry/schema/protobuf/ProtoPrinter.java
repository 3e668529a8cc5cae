package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.ExtendElement;
import com.squareup.wire.schema.internal.parser.ExtensionsElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.GroupElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.OptionElement.Kind;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ReservedElement;
import com.squareup.wire.schema.internal.parser.RpcElement;
import com.squareup.wire.schema.internal.parser.ServiceElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import kotlin.ranges.IntRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes a parsed {@code .proto} back as text in the layout Confluent's registry stores (its
 * {@code canonicalString()}): no comments, two-space indents, each kind of member in its own block,
 * messages before enums. Equal files print equal text, so whitespace and comments never make a new ID,
 * and a {@code _schemas} topic reads the same in both registries.
 *
 * <p>The normalized variant ({@code normalize=true}) also does what Confluent's normalization does:
 * members in number order, imports sorted, type names fully qualified, map entry messages written as
 * {@code map<K, V>} fields, options as {@link NormalizedOptions} has them, numbers in one notation.
 */
final class ProtoPrinter {

    private static final int MAX_FIELD_NUMBER = 536_870_911;
    private static final String INDENT = "  ";

    /** Null unless normalizing: names are then resolved to write them fully qualified. */
    private final TypeIndex types;
    private final NormalizedOptions normalizedOptions;
    private String scope = "";

    private ProtoPrinter(TypeIndex types) {
        this.types = types;
        this.normalizedOptions = types == null ? null : new NormalizedOptions(types);
    }

    static String canonical(ProtoFileElement file) {
        return new ProtoPrinter(null).file(file);
    }

    static String normalized(ProtoFileElement file, TypeIndex types) {
        return new ProtoPrinter(types).file(file);
    }

    private boolean normalizing() {
        return types != null;
    }

    // ---- files, messages, enums ----

    private String file(ProtoFileElement file) {
        StringBuilder out = new StringBuilder();
        // proto2 is the default, so the normalized text leaves its declaration out.
        if (file.getSyntax() != null && (!normalizing() || file.getSyntax() == Syntax.PROTO_3)) {
            out.append("syntax = \"").append(file.getSyntax()).append("\";\n");
        }
        if (file.getPackageName() != null) {
            out.append("package ").append(file.getPackageName()).append(";\n");
        }
        scope = TypeIndex.packageOf(file);
        if (!file.getImports().isEmpty() || !file.getPublicImports().isEmpty()) {
            out.append('\n');
            sortedIfNormalizing(file.getImports()).forEach(path -> out.append("import \"").append(path).append("\";\n"));
            sortedIfNormalizing(file.getPublicImports()).forEach(path -> out.append("import public \"").append(path).append("\";\n"));
        }
        List<OptionElement> options = options(file.getOptions());
        if (!options.isEmpty()) {
            out.append('\n');
            options.forEach(option -> out.append(optionStatement(option)));
        }
        List<TypeElement> printed = printedTypes(file.getTypes());
        if (!printed.isEmpty()) {
            out.append('\n');
            types(printed, out::append);
        }
        if (!file.getExtendDeclarations().isEmpty()) {
            out.append('\n');
            extendBlocks(file.getExtendDeclarations()).forEach(extend -> out.append(extend(extend)));
        }
        if (!file.getServices().isEmpty()) {
            out.append('\n');
            file.getServices().forEach(service -> out.append(service(service)));
        }
        return out.toString();
    }

    /** Messages first, then enums, each in declaration order: message indexes in records count messages only. */
    private void types(List<TypeElement> declared, Consumer<String> sink) {
        declared.stream().filter(t -> t instanceof MessageElement).forEach(t -> sink.accept(inScope(t, () -> message((MessageElement) t))));
        declared.stream().filter(t -> t instanceof EnumElement).forEach(t -> sink.accept(inScope(t, () -> enumeration((EnumElement) t))));
    }

    private String inScope(TypeElement type, Supplier<String> print) {
        String outer = scope;
        scope = TypeIndex.qualify(scope, type.getName());
        try {
            return print.get();
        } finally {
            scope = outer;
        }
    }

    /** Normalized, map entry messages are not written: their fields are written as maps. */
    private List<TypeElement> printedTypes(List<TypeElement> declared) {
        if (!normalizing()) {
            return declared;
        }
        return declared.stream().filter(t -> !(t instanceof MessageElement m && DeclaredType.isMapEntry(m))).toList();
    }

    private String message(MessageElement message) {
        StringBuilder out = new StringBuilder("message ").append(message.getName()).append(" {");
        if (!message.getReserveds().isEmpty()) {
            out.append('\n');
            reserved(message.getReserveds()).forEach(values -> indent(out, "reserved " + values + ";\n"));
        }
        List<OptionElement> options = options(message.getOptions());
        if (!options.isEmpty()) {
            out.append('\n');
            options.forEach(option -> indent(out, optionStatement(option)));
        }
        if (!message.getFields().isEmpty()) {
            out.append('\n');
            byNumber(message.getFields(), FieldElement::getTag).forEach(field -> indent(out, field(field)));
        }
        if (!message.getOneOfs().isEmpty()) {
            out.append('\n');
            oneOfs(message.getOneOfs()).forEach(oneOf -> indent(out, oneOf(oneOf)));
        }
        if (!message.getGroups().isEmpty()) {
            out.append('\n');
            byNumber(message.getGroups(), GroupElement::getTag).forEach(group -> indent(out, group(group)));
        }
        if (!message.getExtensions().isEmpty()) {
            out.append('\n');
            extensionRanges(message.getExtensions()).forEach(extensions -> indent(out, extensions(extensions)));
        }
        if (!message.getExtendDeclarations().isEmpty()) {
            out.append('\n');
            extendBlocks(message.getExtendDeclarations()).forEach(extend -> indent(out, extend(extend)));
        }
        List<TypeElement> nested = printedTypes(message.getNestedTypes());
        if (!nested.isEmpty()) {
            out.append('\n');
            types(nested, text -> indent(out, text));
        }
        return out.append("}\n").toString();
    }

    private String enumeration(EnumElement enumeration) {
        StringBuilder out = new StringBuilder("enum ").append(enumeration.getName()).append(" {");
        if (!enumeration.getReserveds().isEmpty()) {
            out.append('\n');
            reserved(enumeration.getReserveds()).forEach(values -> indent(out, "reserved " + values + ";\n"));
        } else if (!enumeration.getOptions().isEmpty() || !enumeration.getConstants().isEmpty()) {
            // Confluent opens the body with one line break, and none between reserved names and the rest.
            out.append('\n');
        }
        options(enumeration.getOptions()).forEach(option -> indent(out, optionStatement(option)));
        List<EnumConstantElement> constants = enumeration.getConstants();
        if (normalizing()) {
            constants = constants.stream().sorted(Comparator.comparing(EnumConstantElement::getTag)
                .thenComparing(EnumConstantElement::getName)).toList();
        }
        for (EnumConstantElement constant : constants) {
            indent(out, constant.getName() + " = " + constant.getTag() + withOptions(constant.getOptions()) + ";\n");
        }
        return out.append("}\n").toString();
    }

    // ---- members ----

    private String field(FieldElement field) {
        Field.Label label = field.getLabel();
        String type = field.getType();
        if (normalizing()) {
            type = qualifiedFieldType(type);
            if (ProtoType.get(type).isMap()) {
                label = null;
            }
        }
        StringBuilder out = new StringBuilder();
        if (label != null) {
            out.append(label.name().toLowerCase(Locale.ROOT)).append(' ');
        }
        out.append(type).append(' ').append(field.getName()).append(" = ").append(field.getTag());
        // Wire keeps default and json_name apart from the other options; Confluent writes them as the last ones.
        List<OptionElement> options = new ArrayList<>(field.getOptions());
        if (field.getDefaultValue() != null) {
            options.add(new OptionElement("default", defaultKind(type), field.getDefaultValue(), false));
        }
        if (field.getJsonName() != null) {
            options.add(new OptionElement("json_name", Kind.STRING, field.getJsonName(), false));
        }
        return out.append(withOptions(options)).append(";\n").toString();
    }

    /** A message or enum name made absolute, a map entry message written as the map it stands for. */
    private String qualifiedFieldType(String type) {
        ProtoType parsed = ProtoType.get(type);
        if (parsed.isScalar()) {
            return type;
        }
        if (parsed.isMap()) {
            // A map entry message's value type may be written relative to the entry; if it does not resolve here, it stays.
            String value = parsed.getValueType().toString();
            String written = ProtoType.get(value).isScalar() ? value
                : types.resolve(value, scope).map(declared -> "." + declared.fullName()).orElse(value);
            return "map<" + parsed.getKeyType() + ", " + written + ">";
        }
        DeclaredType declared = declared(type);
        return declared.mapEntry().map(entry -> qualifiedFieldType("map<" + entry.keyType() + ", " + entry.valueType() + ">"))
            .orElse("." + declared.fullName());
    }

    /** The option kind a default is written as: quoted for text, as it is for numbers, booleans and enum constants. */
    private static Kind defaultKind(String type) {
        return switch (ProtoType.get(type).getSimpleName()) {
            case "bool" -> Kind.BOOLEAN;
            // Confluent writes a bytes default unquoted, which reads back only if it is one word; it is text, so quoted here.
            case "string", "bytes" -> Kind.STRING;
            case "double", "float", "fixed32", "fixed64", "int32", "int64", "sfixed32", "sfixed64", "sint32", "sint64",
                 "uint32", "uint64" -> Kind.NUMBER;
            default -> Kind.ENUM;
        };
    }

    private String oneOf(OneOfElement oneOf) {
        StringBuilder out = new StringBuilder("oneof ").append(oneOf.getName()).append(" {");
        List<OptionElement> options = options(oneOf.getOptions());
        if (!options.isEmpty()) {
            out.append('\n');
            options.forEach(option -> indent(out, optionStatement(option)));
        }
        if (!oneOf.getFields().isEmpty()) {
            out.append('\n');
            byNumber(oneOf.getFields(), FieldElement::getTag).forEach(field -> indent(out, field(field)));
        }
        if (!oneOf.getGroups().isEmpty()) {
            out.append('\n');
            byNumber(oneOf.getGroups(), GroupElement::getTag).forEach(group -> indent(out, group(group)));
        }
        return out.append("}\n").toString();
    }

    /** Normalized: oneofs without fields dropped, the rest in the order of their first field number. */
    private List<OneOfElement> oneOfs(List<OneOfElement> oneOfs) {
        if (!normalizing()) {
            return oneOfs;
        }
        return oneOfs.stream().filter(o -> !o.getFields().isEmpty())
            .sorted(Comparator.comparing(o -> o.getFields().stream().mapToInt(FieldElement::getTag).min().orElseThrow()))
            .toList();
    }

    private String group(GroupElement group) {
        StringBuilder out = new StringBuilder();
        if (group.getLabel() != null) {
            out.append(group.getLabel().name().toLowerCase(Locale.ROOT)).append(' ');
        }
        out.append("group ").append(group.getName()).append(" = ").append(group.getTag()).append(" {");
        if (!group.getFields().isEmpty()) {
            out.append('\n');
            byNumber(group.getFields(), FieldElement::getTag).forEach(field -> indent(out, field(field)));
        }
        return out.append("}\n").toString();
    }

    private String extend(ExtendElement extend) {
        String target = normalizing() ? qualified(extend.getName()) : extend.getName();
        StringBuilder out = new StringBuilder("extend ").append(target).append(" {");
        if (!extend.getFields().isEmpty()) {
            out.append('\n');
            byNumber(extend.getFields(), FieldElement::getTag).forEach(field -> indent(out, field(field)));
        }
        return out.append("}\n").toString();
    }

    /** Normalized: one block per extended message, however many the text had. */
    private List<ExtendElement> extendBlocks(List<ExtendElement> blocks) {
        if (!normalizing()) {
            return blocks;
        }
        Map<String, List<FieldElement>> byTarget = new LinkedHashMap<>();
        for (ExtendElement block : blocks) {
            byTarget.computeIfAbsent(qualified(block.getName()), target -> new ArrayList<>()).addAll(block.getFields());
        }
        List<ExtendElement> merged = new ArrayList<>();
        byTarget.forEach((target, fields) -> merged.add(new ExtendElement(blocks.get(0).getLocation(), target, "", fields)));
        return merged;
    }

    private String extensions(ExtensionsElement extensions) {
        return "extensions " + ranges(extensions.getValues()) + withOptions(extensions.getOptions()) + ";\n";
    }

    private String service(ServiceElement service) {
        StringBuilder out = new StringBuilder("service ").append(service.getName()).append(" {");
        List<OptionElement> options = options(service.getOptions());
        if (!options.isEmpty()) {
            out.append('\n');
            options.forEach(option -> indent(out, optionStatement(option)));
        }
        if (!service.getRpcs().isEmpty()) {
            out.append('\n');
            service.getRpcs().forEach(rpc -> indent(out, rpc(rpc)));
        }
        return out.append("}\n").toString();
    }

    private String rpc(RpcElement rpc) {
        StringBuilder out = new StringBuilder("rpc ").append(rpc.getName()).append(" (");
        out.append(rpc.getRequestStreaming() ? "stream " : "")
            .append(normalizing() ? qualified(rpc.getRequestType()) : rpc.getRequestType())
            .append(") returns (")
            .append(rpc.getResponseStreaming() ? "stream " : "")
            .append(normalizing() ? qualified(rpc.getResponseType()) : rpc.getResponseType())
            .append(')');
        List<OptionElement> options = options(rpc.getOptions());
        if (!options.isEmpty()) {
            out.append(" {\n");
            options.forEach(option -> indent(out, optionStatement(option)));
            out.append('}');
        }
        return out.append(";\n").toString();
    }

    // ---- reserved names and number ranges ----

    /** The text after {@code reserved} for each statement; normalized, one statement per value, in number order. */
    private List<String> reserved(List<ReservedElement> statements) {
        List<List<Object>> values = statements.stream().map(ReservedElement::getValues).toList();
        return splitAndSorted(values).stream().map(this::ranges).toList();
    }

    private List<ExtensionsElement> extensionRanges(List<ExtensionsElement> statements) {
        if (!normalizing()) {
            return statements;
        }
        List<ExtensionsElement> split = new ArrayList<>();
        for (ExtensionsElement statement : statements) {
            for (Object value : statement.getValues()) {
                split.add(new ExtensionsElement(statement.getLocation(), statement.getDocumentation(), List.of(value),
                    statement.getOptions()));
            }
        }
        split.sort(Comparator.comparing(e -> rangeStart(e.getValues().get(0))));
        return split;
    }

    private List<List<Object>> splitAndSorted(List<List<Object>> statements) {
        if (!normalizing()) {
            return statements;
        }
        return statements.stream().flatMap(List::stream)
            .sorted(Comparator.comparing(ProtoPrinter::rangeStart).thenComparing(String::valueOf))
            .map(List::of).toList();
    }

    /** Where a reserved value starts; names after every number. */
    private static int rangeStart(Object value) {
        if (value instanceof IntRange range) {
            return range.getFirst();
        }
        return value instanceof Integer number ? number : Integer.MAX_VALUE;
    }

    private String ranges(List<Object> values) {
        List<String> written = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof String name) {
                written.add("\"" + name + "\"");
            } else if (value instanceof IntRange range) {
                if (normalizing() && range.getFirst() == range.getLast()) {
                    written.add(String.valueOf(range.getFirst()));
                } else {
                    written.add(range.getFirst() + " to " + (range.getLast() < MAX_FIELD_NUMBER ? range.getLast() : "max"));
                }
            } else {
                written.add(String.valueOf(value));
            }
        }
        return String.join(", ", written);
    }

    // ---- options ----

    private List<OptionElement> options(List<OptionElement> options) {
        return normalizing() ? normalizedOptions.of(options, scope) : options;
    }

    private String withOptions(List<OptionElement> options) {
        List<OptionElement> written = options(options);
        return written.isEmpty() ? "" : " " + bracketed(written);
    }

    private String optionStatement(OptionElement option) {
        return "option " + option(option) + ";\n";
    }

    private String option(OptionElement option) {
        String name = option.isParenthesized() ? "(" + option.getName() + ")" : option.getName();
        Object value = option.getValue();
        return switch (option.getKind()) {
            case STRING -> name + " = \"" + escaped(value.toString()) + "\"";
            case BOOLEAN, ENUM -> name + " = " + value;
            case NUMBER -> name + " = " + number(value);
            case OPTION -> name + "." + option((OptionElement) value);
            case MAP -> name + " = {\n" + entries((Map<?, ?>) value) + "}";
            case LIST -> name + " = " + bracketed((List<?>) value);
        };
    }

    /** {@code [a]} on one line, more than one value one per line. */
    private String bracketed(List<?> values) {
        if (values.size() == 1) {
            return "[" + optionValue(values.get(0)) + "]";
        }
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < values.size(); i++) {
            indent(out, optionValue(values.get(i)) + (i < values.size() - 1 ? "," : ""));
        }
        return out.append(']').toString();
    }

    private String entries(Map<?, ?> map) {
        Map<?, ?> written = map;
        if (normalizing()) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, value) -> {
                if (!(value instanceof List<?> list && list.isEmpty())) {
                    sorted.putIfAbsent(normalizedOptions.key(String.valueOf(key), scope), value);
                }
            });
            written = sorted;
        }
        StringBuilder out = new StringBuilder();
        int remaining = written.size();
        for (Map.Entry<?, ?> entry : written.entrySet()) {
            indent(out, entry.getKey() + ": " + optionValue(entry.getValue()) + (--remaining > 0 ? "," : ""));
        }
        return out.toString();
    }

    private String optionValue(Object value) {
        if (value instanceof String text) {
            return "\"" + escaped(text) + "\"";
        }
        if (value instanceof Map<?, ?> map) {
            return "{\n" + entries(map) + "}";
        }
        if (value instanceof List<?> list) {
            if (normalizing() && list.size() == 1) {
                return optionValue(list.get(0));
            }
            StringBuilder out = new StringBuilder("[\n");
            for (int i = 0; i < list.size(); i++) {
                indent(out, optionValue(list.get(i)) + (i < list.size() - 1 ? "," : ""));
            }
            return out.append(']').toString();
        }
        if (value instanceof OptionElement.OptionPrimitive primitive) {
            return switch (primitive.getKind()) {
                case BOOLEAN, ENUM -> String.valueOf(primitive.getValue());
                case NUMBER -> number(primitive.getValue());
                default -> optionValue(primitive.getValue());
            };
        }
        if (value instanceof OptionElement option) {
            return option(option);
        }
        return String.valueOf(value);
    }

    private String number(Object value) {
        return normalizing() ? NumberNotation.normalized(String.valueOf(value)) : String.valueOf(value);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    // ---- helpers ----

    /** Normalized, members in number order. */
    private <T> List<T> byNumber(List<T> members, Function<T, Integer> number) {
        return normalizing() ? members.stream().sorted(Comparator.comparing(number)).toList() : members;
    }

    private List<String> sortedIfNormalizing(List<String> paths) {
        return normalizing() ? paths.stream().sorted().distinct().toList() : paths;
    }

    private String qualified(String name) {
        return "." + declared(name).fullName();
    }

    /** Validation has made sure every name resolves. */
    private DeclaredType declared(String name) {
        return types.resolve(name, scope).orElseThrow(() -> new IllegalStateException("unresolved type " + name));
    }

    /**
     * Indents every line of {@code text} by two spaces, blank lines included (they get the two
     * spaces too, as in Confluent's text); a final line break is not a line.
     */
    private static void indent(StringBuilder out, String text) {
        for (String line : text.split("\n")) {
            out.append(INDENT).append(line).append('\n');
        }
    }
}
