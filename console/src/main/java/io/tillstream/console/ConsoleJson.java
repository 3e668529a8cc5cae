package io.tillstream.console;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The console's one JSON setup, Jackson 2: Javalin's request and response bodies and the JSON the
 * features read (the pipeline's answers, schemas, the API document) go through {@link #mapper()}; the
 * variants a feature needs are derived from it here, each with its reason.
 */
public final class ConsoleJson {

    // A request field the API does not know is ignored rather than refused, so that a page a browser
    // still has from an older console keeps working.
    private static final JsonMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    // JSON a user types (a test message) keeps a price's decimals as typed, 1500.40 stays 1500.40, and
    // text after the value is refused: it is a typing mistake, not a second value.
    private static final JsonMapper TYPED = MAPPER.rebuild()
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    // An export's JSON lines write a decimal as it was written (1500.40, never 1.5004E+3), into the export's
    // buffered writer, which the export alone flushes (once per fetch) and closes.
    private static final JsonMapper EXPORT = MAPPER.rebuild()
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET, JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
        .build();

    private ConsoleJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** For JSON a user typed: exact decimals, nothing after the value. */
    public static ObjectMapper typed() {
        return TYPED;
    }

    /** For an export's JSON lines: plain decimals, the target left to the export to flush and close. */
    public static ObjectMapper export() {
        return EXPORT;
    }
}
