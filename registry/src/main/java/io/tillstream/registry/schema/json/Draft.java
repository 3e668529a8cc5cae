package io.tillstream.registry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;

import java.util.List;
import java.util.function.Supplier;

/**
 * The JSON Schema drafts the registry takes, each named by the {@code $schema} URLs Confluent's
 * registry recognises for it.
 */
enum Draft {
    DRAFT_4("draft-04", Dialects::getDraft4, "http://json-schema.org/draft-04/schema",
        "https://json-schema.org/draft-04/schema", "http://json-schema.org/schema", "https://json-schema.org/schema"),
    DRAFT_6("draft-06", Dialects::getDraft6, "http://json-schema.org/draft-06/schema",
        "https://json-schema.org/draft-06/schema"),
    DRAFT_7("draft-07", Dialects::getDraft7, "http://json-schema.org/draft-07/schema",
        "https://json-schema.org/draft-07/schema"),
    DRAFT_2019_09("2019-09", Dialects::getDraft201909, "http://json-schema.org/draft/2019-09/schema",
        "https://json-schema.org/draft/2019-09/schema"),
    DRAFT_2020_12("2020-12", Dialects::getDraft202012, "http://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2020-12/schema");

    private final String label;
    private final Supplier<Dialect> dialect;
    private final List<String> urls;

    Draft(String label, Supplier<Dialect> dialect, String... urls) {
        this.label = label;
        this.dialect = dialect;
        this.urls = List.of(urls);
    }

    /**
     * The draft {@code root}'s {@code $schema} names. Like Confluent, a schema without one, or with
     * a URL of no known draft, is read as draft-07: refusing it would refuse what Confluent stores.
     */
    static Draft of(JsonNode root) {
        JsonNode declared = root.path("$schema");
        if (declared.isTextual()) {
            String url = declared.asText();
            String withoutFragment = url.endsWith("#") ? url.substring(0, url.length() - 1) : url;
            for (Draft draft : values()) {
                if (draft.urls.contains(withoutFragment)) {
                    return draft;
                }
            }
        }
        return DRAFT_7;
    }

    Dialect dialect() {
        return dialect.get();
    }

    /** Whether this draft has the keywords of {@code other} (2019-09 brought $anchor, unevaluated*, dependent*). */
    boolean atLeast(Draft other) {
        return compareTo(other) >= 0;
    }

    /** The keyword that gives a schema its base URI: {@code id} before draft-06. */
    String idKeyword() {
        return this == DRAFT_4 ? "id" : "$id";
    }

    @Override
    public String toString() {
        return label;
    }
}
