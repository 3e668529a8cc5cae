package io.tillstream.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The registry's one JSON setup, Jackson 2: REST bodies, the {@code _schemas} records, the election
 * group's data and Avro normalization are read and written with {@link #mapper()}; the one variant a
 * feature needs is derived from it here, with its reason.
 */
public final class RegistryJson {

    // A request field the registry does not know is ignored, as Confluent's registry ignores it, so that
    // clients of newer Confluent versions keep working.
    private static final JsonMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    // JSON Schema text is read as Confluent's registry reads it (exact decimals, so 1.50 stays 1.50) so that
    // the text we store is byte for byte the text Confluent stores for the same input.
    private static final JsonMapper EXACT_DECIMALS = MAPPER.rebuild()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        // Confluent ignores what follows the first value; we refuse it, since it is always a mistake.
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .build();

    private RegistryJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The mapper for JSON Schema text: decimals exact, nothing after the value. */
    public static ObjectMapper exactDecimals() {
        return EXACT_DECIMALS;
    }
}
