package io.tillstream.registry.model;

/** A version as a request names it: a number from 1, or {@code latest} (also written -1). */
public record SchemaVersion(int number) {

    private static final SchemaVersion LATEST = new SchemaVersion(-1);

    public static SchemaVersion latest() {
        return LATEST;
    }

    public boolean isLatest() {
        return number == -1;
    }

    public static SchemaVersion parse(String text) {
        if ("latest".equalsIgnoreCase(text)) {
            return LATEST;
        }
        try {
            int number = Integer.parseInt(text);
            if (number == -1 || number > 0) {
                return new SchemaVersion(number);
            }
        } catch (NumberFormatException e) {
            // answered below like any other value out of range
        }
        throw new RegistryException(ErrorCode.INVALID_VERSION, "The specified version '" + text
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }
}
