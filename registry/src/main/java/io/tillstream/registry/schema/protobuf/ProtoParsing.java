package io.tillstream.registry.schema.protobuf;

import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import io.tillstream.registry.model.RegistryException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code .proto} text with Wire's parser, turning its errors into one-line 42201 answers with line and column. */
final class ProtoParsing {

    /** Wire writes a position as {@code path:line:column}; our texts have no path. */
    private static final Pattern POSITION = Pattern.compile("(?<![\\w.])[^\\s:()]*:(\\d+):(\\d+)");
    /** Wire reports a missing character after reading the one found instead, so its column is one too far. */
    private static final Pattern CHARACTER_READ = Pattern.compile("Syntax error in [^\\s:]*:(\\d+):(\\d+): (expected '.'(?: but was .*)?)");
    private static final Location NO_FILE = Location.get("");

    private ProtoParsing() {
    }

    /** Parses the schema being registered or checked. */
    static ProtoFileElement parse(String text) {
        return parse(text, "");
    }

    /** Parses the text registered under reference {@code name}, naming the reference if it is not Protobuf. */
    static ProtoFileElement parseReference(String name, String text) {
        return parse(text, "reference '" + name + "' is not valid Protobuf: ");
    }

    private static ProtoFileElement parse(String text, String context) {
        try {
            return ProtoParser.Companion.parse(NO_FILE, text);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw invalid(context + describe(e.getMessage()));
        }
    }

    /** {@code Syntax error in :4:4: expected ';'} becomes {@code syntax error at line 4, column 4: expected ';'}. */
    private static String describe(String wireMessage) {
        String message = wireMessage == null ? "unreadable text" : wireMessage.replaceAll("\\s*\\R\\s*", " ").trim();
        Matcher characterRead = CHARACTER_READ.matcher(message);
        if (characterRead.matches()) {
            return "syntax error at line " + characterRead.group(1) + ", column " + (Integer.parseInt(characterRead.group(2)) - 1)
                + ": " + characterRead.group(3);
        }
        message = message.replaceFirst("^Syntax error in ", "syntax error at ");
        return POSITION.matcher(message).replaceAll("line $1, column $2");
    }

    static RegistryException invalid(String details) {
        return RegistryException.invalidSchema("Invalid schema of type " + ProtobufSchema.TYPE + ", details: " + details);
    }
}
