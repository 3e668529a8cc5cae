package io.tillstream.registry.schema.protobuf;

/** One change between two versions of a {@code .proto}, at a path as Confluent writes it: {@code #/Message/fieldNumber}. */
record Difference(Rule rule, String path) {

    /** Confluent's verbose message for an incompatible change, {@code reader} reading data written with {@code writer}. */
    String message(String reader, String writer) {
        return "{errorType:\"" + rule + "\", description:\"" + rule.describe(path, reader, writer) + "\"}";
    }
}
