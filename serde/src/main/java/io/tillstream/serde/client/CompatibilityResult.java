package io.tillstream.serde.client;

import java.util.List;

/** The registry's answer to a compatibility check, with the reasons when it is incompatible. */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
