package io.tillstream.registry.model;

import java.util.Locale;
import java.util.function.Supplier;

/** Enum names as clients send them: any case, surrounding blanks ignored. */
final class Names {

    private Names() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name, Supplier<RegistryException> invalid) {
        if (name != null) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            for (E value : type.getEnumConstants()) {
                if (value.name().equals(wanted)) {
                    return value;
                }
            }
        }
        throw invalid.get();
    }
}
