package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.OptionElement.Kind;
import com.squareup.wire.schema.internal.parser.OptionElement.OptionPrimitive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Options as Confluent's normalization rewrites them, so that the ways of writing one option read
 * alike: a custom option's name made full, {@code (opt).a.b = v} written as {@code (opt) = { a: { b: v } }},
 * several settings of one non-repeated option merged into one, and all of them in name order.
 */
final class NormalizedOptions {

    private final TypeIndex types;

    NormalizedOptions(TypeIndex types) {
        this.types = types;
    }

    /** {@code options} as written inside {@code scope} (a package or a message's full name), normalized. */
    List<OptionElement> of(List<OptionElement> options, String scope) {
        Map<String, List<OptionElement>> byName = new LinkedHashMap<>();
        options.stream().map(option -> resolved(option, scope)).sorted(Comparator.comparing(OptionElement::getName))
            .forEach(option -> byName.computeIfAbsent(option.getName(), name -> new ArrayList<>()).add(option));
        List<OptionElement> normalized = new ArrayList<>();
        byName.forEach((name, settings) -> {
            Optional<FieldElement> extension = types.resolveExtension(name, "").map(TypeIndex.DeclaredExtension::field)
                .filter(field -> field.getLabel() != Field.Label.REPEATED);
            if (extension.isPresent()) {
                normalized.add(settings.stream().reduce((a, b) -> merged(extension.get(), a, b, scope)).orElseThrow());
            } else {
                normalized.addAll(settings);
            }
        });
        return normalized;
    }

    /** A key of an option's message value: {@code [ext]} names an extension, made full like an option's name. */
    String key(String key, String scope) {
        if (!key.startsWith("[") || !key.endsWith("]")) {
            return key;
        }
        return types.resolveExtension(key.substring(1, key.length() - 1), scope)
            .map(extension -> "[" + extension.fullName() + "]").orElse(key);
    }

    private OptionElement resolved(OptionElement option, String scope) {
        if (!option.isParenthesized()) {
            return option;
        }
        return types.resolveExtension(option.getName(), scope)
            .map(extension -> asMap(new OptionElement(extension.fullName(), option.getKind(), option.getValue(), true)))
            .orElse(option);
    }

    /** {@code (opt).a.b = v} as {@code (opt) = { a: { b: v } }}; other options as they are. */
    private static OptionElement asMap(OptionElement option) {
        return option.getKind() == Kind.OPTION
            ? new OptionElement(option.getName(), Kind.MAP, nested((OptionElement) option.getValue()), option.isParenthesized())
            : option;
    }

    private static Map<String, Object> nested(OptionElement member) {
        Object value = switch (member.getKind()) {
            case BOOLEAN, ENUM, NUMBER -> new OptionPrimitive(member.getKind(), member.getValue());
            case OPTION -> nested((OptionElement) member.getValue());
            default -> member.getValue();
        };
        return Map.of(member.getName(), value);
    }

    /** A later setting of a message-valued option adds to the earlier one; of any other, it replaces it. */
    private OptionElement merged(FieldElement extension, OptionElement earlier, OptionElement later, String scope) {
        OptionElement replacement = asMap(later);
        if (earlier.getKind() == Kind.MAP && replacement.getKind() == Kind.MAP) {
            return new OptionElement(replacement.getName(), Kind.MAP,
                mergedMaps(extension, (Map<?, ?>) earlier.getValue(), (Map<?, ?>) replacement.getValue(), scope),
                replacement.isParenthesized());
        }
        return replacement;
    }

    private Map<String, Object> mergedMaps(FieldElement container, Map<?, ?> earlier, Map<?, ?> later, String scope) {
        Optional<MessageElement> type = messageType(container, scope);
        Map<String, Object> merged = new LinkedHashMap<>();
        earlier.forEach((key, value) -> merged.put(String.valueOf(key), value));
        later.forEach((key, value) -> {
            FieldElement member = type.flatMap(message -> member(message, String.valueOf(key))).orElse(null);
            merged.merge(String.valueOf(key), value, (a, b) -> mergedValues(member, a, b, scope));
        });
        return merged;
    }

    /**
     * Protobuf's text-format merge: a singular message field merges, another singular field takes
     * the later value; a repeated field (or one that does not resolve) collects both, once each.
     */
    private Object mergedValues(FieldElement field, Object earlier, Object later, String scope) {
        boolean singular = field != null && field.getLabel() != Field.Label.REPEATED;
        if (singular && earlier instanceof Map<?, ?> a && later instanceof Map<?, ?> b && messageType(field, scope).isPresent()) {
            return mergedMaps(field, a, b, scope);
        }
        if (singular) {
            return later;
        }
        Set<Object> values = new LinkedHashSet<>();
        Stream.of(earlier, later).forEach(value -> {
            if (value instanceof List<?> list) {
                values.addAll(list);
            } else {
                values.add(value);
            }
        });
        return new ArrayList<>(values);
    }

    private Optional<MessageElement> messageType(FieldElement field, String scope) {
        return types.resolve(field.getType(), scope).map(DeclaredType::element)
            .filter(MessageElement.class::isInstance).map(MessageElement.class::cast);
    }

    private static Optional<FieldElement> member(MessageElement message, String name) {
        return Stream.concat(message.getFields().stream(), message.getOneOfs().stream().map(OneOfElement::getFields).flatMap(List::stream))
            .filter(field -> field.getName().equals(name)).findFirst();
    }
}
