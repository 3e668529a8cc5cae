package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.TypeElement;

import java.util.Optional;

/**
 * A message or enum declared in the schema's own file ({@code local}) or in a file it imports,
 * with its full name (no leading dot) and the package of the file declaring it.
 */
record DeclaredType(String fullName, String packageName, TypeElement element, boolean local) {

    /** The key and value types of a map entry message, as {@code map<K, V>} fields compile to. */
    record MapEntry(String keyType, String valueType) {
    }

    /** The name inside its package: {@code Outer.Inner} for {@code pkg.Outer.Inner}. */
    String localName() {
        return packageName.isEmpty() ? fullName : fullName.substring(packageName.length() + 1);
    }

    boolean isEnum() {
        return element instanceof EnumElement;
    }

    /** The map this message stands for, if it is a map entry ({@code option map_entry = true}). */
    Optional<MapEntry> mapEntry() {
        if (!(element instanceof MessageElement message) || !isMapEntry(message)) {
            return Optional.empty();
        }
        return fieldType(message, "key").flatMap(key -> fieldType(message, "value").map(value -> new MapEntry(key, value)));
    }

    static boolean isMapEntry(MessageElement message) {
        return message.getOptions().stream()
            .anyMatch(o -> o.getName().equals("map_entry") && String.valueOf(o.getValue()).equals("true"));
    }

    private static Optional<String> fieldType(MessageElement entry, String name) {
        return entry.getFields().stream().filter(f -> f.getName().equals(name)).map(FieldElement::getType).findFirst();
    }
}
