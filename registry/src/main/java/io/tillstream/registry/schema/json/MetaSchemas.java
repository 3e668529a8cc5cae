package io.tillstream.registry.schema.json;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import io.tillstream.registry.model.RegistryException;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks that a text is a schema of its draft by validating it against that draft's meta-schema,
 * with networknt's validator and the meta-schemas bundled in its jar (never fetched).
 */
final class MetaSchemas {

    /** Enough problems to fix the first ones without burying them. */
    private static final int PROBLEMS_SHOWN = 3;

    private static final Map<Draft, Schema> LOADED = new EnumMap<>(Draft.class);

    private MetaSchemas() {
    }

    /** @throws RegistryException with {@code INVALID_SCHEMA} naming where the text breaks the meta-schema */
    static void requireValid(String text, Draft draft) {
        List<Error> problems = metaSchema(draft).validate(text, InputFormat.JSON);
        if (!problems.isEmpty()) {
            throw RegistryException.invalidSchema("Invalid JSON schema (" + draft + "): " + problems.stream()
                .limit(PROBLEMS_SHOWN).map(MetaSchemas::describe).collect(Collectors.joining("; ")));
        }
    }

    private static String describe(Error problem) {
        String message = problem.getMessage().replaceAll("\\s*\\R\\s*", " ");
        // The message starts with the instance location in networknt's JSON path form; say it as a JSON pointer.
        String location = problem.getInstanceLocation().toString();
        String detail = message.startsWith(location) ? message.substring(location.length()).replaceFirst("^[:\\s]+", "") : message;
        return "#" + pointerOf(problem) + ": " + detail;
    }

    private static String pointerOf(Error problem) {
        StringBuilder pointer = new StringBuilder();
        var path = problem.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(path.getName(i).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static synchronized Schema metaSchema(Draft draft) {
        return LOADED.computeIfAbsent(draft, d -> {
            Dialect dialect = d.dialect();
            return SchemaRegistry.withDialect(dialect).getSchema(SchemaLocation.of(dialect.getId()));
        });
    }
}
