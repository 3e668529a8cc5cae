package io.tillstream.console.schemas;

/** A row of the subject list: the latest version and its ID, its type, and the level it is checked at. */
record SubjectSummary(String subject, int latestVersion, int id, String type, String compatibility,
                      boolean compatibilityInherited) {
}
