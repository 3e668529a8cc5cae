package io.tillstream.protobuf;

/** Names protoc derives from a field's name. */
public final class ProtoNames {

    private ProtoNames() {
    }

    /** protoc's JSON name of a field: underscores dropped, the letter after each upper-cased ({@code item_counts}: {@code itemCounts}). */
    public static String jsonName(String fieldName) {
        StringBuilder name = new StringBuilder(fieldName.length());
        boolean upper = false;
        for (char c : fieldName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /** protoc's name for a map field's entry message: {@code item_counts} gets {@code ItemCountsEntry}. */
    static String mapEntryName(String fieldName) {
        String camel = jsonName(fieldName);
        return camel.isEmpty() ? "Entry" : Character.toUpperCase(camel.charAt(0)) + camel.substring(1) + "Entry";
    }
}
