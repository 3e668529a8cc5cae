package io.tillstream.serde;

import java.util.HashMap;
import java.util.Map;

/** Serde settings that point at the shared registry ({@link EmbeddedRegistry}), beside a test's own. */
final class SerdeSettings {

    private SerdeSettings() {
    }

    static Map<String, Object> with(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("schema.registry.url", EmbeddedRegistry.get().url());
        return all;
    }
}
