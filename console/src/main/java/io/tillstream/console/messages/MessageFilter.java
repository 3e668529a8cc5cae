package io.tillstream.console.messages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A user's filter over records, in CEL (the Common Expression Language): a boolean expression over
 * {@code key} (string; a record without one has ""), {@code value} (the decoded value: fields of a
 * record as {@code value.shopping_mall}, text as a string, null for a tombstone), {@code valueText}
 * (the value as JSON text, for a search inside it), {@code headers} (map of string to string),
 * {@code partition}, {@code offset} and {@code timestamp} (int, milliseconds since the epoch).
 *
 * <p>Sandboxed: CEL has no loops but its macros over lists, no I/O and no access to anything but
 * these variables; on top of that the expression's length, its nesting, its regular expressions'
 * size and the macro iterations on one record are bounded, so each record costs bounded time. A
 * filter is compiled and tried once on an empty record before any record is read, so a filter
 * whose macros alone exceed the iteration bound is refused like a syntax error.
 *
 * <p>Evaluation is per record; a record the filter cannot be evaluated on (a field it lacks, a type
 * that does not fit) does not match, and {@link #test} says why. Thread-safe.
 */
final class MessageFilter {

    /** A filter that cannot be used; the message is one line that names where. */
    static final class InvalidFilterException extends Exception {
        InvalidFilterException(String message) {
            super(message);
        }
    }

    /** The bounds a filter is held to: its length in characters, and its macro iterations on one record. */
    record Limits(int maxLength, int maxIterations) {
    }

    /** A record the filter could not be evaluated on: why. */
    static final class EvaluationFailure extends Exception {
        EvaluationFailure(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_NESTING = 32;
    private static final int MAX_REGEX_PROGRAM_SIZE = 1_000;

    private final String expression;
    private final CelRuntime.Program program;

    private MessageFilter(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /**
     * The filter {@code expression}, checked against the variables above and tried once.
     *
     * @throws InvalidFilterException if it is too long, does not parse or type-check to a boolean, or is too costly
     */
    static MessageFilter compile(String expression, Limits limits) throws InvalidFilterException {
        int length = expression.codePointCount(0, expression.length());
        if (length > limits.maxLength()) {
            throw new InvalidFilterException("The filter is " + length + " characters long; at most " + limits.maxLength()
                + " are allowed (messages.filter.max.length).");
        }
        if (expression.isBlank()) {
            throw new InvalidFilterException("The filter is empty: write a condition such as key == \"I138884\".");
        }
        CelOptions options = CelOptions.current()
            .maxExpressionCodePointSize(limits.maxLength())
            .maxParseRecursionDepth(MAX_NESTING)
            .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
            .comprehensionMaxIterations(limits.maxIterations())
            .build();
        CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("key", SimpleType.STRING)
            .addVar("value", SimpleType.DYN)
            .addVar("valueText", SimpleType.STRING)
            .addVar("headers", MapType.create(SimpleType.STRING, SimpleType.STRING))
            .addVar("partition", SimpleType.INT)
            .addVar("offset", SimpleType.INT)
            .addVar("timestamp", SimpleType.INT)
            .setResultType(SimpleType.BOOL)
            .build();
        CelAbstractSyntaxTree ast;
        CelRuntime.Program program;
        try {
            ast = compiler.compile(expression).getAst();
            program = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build().createProgram(ast);
        } catch (CelValidationException e) {
            throw new InvalidFilterException(firstIssue(e));
        } catch (CelEvaluationException e) {
            throw new InvalidFilterException("The filter cannot run: " + oneLine(e.getMessage()));
        }
        MessageFilter filter = new MessageFilter(expression, program);
        filter.tryOnEmptyRecord(limits);
        return filter;
    }

    String expression() {
        return expression;
    }

    /**
     * Whether {@code record} matches.
     *
     * @throws EvaluationFailure if the filter cannot be evaluated on it (it then does not match)
     */
    boolean test(ScannedRecord record) throws EvaluationFailure {
        return evaluate(name -> Optional.ofNullable(switch (name) {
            case "key" -> {
                String key = record.keyText();
                yield key == null ? "" : key;
            }
            case "value" -> cel(record.value().content());
            case "valueText" -> {
                String text = record.valueText();
                yield text == null ? "" : text;
            }
            case "headers" -> record.headers();
            case "partition" -> (long) record.record().partition();
            case "offset" -> record.record().offset();
            case "timestamp" -> record.record().timestamp();
            default -> null;
        }));
    }

    private boolean evaluate(dev.cel.runtime.CelVariableResolver variables) throws EvaluationFailure {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException e) {
            if (e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
                throw new EvaluationFailure(tooCostly(e));
            }
            throw new EvaluationFailure(oneLine(e.getMessage()));
        }
    }

    /** Macros over literal lists cost the same on every record: find out now rather than on each of them. */
    private void tryOnEmptyRecord(Limits limits) throws InvalidFilterException {
        Map<String, Object> empty = Map.of("key", "", "value", Map.of(), "valueText", "", "headers", Map.of(),
            "partition", 0L, "offset", 0L, "timestamp", 0L);
        try {
            program.eval(name -> Optional.ofNullable(empty.get(name)));
        } catch (CelEvaluationException e) {
            if (e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
                throw new InvalidFilterException("The filter takes more than " + limits.maxIterations()
                    + " loop iterations on one record (messages.filter.max.iterations): " + tooCostly(e));
            }
            // Anything else is about the record (an empty one lacks every field), not the filter.
        }
    }

    private static String tooCostly(CelEvaluationException e) {
        return oneLine(e.getMessage());
    }

    /** CEL's first error as one line: where (line and column, from 1) and what. */
    private static String firstIssue(CelValidationException e) {
        if (e.getErrors().isEmpty()) {
            return "The filter is not valid: " + oneLine(e.getMessage());
        }
        CelIssue issue = e.getErrors().get(0);
        CelSourceLocation at = issue.getSourceLocation();
        String where = at == CelSourceLocation.NONE ? "" : " at line " + at.getLine() + ", column " + (at.getColumn() + 1);
        return "The filter is not valid" + where + ": " + oneLine(issue.getMessage());
    }

    private static String oneLine(String message) {
        String line = message == null ? "" : message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline).strip();
    }

    /** A decoded value as CEL sees it: objects as maps, lists, strings, ints, doubles (CEL has no decimal), null. */
    private static Object cel(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(cel(element)));
            return list;
        }
        if (node.isObject()) {
            return new ObjectView(node);
        }
        return node.asText();
    }

    /**
     * A JSON object as a CEL map whose fields are converted when read: a filter reads one or two fields of a sale, and
     * copying all of them for each of millions of records cost a third of a value search.
     */
    private static final class ObjectView extends AbstractMap<String, Object> {
        private final JsonNode object;

        ObjectView(JsonNode object) {
            this.object = object;
        }

        @Override
        public Object get(Object key) {
            JsonNode field = key instanceof String name ? object.get(name) : null;
            return field == null ? null : cel(field);
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && object.has(name);
        }

        @Override
        public int size() {
            return object.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> copy = new LinkedHashMap<>();
            object.fields().forEachRemaining(field -> copy.put(field.getKey(), cel(field.getValue())));
            return copy.entrySet();
        }
    }
}
